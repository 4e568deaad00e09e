"""Request check 2, first half: turn parameters' raw strings into typed values."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from mock_server.spec import Parameter

# ASCII digits only: ``\d`` and ``int()`` also take other scripts' digits (U+FF11, the
# fullwidth one), which no vendor's parser reads as a number.
_INTEGER = re.compile(r"[-+]?[0-9]+")
_NUMBER = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_SPLIT = {"spaceDelimited": " ", "pipeDelimited": "|"}


def raw_parameter(
    param: Parameter,
    path_params: Mapping[str, str],
    query: Mapping[str, Sequence[str]],
    headers: Mapping[str, str],
    cookies: Mapping[str, str],
) -> Sequence[str] | None:
    if param.location == "query":
        if param.style == "deepObject":
            prefix = param.name + "["
            found = [
                f"{k[len(prefix) : -1]}={v[0]}"
                for k, v in query.items()
                if k.startswith(prefix) and k.endswith("]") and v
            ]
            return found or None
        values = query.get(param.name)
        return values if values else None
    single = {"path": path_params, "header": headers, "cookie": cookies}.get(param.location, {})
    value = single.get(param.name)
    return None if value is None else (value,)


def coerce_parameter(param: Parameter, raw: Sequence[str]) -> Any:
    """Turn a parameter's raw strings into the value its schema describes (best effort)."""
    if param.json_content:
        try:
            return json.loads(raw[0])
        except (ValueError, RecursionError):
            return raw[0]
    if param.style == "deepObject":
        return _pairs(item.partition("=") for item in raw)
    if "array" in param.types:
        separator = _SPLIT.get(param.style, ",")
        if param.location == "query" and param.explode and param.style == "form":
            items: Iterable[str] = raw
        else:
            items = [part for value in raw for part in value.split(separator)]
        return [coerce_scalar(item, param.item_types) for item in items]
    if "object" in param.types and "string" not in param.types:
        parts = raw[0].split(",")
        if len(parts) % 2 == 0 and not (param.explode and param.location != "query"):
            return dict(zip(parts[::2], parts[1::2], strict=True))
        return _pairs(part.partition("=") for part in parts)
    return coerce_one(raw, param.types)


def coerce_one(values: Sequence[str], types: frozenset[str]) -> Any:
    """Coerce the value of a parameter or form field that its schema types as one value.

    Sent more than once (``?page=1&page=2``) it is an array, which the schema refuses:
    frameworks disagree on which copy wins, so the mock picks none (DECISIONS.md).
    """
    if len(values) == 1:
        return coerce_scalar(values[0], types)
    return [coerce_scalar(value, types) for value in values]


def _pairs(parts: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    return {name: value for name, _, value in parts}


def coerce_scalar(text: str, types: frozenset[str]) -> Any:
    """Coerce one string to the first of ``types`` it can represent; else return it.

    Example:
        >>> coerce_scalar("15", frozenset({"integer"}))
        15
    """
    if not types or "string" in types:
        return text
    if "integer" in types and _INTEGER.fullmatch(text):
        try:
            return int(text)
        except ValueError:  # more digits than int() accepts
            return text
    if "number" in types and _NUMBER.fullmatch(text):
        number = float(text)
        if number == number and abs(number) != float("inf"):
            return int(number) if _INTEGER.fullmatch(text) else number
    if "boolean" in types and text.lower() in ("true", "false"):
        return text.lower() == "true"
    if "null" in types and text in ("", "null"):
        return None
    if types & {"object", "array"} and text[:1] in ("{", "["):
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            return text
    return text
