"""WireMock's content patterns (``equalTo``, ``matches``, ``equalToJson``...) as matchers.

A pattern compiles to a ``Matcher``: a function from the actual value (``None`` when the
header, parameter or body is absent) to a distance in ``[0, 1]``, where ``0.0`` is a match.
Distances rank near misses: ``equalTo`` gives a normalised Levenshtein distance, every other
operator gives 0 or 1.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from typing import Any

from mock_server.wiremock._budget import Budget
from mock_server.wiremock._edit_distance import normalised_distance
from mock_server.wiremock._errors import InvalidMappingError
from mock_server.wiremock._jsoneq import json_equal
from mock_server.wiremock._jsonpath import JsonPath
from mock_server.wiremock._limits import MAX_PATTERNS, checked_json
from mock_server.wiremock._regex import Regex, compile_regex

Matcher = Callable[[str | None], float]
"""Maps a value (``None`` if absent) to a distance; ``0.0`` means it matches."""

_MODIFIERS = frozenset({"caseInsensitive", "ignoreArrayOrder", "ignoreExtraElements"})


def compile_pattern(spec: Any, *, pointer: str, count: Budget | None = None) -> Matcher:
    """Compile one content pattern, e.g. ``{"equalTo": "x", "caseInsensitive": true}``.

    Args:
        spec: The pattern object from a mapping.
        pointer: Where it sits in the mapping, for error messages.
        count: Counts the patterns of one request pattern against ``MAX_PATTERNS``
            (each operator, nested ones included, is one); a fresh count when omitted.

    Returns:
        Its matcher, which never raises, whatever value it is given.

    Raises:
        InvalidMappingError: The pattern is not an object with one known operator, or
            breaks a bound of ``_limits`` (depth, size, regex support, pattern count).
    """
    spec = checked_json(spec, pointer=pointer)
    return _compile(spec, pointer, count or Budget(MAX_PATTERNS))


def _compile(spec: Any, pointer: str, count: Budget) -> Matcher:
    count.spent += 1
    if count.exhausted:
        detail = f"a request pattern may hold at most {MAX_PATTERNS} content patterns"
        raise InvalidMappingError(pointer=pointer, detail=detail)
    if not isinstance(spec, dict):
        raise InvalidMappingError(
            pointer=pointer, detail=f"{_text(spec)} is not a valid match operation"
        )
    operators = [key for key in spec if key not in _MODIFIERS]
    build = _BUILDERS.get(operators[0]) if len(operators) == 1 else None
    if build is None:
        raise InvalidMappingError(
            pointer=pointer, detail=f"{_text(spec)} is not a valid match operation"
        )
    return build(spec, pointer, count)


def _text(spec: Any) -> str:
    return json.dumps(spec, separators=(",", ":"))


def _string(spec: Mapping[str, Any], key: str, pointer: str) -> str:
    value = spec[key]
    if not isinstance(value, str):
        raise InvalidMappingError(pointer=pointer, detail=f"{key} must be a string")
    return value


def _regex(spec: Mapping[str, Any], key: str, pointer: str) -> Regex:
    return compile_regex(_string(spec, key, pointer), pointer=pointer)


def _equal_to(spec: Mapping[str, Any], pointer: str, count: Budget) -> Matcher:
    expected = _string(spec, "equalTo", pointer)
    if spec.get("caseInsensitive") is True:
        folded = expected.casefold()
        return lambda value: 1.0 if value is None else normalised_distance(folded, value.casefold())
    return lambda value: 1.0 if value is None else normalised_distance(expected, value)


def _contains(spec: Mapping[str, Any], pointer: str, count: Budget) -> Matcher:
    needle = _string(spec, "contains", pointer)
    return lambda value: 0.0 if value is not None and needle in value else 1.0


def _does_not_contain(spec: Mapping[str, Any], pointer: str, count: Budget) -> Matcher:
    needle = _string(spec, "doesNotContain", pointer)
    return lambda value: 0.0 if value is not None and needle not in value else 1.0


def _matches(spec: Mapping[str, Any], pointer: str, count: Budget) -> Matcher:
    regex = _regex(spec, "matches", pointer)
    return lambda value: 0.0 if value is not None and regex.fullmatch(value) else 1.0


def _does_not_match(spec: Mapping[str, Any], pointer: str, count: Budget) -> Matcher:
    regex = _regex(spec, "doesNotMatch", pointer)
    return lambda value: 0.0 if value is not None and not regex.fullmatch(value) else 1.0


def _absent(spec: Mapping[str, Any], pointer: str, count: Budget) -> Matcher:
    # {"absent": false} is how WireMock spells "present".
    want_absent = spec["absent"] is not False
    return lambda value: 0.0 if (value is None) == want_absent else 1.0


def _anything(spec: Mapping[str, Any], pointer: str, count: Budget) -> Matcher:
    return lambda value: 0.0


def _equal_to_json(spec: Mapping[str, Any], pointer: str, count: Budget) -> Matcher:
    expected = spec["equalToJson"]
    if isinstance(expected, str):
        document = _load(expected)
        if document is _NOT_JSON:
            detail = "equalToJson is not JSON (or nests too deep, or has a number too long)"
            raise InvalidMappingError(pointer=pointer, detail=detail)
        # A string is parsed here, so its content has not been through the mapping's check.
        expected = checked_json(document, pointer=f"{pointer}/equalToJson")
    order = spec.get("ignoreArrayOrder") is True
    extra = spec.get("ignoreExtraElements") is True

    def match(value: str | None) -> float:
        actual = _load(value)
        if actual is _NOT_JSON:
            return 1.0
        same = json_equal(expected, actual, ignore_array_order=order, ignore_extra=extra)
        return 0.0 if same else 1.0

    return match


def _matches_json_path(spec: Mapping[str, Any], pointer: str, count: Budget) -> Matcher:
    operand = spec["matchesJsonPath"]
    inner: Matcher | None = None
    if isinstance(operand, dict):
        rest = {key: value for key, value in operand.items() if key != "expression"}
        inner = _compile(rest, pointer, count)
        operand = operand.get("expression")
    if not isinstance(operand, str):
        raise InvalidMappingError(pointer=pointer, detail="matchesJsonPath needs an expression")
    path = JsonPath.compile(operand, pointer=pointer)

    def match(value: str | None) -> float:
        document = _load(value)
        if document is _NOT_JSON:
            return 1.0
        selected = path.find(document)
        if selected is None:  # the expression's work budget ran out: no match
            return 1.0
        found = [node for node in selected if node is not None and node != []]
        if inner is None:
            return 0.0 if found else 1.0
        return min((inner(_as_text(node)) for node in found), default=1.0)

    return match


def _logical(spec: Mapping[str, Any], pointer: str, count: Budget) -> Matcher:
    key = "and" if "and" in spec else "or"
    parts = spec[key]
    if not isinstance(parts, list) or not parts:
        raise InvalidMappingError(pointer=pointer, detail=f"{key} needs a list of patterns")
    matchers = [_compile(part, f"{pointer}/{key}/{i}", count) for i, part in enumerate(parts)]
    combine = max if key == "and" else min
    return lambda value: combine(matcher(value) for matcher in matchers)


def _not(spec: Mapping[str, Any], pointer: str, count: Budget) -> Matcher:
    inner = _compile(spec["not"], f"{pointer}/not", count)
    return lambda value: 1.0 if inner(value) == 0.0 else 0.0


_BUILDERS: dict[str, Callable[[Mapping[str, Any], str, Budget], Matcher]] = {
    "equalTo": _equal_to,
    "contains": _contains,
    "doesNotContain": _does_not_contain,
    "matches": _matches,
    "doesNotMatch": _does_not_match,
    "absent": _absent,
    "anything": _anything,
    "equalToJson": _equal_to_json,
    "matchesJsonPath": _matches_json_path,
    "and": _logical,
    "or": _logical,
    "not": _not,
}

_NOT_JSON = object()


# Every stub with a JSON body pattern reads the same request body: parse it once (one
# slot: a request's stubs are matched one after another; only the latest body is kept).
# The document is shared, so nothing may change it; the matchers only read.
@functools.lru_cache(maxsize=1)
def _load(value: str | None) -> Any:
    if value is None:
        return _NOT_JSON
    try:
        return json.loads(value)
    except (ValueError, RecursionError):
        # Not JSON, a number past Python's 4,300-digit conversion limit, or nesting past
        # the interpreter's recursion limit: none of them can equal a stub's JSON.
        return _NOT_JSON


def _as_text(node: Any) -> str:
    """A selected JSON node as WireMock hands it to a sub-pattern (strings unquoted)."""
    if isinstance(node, str):
        return node
    return json.dumps(node, separators=(",", ":"))
