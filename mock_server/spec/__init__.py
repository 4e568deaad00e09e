"""Spec loading: read, validate and compile an OpenAPI 3.x document once.

:func:`load_spec` / :func:`compile_spec` turn a document into a :class:`Spec`: one
:class:`Operation` per operation with its parameters, request body, responses, security and
precompiled validators, so that serving a request never walks the document.
"""

from __future__ import annotations

import hashlib
import io
import json
import marshal
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mock_server.errors import SpecError
from mock_server.media import best_match
from mock_server.spec import _bodies
from mock_server.spec._bodies import BodyMedia, RequestBody
from mock_server.spec._schema import (
    SchemaStore,
    deref,
    escape,
    normalize_document,
    schema_types,
    without_required,
)

__all__ = [
    "BodyMedia",
    "Operation",
    "Parameter",
    "RequestBody",
    "Response",
    "ResponseHeader",
    "ResponseMedia",
    "SecurityScheme",
    "Spec",
    "compile_spec",
    "load_document",
    "load_spec",
]

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
ERROR_STYLES = ("error-key", "message-detail", "problem")
_IGNORED_HEADERS = frozenset({"accept", "content-type", "authorization"})


@dataclass(frozen=True, kw_only=True, slots=True)
class Parameter:
    """A path, query, header or cookie parameter, ready to coerce and validate."""

    name: str
    location: str
    required: bool
    style: str
    explode: bool
    types: frozenset[str]
    item_types: frozenset[str]
    json_content: bool
    validator: Any
    pointer: str = ""
    """Where the parameter's schema is in the document (``#/...``), if it has one."""
    default: tuple[Any, ...] = ()
    """The schema's ``default`` (one item), or empty."""
    compiled: Any = field(default=None, init=False, repr=False, compare=False)
    """How validation reads and coerces it, built there on first use (None before)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class SecurityScheme:
    """One security scheme: where its credential is and how it is presented."""

    name: str
    kind: str
    location: str
    parameter: str
    http_scheme: str = ""


@dataclass(frozen=True, kw_only=True, slots=True)
class ResponseMedia:
    """One media type of a declared response, with its examples and validator."""

    media_type: str
    essence: str
    pointer: str
    has_schema: bool
    example: tuple[Any, ...]
    examples: Mapping[str, Any]
    validator: Any


@dataclass(frozen=True, kw_only=True, slots=True)
class ResponseHeader:
    """A declared response header."""

    name: str
    required: bool
    pointer: str
    example: tuple[Any, ...]


@dataclass(frozen=True, kw_only=True, slots=True)
class Response:
    """A declared response (``key`` is ``"200"``, ``"4XX"`` or ``"default"``)."""

    key: str
    headers: tuple[ResponseHeader, ...]
    content: tuple[ResponseMedia, ...]
    required_headers: tuple[tuple[str, str], ...] = field(init=False, repr=False, compare=False)
    """``(lower-cased name, name)`` of each required header, for the self-check."""
    by_essence: Mapping[str, ResponseMedia] = field(init=False, repr=False, compare=False)
    """The first media of each bare media type, so an exact match is one lookup."""

    def __post_init__(self) -> None:
        required = tuple((h.name.lower(), h.name) for h in self.headers if h.required)
        by_essence: dict[str, ResponseMedia] = {}
        for media in self.content:
            by_essence.setdefault(media.essence, media)
        object.__setattr__(self, "required_headers", required)
        object.__setattr__(self, "by_essence", by_essence)

    def media_for(self, essence: str) -> ResponseMedia | None:
        """The declared media serving the bare ``essence`` (exact, ``type/*``, ``*/*``)."""
        found = self.by_essence.get(essence)
        if found is not None:
            return found
        return best_match(self.content, essence, key=lambda m: m.essence)


@dataclass(frozen=True, kw_only=True, slots=True)
class Operation:
    """Everything needed to serve one operation.

    Attributes:
        security: Alternatives (OR) of scheme sets (AND); empty means open.
        default_status: The status synthesized when nothing else is asked for.
        validation_status: The status of a request-validation failure (422, else 400).
        unsupported_media_status: The status for an undeclared request media type: 415
            when the operation declares it, else ``validation_status`` (vendors such as
            APIFlask treat a non-JSON body as an invalid JSON body).
        ignore_non_json_body: A body sent without a Content-Type, or with one the
            operation does not declare, counts as no body (root ``x-mock-non-json-body:
            ignore``; webargs reads only JSON). Only for operations whose every declared
            body is JSON.
    """

    operation_id: str
    method: str
    path: str
    parameters: tuple[Parameter, ...]
    request_body: RequestBody | None
    responses: Mapping[str, Response]
    security: tuple[tuple[SecurityScheme, ...], ...]
    default_status: int
    validation_status: int
    unsupported_media_status: int
    ignore_non_json_body: bool = False

    def response_for(self, status: int) -> Response | None:
        """The declared response for ``status``: exact, then ``4XX``-style, then default."""
        responses = self.responses
        return (
            responses.get(str(status))
            or responses.get(f"{status // 100}XX")
            or responses.get("default")
        )


@dataclass(frozen=True, kw_only=True)
class Spec:
    """A compiled OpenAPI document.

    Attributes:
        document: The document as loaded.
        title: ``info.title``.
        error_style: ``error-key``, ``message-detail`` or ``problem`` (``x-mock-error-style``).
        trailing_slash: ``strict`` or ``ignore`` (``x-mock-trailing-slash``).
        webhook_timeout: Seconds a webhook receiver has to answer, per attempt
            (``x-mock-webhook-timeout``; None: the sender's default).
        base_paths: Path prefixes of the ``servers`` URLs (e.g. ``/v3``), longest first.
        operations: Every operation, in document order.
        requests: Validators for request schemas (``readOnly`` never required).
        responses: Validators for response schemas (``writeOnly`` never required).
    """

    document: Mapping[str, Any]
    title: str
    error_style: str
    trailing_slash: str
    webhook_timeout: float | None
    base_paths: tuple[str, ...]
    operations: tuple[Operation, ...]
    security_schemes: Mapping[str, SecurityScheme]
    requests: SchemaStore = field(repr=False)
    responses: SchemaStore = field(repr=False)


def load_document(path: str | os.PathLike[str], *, cached: bool = False) -> dict[str, Any]:
    """Read a YAML or JSON OpenAPI document.

    Args:
        path: A YAML or JSON file.
        cached: Keep the parsed YAML in the user's cache directory, keyed by the text's
            hash (for the bundled specs: parsing and importing the YAML parser are a
            sixth of a launch). Any other document is parsed every time, so a cache
            never grows with the documents a test suite writes.

    Raises:
        SpecError: The file is missing, unreadable or not a mapping.
    """
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
        if source.suffix == ".json":
            data = json.loads(text)
        elif cached:
            data = _cached_yaml(text, source)
        else:
            data = _parse_yaml(text, source)
    except json.JSONDecodeError as exc:
        raise SpecError(f"{source}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise SpecError(f"cannot read OpenAPI document {str(source)!r}: {exc}") from exc
    if not isinstance(data, dict):
        raise SpecError(f"{str(source)!r} is not an OpenAPI document (not a mapping)")
    return data


def _parse_yaml(text: str, source: Path) -> Any:
    import yaml  # here: a launch that finds its parsed spec in the cache does without

    # libyaml's loader is ~10x faster than the pure-Python one; both are "safe".
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    stream = io.StringIO(text)
    stream.name = str(source)  # so a syntax error names the file, not "<unicode string>"
    try:
        return yaml.load(stream, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else str(source)
        raise SpecError(f"{where}: invalid YAML: {exc.problem}") from exc
    except yaml.YAMLError as exc:
        raise SpecError(f"cannot read OpenAPI document {str(source)!r}: {exc}") from exc


# Bumped when what is cached changes; the interpreter's version is in the key too
# (marshal's format is the interpreter's).
_CACHE_FORMAT = "1"


def _cached_yaml(text: str, source: Path) -> Any:
    """The parsed YAML ``text``, from the cache when it was parsed before.

    The cache holds ``marshal``'s encoding of the plain data the safe loader builds (as
    ``__pycache__`` holds marshalled code), one file per text hash, written whole or
    not at all; a file that cannot be read or written is parsed as if uncached.
    """
    salt = f"{_CACHE_FORMAT}\0{sys.version}\0".encode()
    key = hashlib.sha256(salt + text.encode()).hexdigest()
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    entry = Path(home, "mock-server", "specs", f"{key}.marshal")
    try:
        return marshal.loads(entry.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = _parse_yaml(text, source)
    try:
        encoded = marshal.dumps(data)  # ValueError for a YAML date: then not cached
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
        partial.write_bytes(encoded)
        partial.replace(entry)  # atomic: a reader sees the whole file or none
    except (OSError, ValueError):
        pass
    return data


def load_spec(path: str | os.PathLike[str], *, validate: bool = True, cached: bool = False) -> Spec:
    """Read, validate and compile the OpenAPI document at ``path``.

    Args:
        path: A YAML or JSON file.
        validate: Check the document with openapi-spec-validator first. Only the bundled
            specs skip it: this project's own tests validate them, and the validator
            costs about half of a cold start.
        cached: Keep the parsed document in the user's cache (see :func:`load_document`).

    Raises:
        SpecError: The document cannot be read, is invalid, or uses something unsupported.
    """
    document = load_document(path, cached=cached)
    try:
        return compile_spec(document, validate=validate)
    except SpecError as exc:
        raise SpecError(f"{path}: {exc}") from exc


def compile_spec(document: Mapping[str, Any], *, validate: bool = True) -> Spec:
    """Validate ``document`` with openapi-spec-validator (unless told not to) and compile it.

    Raises:
        SpecError: The document is invalid or uses something unsupported.
    """
    _validate(document, full=validate)
    normalized = normalize_document(document)
    requests = SchemaStore(without_required(normalized, "readOnly"), name="request")
    responses = SchemaStore(without_required(normalized, "writeOnly"), name="response")
    schemes = _security_schemes(normalized)
    compiler = _Compiler(normalized, requests, responses, schemes)
    operations = tuple(compiler.operations())
    return Spec(
        document=document,
        title=str(document.get("info", {}).get("title", "")),
        error_style=_choice(document, "x-mock-error-style", ERROR_STYLES, "problem"),
        trailing_slash=_choice(document, "x-mock-trailing-slash", ("strict", "ignore"), "strict"),
        webhook_timeout=_seconds(document, "x-mock-webhook-timeout"),
        base_paths=_base_paths(document),
        operations=operations,
        security_schemes=schemes,
        requests=requests,
        responses=responses,
    )


def _validate(document: Mapping[str, Any], *, full: bool) -> None:
    version = str(document.get("openapi", ""))
    if not version.startswith(("3.0.", "3.1.")):
        raise SpecError(f"only OpenAPI 3.0 and 3.1 are supported, got openapi={version!r}")
    _refuse_remote_refs(document)
    _refuse_dangling_refs(document, document, "")
    if not full:
        return
    # Imported on use: the validator and its dependencies take ~0.5 s to import.
    from openapi_spec_validator import validate as validate_openapi

    try:
        validate_openapi(dict(document))
    except Exception as exc:  # the validator raises several unrelated types
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        first = first.split(" within {", 1)[0]  # the validator quotes the whole document
        parts = getattr(exc, "absolute_path", None) or getattr(exc, "path", None) or ()
        pointer = "".join(f"/{_escape_pointer(str(part))}" for part in parts)
        at = f" at {pointer}" if pointer else ""
        raise SpecError(f"invalid OpenAPI document{at}: {_shorten(first)}") from exc


def _escape_pointer(part: str) -> str:
    return part.replace("~", "~0").replace("/", "~1")


def _shorten(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _refuse_dangling_refs(document: Mapping[str, Any], node: Any, pointer: str) -> None:
    """Name the first local ``$ref`` that points at nothing, by where it is."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            _refuse_dangling_refs(document, item, f"{pointer}/{index}")
        return
    if not isinstance(node, dict):
        return
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#"):
        target: Any = document
        for part in ref[1:].split("/")[1:]:
            key = part.replace("~1", "/").replace("~0", "~")
            if isinstance(target, dict) and key in target:
                target = target[key]
            elif isinstance(target, list) and key.isdigit() and int(key) < len(target):
                target = target[int(key)]
            else:
                raise SpecError(f"{pointer or '/'}: $ref {ref!r} points at nothing")
    for key, value in node.items():
        if key not in ("example", "value", "default", "const", "enum"):
            _refuse_dangling_refs(document, value, f"{pointer}/{_escape_pointer(str(key))}")


