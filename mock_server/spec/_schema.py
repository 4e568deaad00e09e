"""JSON Schema plumbing: OpenAPI schema normalization, local $refs, compiled validators.

Every schema of a document is validated through one ``jsonschema_rs`` registry holding the
whole (normalized) document, so ``#/components/...`` references resolve without inlining
and recursive schemas need no special care.
"""

from __future__ import annotations

import copy
import itertools
import weakref
from collections.abc import Callable, Iterator, Mapping
from typing import Any
from urllib.parse import quote, unquote

import jsonschema_rs

from mock_server.errors import SpecError

_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_SCHEMA_VALUES = (
    "items",
    "additionalProperties",
    "additionalItems",
    "contains",
    "propertyNames",
    "not",
    "if",
    "then",
    "else",
    "unevaluatedItems",
    "unevaluatedProperties",
    "contentSchema",
)
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems", "items")
# OpenAPI members whose values are data or expressions, never schemas to normalize.
_OPENAPI_OPAQUE = frozenset({"example", "examples", "links", "default", "enum", "const"})

Schema = dict[str, Any] | bool
SchemaVisitor = Callable[[dict[str, Any]], None]


def subschemas(schema: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """Yield the direct subschemas (dicts) of ``schema``."""
    for key in _SCHEMA_MAPS:
        value = schema.get(key)
        if isinstance(value, dict):
            yield from (v for v in value.values() if isinstance(v, dict))
    for key in _SCHEMA_VALUES:
        value = schema.get(key)
        if isinstance(value, dict):
            yield value
    for key in _SCHEMA_LISTS:
        value = schema.get(key)
        if isinstance(value, list):
            yield from (v for v in value if isinstance(v, dict))


def walk_schema(schema: dict[str, Any], visit: SchemaVisitor) -> None:
    """Call ``visit`` on every schema node of ``schema``, children before parents."""
    for child in list(subschemas(schema)):
        walk_schema(child, visit)
    visit(schema)


def document_schemas(node: Any, *, parent_key: str = "") -> Iterator[dict[str, Any]]:
    """Yield every top-level schema object of an OpenAPI document (or part of one)."""
    if isinstance(node, list):
        for item in node:
            yield from document_schemas(item)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key in _OPENAPI_OPAQUE or key.startswith("x-"):
            continue
        if key == "schema" and isinstance(value, dict):
            yield value
        elif key == "schemas" and parent_key == "components" and isinstance(value, dict):
            yield from (v for v in value.values() if isinstance(v, dict))
        else:
            yield from document_schemas(value, parent_key=key)


def _normalize_node(schema: dict[str, Any]) -> None:
    """Rewrite OpenAPI 3.0 idioms (``nullable``, boolean exclusive bounds) as 2020-12."""
    for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
        flag = schema.get(exclusive)
        if isinstance(flag, bool):
            del schema[exclusive]
            if flag and bound in schema:
                schema[exclusive] = schema.pop(bound)
    if not schema.pop("nullable", False):
        return
    kind = schema.get("type")
    if "$ref" in schema or (kind is None and "enum" not in schema):
        rest = dict(schema)
        schema.clear()
        schema["anyOf"] = [rest, {"type": "null"}]
        return
    if isinstance(kind, str):
        schema["type"] = [kind, "null"]
    elif isinstance(kind, list) and "null" not in kind:
        schema["type"] = [*kind, "null"]
    enum = schema.get("enum")
    if isinstance(enum, list) and None not in enum:
        schema["enum"] = [*enum, None]


def normalize_document(document: Mapping[str, Any]) -> dict[str, Any]:
    """Return a deep copy of ``document`` whose schemas are plain JSON Schema 2020-12."""
    result: dict[str, Any] = copy.deepcopy(dict(document))
    for schema in list(document_schemas(result)):
        walk_schema(schema, _normalize_node)
    return result


def without_required(document: Mapping[str, Any], flag: str) -> dict[str, Any]:
    """Return a copy of ``document`` where properties marked ``flag`` are never required.

    OpenAPI: a required ``readOnly`` property applies to responses only, a required
    ``writeOnly`` one to requests only.
    """
    result: dict[str, Any] = copy.deepcopy(dict(document))

    def visit(schema: dict[str, Any]) -> None:
        required, properties = schema.get("required"), schema.get("properties")
        if not isinstance(required, list) or not isinstance(properties, dict):
            return
        schema["required"] = [
            name for name in required if not _has_flag(result, properties.get(name), flag)
        ]

    for schema in list(document_schemas(result)):
        walk_schema(schema, visit)
    return result


def _has_flag(document: Mapping[str, Any], schema: Any, flag: str) -> bool:
    if not isinstance(schema, dict):
        return False
    if schema.get(flag) is True:
        return True
    if "$ref" in schema:
        target, _ = deref(document, schema, "")
        return isinstance(target, dict) and target.get(flag) is True
    return False


def resolve_pointer(document: Mapping[str, Any], pointer: str) -> Any:
    """Return the node at a local reference such as ``#/components/schemas/Pet``.

    Raises:
        SpecError: The reference is not local or points nowhere.
    """
    if not pointer.startswith("#"):
        raise SpecError(f"only local $refs are supported, got {pointer!r}")
    node: Any = document
    for raw in pointer[1:].split("/")[1:]:
        part = unquote(raw).replace("~1", "/").replace("~0", "~")
        try:
            node = node[int(part)] if isinstance(node, list) else node[part]
        except (KeyError, IndexError, ValueError, TypeError):
            raise SpecError(f"unresolvable $ref {pointer!r}") from None
    return node


def deref(document: Mapping[str, Any], node: Any, pointer: str) -> tuple[Any, str]:
    """Follow ``$ref`` chains from ``node`` (found at ``pointer``); return target and pointer.

    Raises:
        SpecError: A reference is not local, dangles or loops.
    """
    seen: set[str] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        pointer = node["$ref"]
        if pointer in seen:
            raise SpecError(f"circular $ref {pointer!r}")
        seen.add(pointer)
        node = resolve_pointer(document, pointer)
    return node, pointer


def escape(token: str) -> str:
    """Escape one JSON-pointer token."""
    return token.replace("~", "~0").replace("/", "~1")


_STORES: weakref.WeakValueDictionary[str, SchemaStore] = weakref.WeakValueDictionary()
_SERIAL = itertools.count(1)


def keyword_parent(location: str | None) -> Mapping[str, Any] | None:
    """The schema holding the keyword at an absolute keyword location, if known.

    ``location`` is a validation error's ``absolute_keyword_location``, e.g.
    ``urn:mock-server:3:request#/components/schemas/Page/properties/size/maximum``.
    """
    uri, _, fragment = (location or "").partition("#")
    store = _STORES.get(uri)
    if store is None or "/" not in fragment:
        return None
    parent = store.node("#" + fragment.rsplit("/", 1)[0])
    return parent if isinstance(parent, dict) else None


def _no_retrieval(uri: str) -> Any:
    raise SpecError(f"only local $refs are supported, got {uri!r}")


class SchemaStore:
    """Compiled validators for the schemas of one normalized document.

    Args:
        document: A normalized OpenAPI document (see :func:`normalize_document`).
        name: Names the store in its base URI, which is unique per store.
    """

    def __init__(self, document: dict[str, Any], *, name: str) -> None:
        self.document = document
        self.uri = f"urn:mock-server:{next(_SERIAL)}:{name}"
        _STORES[self.uri] = self
        self._registry = jsonschema_rs.Registry(
            [(self.uri, document)], draft=jsonschema_rs.Draft202012, retriever=_no_retrieval
        )
        self._cache: dict[str, jsonschema_rs.Validator] = {}

    def ref(self, pointer: str) -> dict[str, Any]:
        """A schema that refers to the node at ``pointer`` of this store's document."""
        return {"$ref": self.uri + quote(pointer, safe="/#~")}

    def node(self, pointer: str) -> Any:
        """The node at ``pointer`` of this store's document, or None."""
        try:
            return resolve_pointer(self.document, pointer)
        except SpecError:
            return None

    def validator(self, pointer: str) -> jsonschema_rs.Validator:
        """The compiled validator of the schema at ``pointer`` (cached).

        Raises:
            SpecError: The schema cannot be compiled (bad pattern, dangling $ref...).
        """
        found = self._cache.get(pointer)
        if found is None:
            found = self._cache[pointer] = self.compile(self.ref(pointer), where=pointer)
        return found

    def compile(self, schema: Schema, *, where: str) -> jsonschema_rs.Validator:
        """Compile ``schema``; ``$ref``s may point into the document through ``self.uri``.

        Raises:
            SpecError: The schema cannot be compiled.
        """
        try:
            return jsonschema_rs.Draft202012Validator(
                schema,
                validate_formats=True,
                registry=self._registry,
                retriever=_no_retrieval,
            )
        except (ValueError, jsonschema_rs.ReferencingError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise SpecError(f"cannot compile the schema at {where}: {first}") from exc


def schema_types(document: Mapping[str, Any], schema: Any, *, depth: int = 0) -> frozenset[str]:
    """The JSON types a schema admits (empty when it does not say), looking through refs."""
    if depth > 8 or not isinstance(schema, dict):
        return frozenset()
    schema, _ = deref(document, schema, "")
    if not isinstance(schema, dict):
        return frozenset()
    kind = schema.get("type")
    if isinstance(kind, str):
        return frozenset({kind})
    if isinstance(kind, list):
        return frozenset(k for k in kind if isinstance(k, str))
    values = schema["enum"] if isinstance(schema.get("enum"), list) else None
    if "const" in schema:
        values = [schema["const"]]
    if values is not None:
        return frozenset(json_type(v) for v in values)
    found: frozenset[str] = frozenset()
    for key in ("allOf", "anyOf", "oneOf"):
        for member in schema.get(key) or ():
            found |= schema_types(document, member, depth=depth + 1)
    if not found and ("properties" in schema or "additionalProperties" in schema):
        found = frozenset({"object"})
    if not found and ("items" in schema or "prefixItems" in schema):
        found = frozenset({"array"})
    return found


def json_type(value: Any) -> str:
    """The JSON Schema type name of a Python JSON value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"
