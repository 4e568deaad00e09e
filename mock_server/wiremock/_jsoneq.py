"""JSON equality for ``equalToJson``, with WireMock's two relaxations, in bounded work."""

from __future__ import annotations

from typing import Any

from mock_server.wiremock._budget import Budget, BudgetExhaustedError

MAX_JSON_COMPARISONS = 100_000
"""Value comparisons one ``equalToJson`` match may make; past them it does not match.

Order-free arrays compare every expected element with every actual one, so nested ones
cost the product of their sizes."""


def json_equal(
    expected: Any,
    actual: Any,
    *,
    ignore_array_order: bool,
    ignore_extra: bool,
    budget: Budget | None = None,
) -> bool:
    """Whether ``actual`` equals ``expected`` as JSON.

    Args:
        expected: The stub's JSON value.
        actual: The request's decoded body.
        ignore_array_order: Arrays match as multisets.
        ignore_extra: ``actual`` may hold object members and array elements that
            ``expected`` lacks.
        budget: Charged one step per comparison; a fresh one of
            ``MAX_JSON_COMPARISONS`` when omitted.

    Returns:
        True if they match; False also when the budget ran out first. Numbers compare
        by value, so ``1`` equals ``1.0``, while booleans never equal numbers.
    """
    try:
        return _equal(
            expected,
            actual,
            ignore_array_order,
            ignore_extra,
            budget or Budget(MAX_JSON_COMPARISONS),
        )
    except BudgetExhaustedError:
        return False


def _equal(expected: Any, actual: Any, order: bool, extra: bool, budget: Budget) -> bool:
    # Recursion follows ``expected``, whose depth the mapping's check bounds.
    budget.spend()
    if isinstance(expected, dict):
        return isinstance(actual, dict) and _objects(expected, actual, order, extra, budget)
    if isinstance(expected, list):
        return isinstance(actual, list) and _arrays(expected, actual, order, extra, budget)
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    if isinstance(actual, dict | list):
        return False
    return bool(expected == actual)


def _objects(
    expected: dict[str, Any], actual: dict[str, Any], order: bool, extra: bool, budget: Budget
) -> bool:
    if not extra and expected.keys() != actual.keys():
        return False
    return all(
        key in actual and _equal(value, actual[key], order, extra, budget)
        for key, value in expected.items()
    )


def _arrays(
    expected: list[Any], actual: list[Any], order: bool, extra: bool, budget: Budget
) -> bool:
    if len(actual) < len(expected) or (not extra and len(actual) != len(expected)):
        return False
    if not order:
        # With extra elements allowed, WireMock still wants the expected ones as a prefix.
        return all(
            _equal(e, a, order, extra, budget) for e, a in zip(expected, actual, strict=False)
        )
    remaining = list(actual)
    for item in expected:
        hit = next(
            (i for i, a in enumerate(remaining) if _equal(item, a, order, extra, budget)), None
        )
        if hit is None:
            return False
        del remaining[hit]
    return True
