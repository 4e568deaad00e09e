"""The bounds a stub mapping must keep, and the one walk that checks the shape of its JSON.

WireMock leaves these bounds to the JVM and Jackson; here they are explicit, so that a
stub can neither take the server down (a 10,000-level ``jsonBody``, a delay of three
thousand years, a status the HTTP server aborts on) nor be stored in a state the admin
API cannot serialise again (a lone surrogate, ``NaN``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, NoReturn

from mock_server.wiremock._errors import InvalidMappingError

MAX_DEPTH = 100
"""How deeply a mapping's JSON may nest, counting the mapping object itself as 1."""
MAX_MAPPING_BYTES = 2 * 1024 * 1024
"""A mapping's size, estimated as its compact JSON in UTF-8 (2 MiB)."""
MAX_BODY_BYTES = 1024 * 1024
"""A response body (``body``, ``jsonBody`` or decoded ``base64Body``), 1 MiB."""
MAX_HEADERS = 100
"""How many response headers a stub may set."""
MAX_HEADER_BYTES = 8 * 1024
"""One response header's name and value together (8 KiB)."""
MAX_DELAY_MS = 60_000
"""The longest ``fixedDelayMilliseconds`` (60 s): a longer one only hangs a client."""
MAX_PATTERNS = 200
"""Content patterns in one request pattern (``and``/``or``/``not`` parts count)."""
MAX_REGEX_CHARS = 10_000
"""The longest regular expression."""
MAX_INT_BITS = 3_000
"""The largest integer, in bits (about 900 digits; Python's JSON codec stops at 4,300)."""
MAX_JAVA_INT = 2**31 - 1
"""WireMock keeps ``priority`` in a Java ``int``."""

_SCALARS = (str, bool, int, float, type(None))
_SIZE_OF_NON_STRING = 8  # a rough figure for a number, a literal or a container's punctuation


def checked_json(value: Any, *, pointer: str = "") -> Any:
    """A deep copy of ``value`` after checking it is plain JSON within the bounds.

    The walk is iterative, so no nesting depth can exhaust Python's stack, and the copy
    shares nothing with the caller's objects, so a stored stub cannot change behind the
    registry's back.

    Args:
        value: Decoded JSON, or the dicts and lists a Python caller passed.
        pointer: Where ``value`` sits, prefixed to every error's pointer.

    Returns:
        The copy (tuples become lists).

    Raises:
        InvalidMappingError: ``value`` nests deeper than ``MAX_DEPTH``, is larger than
            ``MAX_MAPPING_BYTES``, or holds a non-JSON value, a non-string key, a
            string with a lone surrogate, a non-finite float or an oversized integer.
    """
    root: list[Any] = [None]
    # Each item: the value, the container and key its copy goes into, its depth, and a
    # linked (key, parent) path from which an error's pointer is rebuilt.
    stack: list[tuple[Any, Any, Any, int, tuple[Any, ...] | None]] = [(value, root, 0, 1, None)]
    size = 0
    while stack:
        item, into, key, depth, path = stack.pop()
        if depth > MAX_DEPTH:
            _fail(pointer, path, f"nests deeper than {MAX_DEPTH} levels")
        if isinstance(item, Mapping):
            copy: Any = dict.fromkeys(item)  # keys now, in order; values as they are popped
            for name, child in item.items():
                if not isinstance(name, str):
                    _fail(pointer, path, f"has a non-string key {name!r}")
                size += _string_size(name, pointer, (name, path)) + _SIZE_OF_NON_STRING
                stack.append((child, copy, name, depth + 1, (name, path)))
        elif isinstance(item, list | tuple):
            copy = [None] * len(item)
            size += _SIZE_OF_NON_STRING + len(item)
            stack.extend((child, copy, i, depth + 1, (i, path)) for i, child in enumerate(item))
        elif isinstance(item, str):
            size += _string_size(item, pointer, path)
            copy = item
        else:
            _check_scalar(item, pointer, path)
            size += _SIZE_OF_NON_STRING
            copy = item
        if size > MAX_MAPPING_BYTES:
            _fail(pointer, None, f"is larger than {MAX_MAPPING_BYTES} bytes")
        into[key] = copy
    return root[0]


def has_surrogate(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (it then cannot be encoded as UTF-8)."""
    if text.isascii():
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def utf8_size(text: str) -> int:
    """The length of ``text`` in UTF-8 (surrogates counted as three bytes each)."""
    return len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))


def _string_size(text: str, pointer: str, path: tuple[Any, ...] | None) -> int:
    if has_surrogate(text):
        _fail(pointer, path, "holds a lone surrogate (not a Unicode character)")
    return utf8_size(text)


def _check_scalar(item: Any, pointer: str, path: tuple[Any, ...] | None) -> None:
    if not isinstance(item, _SCALARS):
        _fail(pointer, path, f"is not a JSON value ({type(item).__name__})")
    if isinstance(item, float) and not math.isfinite(item):
        _fail(pointer, path, f"is {item}, which JSON cannot hold")
    if isinstance(item, int) and item.bit_length() > MAX_INT_BITS:
        _fail(pointer, path, f"is an integer longer than {MAX_INT_BITS} bits")


def _fail(pointer: str, path: tuple[Any, ...] | None, detail: str) -> NoReturn:
    keys: list[str] = []
    while path is not None:
        keys.append(str(path[0]).replace("~", "~0").replace("/", "~1"))
        path = path[1]
    where = pointer + "".join(f"/{key}" for key in reversed(keys))
    # The pointer itself must stay encodable: it is echoed in the error body.
    where = where.encode("utf-8", "backslashreplace").decode("utf-8")
    raise InvalidMappingError(pointer=where or "/", detail=f"the value {detail}")
