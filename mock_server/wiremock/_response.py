"""Stub response definitions, the faults they can inject, and the match result the edge serves."""

from __future__ import annotations

import base64
import binascii
import enum
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mock_server.types import ConnectionFault, ResponseData
from mock_server.wiremock._errors import InvalidMappingError
from mock_server.wiremock._limits import (
    MAX_BODY_BYTES,
    MAX_DELAY_MS,
    MAX_HEADER_BYTES,
    MAX_HEADERS,
    utf8_size,
)

_BODY_KEYS = ("body", "jsonBody", "base64Body", "bodyFileName")
_KNOWN_KEYS = frozenset(
    {*_BODY_KEYS, "status", "statusMessage", "headers", "fixedDelayMilliseconds", "fault"}
    | {"fromConfiguredStub"}  # read-only; WireMock's own exports carry it
)
# Accepted so that WireMock exports load, but only while they ask for nothing.
_INERT_KEYS = frozenset({"transformers", "transformerParameters"})
# RFC 9110 token characters, for header names.
_TOKEN = frozenset("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
# What a header value or reason phrase may hold on the wire: tab, visible ASCII, space and
# Latin-1 ``obs-text``. A CR or LF would split the response; other controls are refused
# by HTTP servers, some of them by aborting.
_FIELD_TEXT = frozenset(
    "\t" + "".join(map(chr, range(0x20, 0x7F))) + "".join(map(chr, range(0x80, 0x100)))
)
# The edge frames every response itself (Content-Length on each); a stub's own framing
# header would contradict it, so it is kept in the mapping (WireMock exports may carry
# one) but not sent.
_FRAMING = frozenset({"content-length", "transfer-encoding"})


class StubFault(enum.Enum):
    """A broken answer a stub asks the edge to send instead of its response."""

    CONNECTION_RESET_BY_PEER = "CONNECTION_RESET_BY_PEER"
    """Close the socket at once (a TCP reset where the server can force one)."""
    EMPTY_RESPONSE = "EMPTY_RESPONSE"
    """Close the connection without sending a byte."""
    MALFORMED_RESPONSE_CHUNK = "MALFORMED_RESPONSE_CHUNK"
    """Send the status and headers, then a corrupt chunk, then close."""
    RANDOM_DATA_THEN_CLOSE = "RANDOM_DATA_THEN_CLOSE"
    """Send garbage bytes instead of an HTTP response, then close."""


@dataclass(frozen=True, kw_only=True)
class StubMatch:
    """The stub that answers a request, and how.

    Attributes:
        stub_id: The matching stub's id (pass it to ``WireMock.record``).
        response: What to send. ``Matched-Stub-Id`` is among its headers, as WireMock
            adds it; ``connection_fault`` is set when ``fault`` is.
        status_message: The reason phrase to send, if the stub sets one.
        delay_ms: How long to wait before answering (``fixedDelayMilliseconds``).
        fault: The fault to inject instead of ``response``, if any.
        validate: Whether the edge should validate the request against the OpenAPI spec
            before serving the stub; false when the stub's metadata opts out with
            ``{"mock-server": {"validate": false}}``.
    """

    stub_id: str
    response: ResponseData
    status_message: str | None = None
    delay_ms: int = 0
    fault: StubFault | None = None
    validate: bool = True


@dataclass(frozen=True, kw_only=True)
class ResponseDefinition:
    """A stub's compiled ``response`` object."""

    status: int
    status_message: str | None
    headers: dict[str, str]
    body: bytes | None
    body_file: str | None
    delay_ms: int
    fault: StubFault | None

    @classmethod
    def compile(cls, source: Any, *, pointer: str = "/response") -> ResponseDefinition:
        """Compile a ``response`` object.

        Raises:
            InvalidMappingError: It has an unknown or unsupported key or a bad value.
        """
        if not isinstance(source, dict):
            raise InvalidMappingError(pointer=pointer, detail="response must be an object")
        _check_keys(source, pointer)
        return cls(
            status=_status(source, pointer),
            status_message=_status_message(source, pointer),
            headers=_headers(source, pointer),
            body=_body(source, pointer),
            body_file=_body_file(source, pointer),
            delay_ms=_delay(source, pointer),
            fault=_fault(source, pointer),
        )

    def render(self, *, stub_id: str, validate: bool, files_dir: Path | None) -> StubMatch:
        """The match result for a request this definition answers.

        Args:
            stub_id: The stub's id, echoed in ``Matched-Stub-Id``.
            validate: The stub's spec-validation flag.
            files_dir: Where ``bodyFileName`` files live (WireMock's ``__files``).
        """
        headers = {**self.headers, "Matched-Stub-Id": stub_id}
        response = ResponseData(status=self.status, headers=headers, body=self.body or b"")
        if self.body is None:
            response = _from_file(response, files_dir, self.body_file or "")
        if self.fault is not None:
            response = replace(response, connection_fault=_CONNECTION_FAULTS[self.fault])
        return StubMatch(
            stub_id=stub_id,
            response=response,
            status_message=self.status_message,
            delay_ms=self.delay_ms,
            fault=self.fault,
            validate=validate,
        )


def _check_keys(source: dict[str, Any], pointer: str) -> None:
    for key, value in source.items():
        if key in _KNOWN_KEYS or (key in _INERT_KEYS and not value):
            continue
        detail = f'Unrecognized or unsupported field "{key}" in a response definition'
        raise InvalidMappingError(pointer=f"{pointer}/{key}", detail=detail)
    if sum(key in source for key in _BODY_KEYS) > 1:
        detail = "only one of body, jsonBody, base64Body and bodyFileName may be given"
        raise InvalidMappingError(pointer=pointer, detail=detail)


def _bounded_int(
    source: dict[str, Any], key: str, default: int, low: int, high: int, pointer: str
) -> int:
    value = source.get(key, default)
    # JSON's 1e3 and 200.0 are floats, "200" a string, true a bool: all refused, as Jackson
    # refuses them for WireMock's int fields.
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        detail = f"{key} must be a whole number from {low} to {high}, not {value!r}"
        raise InvalidMappingError(pointer=f"{pointer}/{key}", detail=detail)
    return value


def _status(source: dict[str, Any], pointer: str) -> int:
    return _bounded_int(source, "status", 200, 100, 599, pointer)


def _delay(source: dict[str, Any], pointer: str) -> int:
    return _bounded_int(source, "fixedDelayMilliseconds", 0, 0, MAX_DELAY_MS, pointer)


def _status_message(source: dict[str, Any], pointer: str) -> str | None:
    message = _optional_str(source, "statusMessage", pointer)
    if message is not None:
        _field_text(message, f"{pointer}/statusMessage", "statusMessage")
    return message


def _body_file(source: dict[str, Any], pointer: str) -> str | None:
    name = _optional_str(source, "bodyFileName", pointer)
    if name is not None and ("\0" in name or len(name) > 4096):
        detail = "bodyFileName must be a file name without NUL, of at most 4096 characters"
        raise InvalidMappingError(pointer=f"{pointer}/bodyFileName", detail=detail)
    return name


def _field_text(text: str, pointer: str, what: str) -> None:
    if not _FIELD_TEXT.issuperset(text):
        detail = f"{what} may hold only tab, printable ASCII and Latin-1 characters, not {text!r}"
        raise InvalidMappingError(pointer=pointer, detail=detail)


def _optional_str(source: dict[str, Any], key: str, pointer: str) -> str | None:
    value = source.get(key)
    if value is not None and not isinstance(value, str):
        raise InvalidMappingError(pointer=f"{pointer}/{key}", detail=f"{key} must be a string")
    return value


def _headers(source: dict[str, Any], pointer: str) -> dict[str, str]:
    headers = source.get("headers") or {}
    if not isinstance(headers, dict):
        raise InvalidMappingError(pointer=f"{pointer}/headers", detail="headers must be an object")
    if len(headers) > MAX_HEADERS:
        detail = f"a stub may set at most {MAX_HEADERS} headers"
        raise InvalidMappingError(pointer=f"{pointer}/headers", detail=detail)
    served = {
        name: _header_value(name, value, f"{pointer}/headers/{name}")
        for name, value in headers.items()
    }
    return {name: value for name, value in served.items() if name.lower() not in _FRAMING}


def _header_value(name: str, value: Any, pointer: str) -> str:
    if not name or not _TOKEN.issuperset(name):
        raise InvalidMappingError(pointer=pointer, detail=f"{name!r} is not a valid header name")
    # WireMock accepts a list for a repeated header; the edge's headers hold one value.
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in values):
        detail = "a header value must be a string, a number or a list of them"
        raise InvalidMappingError(pointer=pointer, detail=detail)
    text = ", ".join(map(str, values))
    _field_text(text, pointer, "a header value")
    if len(name) + len(text) > MAX_HEADER_BYTES:
        detail = f"a header's name and value may hold at most {MAX_HEADER_BYTES} bytes"
        raise InvalidMappingError(pointer=pointer, detail=detail)
    return text


