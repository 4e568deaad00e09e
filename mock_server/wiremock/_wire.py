"""WireMock's wire format: Jackson-style pretty JSON and the admin API's response shapes."""

from __future__ import annotations

import json
from typing import Any

from mock_server.types import ResponseData
from mock_server.wiremock._errors import AdminError, InvalidMappingError

_INDENT = "  "


def pretty(value: Any) -> str:
    """Render a JSON value the way WireMock's Jackson ``DefaultPrettyPrinter`` does.

    Objects put one ``"key" : value`` per line; arrays stay on one line (``[ 1, 2 ]``)
    unless they hold objects, which open on the same line (``[ {``). Empty containers
    are ``{ }`` and ``[ ]``. Matching it byte for byte lets tests diff against real
    WireMock answers.

    Args:
        value: A decoded JSON value.

    Returns:
        The pretty text, without a trailing newline.
    """
    return _pretty(value, 0)


def _pretty(value: Any, depth: int, *, ascii_only: bool = False) -> str:
    if isinstance(value, dict):
        if not value:
            return "{ }"
        inner = _INDENT * (depth + 1)
        items = [
            f"{inner}{_scalar(str(k), ascii_only)} : {_pretty(v, depth + 1, ascii_only=ascii_only)}"
            for k, v in value.items()
        ]
        return "{\n" + ",\n".join(items) + "\n" + _INDENT * depth + "}"
    if isinstance(value, list | tuple):
        if not value:
            return "[ ]"
        return "[ " + ", ".join(_pretty(v, depth, ascii_only=ascii_only) for v in value) + " ]"
    return _scalar(value, ascii_only)


def _scalar(value: Any, ascii_only: bool = False) -> str:
    return json.dumps(value, ensure_ascii=ascii_only)


def json_response(value: Any, *, status: int = 200) -> ResponseData:
    """An admin answer with a pretty JSON body, as WireMock sends them.

    A string holding a lone surrogate (a request path or header the edge decoded
    leniently) cannot be UTF-8; then every non-ASCII character is written as a JSON
    escape instead, so the answer is still valid JSON rather than a 500.
    """
    try:
        body = pretty(value).encode()
    except UnicodeEncodeError:
        body = _pretty(value, 0, ascii_only=True).encode()
    return ResponseData(status=status, body=body, content_type="application/json")


def empty_json(status: int = 200) -> ResponseData:
    """WireMock's literal ``{}`` answer (deletes, scenario updates)."""
    return ResponseData(status=status, body=b"{}", content_type="application/json")


def empty(status: int = 200) -> ResponseData:
    """A body-less answer with no content type (saves, resets, unknown admin paths)."""
    return ResponseData(status=status)


def error_response(error: AdminError | InvalidMappingError) -> ResponseData:
    """Render an error in WireMock's ``{"errors": [...]}`` shape.

    Args:
        error: The refused admin request or the malformed mapping.

    Returns:
        A 422 for malformed input (as WireMock answers), else the error's own status.
    """
    if isinstance(error, InvalidMappingError):
        entry: dict[str, Any] = {
            "code": 10,
            # WireMock leaves ``source`` empty when the body is not JSON at all.
            "source": {"pointer": error.pointer} if error.pointer else {},
            "title": "Error parsing JSON",
            "detail": error.detail,
        }
        return json_response({"errors": [entry]}, status=422)
    return json_response(
        {"errors": [{"code": error.code, "title": error.title}]}, status=error.status
    )


def parse_json(body: bytes) -> Any:
    """Decode an admin request's JSON body.

    Raises:
        InvalidMappingError: The body is not UTF-8 JSON, uses ``NaN`` or ``Infinity``
            (not JSON, though Python reads them), holds a number longer than Python's
            4,300-digit conversion limit, or nests deeper than the interpreter can
            parse (WireMock answers 422, code 10).
    """
    try:
        return json.loads(body.decode("utf-8") or "null", parse_constant=_no_constant)
    except ValueError as exc:  # JSONDecodeError, UnicodeDecodeError, the digit limit
        raise InvalidMappingError(pointer="", detail=str(exc)) from exc
    except RecursionError:
        detail = "the JSON nests too deeply to be parsed"
        raise InvalidMappingError(pointer="", detail=detail) from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")
