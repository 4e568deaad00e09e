"""Levenshtein distance for near misses, with bounded work per comparison.

``equalTo`` criteria (``url`` and ``urlPath`` included) score how far a value is from
the expected one. A plain dynamic programme costs one Python step per character pair,
which made near misses over long URLs take seconds. This trims the common prefix and
suffix (in C, by slicing), then runs Hyyrö's bit-parallel algorithm, which costs one
step per character of the shorter string, on integers as wide as the longer one. Past
``MAX_EDIT_STEPS`` steps or ``MAX_EDIT_WORDS`` word-steps it answers an upper bound
instead: every character of the differing middles differs.
"""

from __future__ import annotations

from mock_server.wiremock._budget import Budget

MAX_EDIT_STEPS = 1024
"""At most this many characters (of the shorter differing middle) are stepped through."""
MAX_EDIT_WORDS = 16_384
"""At most this many 64-bit word operations' worth of steps (characters x words)."""


def normalised_distance(expected: str, actual: str, *, budget: Budget | None = None) -> float:
    """Edit distance over the longer length: ``0.0`` for equal strings, at most ``1.0``.

    Args:
        expected: The stub's value.
        actual: The request's value.
        budget: Charged with the word operations spent (for tests); a fresh one of
            ``MAX_EDIT_WORDS`` when omitted.
    """
    if expected == actual:
        return 0.0
    longest = max(len(expected), len(actual))
    return edit_distance(expected, actual, budget=budget) / longest


def edit_distance(a: str, b: str, *, budget: Budget | None = None) -> int:
    """The Levenshtein distance of ``a`` and ``b``, or an upper bound past the limits.

    Args:
        a: One string.
        b: The other.
        budget: Charged with the word operations spent.

    Returns:
        The exact distance when the differing middles are within ``MAX_EDIT_STEPS`` and
        ``MAX_EDIT_WORDS``, else the longer middle's length (an upper bound).
    """
    start = _common_prefix(a, b)
    a, b = a[start:], b[start:]
    end = _common_suffix(a, b)
    a, b = a[: len(a) - end], b[: len(b) - end]
    short, long = sorted((a, b), key=len)
    if not short:
        return len(long)
    words = len(long) // 64 + 1
    cost = len(short) * words
    if len(short) > MAX_EDIT_STEPS or cost > MAX_EDIT_WORDS:
        return len(long)
    if budget is not None:
        budget.spent += cost
    return _hyyro(long, short)


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by bisection over slices (C speed, log n steps)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str) -> int:
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[len(a) - middle :] == b[len(b) - middle :]:
            low = middle
        else:
            high = middle - 1
    return low


def _hyyro(pattern: str, text: str) -> int:
    """Levenshtein distance by Hyyrö's bit-vector algorithm (one loop step per ``text`` char).

    Bit ``i`` of the vertical delta vectors describes row ``i`` of the classic table,
    so each step advances a whole column with a few big-integer operations.
    """
    mask = (1 << len(pattern)) - 1
    high = 1 << (len(pattern) - 1)
    peq: dict[str, int] = {}
    for i, char in enumerate(pattern):
        peq[char] = peq.get(char, 0) | (1 << i)
    pv, mv, score = mask, 0, len(pattern)
    for char in text:
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = (mv | ~(xh | pv)) & mask
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = (mh | ~(xv | ph)) & mask
        mv = ph & xv
    return score
