"""One journal entry: cheap to record, redacted and cut when first read, then memoized.

Every public attribute and method reads the redacted form; the captured references sit
in one private slot that the first read replaces with that form, so an entry read once
keeps no un-redacted value at all.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias

from mock_server.journal._capture import Capture, Redacted, grouped, redact
from mock_server.types import RequestData, ResponseData

JsonValue: TypeAlias = dict[str, "JsonValue"] | list["JsonValue"] | str | int | float | bool | None
"""Any decoded JSON value; narrow it (``isinstance(body, dict)``) before indexing."""

# Two first reads of one entry on two threads redact it once and share one result.
_REDACTING = threading.Lock()


@dataclass(frozen=True, kw_only=True)
class Exchange:
    """One served exchange as WireMock's view reads it: redacted, bodies cut.

    Attributes:
        id: The exchange's id (WireMock's request id).
        logged_at: When it was recorded, in seconds since the epoch.
        request: The request, its secrets redacted, its body cut, its files left out.
        response: The answer sent, its secrets redacted, its body cut.
        tag: What the recorder attached (WireMock: the stub that answered, or None).
    """

    id: str
    logged_at: float
    request: RequestData
    response: ResponseData
    tag: Any = None


class JournalEntry:
    """One request/response exchange; every attribute reads it redacted and truncated.

    Entries come from a :class:`~mock_server.journal.Journal`; building one by hand (the
    arguments are the attributes) gives an entry holding those values as they are.

    Example:
        >>> entry = JournalEntry(timestamp=0.0, method="POST", path="/v3/orders/",
        ...     query_string="", operation_id="create_order", request_headers={},
        ...     request_body=b'{"name": "Oak"}', request_size=15, status=200,
        ...     response_headers={}, response_body=b"", response_size=0)
        >>> entry.method, entry.path, entry.request_size
        ('POST', '/v3/orders/', 15)
    """

    __slots__ = (
        "_duration_ms",
        "_exchange",
        "_kind",
        "_method",
        "_operation_id",
        "_request_size",
        "_seq",
        "_state",
        "_status",
        "_tag",
        "_timestamp",
    )
    __hash__ = None  # type: ignore[assignment]  # equal by value, and mutable mappings inside

    def __init__(
        self,
        *,
        timestamp: float,
        method: str,
        path: str,
        query_string: str,
        operation_id: str | None,
        request_headers: Mapping[str, str],
        request_body: bytes,
        request_size: int,
        status: int,
        response_headers: Mapping[str, str],
        response_body: bytes,
        response_size: int,
        duration_ms: float = 0.0,
        kind: str = "request",
    ) -> None:
        view = Redacted(
            path=path,
            query_string=query_string,
            request_headers=request_headers,
            request_body=request_body,
            response_headers=response_headers,
            response_body=response_body,
            response_size=response_size,
            form={},
        )
        self._fill(view, timestamp, method, operation_id, status, request_size, duration_ms)
        self._kind = kind
        self._seq = 0
        self._tag: Any = None

    @classmethod
    def _captured(  # the journal's hot path: positional arguments, one object
        cls,
        capture: Capture,
        timestamp: float,
        method: str,
        operation_id: str | None,
        status: int,
        request_size: int,
        duration_ms: float,
        kind: str,
        seq: int = 0,
        tag: Any = None,
    ) -> JournalEntry:
        entry = cls.__new__(cls)
        entry._fill(capture, timestamp, method, operation_id, status, request_size, duration_ms)
        entry._kind = kind
        entry._seq = seq
        entry._tag = tag
        return entry

    def _fill(
        self,
        state: Capture | Redacted,
        timestamp: float,
        method: str,
        operation_id: str | None,
        status: int,
        request_size: int,
        duration_ms: float,
    ) -> None:
        self._state = state
        self._timestamp = timestamp
        self._method = method
        self._operation_id = operation_id
        self._status = status
        self._request_size = request_size
        self._duration_ms = duration_ms
        self._exchange: Exchange | None = None

    def _redacted(self) -> Redacted:
        state = self._state
        if isinstance(state, Redacted):
            return state
        with _REDACTING:
            state = self._state  # another thread may have redacted it meanwhile
            view = state if isinstance(state, Redacted) else redact(state)
            self._state = view  # the references go: nothing un-redacted is left
            return view

    # -- known when recorded ------------------------------------------------------------

    @property
    def timestamp(self) -> float:
        """When the exchange was recorded, in seconds since the epoch."""
        return self._timestamp

    @property
    def method(self) -> str:
        """The HTTP method (upper-cased for served requests)."""
        return self._method

    @property
    def operation_id(self) -> str | None:
        """The operation it was routed to (``webhook:<event>`` for a delivery), if any."""
        return self._operation_id

    @property
    def status(self) -> int:
        """The answer's status (a webhook delivery: the receiver's, 0 if none)."""
        return self._status

    @property
    def request_size(self) -> int:
        """The request body's size in bytes, before any cut."""
        return self._request_size

    @property
    def duration_ms(self) -> float:
        """How long answering took, in milliseconds (an injected delay included)."""
        return round(self._duration_ms, 3)

    @property
    def kind(self) -> str:
        """``request`` (served by the mock) or ``webhook`` (a delivery the mock sent)."""
        return self._kind

    # -- redacted and cut when first read -----------------------------------------------

    @property
    def path(self) -> str:
        """The path, known secrets replaced by ``REDACTED``."""
        return self._redacted().path

    @property
    def query_string(self) -> str:
        """The query string, secret parameters' values replaced by ``REDACTED``."""
        return self._redacted().query_string

    @property
    def request_headers(self) -> Mapping[str, str]:
        """The request headers, credential-bearing ones replaced by ``REDACTED``."""
        return self._redacted().request_headers

    @property
    def request_body(self) -> bytes:
        """The request body, secrets scrubbed, cut to the journal's ``max_body_bytes``."""
        return self._redacted().request_body

    @property
    def response_headers(self) -> Mapping[str, str]:
        """The answer's headers as sent (lower-cased names), secrets replaced."""
        return self._redacted().response_headers

    @property
    def response_body(self) -> bytes:
        """The answer's body as sent, secrets scrubbed, cut to ``max_body_bytes``."""
        return self._redacted().response_body

    @property
    def response_size(self) -> int:
        """The answer's body size in bytes, before any cut."""
        return self._redacted().response_size

    def response_json(self) -> Any:  # any decoded JSON value
        """Decode the (possibly truncated) response body as JSON.

        Raises:
            json.JSONDecodeError: The body is not JSON (or was truncated).
        """
        return json.loads(self.response_body)

    def request_json(self) -> JsonValue:
        """Decode the (possibly truncated) request body as JSON.

        Example:
            >>> entry = JournalEntry(timestamp=0.0, method="POST", path="/v3/orders/",
            ...     query_string="", operation_id="create_order", request_headers={},
            ...     request_body=b'{"name": "Oak"}', request_size=15, status=200,
            ...     response_headers={}, response_body=b"", response_size=0)
            >>> body = entry.request_json()
            >>> isinstance(body, dict) and body["name"]
            'Oak'

        Raises:
            json.JSONDecodeError: The body is not JSON (or was truncated).
        """
        value: JsonValue = json.loads(self.request_body)
        return value

    def to_dict(self, *, body_bytes: int | None = None) -> dict[str, Any]:
        """Return a JSON-ready dict (bodies as text, invalid UTF-8 backslash-escaped).

        Args:
            body_bytes: Cut bodies to this many bytes, and say whether each was cut
                (``request_body_truncated``, ``response_body_truncated``).
        """
        view = self._redacted()
        if body_bytes is not None:
            return {
                **self._fields(view.request_body[:body_bytes], view.response_body[:body_bytes]),
                "request_body_truncated": self.request_size > body_bytes,
                "response_body_truncated": view.response_size > body_bytes,
            }
        return self._fields(view.request_body, view.response_body)

    def _fields(self, request_body: bytes, response_body: bytes) -> dict[str, Any]:
        view = self._redacted()
        return {
            "timestamp": self.timestamp,
            "method": self.method,
            "path": view.path,
            "query_string": view.query_string,
            "operation_id": self.operation_id,
            "request_headers": dict(view.request_headers),
            "request_body": _text(request_body),
            "request_size": self.request_size,
            "status": self.status,
            "response_headers": dict(view.response_headers),
            "response_body": _text(response_body),
            "response_size": view.response_size,
            "duration_ms": self.duration_ms,
            "kind": self.kind,
        }

    def _exchange_view(self, prefix: str) -> Exchange | None:
        """WireMock's view of a served exchange (memoized); None for a delivery."""
        if not self._seq:
            return None
        exchange = self._exchange
        if exchange is None:
            exchange = self._exchange = _exchange(self, prefix)
        return exchange

    def _ident(self, prefix: str) -> str | None:
        return f"{prefix}{self._seq:012x}" if self._seq else None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, JournalEntry):
            return NotImplemented
        return self is other or self._public() == other._public()

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in self._public().items())
        return f"JournalEntry({fields})"

    def _public(self) -> dict[str, Any]:
        view = self._redacted()
        return {
            "timestamp": self.timestamp,
            "method": self.method,
            "path": view.path,
            "query_string": view.query_string,
            "operation_id": self.operation_id,
            "request_headers": view.request_headers,
            "request_body": view.request_body,
            "request_size": self.request_size,
            "status": self.status,
            "response_headers": view.response_headers,
            "response_body": view.response_body,
            "response_size": view.response_size,
            "duration_ms": self.duration_ms,
            "kind": self.kind,
        }


def _exchange(entry: JournalEntry, prefix: str) -> Exchange:
    view = entry._redacted()
    return Exchange(
        id=entry._ident(prefix) or "",
        logged_at=entry.timestamp,
        request=RequestData(
            method=entry.method,
            path=view.path,
            query=grouped(view.query_string),
            query_string=view.query_string,
            headers=view.request_headers,
            body=view.request_body,
            form=view.form,
        ),
        response=ResponseData(
            status=entry.status,
            headers={k: v for k, v in view.response_headers.items() if k != "content-length"},
            body=view.response_body,
        ),
        tag=entry._tag,
    )


def _text(data: bytes) -> str:
    return data.decode("utf-8", "backslashreplace")
