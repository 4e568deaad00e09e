"""schemathesis hooks of every ``st run`` from the repo root: upload what Create Image asks for.

``schemathesis.toml`` names this file (``hooks``), so a plain ``st run`` loads it.
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

from typing import Any
from urllib.parse import urlsplit

import httpx
import schemathesis

from mock_server.media import IMAGE_MEDIA_TYPES, tiny_image

CREATE_IMAGE = "POST /v3/images/"
"""The operation whose answer carries an upload URL (Autoenhance's Create Image)."""


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
    try:
        # A long timeout: a PUT that times out on a busy machine leaves the image waiting,
        # and its downloads' 404 would read as a created resource that is missing (ST302).
        httpx.put(
            url, content=image_bytes(content_type), headers=_headers(content_type), timeout=60
        )
    except (httpx.HTTPError, UnicodeEncodeError, ValueError):
        return  # a Content-Type no client can send: the image stays waiting


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
    fmt = next((f for f, media in IMAGE_MEDIA_TYPES.items() if media == essence), "jpeg")
    return tiny_image(fmt)


def _headers(content_type: str | None) -> dict[str, str]:
    return {"content-type": "image/jpeg" if content_type is None else content_type}
