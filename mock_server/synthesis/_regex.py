"""Strings that match a regular expression, sampled from the stdlib regex parser's tree."""

from __future__ import annotations

import importlib
import random
import string
from typing import Any

# re._parser is private but stable across 3.11-3.13; a surprise only means "no sample".
_re_parser: Any = importlib.import_module("re._parser")
_ALNUM = string.ascii_lowercase + string.digits


class _Unsupported(Exception):
    """A regex construct the sampler does not handle."""


_CATEGORIES = {
    "CATEGORY_DIGIT": string.digits,
    "CATEGORY_NOT_DIGIT": string.ascii_letters,
    "CATEGORY_SPACE": " ",
    "CATEGORY_NOT_SPACE": _ALNUM,
    "CATEGORY_WORD": _ALNUM + "_",
    "CATEGORY_NOT_WORD": "-.",
}
_PROBES = _ALNUM + string.ascii_uppercase + "-_. "


def regex_sample(pattern: str, rng: random.Random) -> str | None:
    """Return a string matching ``pattern`` (a search, as JSON Schema means it), or None."""
    try:
        parsed = _re_parser.parse(pattern)
        out: list[str] = []
        _emit(list(parsed), rng, {}, out)
    except Exception:  # re._parser is private; any surprise means "no sample"
        return None
    return "".join(out)


def _emit(items: list[Any], rng: random.Random, groups: dict[int, str], out: list[str]) -> None:
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "NOT_LITERAL":
            out.append(next(c for c in _PROBES if ord(c) != arg))
        elif name == "ANY":
            out.append(rng.choice(_ALNUM))
        elif name == "IN":
            out.append(_pick_in(arg, rng))
        elif name == "CATEGORY":
            out.append(rng.choice(_CATEGORIES[str(arg)]))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, sub = arg
            for _ in range(rng.randint(low, max(low, min(high, low + 3)))):
                _emit(list(sub), rng, groups, out)
        elif name == "SUBPATTERN":
            group, sub = arg[0], arg[-1]
            start = len(out)
            _emit(list(sub), rng, groups, out)
            if group:
                groups[group] = "".join(out[start:])
        elif name == "ATOMIC_GROUP":
            _emit(list(arg), rng, groups, out)
        elif name == "BRANCH":
            _emit(list(rng.choice(arg[1])), rng, groups, out)
        elif name == "GROUPREF":
            out.append(groups.get(arg, ""))
        elif name not in ("AT", "ASSERT", "ASSERT_NOT"):
            raise _Unsupported(name)


def _pick_in(items: list[Any], rng: random.Random) -> str:
    if items and str(items[0][0]) == "NEGATE":
        rest = items[1:]
        return next(c for c in _PROBES if not _in_set(rest, c))
    op, arg = rng.choice(items)
    name = str(op)
    if name == "LITERAL":
        return chr(arg)
    if name == "RANGE":
        low, high = arg
        return chr(rng.randint(low, min(high, low + 25)))
    if name == "CATEGORY":
        return rng.choice(_CATEGORIES[str(arg)])
    raise _Unsupported(name)


def _in_set(items: list[Any], char: str) -> bool:
    code = ord(char)
    for op, arg in items:
        name = str(op)
        if (name == "LITERAL" and arg == code) or (name == "RANGE" and arg[0] <= code <= arg[1]):
            return True
        if name == "CATEGORY" and char in _CATEGORIES.get(str(arg), ""):
            return True
    return False
