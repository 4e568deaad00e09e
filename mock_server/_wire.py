"""Encoding a :class:`~mock_server.types.ResponseData` for the wire.

Shared by the WSGI fast path (``mock_server.app``) and the admin surface, which answers
with werkzeug responses.
"""

from __future__ import annotations

import json
from http import HTTPStatus

from werkzeug.wrappers import Response

from mock_server.types import ResponseData

__all__ = ["encode", "status_line", "to_werkzeug_response"]


def encode(data: ResponseData) -> tuple[bytes, str | None]:
    """The body bytes and the content type of a response (compact JSON when ``has_json``)."""
    if not data.has_json:
        return data.body, data.content_type
    text = json.dumps(data.json, separators=(",", ":"), ensure_ascii=False)
    try:
        body = text.encode()
    except UnicodeEncodeError:
        # A lone surrogate a client sent as "\ud800" and the mock echoes: escaped, it is
        # still valid JSON that decodes to the same string.
        body = json.dumps(data.json, separators=(",", ":")).encode()
    return body, data.content_type or "application/json"


def status_line(status: int) -> str:
    """``"200 OK"``; a status without a standard phrase gets ``UNKNOWN``, as werkzeug does."""
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"{status} UNKNOWN"


def to_werkzeug_response(data: ResponseData) -> Response:
    """Serialize a ResponseData as a werkzeug response (headers passed through)."""
    body, content_type = encode(data)
    response = Response(body, status=data.status)
    del response.headers["content-type"]
    for name, value in data.headers.items():
        response.headers[name] = value
    if content_type and "content-type" not in response.headers:
        response.headers["content-type"] = content_type
    return response
