"""Media types: range matching, JSON detection, sample content, and the wire encoding.

Everything that knows what ``image/*`` covers, which body is JSON, what a tiny valid
file of a type looks like, or how a :class:`~mock_server.types.ResponseData` becomes
bytes lives here, so the validator, the synthesizer, the self-check, the edges and the
vendor behaviours agree.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import TYPE_CHECKING, TypeVar

import orjson

from mock_server.types import ResponseData

if TYPE_CHECKING:
    from werkzeug.wrappers import Response

__all__ = [
    "IMAGE_MEDIA_TYPES",
    "NO_BODY_STATUSES",
    "best_match",
    "covers",
    "encode",
    "encode_json",
    "is_json",
    "sample_bytes",
    "sniff_format",
    "status_line",
    "tiny_image",
    "to_werkzeug_response",
    "wire",
]

T = TypeVar("T")

NO_BODY_STATUSES = frozenset({204, 304})
"""Statuses that never carry a body (nor a Content-Length)."""


# --- matching -------------------------------------------------------------------


def covers(media_range: str, media_type: str) -> bool:
    """Whether a media range (``image/*``, ``*/*``, ``image/png``) covers ``media_type``.

    Both are bare (no parameters) and lower-case.

    >>> covers("image/*", "image/png"), covers("*/*", "text/plain"), covers("image/*", "text/x")
    (True, True, False)
    """
    if media_range in ("*/*", media_type):
        return True
    return media_range.endswith("/*") and media_type.startswith(media_range[:-1])


def best_match(items: Iterable[T], media_type: str, *, key: Callable[[T], str]) -> T | None:
    """The item whose declared media type serves ``media_type`` best.

    An exact type wins over ``type/*``, which wins over ``*/*``; among equals the first.

    >>> best_match(["*/*", "image/*", "image/png"], "image/png", key=str)
    'image/png'
    >>> best_match(["*/*", "image/*"], "image/webp", key=str)
    'image/*'
    >>> best_match(["text/plain"], "image/webp", key=str) is None
    True
    """
    family = media_type.split("/", 1)[0] + "/*"
    found: dict[str, T] = {}
    for item in items:
        declared = key(item)
        if declared == media_type:
            return item
        if declared in (family, "*/*"):
            found.setdefault(declared, item)
    return found.get(family, found.get("*/*"))


def is_json(media_type: str) -> bool:
    """Whether a bare media type carries JSON (``application/json`` or ``+json``).

    >>> is_json("application/problem+json"), is_json("text/json")
    (True, False)
    """
    return media_type == "application/json" or media_type.endswith("+json")


# --- sample content ------------------------------------------------------------------

# 8x8 pictures made once with Pillow: they decode in any image library, so a client that
# opens what it downloads from the mock works.
_IMAGES = {
    "png": "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAFUlEQVR42mOsqDjLgA0wMeAAg1MCAF7wAc2y"
    "p23DAAAAAElFTkSuQmCC",
    "jpeg": "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxO"
    "QERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2Nj"
    "Y2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAA"
    "AAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS"
    "0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJ"
    "ipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6"
    "/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJB"
    "UQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVm"
    "Z2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna"
    "4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwBaKKK9Qg//2Q==",
    "webp": "UklGRiwAAABXRUJQVlA4ICAAAABwAQCdASoIAAgAAsBMJaACdAG+gACb/V352/U95y5QAA==",
    "gif": "R0lGODdhAQABAIEAAP///wAAAAAAAAAAACwAAAAAAQABAAAIBAABBAQAOw==",
}

IMAGE_MEDIA_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}
"""The media type of each format the vendors serve (see :func:`tiny_image`)."""

_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
_SAMPLE_FORMATS = {
    "image/png": "png",
    "image/jpeg": "jpeg",
    "image/jpg": "jpeg",
    "image/pjpeg": "jpeg",
    "image/webp": "webp",
    "image/gif": "gif",
}
_SAMPLE_FILES = {"application/pdf": _PDF, "application/zip": b"PK\x05\x06" + b"\x00" * 18}


def tiny_image(fmt: str) -> bytes:
    """An 8x8 image in ``fmt`` (``png``, ``jpeg``, ``webp``; ``jpg`` means jpeg; ``gif`` is 1x1).

    Raises:
        KeyError: An unknown format.
    """
    return base64.b64decode(_IMAGES["jpeg" if fmt == "jpg" else fmt])


def sample_bytes(media_type: str) -> bytes:
    """Small valid content of a bare media type (a real image for images).

    >>> sample_bytes("image/png")[1:4], sample_bytes("application/x-unknown")[:4]
    (b'PNG', b'mock')
    """
    fmt = _SAMPLE_FORMATS.get(media_type)
    if fmt is not None:
        return tiny_image(fmt)
    return _SAMPLE_FILES.get(media_type, b"mock binary content\n")


def sniff_format(data: bytes) -> str | None:
    """The image format of ``data`` from its magic bytes, or None if unrecognised.

    Returns one of ``jpeg``, ``png``, ``webp``, ``tiff`` (TIFF-based RAW: DNG, NEF, ARW),
    ``raf`` (Fujifilm RAW), ``heic``, ``gif``.

    >>> sniff_format(tiny_image("webp")), sniff_format(b"plain text")
    ('webp', None)
    """
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if data[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if data.startswith(b"FUJIFILMCCD-RAW"):
        return "raf"
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"heim", b"heis"):
        return "heic"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    return None


# --- the wire -----------------------------------------------------------------------


def encode(data: ResponseData) -> tuple[bytes, str | None]:
    """The body bytes and the content type of a response (compact JSON when ``has_json``).

    >>> encode(ResponseData(status=200, json={"a": [1, 2]}, has_json=True))
    (b'{"a":[1,2]}', 'application/json')
    """
    if not data.has_json:
        return data.body, data.content_type
    return encode_json(data.json), data.content_type or "application/json"


# orjson serializes what json.dumps does not (dataclasses, datetimes, str subclasses as
# their own type); passed through, they reach json.dumps, which refuses them as before.
_ORJSON_OPTIONS = (
    orjson.OPT_PASSTHROUGH_DATACLASS
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_SUBCLASS
)


def encode_json(value: object) -> bytes:
    """``value`` as compact UTF-8 JSON, as ``json.dumps`` writes it with compact separators.

    The bytes are those of ``json.dumps(value, separators=(",", ":"), ensure_ascii=False)``
    (the wire format the mock has always sent), written by orjson, about twenty times
    faster. What orjson refuses (integers over 64
    bits, keys that are not strings, lone surrogates) goes to ``json.dumps``. Floats keep
    their value but may differ in spelling (``1e-7`` for ``1e-07``), and NaN is ``null``.

    >>> encode_json({"b": [1, 2.5, None], "n": 2**70, 1: True})
    b'{"b":[1,2.5,null],"n":1180591620717411303424,"1":true}'
    """
    try:
        return orjson.dumps(value, option=_ORJSON_OPTIONS)
    except TypeError:
        pass
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    try:
        return text.encode()
    except UnicodeEncodeError:
        # A lone surrogate a client sent as "\ud800" and the mock echoes: escaped, it is
        # still valid JSON that decodes to the same string.
        return json.dumps(value, separators=(",", ":")).encode()


def wire(data: ResponseData) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, header list and body bytes of a response, as every edge sends it.

    The content type comes from :func:`encode` unless the response sets one, and a
    ``Content-Length`` is added except for statuses that carry no body. The result is
    memoized on the response, so encoding it again costs nothing.
    """
    if data.encoded is not None:
        return data.encoded
    body, content_type = encode(data)
    headers = list(data.headers.items())
    if content_type and not any(name.lower() == "content-type" for name, _ in headers):
        headers.append(("Content-Type", content_type))
    if data.status not in NO_BODY_STATUSES:
        headers.append(("Content-Length", str(len(body))))
    encoded = (data.status, headers, body)
    # A frozen record memoizing a value derived from its own fields: the fields never change.
    object.__setattr__(data, "encoded", encoded)
    return encoded


def status_line(status: int) -> str:
    """``"200 OK"``; a status without a standard phrase gets ``UNKNOWN``, as werkzeug does.

    >>> status_line(201), status_line(599)
    ('201 Created', '599 UNKNOWN')
    """
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} UNKNOWN"


def to_werkzeug_response(data: ResponseData) -> Response:
    """The same bytes as :func:`wire`, as a werkzeug response (for werkzeug-based edges)."""
    from werkzeug.wrappers import Response

    status, headers, body = wire(data)
    response = Response(body, status=status)
    response.headers.clear()
    for name, value in headers:
        response.headers.add(name, value)
    return response
