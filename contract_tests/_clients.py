"""The generated clients, seen from the spec: endpoint modules, models, call arguments."""

from __future__ import annotations

import asyncio
import enum
import importlib
import re
import types
import typing
from collections.abc import Mapping
from typing import Any

import httpx

from contract_tests._specs import SpecOperation, pointer, resolve

_SCHEMA_REF = "#/components/schemas/"


class ClientShapeError(Exception):
    """The generated client has no counterpart for something the spec declares."""


def package(api: str) -> str:
    """The generated client package of ``api`` (``aihomedesign-v3``: ``aihomedesign_v3_client``)."""
    return f"{api.replace('-', '_')}_client"


def _module_name(tag: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", tag.lower()).strip("_")


def endpoint(api: str, op: SpecOperation) -> types.ModuleType:
    """The generated module of ``op`` (``<package>.api.<tag>.<operationId>``).

    Raises:
        ClientShapeError: The client has no such module (the spec and client drifted).
    """
    name = f"{package(api)}.api.{_module_name(op.tag)}.{op.operation_id}"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        raise ClientShapeError(f"no generated module {name} for {op.label}") from exc


def model_class(api: str, schema_name: str) -> Any:
    """The generated class of component schema ``schema_name`` (names are PascalCased).

    Raises:
        ClientShapeError: The client has no model for it.
    """
    models = importlib.import_module(f"{package(api)}.models")
    wanted = re.sub(r"[^a-z0-9]", "", schema_name.lower())
    for name in models.__all__:
        if name.lower() == wanted:
            return getattr(models, name)
    raise ClientShapeError(f"no generated model for schema {schema_name!r}")


def enum_drift(api: str, document: Mapping[str, Any], name: str) -> tuple[set[Any], set[Any]]:
    """For enum schema ``name``: values only the spec has, values only the client has.

    Raises:
        ClientShapeError: The client has no Enum for it.
    """
    generated = model_class(api, name)
    if not (isinstance(generated, type) and issubclass(generated, enum.Enum)):
        raise ClientShapeError(f"{name} is generated as {generated!r}, not an Enum")
    spec_values = set(document["components"]["schemas"][name]["enum"])
    client_values = {member.value for member in generated}
    return spec_values - client_values, client_values - spec_values


def file_type(api: str) -> Any:
    """The client's ``File`` (binary bodies)."""
    return importlib.import_module(f"{package(api)}.types").File


def client_class(api: str) -> Any:
    """The client's ``AuthenticatedClient``."""
    return importlib.import_module(f"{package(api)}.client").AuthenticatedClient


def make_client(
    api: str, *, base_url: str, key: str, transport: httpx.BaseTransport | None = None
) -> Any:
    """An ``AuthenticatedClient`` sending ``key`` in ``x-api-key``, as the README says."""
    args: dict[str, Any] = {"transport": transport} if transport is not None else {}
    return client_class(api)(
        base_url=base_url,
        token=key,
        prefix="",
        auth_header_name="x-api-key",
        raise_on_unexpected_status=True,
        # Only plain HTTP to local servers or in-process transports: no CA bundle to
        # load, which makes a client some 20x cheaper to build.
        verify_ssl=False,
        httpx_args=args,
    )


def json_media(content: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]] | None:
    """The JSON media type of a content map, if any."""
    for media_type, media in content.items():
        essence = media_type.split(";", 1)[0].strip().lower()
        if essence == "application/json" or essence.endswith("+json"):
            return media_type, media
    return None


def response_schema(
    document: Mapping[str, Any], op: SpecOperation, status: str
) -> Mapping[str, Any] | None:
    """The raw (``$ref``-keeping) JSON schema of ``op``'s ``status`` response, if JSON."""
    raw = op.raw_responses[status]
    while "$ref" in raw:
        raw = resolve_one(document, raw["$ref"])
    found = json_media(raw.get("content", {}))
    return None if found is None else found[1].get("schema")


def resolve_one(document: Mapping[str, Any], ref: str) -> Any:
    """The target of one local ``$ref`` (not resolved further)."""
    return pointer(document, ref)


