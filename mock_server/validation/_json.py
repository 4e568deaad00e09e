r"""Limits on a decoded JSON body that the JSON grammar itself does not impose.

A body can be valid JSON and still unusable: nested so deep that copying, validating or
encoding it again overflows Python's stack (``RecursionError``), or holding a lone UTF-16
surrogate (``"\\ud800"``), which no UTF-8 encoder accepts, so the first URL, log line or
response built from it fails. Both are refused at validation, before any state changes.
"""

from __future__ import annotations

from typing import Any

__all__ = ["MAX_JSON_BYTES", "MAX_JSON_DEPTH", "json_problem"]

MAX_JSON_DEPTH = 64
"""The deepest nesting of arrays and objects accepted (the top level counts as 1)."""

MAX_JSON_BYTES = 1024 * 1024
"""Larger JSON bodies get 413 before they are decoded (both APIs take small bodies)."""


def json_problem(text: str | bytes, value: Any) -> str | None:
    r"""Why the decoded ``value`` of ``text`` (or of its UTF-8 bytes) is refused, or None.

    The checks walk the value only when ``text`` could hold the problem: a lone surrogate
    needs a ``\\u`` escape, and deep nesting needs more brackets than the limit.
    """
    if isinstance(text, bytes):
        might_nest = text.count(b"[") + text.count(b"{") > MAX_JSON_DEPTH
        might_escape = b"\\u" in text
    else:
        might_nest = text.count("[") + text.count("{") > MAX_JSON_DEPTH
        might_escape = "\\u" in text
    if not (might_nest or might_escape):
        return None
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if might_escape and not _encodable(item):
                return "holds a lone UTF-16 surrogate"
            continue
        if not isinstance(item, dict | list):
            continue
        if depth > MAX_JSON_DEPTH:
            return f"is nested deeper than {MAX_JSON_DEPTH} levels"
        children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
    return None


def _encodable(text: str) -> bool:
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