def _refuse_remote_refs(node: Any) -> None:
    """Refuse non-local ``$ref``s before the validator tries to fetch them."""
    if isinstance(node, list):
        for item in node:
            _refuse_remote_refs(item)
    elif isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and not ref.startswith("#"):
            raise SpecError(f"only local $refs are supported, got {ref!r}")
        for key, value in node.items():
            if key not in ("example", "value", "default", "const", "enum"):
                _refuse_remote_refs(value)


def _seconds(document: Mapping[str, Any], key: str) -> float | None:
    value = document.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value <= 300:
        raise SpecError(f"{key} must be a number of seconds in (0, 300], not {value!r}")
    return float(value)


def _choice(document: Mapping[str, Any], key: str, allowed: tuple[str, ...], default: str) -> str:
    value = document.get(key, default)
    if value not in allowed:
        raise SpecError(f"{key} must be one of {', '.join(allowed)}; got {value!r}")
    return str(value)


def _base_paths(document: Mapping[str, Any]) -> tuple[str, ...]:
    found: set[str] = set()
    for server in document.get("servers") or ():
        url = str(server.get("url", ""))
        path = url.split("://", 1)[1] if "://" in url else url
        path = "/" + path.split("/", 1)[1] if "/" in path else ""
        path = path.rstrip("/")
        if path and "{" not in path:
            found.add(path)
    return tuple(sorted(found, key=len, reverse=True))


