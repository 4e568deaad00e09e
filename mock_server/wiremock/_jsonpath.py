"""A small JSONPath subset for ``matchesJsonPath`` (Jayway syntax, as WireMock uses).

Supported: the root ``$``; child steps ``.name``, ``['name']`` and ``["name"]``;
wildcards ``.*`` and ``[*]``; indexes ``[0]`` and ``[-1]``; deep scan ``..name``; and
filters ``[?(@.a.b)]`` (exists) or ``[?(@.a op literal)]`` with ``==``, ``!=``, ``<``,
``<=``, ``>``, ``>=`` against a number, a quoted string, ``true``, ``false`` or ``null``.
A filter applies to each element of an array, or to an object itself (so
``$[?(@.kind == 'x')]`` tests a root object, as Jayway does). Anything else raises
``InvalidMappingError`` when the stub is created.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from mock_server.wiremock._errors import InvalidMappingError

_STEP = re.compile(
    r"""\.\.(?P<deep>[\w-]+|\*)
      | \.(?P<name>[\w-]+|\*)
      | \[\s*(?:'(?P<sq>[^']*)'|"(?P<dq>[^"]*)"|(?P<index>-?\d+)|(?P<star>\*)
             |\?\(\s*@(?P<fpath>(?:\.[\w-]+)*)\s*(?:(?P<op>==|!=|<=|>=|<|>)\s*(?P<lit>.+?))?\s*\))\s*\]
    """,
    re.VERBOSE,
)
_OPS: dict[str, Callable[[Any, Any], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
}
_MISSING = object()

Step = Callable[[Any], Iterator[Any]]


@dataclass(frozen=True)
class JsonPath:
    """A compiled JSONPath expression."""

    expression: str
    steps: tuple[Step, ...]

    @classmethod
    def compile(cls, expression: str, *, pointer: str) -> JsonPath:
        """Compile ``expression``.

        Args:
            expression: A JSONPath such as ``$.items[0].id``.
            pointer: Where the expression sits in the mapping, for error messages.

        Raises:
            InvalidMappingError: The expression is outside the supported subset.
        """
        text = expression.strip()
        if not text.startswith("$"):
            raise InvalidMappingError(pointer=pointer, detail=f"{expression!r} must start with $")
        steps: list[Step] = []
        pos = 1
        while pos < len(text):
            found = _STEP.match(text, pos)
            if found is None:
                detail = f"unsupported JSONPath {expression!r} at {text[pos:]!r}"
                raise InvalidMappingError(pointer=pointer, detail=detail)
            steps.append(_step(found, pointer=pointer))
            pos = found.end()
        return cls(expression, tuple(steps))

    def find(self, document: Any) -> list[Any]:
        """Every value the expression selects in ``document`` (empty when none)."""
        nodes = [document]
        for step in self.steps:
            nodes = [child for node in nodes for child in step(node)]
        return nodes


def _step(found: re.Match[str], *, pointer: str) -> Step:
    groups = found.groupdict()
    if groups["deep"] is not None:
        return _deep(groups["deep"])
    if groups["fpath"] is not None:
        return _filter(groups["fpath"], groups["op"], groups["lit"], pointer=pointer)
    if groups["index"] is not None:
        return _index(int(groups["index"]))
    for quoted in (groups["sq"], groups["dq"]):
        if quoted is not None:
            return _child(quoted)
    if groups["name"] not in (None, "*"):
        return _child(groups["name"])
    return _children


def _children(node: Any) -> Iterator[Any]:
    if isinstance(node, dict):
        yield from node.values()
    elif isinstance(node, list):
        yield from node


def _child(key: str) -> Step:
    def step(node: Any) -> Iterator[Any]:
        if isinstance(node, dict) and key in node:
            yield node[key]

    return step


def _index(index: int) -> Step:
    def step(node: Any) -> Iterator[Any]:
        if isinstance(node, list) and -len(node) <= index < len(node):
            yield node[index]

    return step


def _deep(key: str) -> Step:
    pick = _children if key == "*" else _child(key)

    def step(node: Any) -> Iterator[Any]:
        yield from pick(node)
        for child in _children(node):
            yield from step(child)

    return step


def _filter(path: str, op: str | None, literal: str | None, *, pointer: str) -> Step:
    keys = [key for key in path.split(".") if key]
    compare = _OPS[op] if op else None
    expected = _literal(literal, pointer=pointer) if literal is not None else None

    def holds(item: Any) -> bool:
        value = _dig(item, keys)
        if value is _MISSING:
            return False
        if compare is None:
            return True
        try:
            return bool(compare(value, expected))
        except TypeError:  # e.g. "a" < 1: Jayway treats a type mismatch as no match
            return False

    def step(node: Any) -> Iterator[Any]:
        items = node if isinstance(node, list) else [node]
        yield from (item for item in items if holds(item))

    return step


def _dig(item: Any, keys: list[str]) -> Any:
    for key in keys:
        if not isinstance(item, dict) or key not in item:
            return _MISSING
        item = item[key]
    return item


def _literal(text: str, *, pointer: str) -> Any:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] == "'":
        return text[1:-1]
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        detail = f"unsupported JSONPath filter literal {text!r}"
        raise InvalidMappingError(pointer=pointer, detail=detail) from exc
