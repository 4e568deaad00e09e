"""Request check 2 compiled: each parameter's reader and coercer, built once per parameter.

What depends only on the spec (where a parameter is read from, how its strings become
its schema's type, the location its errors name) is decided on the parameter's first
use and kept on it, so a request only reads, coerces and validates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mock_server.spec import Parameter
from mock_server.validation._coerce import coerce_one, coerce_parameter, raw_parameter
from mock_server.validation._security import LOCATIONS

Reader = Callable[
    [Mapping[str, str], Mapping[str, Sequence[str]], Mapping[str, str], Mapping[str, str]],
    Sequence[str] | None,
]
"""``(path_params, query, headers, cookies) -> raw strings`` (None: absent)."""


@dataclass(frozen=True, slots=True)
class CompiledParameter:
    """A parameter with its reader, coercer and error location decided."""

    param: Parameter
    location: str
    read: Reader
    coerce: Callable[[Sequence[str]], Any]


def compiled(param: Parameter) -> CompiledParameter:
    """The compiled form of ``param``, built on first use and kept on it."""
    found = param.compiled
    if found is None:
        found = CompiledParameter(
            param, LOCATIONS.get(param.location, param.location), _reader(param), _coercer(param)
        )
        # A frozen record's derived slot: any thread builds the same value.
        object.__setattr__(param, "compiled", found)
    if not isinstance(found, CompiledParameter):  # pragma: no cover - only this module sets it
        raise TypeError(f"parameter {param.name!r} holds a foreign compiled form")
    return found


def _reader(param: Parameter) -> Reader:
    name = param.name
    if param.location == "query" and param.style != "deepObject":
        return lambda path, query, headers, cookies: query.get(name) or None
    if param.location == "path":
        return lambda path, query, headers, cookies: _one(path.get(name))
    if param.location == "header":
        return lambda path, query, headers, cookies: _one(headers.get(name))
    if param.location == "cookie":
        return lambda path, query, headers, cookies: _one(cookies.get(name))
    return lambda path, query, headers, cookies: raw_parameter(param, path, query, headers, cookies)


def _one(value: str | None) -> tuple[str] | None:
    return None if value is None else (value,)


def _coercer(param: Parameter) -> Callable[[Sequence[str]], Any]:
    scalar = not param.json_content and param.style != "deepObject"
    scalar = scalar and not ({"array", "object"} & param.types)
    types = param.types
    if scalar and (not types or "string" in types):
        # The text as sent: no call on the hot path for the usual single value.
        return lambda raw: raw[0] if len(raw) == 1 else coerce_one(raw, types)
    if scalar:
        return lambda raw: coerce_one(raw, types)
    return lambda raw: coerce_parameter(param, raw)
