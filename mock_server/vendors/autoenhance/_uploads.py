"""The mock's stand-in for Autoenhance's pre-signed S3 upload URLs.

Create Image and Create Bracket hand out URLs on the mock itself:
``http://<Host header>/_s3/autoenhanceapi-prod/<order_id>/<id>/<name>?X-Amz-...`` (the
path imitates the vendor's bucket layout). A ``PUT`` there answers like S3:

- ``200``, empty body, an ``ETag`` (the MD5 of the bytes) and ``x-amz-request-id``;
- ``403`` ``SignatureDoesNotMatch`` (XML) for a method other than ``PUT``, a token the
  mock never issued (or whose image, bracket or order was deleted, or a reset since), a
  path that is not the one signed, or a Content-Type other than the one declared with
  ``content_type`` / ``contentType`` at Create Image;
- ``403`` ``AccessDenied`` "Request has expired" once ``X-Amz-Expires`` seconds of clock
  time have passed since the URL was issued.

Uploaded bytes are kept only up to :data:`MAX_KEPT_UPLOAD_BYTES` (:func:`kept_upload`): a
larger upload is remembered as a tiny image of the format it sniffs as (or as empty, which
the original download serves as a placeholder of the declared type), so memory does not
grow with what clients PUT. The ETag is still the MD5 of every byte sent.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from http import HTTPStatus
from urllib.parse import quote, urlencode

from mock_server.media import IMAGE_MEDIA_TYPES, sniff_format, tiny_image
from mock_server.types import RequestData, ResponseData
from mock_server.vendors.autoenhance._store import Store, Upload

__all__ = [
    "MAX_KEPT_UPLOAD_BYTES",
    "UPLOAD_PREFIX",
    "UPLOAD_TTL_SECONDS",
    "check_put",
    "kept_upload",
    "ok_response",
    "s3_error",
    "s3_status_error",
    "signed_url",
    "upload_path",
]

UPLOAD_PREFIX = "/_s3/autoenhanceapi-prod/"
"""Where upload URLs point (unrouted in the spec, so the behaviour answers them)."""

UPLOAD_TTL_SECONDS = 3600
"""How long an upload URL stays valid (clock seconds), as ``X-Amz-Expires`` says."""

MAX_KEPT_UPLOAD_BYTES = 1024 * 1024
"""Uploads up to this size are kept byte for byte; larger ones as a placeholder."""

_MISMATCH = (
    "The request signature we calculated does not match the signature you provided. "
    "Check your key and signing method."
)


def upload_path(*, order_id: str, target_id: str, name: str) -> str:
    """The decoded URL path of an upload slot (as werkzeug reports ``request.path``).

    Any string works: what UTF-8 cannot encode (a lone surrogate) becomes ``?``, so the
    URL can always be built and a PUT to it matches this path.
    """
    path = f"{UPLOAD_PREFIX}{order_id}/{target_id}/{name}"
    return path.encode("utf-8", "replace").decode("utf-8")


def kept_upload(data: bytes) -> bytes:
    """What the mock keeps of an upload's bytes (see the module docstring).

    >>> kept_upload(b"small") == b"small", kept_upload(bytes(MAX_KEPT_UPLOAD_BYTES + 1))
    (True, b'')
    """
    if len(data) <= MAX_KEPT_UPLOAD_BYTES:
        return data
    fmt = sniff_format(data[:64])
    return tiny_image(fmt) if fmt in IMAGE_MEDIA_TYPES else b""


def signed_url(*, base: str, upload: Upload, ttl: int = UPLOAD_TTL_SECONDS) -> str:
    """The full pre-signed URL of ``upload`` on the mock at ``base`` (``http://host[/~NAME]``)."""
    stamp = datetime.fromtimestamp(upload.issued_at, UTC).strftime("%Y%m%dT%H%M%SZ")
    query = urlencode(
        {
            "X-Amz-Algorithm": "AWS4-HMAC-SHA256",
            "X-Amz-Date": stamp,
            "X-Amz-Expires": str(ttl),
            "X-Amz-SignedHeaders": "content-type;host" if upload.content_type else "host",
            "X-Amz-Signature": upload.token,
        }
    )
    return f"{base}{quote(upload.path)}?{query}"


def check_put(
    store: Store, request: RequestData, *, now: float, ttl: float = UPLOAD_TTL_SECONDS
) -> Upload | ResponseData:
    """The upload slot a request to an upload URL may fill, or the S3 error to answer.

    Call it with ``store.lock`` held.
    """
    token = (request.query.get("X-Amz-Signature") or ("",))[0]
    upload = store.uploads.get(token)
    if request.method.upper() != "PUT" or upload is None or upload.path != request.path:
        return s3_error(store, 403, "SignatureDoesNotMatch", _MISMATCH)
    if now > upload.issued_at + ttl:
        return s3_error(store, 403, "AccessDenied", "Request has expired")
    sent_type = request.headers.get("content-type", "")
    if upload.content_type is not None and _essence(sent_type) != _essence(upload.content_type):
        return s3_error(store, 403, "SignatureDoesNotMatch", _MISMATCH)
    return upload


def ok_response(store: Store, data: bytes) -> ResponseData:
    """S3's answer to a successful PUT: 200, empty body, the object's ETag."""
    etag = hashlib.md5(data, usedforsecurity=False).hexdigest()
    return ResponseData(
        status=200, headers={"ETag": f'"{etag}"', "x-amz-request-id": _request_id(store)}
    )


def s3_error(store: Store, status: int, code: str, message: str) -> ResponseData:
    """An S3-style XML error document."""
    request_id = _request_id(store)
    body = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{code}</Code><Message>{message}</Message>"
        f"<RequestId>{request_id}</RequestId></Error>"
    )
    return ResponseData(
        status=status,
        headers={"x-amz-request-id": request_id},
        body=body.encode(),
        content_type="application/xml",
    )


_S3_ERRORS = {
    400: ("InvalidRequest", "Invalid Request"),
    403: ("AccessDenied", "Access Denied"),
    404: ("NoSuchKey", "The specified key does not exist."),
    405: ("MethodNotAllowed", "The specified method is not allowed against this resource."),
    409: ("OperationAborted", "A conflicting conditional operation is currently in progress."),
    500: ("InternalError", "We encountered an internal error. Please try again."),
    501: ("NotImplemented", "A header you provided implies functionality that is not implemented."),
    503: ("SlowDown", "Please reduce your request rate."),
}
"""S3's error code and message per status (the S3 API reference's error code list)."""


def s3_status_error(store: Store, status: int) -> ResponseData:
    """S3's error document for ``status`` (an injected fault on an upload or asset URL).

    A status S3 has no listed error for gets its reason phrase as code and message.
    """
    phrase = _reason_phrase(status)
    code, message = _S3_ERRORS.get(status, (phrase.replace(" ", ""), phrase))
    return s3_error(store, status, code, message)


def _reason_phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _request_id(store: Store) -> str:
    return store.new_token()[:16].upper()


def _essence(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()