def _body(source: dict[str, Any], pointer: str) -> bytes | None:
    key = next((key for key in _BODY_KEYS if key in source), None)
    if key is None:
        return b""
    if key == "body":
        body = _body_text(source["body"]).encode()
    elif key == "jsonBody":
        # The mapping's check left finite numbers and encodable strings, nested within
        # bounds, so this cannot fail.
        body = json.dumps(source["jsonBody"], separators=(",", ":"), ensure_ascii=False).encode()
    elif key == "base64Body":
        body = _base64(source["base64Body"], f"{pointer}/base64Body")
    else:
        return None
    if len(body) > MAX_BODY_BYTES:
        detail = f"{key} is larger than {MAX_BODY_BYTES} bytes"
        raise InvalidMappingError(pointer=f"{pointer}/{key}", detail=detail)
    return body


def _body_text(value: Any) -> str:
    # WireMock writes a non-string ``body`` as its JSON text.
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _base64(value: Any, pointer: str) -> bytes:
    if not isinstance(value, str) or utf8_size(value) > MAX_BODY_BYTES * 4 // 3 + 4:
        detail = f"base64Body must be a string of at most {MAX_BODY_BYTES} bytes once decoded"
        raise InvalidMappingError(pointer=pointer, detail=detail)
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidMappingError(
            pointer=pointer, detail=f"base64Body is not base64: {exc}"
        ) from exc


