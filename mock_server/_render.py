"""Error bodies in the vendor's shape, chosen by the root ``x-mock-error-style``.

- ``error-key`` (AI HomeDesign): ``{"error": <message>, "key": "api_error_<...>"}``.
- ``message-detail`` (APIFlask, Autoenhance): validation errors are
  ``{"message": "Validation error", "detail": {<location>: {<field>: [<message>]}}}``,
  other errors ``{"message": <reason phrase or custom>, "detail": {}}``.
- ``problem``: RFC 7807 ``application/problem+json`` ``{type, title, status, detail}``.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from mock_server.errors import FieldIssue, RequestError
from mock_server.types import ResponseData

_KEYS = {
    400: "api_error_invalid_request",
    401: "api_error_unauthorized",
    403: "api_error_forbidden",
    404: "api_error_not_found",
    405: "api_error_method_not_allowed",
    406: "api_error_not_acceptable",
    409: "api_error_conflict",
    413: "api_error_payload_too_large",
    415: "api_error_unsupported_media_type",
    422: "api_error_invalid_request",
    429: "api_error_rate_limit_exceeded",
    500: "api_error_internal",
}


def reason(status: int) -> str:
    """The HTTP reason phrase of ``status`` (``Error`` for unknown codes)."""
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def default_key(status: int) -> str:
    """The ``error-key`` style's key for a status, e.g. ``api_error_not_found``."""
    known = _KEYS.get(status)
    if known is not None:
        return known
    words = "".join(c if c.isalnum() else "_" for c in reason(status).lower())
    return "api_error_" + "_".join(w for w in words.split("_") if w)


def _detail(issues: tuple[FieldIssue, ...]) -> dict[str, Any]:
    """``{location: {field: [messages]}}``; nested problems go under their top-level field.

    Two levels, as the Autoenhance spec decides for APIFlask's shape.
    """
    detail: dict[str, dict[str, list[str]]] = {}
    for found in issues:
        messages = detail.setdefault(found.location, {}).setdefault(str(found.path[0]), [])
        if found.message not in messages:
            messages.append(found.message)
    return detail


def _issues(error: RequestError) -> tuple[FieldIssue, ...]:
    if error.issues:
        return error.issues
    if error.field and error.location:
        return (FieldIssue(location=error.location, path=(error.field,), message=error.message),)
    return ()


class ErrorRenderer:
    """Renders :class:`RequestError` in one vendor style.

    Args:
        style: ``error-key``, ``message-detail`` or ``problem``.
    """

    def __init__(self, style: str) -> None:
        self.style = style

    def render(self, error: RequestError, *, generic: bool = False) -> ResponseData:
        """Build the error response.

        Args:
            error: What went wrong.
            generic: The error is the engine's own (401/404/405/413/415): the
                ``error-key`` and ``message-detail`` styles use the reason phrase as the
                message, like the vendors do; ``problem`` keeps the precise ``detail``.
        """
        headers = dict(error.headers)
        if self.style == "error-key":
            # The engine's own errors read like the vendor's ("not found", "unauthorized").
            message = reason(error.status).lower() if generic else error.message
            body: dict[str, Any] = {"error": message, "key": error.key or default_key(error.status)}
            content_type = "application/json"
        elif self.style == "message-detail":
            body = self._message_detail(error, generic=generic)
            content_type = "application/json"
        else:
            body = self._problem(error, generic=generic)
            content_type = "application/problem+json"
        return ResponseData(
            status=error.status,
            headers=headers,
            json=body,
            has_json=True,
            content_type=content_type,
        )

    def _message_detail(self, error: RequestError, *, generic: bool) -> dict[str, Any]:
        issues = () if generic else _issues(error)
        if issues:
            return {"message": "Validation error", "detail": _detail(issues)}
        message = reason(error.status) if generic else error.message
        return {"message": message, "detail": {}}

    def _problem(self, error: RequestError, *, generic: bool) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": "about:blank",
            "title": reason(error.status),
            "status": error.status,
            "detail": error.message,
        }
        issues = () if generic else _issues(error)
        if issues:
            body["errors"] = [
                {"location": i.location, "field": i.field, "message": i.message} for i in issues
            ]
        return body
