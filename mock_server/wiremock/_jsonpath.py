"""A small JSONPath subset for ``matchesJsonPath`` (Jayway syntax, as WireMock uses).

Supported: the root ``$``; child steps ``.name``, ``['name']`` and ``["name"]``;
wildcards ``.*`` and ``[*]``; indexes ``[0]`` and ``[-1]``; deep scan ``..name``; and
filters ``[?(@.a.b)]`` (exists) or ``[?(@.a op literal)]`` with ``==``, ``!=``, ``<``,
``<=``, ``>``, ``>=`` against a number, a quoted string, ``true``, ``false`` or ``null``.
A filter applies to each element of an array, or to an object itself (so
``$[?(@.kind == 'x')]`` tests a root object, as Jayway does). Anything else raises
``InvalidMappingError`` when the stub is created.

Deep scans multiply: ``$..*..*..*`` visits about n^3/6 nodes of an n-level document.
``find`` therefore charges every node it visits to a budget of ``MAX_JSONPATH_NODES``
and, once that is spent, selects nothing: a request body cannot stall the server.
"""

from __future__ import annotations

import json
import operator
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from mock_server.wiremock._budget import Budget, BudgetExhaustedError
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

MAX_JSONPATH_NODES = 50_000
"""How many nodes one evaluation may visit before it gives up (and selects nothing)."""
MAX_JSONPATH_CHARS = 1_000
"""The longest expression."""

Step = Callable[[Any, Budget], Iterator[Any]]
"""Selects from one node, charging each node it visits to the budget."""


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
        if len(text) > MAX_JSONPATH_CHARS:
            detail = f"the JSONPath is longer than {MAX_JSONPATH_CHARS} characters"
            raise InvalidMappingError(pointer=pointer, detail=detail)
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

    def find(self, document: Any, *, budget: Budget | None = None) -> list[Any] | None:
        """Every value the expression selects in ``document`` (empty when none).

        Args:
            document: A decoded JSON value.
            budget: Charged one step per node visited; a fresh one of
                ``MAX_JSONPATH_NODES`` when omitted.

        Returns:
            The selected values, or ``None`` when the budget ran out first.
        """
        budget = budget or Budget(MAX_JSONPATH_NODES)
        nodes = [document]
        try:
            for step in self.steps:
                nodes = [child for node in nodes for child in step(node, budget)]
        except BudgetExhaustedError:
            return None
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


def _children(node: Any, budget: Budget) -> Iterator[Any]:
    values = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
    for value in values:
        budget.spend()
        yield value


def _child(key: str) -> Step:
    def step(node: Any, budget: Budget) -> Iterator[Any]:
        if isinstance(node, dict) and key in node:
            budget.spend()
            yield node[key]

    return step


def _index(index: int) -> Step:
    def step(node: Any, budget: Budget) -> Iterator[Any]:
        if isinstance(node, list) and -len(node) <= index < len(node):
            budget.spend()
            yield node[index]

    return step


def _deep(key: str) -> Step:
    pick = _children if key == "*" else _child(key)

    def step(node: Any, budget: Budget) -> Iterator[Any]:
        # Pre-order with an explicit stack: a document's depth cannot exhaust Python's.
        stack = [node]
        while stack:
            current = stack.pop()
            yield from pick(current, budget)
            stack.extend(reversed(list(_children(current, budget))))

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

    def step(node: Any, budget: Budget) -> Iterator[Any]:
        items = node if isinstance(node, list) else [node]
        for item in items:
            budget.spend()
            if holds(item):
                yield item

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
        value = json.loads(text)
    except (ValueError, RecursionError):
        value = _MISSING
    if isinstance(value, dict | list) or value is _MISSING:
        detail = f"unsupported JSONPath filter literal {text!r}"
        raise InvalidMappingError(pointer=pointer, detail=detail)
    return value