def _fault(source: dict[str, Any], pointer: str) -> StubFault | None:
    name = source.get("fault")
    if name is None:
        return None
    try:
        return StubFault(name)
    except (ValueError, TypeError) as exc:  # TypeError: an unhashable value (a list)
        detail = f"fault must be one of {', '.join(f.value for f in StubFault)}"
        raise InvalidMappingError(pointer=f"{pointer}/fault", detail=detail) from exc


def _from_file(response: ResponseData, files_dir: Path | None, name: str) -> ResponseData:
    """Fill the body from a ``bodyFileName`` file, or answer 500 when it cannot be read."""
    try:
        path = _inside(files_dir, name)
        body = path.read_bytes() if path is not None and path.is_file() else None
    except (OSError, ValueError):  # e.g. a name too long for the file system
        body = None
    if body is None:
        # WireMock fails the same way: the stub is served, the file is not there.
        message = f"bodyFileName {name!r} not found in the files directory"
        return ResponseData(status=500, headers=response.headers, body=message.encode())
    return replace(response, body=body)


def _inside(root: Path | None, name: str) -> Path | None:
    """``root / name``, unless it escapes ``root`` (``../`` in a mapping file)."""
    if root is None:
        return None
    path = (root / name).resolve()
    return path if path.is_relative_to(root.resolve()) else None


_CONNECTION_FAULTS = {
    StubFault.CONNECTION_RESET_BY_PEER: ConnectionFault.RESET,
    StubFault.EMPTY_RESPONSE: ConnectionFault.EMPTY,
    StubFault.MALFORMED_RESPONSE_CHUNK: ConnectionFault.MALFORMED_CHUNK,
    StubFault.RANDOM_DATA_THEN_CLOSE: ConnectionFault.RANDOM_THEN_CLOSE,
}
