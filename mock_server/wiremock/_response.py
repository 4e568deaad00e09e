"""Stub response definitions, the faults they can inject, and the match result the edge serves."""

from __future__ import annotations

import base64
import binascii
import enum
import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from mock_server.types import ResponseData
from mock_server.wiremock._errors import InvalidMappingError

_BODY_KEYS = ("body", "jsonBody", "base64Body", "bodyFileName")
_KNOWN_KEYS = frozenset(
    {*_BODY_KEYS, "status", "statusMessage", "headers", "fixedDelayMilliseconds", "fault"}
    | {"fromConfiguredStub"}  # read-only; WireMock's own exports carry it
)
# Accepted so that WireMock exports load, but only while they ask for nothing.
_INERT_KEYS = frozenset({"transformers", "transformerParameters"})


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
            adds it; ``drop_connection`` is set when ``fault`` is.
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
            status=_int(source, "status", 200, pointer),
            status_message=_optional_str(source, "statusMessage", pointer),
            headers=_headers(source, pointer),
            body=_body(source, pointer),
            body_file=_optional_str(source, "bodyFileName", pointer),
            delay_ms=_int(source, "fixedDelayMilliseconds", 0, pointer),
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
            response = replace(response, drop_connection=True)
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


def _int(source: dict[str, Any], key: str, default: int, pointer: str) -> int:
    value = source.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidMappingError(
            pointer=f"{pointer}/{key}", detail=f"{key} must be a whole number"
        )
    return value


def _optional_str(source: dict[str, Any], key: str, pointer: str) -> str | None:
    value = source.get(key)
    if value is not None and not isinstance(value, str):
        raise InvalidMappingError(pointer=f"{pointer}/{key}", detail=f"{key} must be a string")
    return value


def _headers(source: dict[str, Any], pointer: str) -> dict[str, str]:
    headers = source.get("headers") or {}
    if not isinstance(headers, dict):
        raise InvalidMappingError(pointer=f"{pointer}/headers", detail="headers must be an object")
    # WireMock accepts a list for a repeated header; the edge's headers hold one value.
    return {
        str(name): ", ".join(map(str, value)) if isinstance(value, list) else str(value)
        for name, value in headers.items()
    }


def _body(source: dict[str, Any], pointer: str) -> bytes | None:
    if "body" in source:
        return str(source["body"]).encode()
    if "jsonBody" in source:
        return json.dumps(source["jsonBody"], separators=(",", ":"), ensure_ascii=False).encode()
    if "base64Body" in source:
        try:
            return base64.b64decode(str(source["base64Body"]), validate=True)
        except binascii.Error as exc:
            detail = f"base64Body is not base64: {exc}"
            raise InvalidMappingError(pointer=f"{pointer}/base64Body", detail=detail) from exc
    return None if "bodyFileName" in source else b""


def _fault(source: dict[str, Any], pointer: str) -> StubFault | None:
    name = source.get("fault")
    if name is None:
        return None
    try:
        return StubFault(name)
    except ValueError as exc:
        detail = f"fault must be one of {', '.join(f.value for f in StubFault)}"
        raise InvalidMappingError(pointer=f"{pointer}/fault", detail=detail) from exc


def _from_file(response: ResponseData, files_dir: Path | None, name: str) -> ResponseData:
    """Fill the body from a ``bodyFileName`` file, or answer 500 when it cannot be read."""
    path = _inside(files_dir, name)
    if path is None or not path.is_file():
        # WireMock fails the same way: the stub is served, the file is not there.
        message = f"bodyFileName {name!r} not found in the files directory"
        return ResponseData(status=500, headers=response.headers, body=message.encode())
    return replace(response, body=path.read_bytes())


def _inside(root: Path | None, name: str) -> Path | None:
    """``root / name``, unless it escapes ``root`` (``../`` in a mapping file)."""
    if root is None:
        return None
    path = (root / name).resolve()
    return path if path.is_relative_to(root.resolve()) else None
