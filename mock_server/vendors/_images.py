"""Tiny real images served by the vendor mocks, and sniffing of uploaded image bytes.

The bytes are 8x8 pictures made once with Pillow; they decode in any image library,
so a client that opens what it downloads works against the mock.
"""

from __future__ import annotations

import base64

__all__ = ["MEDIA_TYPES", "sniff_format", "tiny_image"]

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
}

MEDIA_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}
"""The media type of each format ``tiny_image`` knows."""


def tiny_image(fmt: str) -> bytes:
    """An 8x8 image in ``fmt`` (``png``, ``jpeg`` or ``webp``; ``jpg`` means jpeg).

    Raises:
        KeyError: An unknown format.
    """
    return base64.b64decode(_IMAGES["jpeg" if fmt == "jpg" else fmt])


def sniff_format(data: bytes) -> str | None:
    """The image format of ``data`` from its magic bytes, or None if unrecognised.

    Returns one of ``jpeg``, ``png``, ``webp``, ``tiff`` (TIFF-based RAW: DNG, NEF, ARW),
    ``raf`` (Fujifilm RAW), ``heic``, ``gif``.
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
