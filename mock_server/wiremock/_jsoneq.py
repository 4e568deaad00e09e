"""JSON equality for ``equalToJson``, with WireMock's two relaxations."""

from __future__ import annotations

from typing import Any


def json_equal(expected: Any, actual: Any, *, ignore_array_order: bool, ignore_extra: bool) -> bool:
    """Whether ``actual`` equals ``expected`` as JSON.

    Args:
        expected: The stub's JSON value.
        actual: The request's decoded body.
        ignore_array_order: Arrays match as multisets.
        ignore_extra: ``actual`` may hold object members and array elements that
            ``expected`` lacks.

    Returns:
        True if they match. Numbers compare by value, so ``1`` equals ``1.0``, while
        booleans never equal numbers.
    """
    if isinstance(expected, dict):
        return isinstance(actual, dict) and _objects(
            expected, actual, ignore_array_order, ignore_extra
        )
    if isinstance(expected, list):
        return isinstance(actual, list) and _arrays(
            expected, actual, ignore_array_order, ignore_extra
        )
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    return bool(expected == actual)


def _objects(expected: dict[str, Any], actual: dict[str, Any], order: bool, extra: bool) -> bool:
    if not extra and expected.keys() != actual.keys():
        return False
    return all(
        key in actual
        and json_equal(value, actual[key], ignore_array_order=order, ignore_extra=extra)
        for key, value in expected.items()
    )


def _arrays(expected: list[Any], actual: list[Any], order: bool, extra: bool) -> bool:
    if len(actual) < len(expected) or (not extra and len(actual) != len(expected)):
        return False
    if not order:
        # With extra elements allowed, WireMock still wants the expected ones as a prefix.
        return all(
            json_equal(e, a, ignore_array_order=order, ignore_extra=extra)
            for e, a in zip(expected, actual, strict=False)
        )
    remaining = list(actual)
    for item in expected:
        hit = next(
            (
                i
                for i, a in enumerate(remaining)
                if json_equal(item, a, ignore_array_order=order, ignore_extra=extra)
            ),
            None,
        )
        if hit is None:
            return False
        del remaining[hit]
    return True
