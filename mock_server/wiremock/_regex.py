"""Regular expressions on RE2: matching time linear in the input, whatever the pattern.

WireMock compiles ``matches``, ``urlPattern`` and the like with ``java.util.regex``, a
backtracking engine: ``/(a+)+b`` against 27 characters takes seconds, and a stub is
admin input. RE2 (``google-re2``) runs every pattern it accepts in linear time, and
refuses the constructs that need backtracking. Those are named when the stub is
created, as are the Java constructs RE2 would read differently (class unions and
intersections), so a stub never silently matches something else than in WireMock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import re2  # google-re2 ships no type information

from mock_server.wiremock._errors import InvalidMappingError
from mock_server.wiremock._limits import MAX_REGEX_CHARS, has_surrogate

MAX_REGEX_MEMORY = 1024 * 1024
"""RE2's memory budget for one compiled pattern (1 MiB); larger programs are refused."""

_OPTIONS = re2.Options()
_OPTIONS.dot_nl = True  # WireMock compiles with Pattern.DOTALL
_OPTIONS.log_errors = False  # the error is reported to the caller, not to stderr
_OPTIONS.max_mem = MAX_REGEX_MEMORY

# Group openers RE2 cannot run, by what they are called.
_GROUPS = {
    "(?=": "lookahead (?=...)",
    "(?!": "negative lookahead (?!...)",
    "(?<=": "lookbehind (?<=...)",
    "(?<!": "negative lookbehind (?<!...)",
    "(?>": "atomic group (?>...)",
}
_ESCAPES = {
    "Z": r"\Z (use \z, or $)",
    "G": r"\G (end of the previous match)",
    "R": r"\R (any line break)",
    "X": r"\X (an extended grapheme cluster)",
    "h": r"\h (horizontal whitespace; use [ \t])",
    "H": r"\H",
    "k": r"backreference \k<name>",
}
_QUANTIFIERS = frozenset("*+?")
_COUNTED = re.compile(r"\{\d+(?:,\d*)?\}")  # {n}, {n,} or {n,m}; any other brace is literal


@dataclass(frozen=True)
class Regex:
    """A compiled pattern that always matches in full (Java's ``Matcher.matches``).

    Attributes:
        pattern: The expression as written in the mapping.
    """

    pattern: str
    _compiled: Any

    def fullmatch(self, text: str) -> bool:
        """Whether the whole of ``text`` matches."""
        return self._compiled.fullmatch(_encode(text)) is not None

    def groups(self, text: str) -> tuple[str, ...] | None:
        """The groups of a full match of ``text`` (``None`` when it does not match)."""
        found = self._compiled.fullmatch(_encode(text))
        if found is None:
            return None
        return tuple(
            "" if group is None else group.decode("utf-8", "surrogatepass")
            for group in found.groups()
        )


def compile_regex(pattern: str, *, pointer: str) -> Regex:
    """Compile ``pattern`` for RE2.

    Args:
        pattern: A Java-style regular expression from a mapping.
        pointer: Where it sits, for error messages.

    Returns:
        The compiled pattern.

    Raises:
        InvalidMappingError: RE2 cannot run it (backreferences, lookaround, atomic
            groups, possessive quantifiers...), RE2 would read it differently from Java
            (nested or intersected character classes), it is malformed, or it is
            longer than ``MAX_REGEX_CHARS`` or needs more than ``MAX_REGEX_MEMORY``.
    """
    if len(pattern) > MAX_REGEX_CHARS:
        detail = f"the regex is longer than {MAX_REGEX_CHARS} characters"
        raise InvalidMappingError(pointer=pointer, detail=detail)
    if has_surrogate(pattern):
        raise InvalidMappingError(pointer=pointer, detail="the regex holds a lone surrogate")
    construct = unsupported_construct(pattern)
    if construct is not None:
        detail = f"unsupported regex construct {construct} in {pattern!r}: {_WHY}"
        raise InvalidMappingError(pointer=pointer, detail=detail)
    try:
        return Regex(pattern, re2.compile(pattern, _OPTIONS))
    except re2.error as exc:
        reason = exc.args[0] if exc.args else ""
        text = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        raise InvalidMappingError(pointer=pointer, detail=f"bad regex {pattern!r}: {text}") from exc


_WHY = "the mock runs regexes on RE2, which matches in linear time and has no backtracking"


def unsupported_construct(pattern: str) -> str | None:
    """The first construct of ``pattern`` that RE2 lacks or reads unlike Java, if any.

    A scan, not a parse: it tracks escapes and character classes well enough to name
    the construct; RE2 itself still refuses anything malformed this misses.
    """
    i, in_class, after_quantifier = 0, False, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            found = None if in_class else _escape(pattern, i)
            if found is not None:
                return found
            if pattern.startswith("Q", i + 1):  # \Q...\E quotes everything up to \E
                end = pattern.find("\\E", i + 2)
                i = len(pattern) if end < 0 else end + 2
            else:
                i += 2
            after_quantifier = False  # an escape is an atom, never a quantifier
            continue
        if in_class:
            found, i, in_class = _in_class(pattern, i)
            if found is not None:
                return found
            continue
        if char == "+" and after_quantifier:
            return f"possessive quantifier {pattern[i - 1 : i + 1]}"
        if char == "(":
            found = next(
                (name for start, name in _GROUPS.items() if pattern.startswith(start, i)), None
            )
            if found is not None:
                return found
        if char == "[":
            in_class, i = True, _class_start(pattern, i)
            after_quantifier = False
            continue
        counted = _COUNTED.match(pattern, i) if char == "{" else None
        after_quantifier = counted is not None or char in _QUANTIFIERS
        i = counted.end() if counted is not None else i + 1
    return None


def _escape(pattern: str, i: int) -> str | None:
    letter = pattern[i + 1 : i + 2]
    if letter.isdigit() and letter != "0":
        return f"backreference \\{letter}"
    return _ESCAPES.get(letter)


def _class_start(pattern: str, i: int) -> int:
    """Index after a class's opening ``[``, ``[^`` and a leading literal ``]``."""
    i += 1
    if pattern.startswith("^", i):
        i += 1
    if pattern.startswith("]", i):
        i += 1
    return i


def _in_class(pattern: str, i: int) -> tuple[str | None, int, bool]:
    """One step inside a character class: (a construct found, next index, still inside)."""
    if pattern.startswith("[:", i):  # a POSIX class such as [:alpha:], which RE2 knows
        end = pattern.find(":]", i + 2)
        return None, (len(pattern) if end < 0 else end + 2), True
    if pattern[i] == "[":
        return "nested character class [..[..]..] (a union in Java)", i, True
    if pattern.startswith("&&", i):
        return "character class intersection && (Java only)", i, True
    if pattern[i] == "]":
        return None, i + 1, False
    return None, i + 1, True


def _encode(text: str) -> bytes:
    # RE2 reads UTF-8; a lone surrogate (from a decoded request) must not raise.
    return text.encode("utf-8", "surrogatepass")
