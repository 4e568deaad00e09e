"""How the mock hands out images: a redirect to its asset host, or the bytes, or old JSON.

A third-party client's log of the live API (February 2026) records the downloads
answering ``302`` to an asset server, which redirects on to S3. The mock redirects once,
to its own asset URL ``http://<Host header>/_assets/autoenhance/<image_id>/<kind>``
(``kind`` is ``enhanced`` or ``original``; the request's ``format``, when given, rides
along as a query parameter). The asset URL needs no key, as a pre-signed S3 URL would
not; it answers ``200`` with the image, or ``404`` with S3's ``NoSuchKey`` XML once the
image is gone or no longer downloadable.

Before API version 2024-11-01 (dynamic image rendering) the downloads answered JSON
naming the image's URL; the mock answers ``{"url": <asset URL>}`` there.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from mock_server.media import IMAGE_MEDIA_TYPES, tiny_image
from mock_server.types import RequestData, ResponseData
from mock_server.vendors.autoenhance._rules import original_payload
from mock_server.vendors.autoenhance._store import Image, Store
from mock_server.vendors.autoenhance._uploads import s3_error

__all__ = [
    "ASSET_PREFIX",
    "Asset",
    "asset_url",
    "enhanced_payload",
    "parse_asset",
    "redirect",
    "serve_asset",
]

ASSET_PREFIX = "/_assets/autoenhance/"
"""Where the mock's asset host lives (unrouted in the spec, so the behaviour answers)."""

_KINDS = ("enhanced", "original")


@dataclass(frozen=True, kw_only=True)
class Asset:
    """One downloadable rendering of an image: which image, which kind, which format."""

    image_id: str
    kind: str
    fmt: str | None = None


def asset_url(*, base: str, asset: Asset) -> str:
    """The absolute URL the asset host at ``base`` (``http://host[/~NAME]``) serves ``asset`` at."""
    url = f"{base}{ASSET_PREFIX}{quote(asset.image_id, safe='')}/{asset.kind}"
    return url if asset.fmt is None else f"{url}?{urlencode({'format': asset.fmt})}"


def redirect(url: str) -> ResponseData:
    """``302 Found`` to ``url``, with no body (as the live API answers a download)."""
    return ResponseData(status=302, headers={"location": url}, content_type=None)


def parse_asset(request: RequestData) -> Asset | None:
    """The asset a request for the asset host names, or None for a malformed path."""
    rest = urlsplit(request.path).path.removeprefix(ASSET_PREFIX)
    image_id, _, kind = rest.partition("/")
    if not image_id or kind not in _KINDS:
        return None
    fmt = request.query.get("format", ("",))[0] or None
    if fmt is not None and fmt not in IMAGE_MEDIA_TYPES:
        return None
    return Asset(image_id=image_id, kind=kind, fmt=fmt)


def enhanced_payload(fmt: str | None) -> tuple[bytes, str]:
    """The placeholder enhanced image in ``fmt`` (default JPEG) and its Content-Type."""
    wanted = fmt or "jpeg"
    return tiny_image(wanted), IMAGE_MEDIA_TYPES[wanted]


def serve_asset(store: Store, request: RequestData) -> ResponseData:
    """Answer a request for the asset host (the caller holds the store lock).

    Any method but ``GET`` and ``HEAD`` is S3's ``405 MethodNotAllowed``. The enhanced
    rendering exists while the image is ``processed``; the original once uploaded.
    """
    if request.method not in ("GET", "HEAD"):
        return s3_error(store, 405, "MethodNotAllowed", "The specified method is not allowed.")
    asset = parse_asset(request)
    image = None if asset is None else store.images.get(asset.image_id)
    payload = None if asset is None or image is None else _payload(image, asset)
    if payload is None:
        return s3_error(store, 404, "NoSuchKey", "The specified key does not exist.")
    body, content_type = payload
    return ResponseData(status=200, body=body, content_type=content_type)


def _payload(image: Image, asset: Asset) -> tuple[bytes, str] | None:
    if asset.kind == "enhanced":
        return enhanced_payload(asset.fmt) if image.status == "processed" else None
    if image.data is None:
        return None
    return original_payload(image.data, stored_type=image.content_type, wanted=asset.fmt)
