"""Request bodies compiled once: media types, JSON validators and form/multipart parts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mock_server.media import best_match, is_json
from mock_server.spec._schema import SchemaStore, deref, escape, schema_types

_SIZE_IN_TEXT = re.compile(
    r"(?:at most|max(?:imum)?|up to|limit(?: of)?|no (?:more|larger) than)\s*:?\s*"
    r"(\d+(?:[.,]\d+)?)\s*(bytes|b|kb|kib|mb|mib|gb|gib)\b",
    re.IGNORECASE,
)
_UNITS = {"b": 1, "bytes": 1, "kb": 1024, "kib": 1024, "mb": 1024**2, "mib": 1024**2}
_UNITS |= {"gb": 1024**3, "gib": 1024**3}


@dataclass(frozen=True, kw_only=True, slots=True)
class FormField:
    """A text part of a form body."""

    name: str
    types: frozenset[str]
    item_types: frozenset[str]
    multiple: bool
    json: bool


@dataclass(frozen=True, kw_only=True, slots=True)
class FilePart:
    """A file part of a multipart body."""

    name: str
    multiple: bool
    content_types: tuple[str, ...]
    max_bytes: int | None


@dataclass(frozen=True, kw_only=True, slots=True)
class BodyMedia:
    """One declared media type of a request body.

    Attributes:
        kind: ``json``, ``form`` (url-encoded), ``multipart``, ``text`` or ``binary``.
        pointer: Where the body schema is in the document (``#/...``), if declared.
        validator: Validates the decoded body (for forms: the text parts, file parts
            accepted as any value), or None.
    """

    media_type: str
    kind: str
    validator: Any
    pointer: str = ""
    fields: Mapping[str, FormField] = field(default_factory=dict)
    files: Mapping[str, FilePart] = field(default_factory=dict)
    required: frozenset[str] = frozenset()


@dataclass(frozen=True, kw_only=True, slots=True)
class RequestBody:
    """A declared request body."""

    required: bool
    media: tuple[BodyMedia, ...]
    by_type: Mapping[str, BodyMedia] = field(init=False, repr=False, compare=False)
    """The first media of each declared type, so an exact match is one lookup."""

    def __post_init__(self) -> None:
        by_type: dict[str, BodyMedia] = {}
        for media in self.media:
            by_type.setdefault(media.media_type, media)
        object.__setattr__(self, "by_type", by_type)

    def match(self, content_type: str) -> BodyMedia | None:
        """The declared media type serving ``content_type`` (no parameters, lower case).

        Exact types win over ``type/*``, which win over ``*/*``.
        """
        found = self.by_type.get(content_type)
        if found is not None:
            return found
        return best_match(self.media, content_type, key=lambda media: media.media_type)

    @property
    def media_types(self) -> tuple[str, ...]:
        """The declared media types, in document order."""
        return tuple(media.media_type for media in self.media)


def compile_body(store: SchemaStore, raw: Any, pointer: str) -> RequestBody:
    """Compile a Request Body object found at ``pointer``."""
    body, pointer = deref(store.document, raw, pointer)
    media = []
    for media_type, media_raw in (body.get("content") or {}).items():
        media_ptr = f"{pointer}/content/{escape(media_type)}"
        declared, media_ptr = deref(store.document, media_raw, media_ptr)
        media.append(_compile_media(store, media_type, declared, media_ptr))
    return RequestBody(required=bool(body.get("required", False)), media=tuple(media))


def _kind(essence: str) -> str:
    if is_json(essence):
        return "json"
    if essence == "application/x-www-form-urlencoded":
        return "form"
    if essence.startswith("multipart/"):
        return "multipart"
    return "text" if essence.startswith("text/") else "binary"


def _compile_media(
    store: SchemaStore, media_type: str, media: Mapping[str, Any], pointer: str
) -> BodyMedia:
    essence = media_type.split(";", 1)[0].strip().lower()
    kind = _kind(essence)
    has_schema = "schema" in media
    schema_ptr = f"{pointer}/schema"
    if kind in ("form", "multipart") and has_schema:
        return _compile_form(store, essence, kind, schema_ptr, media.get("encoding") or {})
    validator = store.validator(schema_ptr) if has_schema and kind in ("json", "text") else None
    pointer = schema_ptr if has_schema else ""
    return BodyMedia(media_type=essence, kind=kind, validator=validator, pointer=pointer)


def _members(
    store: SchemaStore, schema: Any, pointer: str, depth: int = 0
) -> list[tuple[dict[str, Any], str]]:
    """The object schemas whose properties make up a form: the schema and its allOf parts."""
    schema, pointer = deref(store.document, schema, pointer)
    if not isinstance(schema, dict) or depth > 8:
        return []
    found = [(schema, pointer)]
    for index, member in enumerate(schema.get("allOf") or ()):
        found += _members(store, member, f"{pointer}/allOf/{index}", depth + 1)
    return found


def _compile_form(
    store: SchemaStore, essence: str, kind: str, pointer: str, encoding: Mapping[str, Any]
) -> BodyMedia:
    members = _members(store, store.node(pointer), pointer)
    properties: dict[str, Any] = {}
    required: set[str] = set()
    fields: dict[str, FormField] = {}
    files: dict[str, FilePart] = {}
    for member, member_ptr in members:
        required.update(str(name) for name in member.get("required") or ())
        for name, prop in (member.get("properties") or {}).items():
            prop_ptr = f"{member_ptr}/properties/{escape(name)}"
            part = (
                _file_part(store, name, prop, encoding.get(name) or {})
                if kind == "multipart"
                else None
            )
            if part is not None:
                files[name] = part
                properties[name] = True
            else:
                fields[name] = _form_field(store, name, prop, encoding.get(name) or {})
                properties[name] = store.ref(prop_ptr)
    # File parts are checked by hand (presence, type, size), so the schema skips them.
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": sorted(required - set(files)),
    }
    root = members[0][0] if members else {}
    if isinstance(root.get("additionalProperties"), bool):
        schema["additionalProperties"] = root["additionalProperties"]
    elif isinstance(root.get("additionalProperties"), dict):
        schema["additionalProperties"] = store.ref(f"{members[0][1]}/additionalProperties")
    return BodyMedia(
        media_type=essence,
        kind=kind,
        pointer=pointer,
        validator=store.compile(schema, where=pointer),
        fields=fields,
        files=files,
        required=frozenset(required),
    )


def _is_file(schema: Any) -> bool:
    return isinstance(schema, dict) and (
        schema.get("format") == "binary" or "contentMediaType" in schema
    )


def _file_part(
    store: SchemaStore, name: str, prop: Any, encoding: Mapping[str, Any]
) -> FilePart | None:
    schema, _ = deref(store.document, prop, "")
    multiple = False
    if isinstance(schema, dict) and schema_types(store.document, schema) == {"array"}:
        items, _ = deref(store.document, schema.get("items"), "")
        multiple, schema = True, items
    if not _is_file(schema):
        return None
    declared = str(encoding.get("contentType") or schema.get("contentMediaType") or "")
    types = tuple(t.strip().lower() for t in declared.split(",") if t.strip())
    return FilePart(name=name, multiple=multiple, content_types=types, max_bytes=_max_bytes(schema))


def _max_bytes(schema: Mapping[str, Any]) -> int | None:
    if isinstance(schema.get("maxLength"), int):
        return int(schema["maxLength"])
    found = _SIZE_IN_TEXT.search(str(schema.get("description", "")))
    if found is None:
        return None
    number = float(found.group(1).replace(",", "."))
    return int(number * _UNITS[found.group(2).lower()])


def _form_field(store: SchemaStore, name: str, prop: Any, encoding: Mapping[str, Any]) -> FormField:
    schema, _ = deref(store.document, prop, "")
    types = schema_types(store.document, schema)
    items = schema.get("items") if isinstance(schema, dict) else None
    content_type = str(encoding.get("contentType", "")).split(";", 1)[0].strip().lower()
    return FormField(
        name=name,
        types=types,
        item_types=schema_types(store.document, items),
        multiple="array" in types,
        json=is_json(content_type) or ("object" in types and "string" not in types),
    )