def _security_schemes(document: Mapping[str, Any]) -> dict[str, SecurityScheme]:
    declared = document.get("components", {}).get("securitySchemes", {})
    result: dict[str, SecurityScheme] = {}
    for name, raw in declared.items():
        scheme, _ = deref(document, raw, "")
        kind = str(scheme.get("type", ""))
        if kind == "apiKey":
            location, parameter = str(scheme.get("in", "header")), str(scheme.get("name", ""))
        else:
            location, parameter = "header", "authorization"
        if location == "header":
            parameter = parameter.lower()
        http = str(scheme.get("scheme", "bearer")).lower() if kind == "http" else "bearer"
        result[name] = SecurityScheme(
            name=name, kind=kind, location=location, parameter=parameter, http_scheme=http
        )
    return result


class _Compiler:
    """Walks the document once and builds the operations."""

    def __init__(
        self,
        document: dict[str, Any],
        requests: SchemaStore,
        responses: SchemaStore,
        schemes: Mapping[str, SecurityScheme],
    ) -> None:
        self.document = document
        self.requests = requests
        self.responses = responses
        self.schemes = schemes
        self.seen_ids: set[str] = set()
        choice = _choice(document, "x-mock-non-json-body", ("refuse", "ignore"), "refuse")
        self.ignore_non_json = choice == "ignore"

    def operations(self) -> list[Operation]:
        result = []
        for path, raw_item in (self.document.get("paths") or {}).items():
            item, item_ptr = deref(self.document, raw_item, f"#/paths/{escape(path)}")
            shared = self._parameter_refs(item.get("parameters"), f"{item_ptr}/parameters")
            for method in METHODS:
                if isinstance(item.get(method), dict):
                    result.append(
                        self._operation(path, method, item[method], f"{item_ptr}/{method}", shared)
                    )
        return result

    def _operation(
        self,
        path: str,
        method: str,
        raw: dict[str, Any],
        pointer: str,
        shared: dict[tuple[str, str], tuple[dict[str, Any], str]],
    ) -> Operation:
        operation_id = str(raw.get("operationId") or _default_id(method, path))
        if operation_id in self.seen_ids:
            raise SpecError(f"duplicate operationId {operation_id!r}")
        self.seen_ids.add(operation_id)
        params = {**shared, **self._parameter_refs(raw.get("parameters"), f"{pointer}/parameters")}
        responses = {
            str(key): self._response(str(key), value, f"{pointer}/responses/{escape(str(key))}")
            for key, value in (raw.get("responses") or {}).items()
        }
        validation_status = 422 if "422" in responses else 400
        body = None
        if "requestBody" in raw:
            body = _bodies.compile_body(self.requests, raw["requestBody"], f"{pointer}/requestBody")
        return Operation(
            operation_id=operation_id,
            method=method.upper(),
            path=path,
            parameters=tuple(self._parameter(p, ptr) for p, ptr in params.values()),
            request_body=body,
            responses=responses,
            security=self._security(raw.get("security", self.document.get("security"))),
            default_status=_default_status(responses),
            validation_status=validation_status,
            unsupported_media_status=415 if "415" in responses else validation_status,
            ignore_non_json_body=self.ignore_non_json
            and body is not None
            and all(media.kind == "json" for media in body.media),
        )

    def _parameter_refs(
        self, raw: Any, pointer: str
    ) -> dict[tuple[str, str], tuple[dict[str, Any], str]]:
        found = {}
        for index, item in enumerate(raw or ()):
            param, ptr = deref(self.document, item, f"{pointer}/{index}")
            location = str(param.get("in"))
            if location == "header" and str(param.get("name", "")).lower() in _IGNORED_HEADERS:
                continue  # OpenAPI: these header parameters are ignored
            found[(str(param.get("name")), location)] = (param, ptr)
        return found

    def _parameter(self, param: dict[str, Any], pointer: str) -> Parameter:
        location = str(param["in"])
        schema_ptr, json_content = f"{pointer}/schema", False
        if "schema" not in param and isinstance(param.get("content"), dict) and param["content"]:
            media = next(iter(param["content"]))
            schema_ptr, json_content = f"{pointer}/content/{escape(media)}/schema", True
        schema = self.requests.node(schema_ptr)
        types = schema_types(self.requests.document, schema)
        items = schema.get("items") if isinstance(schema, dict) else None
        default_style = {"query": "form", "cookie": "form"}.get(location, "simple")
        style = str(param.get("style", default_style))
        name = str(param["name"])
        return Parameter(
            name=name.lower() if location == "header" else name,
            location=location,
            required=bool(param.get("required", location == "path")),
            style=style,
            explode=bool(param.get("explode", style == "form")),
            types=types,
            item_types=schema_types(self.requests.document, items),
            json_content=json_content,
            validator=self.requests.validator(schema_ptr) if schema is not None else None,
            pointer=schema_ptr if schema is not None else "",
            default=(schema["default"],)
            if isinstance(schema, dict) and "default" in schema
            else (),
        )

    def _response(self, key: str, raw: Any, pointer: str) -> Response:
        response, pointer = deref(self.document, raw, pointer)
        headers = []
        for name, header_raw in (response.get("headers") or {}).items():
            header, header_ptr = deref(
                self.document, header_raw, f"{pointer}/headers/{escape(name)}"
            )
            if name.lower() == "content-type":
                continue
            headers.append(
                ResponseHeader(
                    name=name,
                    required=bool(header.get("required", False)),
                    pointer=f"{header_ptr}/schema" if "schema" in header else "",
                    example=self._example(header),
                )
            )
        content = tuple(
            self._media(media_type, media, f"{pointer}/content/{escape(media_type)}")
            for media_type, media in (response.get("content") or {}).items()
        )
        return Response(key=key, headers=tuple(headers), content=content)

    def _media(self, media_type: str, raw: Any, pointer: str) -> ResponseMedia:
        media, pointer = deref(self.document, raw, pointer)
        has_schema = isinstance(media.get("schema"), dict | bool)
        examples = {}
        for name, example_raw in (media.get("examples") or {}).items():
            example, _ = deref(self.document, example_raw, "")
            if isinstance(example, dict) and "value" in example:
                examples[str(name)] = example["value"]
        schema_ptr = f"{pointer}/schema"
        return ResponseMedia(
            media_type=media_type,
            essence=media_type.split(";", 1)[0].strip().lower(),
            pointer=schema_ptr if has_schema else "",
            has_schema=has_schema,
            example=(media["example"],) if "example" in media else (),
            examples=examples,
            validator=self.responses.validator(schema_ptr) if has_schema else None,
        )

    def _example(self, node: Mapping[str, Any]) -> tuple[Any, ...]:
        if "example" in node:
            return (node["example"],)
        for example_raw in (node.get("examples") or {}).values():
            example, _ = deref(self.document, example_raw, "")
            if isinstance(example, dict) and "value" in example:
                return (example["value"],)
        return ()

    def _security(self, raw: Any) -> tuple[tuple[SecurityScheme, ...], ...]:
        alternatives = []
        for requirement in raw or ():
            try:
                alternatives.append(tuple(self.schemes[name] for name in requirement))
            except KeyError as exc:
                raise SpecError(f"security requirement names unknown scheme {exc}") from None
        if any(not alternative for alternative in alternatives):
            return ()  # an empty requirement ({}) makes the operation open
        return tuple(alternatives)


def _default_id(method: str, path: str) -> str:
    words = "".join(c if c.isalnum() else "_" for c in path).strip("_")
    return f"{method}_{'_'.join(w for w in words.split('_') if w)}"


def _default_status(responses: Mapping[str, Response]) -> int:
    """STYLE §8: 200, then 201, then the first declared 2xx."""
    success = [int(k) for k in responses if k.isdigit() and 200 <= int(k) < 300]
    for preferred in (200, 201):
        if preferred in success:
            return preferred
    if success:
        return success[0]
    if "2XX" in responses or "default" in responses:
        return 200
    codes = [int(k) for k in responses if k.isdigit()]
    return codes[0] if codes else 200
