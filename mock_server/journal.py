"""The one bounded, thread-safe record of the exchanges a mock has served.

Secrets never enter the journal: the API key (and every other credential-bearing header
or query parameter) is replaced by ``REDACTED``, and the same secret values are scrubbed
from the path, the other headers and both bodies, when an exchange is recorded (one
redactor, :mod:`mock_server.redaction`). Bodies are cut to ``max_body_bytes`` then too,
so the journal never holds more than ``max_entries`` times two such bodies.

It has two views: :class:`JournalEntry` records (``/__mock/journal``, the fixtures) and
the redacted request and response records each entry keeps for WireMock's
``/__admin/requests`` (:meth:`Journal.exchanges`).

A journal told its spec's operations (:meth:`Journal.bind_operations`) refuses a filter
on an operation id the spec does not declare: a typo would otherwise count 0 calls.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias, overload
from urllib.parse import parse_qsl, urlencode

from mock_server.errors import ConfigError
from mock_server.media import wire
from mock_server.redaction import (
    DEFAULT_SECRET_HEADERS,
    REDACTED,
    Redactor,
    scrub_bytes,
    scrub_text,
)
from mock_server.types import RequestData, ResponseData

__all__ = [
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_ENTRIES",
    "DEFAULT_SECRET_HEADERS",
    "EXPORT_BODY_BYTES",
    "MAX_EXPORT_BODY_BYTES",
    "REDACTED",
    "Calls",
    "Exchange",
    "Journal",
    "JournalEntry",
    "JsonValue",
    "Redactor",
    "scrub_text",
]

DEFAULT_MAX_ENTRIES = 1000
DEFAULT_MAX_BODY_BYTES = 64 * 1024
EXPORT_BODY_BYTES = 4096
"""Bodies in a JSON export (``/__mock/journal``) are cut to this many bytes by default."""
MAX_EXPORT_BODY_BYTES = DEFAULT_MAX_BODY_BYTES
WEBHOOK_PREFIX = "webhook:"
"""Webhook deliveries are journaled under ``webhook:<event>`` operation ids."""

JsonValue: TypeAlias = dict[str, "JsonValue"] | list["JsonValue"] | str | int | float | bool | None
"""Any decoded JSON value; narrow it (``isinstance(body, dict)``) before indexing."""


def _query_string(request: RequestData) -> str:
    # A request record built by hand has its query parsed only.
    if not request.query:
        return ""
    return urlencode([(name, value) for name, values in request.query.items() for value in values])


def _lower(headers: list[tuple[str, str]]) -> dict[str, str]:
    return {name.lower(): value for name, value in headers}


def _grouped(query_string: str) -> dict[str, tuple[str, ...]]:
    grouped: dict[str, list[str]] = {}
    for key, value in parse_qsl(query_string, keep_blank_values=True):
        grouped.setdefault(key, []).append(value)
    return {key: tuple(values) for key, values in grouped.items()}


def _scrubbed_form(
    form: Mapping[str, tuple[str, ...]], secrets: Iterable[str]
) -> dict[str, tuple[str, ...]]:
    return {k: tuple(scrub_text(v, secrets) for v in vs) for k, vs in form.items()}


def _text(data: bytes) -> str:
    return data.decode("utf-8", "backslashreplace")


@dataclass(frozen=True, kw_only=True)
class JournalEntry:
    """One request/response exchange, already redacted and truncated."""

    timestamp: float
    method: str
    path: str
    query_string: str
    operation_id: str | None
    request_headers: Mapping[str, str]
    request_body: bytes
    request_size: int
    status: int
    response_headers: Mapping[str, str]
    response_body: bytes
    response_size: int
    duration_ms: float = 0.0
    kind: str = "request"
    """``request`` (served by the mock) or ``webhook`` (a delivery the mock sent)."""

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
        if body_bytes is not None:
            return {
                **self._fields(self.request_body[:body_bytes], self.response_body[:body_bytes]),
                "request_body_truncated": self.request_size > body_bytes,
                "response_body_truncated": self.response_size > body_bytes,
            }
        return self._fields(self.request_body, self.response_body)

    def _fields(self, request_body: bytes, response_body: bytes) -> dict[str, Any]:
        return {
            "timestamp": self.timestamp,
            "method": self.method,
            "path": self.path,
            "query_string": self.query_string,
            "operation_id": self.operation_id,
            "request_headers": dict(self.request_headers),
            "request_body": _text(request_body),
            "request_size": self.request_size,
            "status": self.status,
            "response_headers": dict(self.response_headers),
            "response_body": _text(response_body),
            "response_size": self.response_size,
            "duration_ms": self.duration_ms,
            "kind": self.kind,
        }


class Calls(Sequence[JournalEntry]):
    """An immutable list of journal entries that reads like ``unittest.mock``.

    Example:
        >>> calls = Calls([])
        >>> calls.called, calls.call_count
        (False, 0)
    """

    def __init__(self, entries: Iterable[JournalEntry]) -> None:
        """Wrap ``entries`` (oldest first)."""
        self._entries = tuple(entries)

    @overload
    def __getitem__(self, index: int) -> JournalEntry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[JournalEntry]: ...
    def __getitem__(self, index: int | slice) -> JournalEntry | Sequence[JournalEntry]:
        """Return one entry or a slice of entries."""
        return self._entries[index]

    def __len__(self) -> int:
        """Return the number of entries."""
        return len(self._entries)

    def __repr__(self) -> str:
        """Show the count and the method/path/status of each entry."""
        calls = ", ".join(f"{e.method} {e.path} {e.status}" for e in self._entries)
        return f"<Calls {len(self._entries)}: [{calls}]>"

    @property
    def called(self) -> bool:
        """Whether at least one call was recorded."""
        return bool(self._entries)

    @property
    def call_count(self) -> int:
        """How many calls were recorded."""
        return len(self._entries)

    @property
    def last(self) -> JournalEntry:
        """The most recent call.

        Raises:
            IndexError: No call was recorded.
        """
        if not self._entries:
            msg = "no calls recorded"
            raise IndexError(msg)
        return self._entries[-1]


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


@dataclass(frozen=True, slots=True)
class _Slot:
    """A recorded entry; a served exchange also keeps its id, tag and scrubbed form."""

    entry: JournalEntry
    id: str | None = None
    tag: Any = None
    form: Mapping[str, tuple[str, ...]] | None = None

    def exchange(self) -> Exchange:
        entry = self.entry
        return Exchange(
            id=self.id or "",
            logged_at=entry.timestamp,
            request=RequestData(
                method=entry.method,
                path=entry.path,
                query=_grouped(entry.query_string),
                query_string=entry.query_string,
                headers=entry.request_headers,
                body=entry.request_body,
                form=self.form or {},
            ),
            response=ResponseData(
                status=entry.status,
                headers={k: v for k, v in entry.response_headers.items() if k != "content-length"},
                body=entry.response_body,
            ),
            tag=self.tag,
        )


class Journal:
    """A bounded, thread-safe, in-memory journal of exchanges (oldest dropped first).

    Args:
        max_entries: How many entries to keep.
        max_body_bytes: Bodies are truncated to this many bytes.
        redactor: Which names and values are secret.

    Example:
        >>> journal = Journal(max_entries=10)
        >>> journal.calls(operation_id="get_order").called
        False
    """

    def __init__(
        self,
        *,
        max_entries: int = DEFAULT_MAX_ENTRIES,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        redactor: Redactor | None = None,
    ) -> None:
        """Create an empty journal."""
        self.max_body_bytes = max_body_bytes
        self.redactor = redactor or Redactor()
        self._entries: deque[_Slot] = deque(maxlen=max_entries)
        self._lock = threading.Lock()
        self._prefix = f"{uuid.uuid4()}"[:24]
        self._ids = itertools.count(1)  # next() on it is atomic: ids need no lock
        self._operations: Callable[[], Iterable[str]] | None = None

    def bind_operations(self, operations: Callable[[], Iterable[str]]) -> None:
        """Refuse :meth:`calls` filters on ids that ``operations()`` does not name.

        A callable, so a reloaded spec's operations count from the next call on.
        """
        self._operations = operations

    def record(
        self,
        *,
        method: str,
        path: str,
        query_string: str = "",
        operation_id: str | None = None,
        request_headers: Mapping[str, str],
        request_body: bytes = b"",
        status: int,
        response_headers: Mapping[str, str],
        response_body: bytes = b"",
        duration_ms: float = 0.0,
        kind: str = "request",
    ) -> None:
        """Append one exchange, redacted and cut now."""
        secrets = self.redactor.secrets_in(request_headers, query_string)
        entry = self._redacted(
            secrets,
            method=method,
            path=path,
            query_string=query_string,
            operation_id=operation_id,
            request_headers=request_headers,
            request_body=request_body,
            status=status,
            response_headers=response_headers,
            response_body=response_body,
            duration_ms=duration_ms,
            kind=kind,
        )
        with self._lock:
            self._entries.append(_Slot(entry))

    def record_exchange(
        self,
        request: RequestData,
        response: ResponseData,
        *,
        operation_id: str | None,
        duration_ms: float,
        tag: Any = None,
    ) -> None:
        """Append a request and the answer sent, redacted and cut now.

        Args:
            request: The request as the site received it.
            response: The answer.
            operation_id: The operation it was routed to, if any.
            duration_ms: How long answering took (an injected delay included).
            tag: Kept with the exchange for :meth:`exchanges` (WireMock's matched stub).
        """
        _status, wire_headers, body = wire(response)
        query_string = request.query_string or _query_string(request)
        secrets = self.redactor.secrets_in(request.headers, query_string)
        headers = _lower(wire_headers)
        entry = self._redacted(
            secrets,
            method=request.method.upper(),
            path=request.path,
            query_string=query_string,
            operation_id=operation_id,
            request_headers=request.headers,
            request_body=request.body,
            status=response.status,
            response_headers=headers,
            response_body=body,
            duration_ms=duration_ms,
            kind="request",
        )
        form = _scrubbed_form(request.form, secrets) if request.form else None
        slot = _Slot(entry, f"{self._prefix}{next(self._ids):012x}", tag, form)
        with self._lock:
            self._entries.append(slot)

    def _redacted(
        self,
        secrets: frozenset[str],
        *,
        method: str,
        path: str,
        query_string: str,
        operation_id: str | None,
        request_headers: Mapping[str, str],
        request_body: bytes,
        status: int,
        response_headers: Mapping[str, str],
        response_body: bytes,
        duration_ms: float,
        kind: str,
    ) -> JournalEntry:
        red = self.redactor
        return JournalEntry(
            timestamp=time.time(),
            method=method,
            path=scrub_text(path, secrets),
            query_string=red.query(query_string, secrets),
            operation_id=operation_id,
            request_headers=red.headers(request_headers, secrets),
            request_body=self._cut(request_body, secrets),
            request_size=len(request_body),
            status=status,
            response_headers=red.headers(response_headers, secrets),
            response_body=self._cut(response_body, secrets),
            response_size=len(response_body),
            duration_ms=round(duration_ms, 3),
            kind=kind,
        )

    def _cut(self, body: bytes, secrets: frozenset[str]) -> bytes:
        if not body:
            return body
        # Scrubbed with a margin, so a secret across the cut is still found, then cut.
        limit = self.max_body_bytes
        margin = 6 * max((len(s) for s in secrets), default=0)  # \uXXXX per character
        return scrub_bytes(body[: limit + margin], secrets)[:limit]

    def exchanges(self) -> list[Exchange]:
        """Every served exchange still kept (webhook deliveries left out), oldest first."""
        with self._lock:
            slots = [slot for slot in self._entries if slot.id is not None]
        return [slot.exchange() for slot in slots]

    def forget(self, ids: Iterable[str]) -> None:
        """Drop the exchanges with these ids (from both views)."""
        gone = set(ids)
        with self._lock:
            kept = [s for s in self._entries if s.id is None or s.id not in gone]
            self._entries = deque(kept, maxlen=self._entries.maxlen)

    def calls(
        self,
        *,
        operation_id: str | None = None,
        method: str | None = None,
        path: str | None = None,
    ) -> Calls:
        """Return the entries matching every given filter, oldest first.

        Args:
            operation_id: Keep entries routed to this operation (``webhook:<event>`` for
                webhook deliveries).
            method: Keep entries with this HTTP method (case-insensitive).
            path: Keep entries with exactly this path.

        Raises:
            ConfigError: ``operation_id`` is none of the spec's operations (once the
                journal knows them, see :meth:`bind_operations`); the message lists them.
        """
        if operation_id is not None:
            self._check_operation(operation_id)
        return self._select(operation_id=operation_id, method=method, path=path)

    def _check_operation(self, operation_id: str) -> None:
        if self._operations is None or operation_id.startswith(WEBHOOK_PREFIX):
            return
        known = tuple(self._operations())
        if operation_id not in known:
            msg = f"unknown operation id {operation_id!r}; the spec's operation ids: "
            raise ConfigError(msg + ", ".join(sorted(set(known))))

    def _select(self, *, operation_id: str | None, method: str | None, path: str | None) -> Calls:
        wanted_method = method.upper() if method is not None else None
        return Calls(
            e
            for e in self.entries
            if (operation_id is None or e.operation_id == operation_id)
            and (wanted_method is None or e.method.upper() == wanted_method)
            and (path is None or e.path == path)
        )

    @property
    def entries(self) -> Calls:
        """A snapshot of all entries, oldest first."""
        with self._lock:
            return Calls([slot.entry for slot in self._entries])

    @property
    def called(self) -> bool:
        """Whether any request was recorded."""
        return self.entries.called

    @property
    def call_count(self) -> int:
        """How many requests are recorded (at most ``max_entries``)."""
        return len(self)

    @property
    def last(self) -> JournalEntry:
        """The most recent entry.

        Raises:
            IndexError: The journal is empty.
        """
        return self.entries.last

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()

    def to_json(
        self,
        *,
        operation_id: str | None = None,
        method: str | None = None,
        path: str | None = None,
    ) -> str:
        """Serialize the (filtered) entries as a compact JSON array."""
        entries = self._select(operation_id=operation_id, method=method, path=path)
        return json.dumps([e.to_dict() for e in entries], separators=(",", ":"))

    def export(
        self,
        *,
        operation_id: str | None = None,
        method: str | None = None,
        path: str | None = None,
        offset: int = 0,
        limit: int | None = None,
        body_bytes: int = EXPORT_BODY_BYTES,
    ) -> Iterator[bytes]:
        """Stream a page of the (filtered) entries as a JSON array, one entry per chunk.

        Bodies are cut to ``body_bytes`` bytes (``request_body_truncated`` and
        ``response_body_truncated`` say when), so an export of the whole journal stays
        small however large or binary the bodies were, and only one entry is encoded
        at a time.

        Args:
            operation_id: Keep entries routed to this operation.
            method: Keep entries with this HTTP method (case-insensitive).
            path: Keep entries with exactly this path.
            offset: Skip this many matching entries (oldest first).
            limit: Return at most this many (None: all the rest).
            body_bytes: Bodies are cut to this many bytes.
        """
        entries = self._select(operation_id=operation_id, method=method, path=path)
        page = entries[offset : None if limit is None else offset + limit]
        yield b"["
        for index, entry in enumerate(page):
            item = entry.to_dict(body_bytes=body_bytes)
            yield (b"," if index else b"") + json.dumps(item, separators=(",", ":")).encode()
        yield b"]"

    def __len__(self) -> int:
        """Return the number of entries."""
        with self._lock:
            return len(self._entries)

    def __iter__(self) -> Iterator[JournalEntry]:
        """Iterate over a snapshot of the entries, oldest first."""
        return iter(self.entries)