def expected_parsed_type(document: Mapping[str, Any], op: SpecOperation, status: str) -> Any:
    """What the client must parse a ``status`` answer into: a model class, ``File``, or None."""
    schema = response_schema(document, op, status)
    content = resolve(document, op.raw_responses[status]).get("content", {})
    # The generator parses a response by its first media type: a binary first (an image
    # download that may also answer JSON for older API versions) parses as File.
    if content and "json" not in next(iter(content)):
        return file_type(op.api)
    if schema is not None:
        ref = schema.get("$ref", "")
        if ref.startswith(_SCHEMA_REF):
            return model_class(op.api, ref.removeprefix(_SCHEMA_REF))
        raise ClientShapeError(f"{op.label} {status}: inline JSON schema, no model to expect")
    if content:
        return file_type(op.api)  # binary media types (image downloads)
    return None


def assert_parsed(parsed: Any, expected: Any, status: object) -> None:
    """Fail unless the client parsed a ``status`` answer into ``expected`` (None: no body)."""
    if expected is None:
        assert parsed is None, f"{status}: expected no body, parsed {parsed!r}"
    else:
        assert isinstance(parsed, expected), f"{status}: parsed {type(parsed)}, not {expected}"


def _normalize(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def arguments(api: str, op: SpecOperation, case: Any) -> dict[str, Any]:
    """Keyword arguments of ``op``'s generated function for a schemathesis ``case``.

    Path, query and header parameters map to the function's parameters by name; a body
    is built through the body model's ``from_dict``.

    Raises:
        ClientShapeError: A generated value has no parameter to go to.
    """
    function = endpoint(api, op).sync_detailed
    hints = typing.get_type_hints(function)
    by_name = {_normalize(name): name for name in hints if name not in ("return", "client")}
    found: dict[str, Any] = {}
    sources = (
        ("path", case.path_parameters or {}),
        ("query", case.query or {}),
        ("header", case.headers or {}),
    )
    for location, values in sources:
        for name, value in values.items():
            if op.parameter(location, name) is None:
                continue  # credentials and transport headers; the client sets its own
            target = by_name.get(_normalize(name))
            if target is None:
                raise ClientShapeError(f"{op.label}: no argument for {location} {name!r}")
            found[target] = _convert(hints[target], value)
    body = getattr(case, "body", None)
    if "body" in hints and op.request_body is not None and _is_set(body):
        found["body"] = body_model(hints["body"]).from_dict(_plain(body))
    return found


def body_model(hint: Any) -> Any:
    """The model class in a ``body`` annotation such as ``OrderIn | Unset``.

    Raises:
        ClientShapeError: The annotation has no model class.
    """
    for member in _members(hint):
        if hasattr(member, "from_dict"):
            return member
    raise ClientShapeError(f"no body model in {hint!r}")


def _members(hint: Any) -> tuple[Any, ...]:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return typing.get_args(hint)
    return (hint,)


def _convert(hint: Any, value: Any) -> Any:
    for member in _members(hint):
        if isinstance(member, type) and issubclass(member, enum.Enum):
            return member(value)
    return value


def _is_set(body: Any) -> bool:
    # schemathesis marks an absent body with its NOT_SET sentinel.
    return body is not None and type(body).__name__ != "NotSet"


def _plain(value: Any) -> Any:
    """A generated body as plain JSON-ish data (schemathesis' ``Binary`` as bytes)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    data = getattr(value, "data", None)
    return data if isinstance(data, bytes) else value


class Clients:
    """One sync and one async generated client, reused across a test's examples.

    The async one lives on an event loop of its own, so sync Hypothesis tests can await.
    """

    def __init__(
        self, api: str, *, base_url: str, key: str, transport: httpx.BaseTransport | None = None
    ) -> None:
        self._sync = make_client(api, base_url=base_url, key=key, transport=transport)
        self._async = make_client(api, base_url=base_url, key=key, transport=transport)
        self._loop = asyncio.new_event_loop()

    def __enter__(self) -> Clients:
        return self

    def __exit__(self, *exc: object) -> None:
        self._sync.get_httpx_client().close()
        self._loop.run_until_complete(self._async.get_async_httpx_client().aclose())
        self._loop.close()

    def sync(self, module: types.ModuleType, kwargs: Mapping[str, Any]) -> Any:
        """Call ``module.sync_detailed``."""
        return module.sync_detailed(client=self._sync, **kwargs)

    def asyncio(self, module: types.ModuleType, kwargs: Mapping[str, Any]) -> Any:
        """Await ``module.asyncio_detailed`` on this object's loop."""
        call = module.asyncio_detailed(client=self._async, **kwargs)
        return self._loop.run_until_complete(call)
