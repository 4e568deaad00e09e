"""schemathesis hooks of every ``st run`` from the repo root: upload what Create Image asks for.

``schemathesis.toml`` names this file (``hooks``), so a plain ``st run`` loads it, from
whatever environment ``st`` was installed into (``pipx``, ``uvx``, schemathesis' container
image): the file imports only the standard library and schemathesis, nothing of this
project (``contract_tests/test_st_hooks.py`` holds it to that).

Autoenhance's Create Image answers with an upload URL, and the image exists for the
downloads only once its bytes are ``PUT`` there (the spec's Create Image description).
That ``PUT`` is not an operation of the spec, so no link leads to it: without this hook
no download can answer 2xx. After each successful Create Image it does what a client
does next: ``PUT`` a tiny image, with the Content-Type the body declared (the signed
URL requires it), before the run's next request.

Only an upload URL on the server under test is used: the mock serves its stand-in for
S3 on itself; the vendor's URLs point at S3, and an upload there would start a paid
enhancement, so a live run (``make conformance``) never uploads.
"""

from __future__ import annotations

import base64
import http.client
import urllib.error
import urllib.request
from typing import Any
from urllib.parse import urlsplit

import schemathesis

CREATE_IMAGE = "POST /v3/images/"
"""The operation whose answer carries an upload URL (Autoenhance's Create Image)."""

UPLOAD_TIMEOUT = 60
"""Seconds for the upload: one that times out on a busy machine leaves the image waiting,
and its downloads' 404 would read as a created resource that is missing (ST302)."""

# 8x8 images, the same bytes as ``mock_server.media.tiny_image`` (a test compares them):
# the mock sniffs an upload's bytes against the Content-Type its Create Image declared.
_IMAGES = {
    "image/png": (
        "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAFUlEQVR42mOsqDjLgA0wMeAAg1MCAF7wAc2yp23D"
        "AAAAAElFTkSuQmCC"
    ),
    "image/jpeg": (
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERX"
        "RTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj"
        "Y2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAA"
        "AAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAk"
        "M2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKT"
        "lJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QA"
        "HwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdh"
        "cRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hp"
        "anN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk"
        "5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwBaKKK9Qg//2Q=="
    ),
    "image/webp": "UklGRiwAAABXRUJQVlA4ICAAAABwAQCdASoIAAgAAsBMJaACdAG+gACb/V352/U95y5QAA==",
}
_FALLBACK = "image/jpeg"


@schemathesis.hook
def after_call(context: Any, case: Any, response: Any) -> None:
    """PUT an image to the upload URL a successful Create Image returned."""
    del context
    if case.operation.label != CREATE_IMAGE or not 200 <= response.status_code < 300:
        return
    url = upload_url(response)
    if url is None or urlsplit(url).netloc != urlsplit(str(response.request.url)).netloc:
        return
    content_type = declared_type(case.body)
    put = urllib.request.Request(
        url, data=image_bytes(content_type), headers=_headers(content_type), method="PUT"
    )
    try:
        with urllib.request.urlopen(put, timeout=UPLOAD_TIMEOUT) as answer:
            answer.read()
    except urllib.error.HTTPError as refused:
        refused.close()  # the mock refused the upload: the image stays waiting
    except (OSError, http.client.HTTPException, UnicodeEncodeError, ValueError):
        return  # a Content-Type no client can send, or no answer: the image stays waiting


def upload_url(response: Any) -> str | None:
    """The answer's ``upload_url`` (or the legacy ``s3PutObjectUrl``), if any."""
    try:
        body = response.json()
    except ValueError:
        return None
    url = body.get("upload_url") or body.get("s3PutObjectUrl") if isinstance(body, dict) else None
    return url if isinstance(url, str) else None


def declared_type(body: Any) -> str | None:
    """The Content-Type Create Image's body fixed for the upload (``content_type``)."""
    if not isinstance(body, dict):
        return None
    declared = body.get("content_type", body.get("contentType"))
    return declared if isinstance(declared, str) else None


def image_bytes(content_type: str | None) -> bytes:
    """A tiny image of the declared type when it names one the API serves, else a JPEG."""
    essence = (content_type or "").split(";", 1)[0].strip().lower()
    return base64.b64decode(_IMAGES.get(essence, _IMAGES[_FALLBACK]))


def _headers(content_type: str | None) -> dict[str, str]:
    return {"content-type": _FALLBACK if content_type is None else content_type}
