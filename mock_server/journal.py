"""A bounded, thread-safe record of the requests a mock has served.

Secrets never leave the journal: the API key (and every other credential-bearing header
or query parameter) is replaced by ``REDACTED``, and the same secret values are scrubbed
from the path, the other headers and both bodies, before any entry is handed out.
Recording only keeps the raw exchange (it is on every request's path); the redacted
:class:`JournalEntry` is built the first time the entry is read.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, overload
from urllib.parse import parse_qsl, urlencode

from mock_server.media import wire
from mock_server.types import RequestData, ResponseData

__all__ = [
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_MAX_ENTRIES",
    "DEFAULT_SECRET_HEADERS",
    "EXPORT_BODY_BYTES",
    "MAX_EXPORT_BODY_BYTES",
    "REDACTED",
    "Calls",
    "Journal",
    "JournalEntry",
    "Redactor",
    "scrub_text",
]

REDACTED = "REDACTED"
DEFAULT_MAX_ENTRIES = 1000
DEFAULT_MAX_BODY_BYTES = 64 * 1024
EXPORT_BODY_BYTES = 4096
"""Bodies in a JSON export (``/__mock/journal``) are cut to this many bytes by default."""
MAX_EXPORT_BODY_BYTES = DEFAULT_MAX_BODY_BYTES
DEFAULT_SECRET_HEADERS = frozenset(
    {"x-api-key", "authorization", "proxy-authorization", "cookie", "x-mock-admin-key"}
)
# Scrubbing very short values from bodies would mangle unrelated text; such keys are
# still redacted wherever they appear under a credential-bearing name.
_MIN_SCRUB_LENGTH = 4


@dataclass(frozen=True, kw_only=True)
class Redactor:
    """Knows which header and query-parameter names carry credentials.

    Args:
        header_names: Lower-cased header names whose values are secret.
        query_names: Query parameter names whose values are secret.
        secrets: Known secret values (e.g. the accepted API keys) to scrub anywhere.
    """

    header_names: frozenset[str] = DEFAULT_SECRET_HEADERS
    query_names: frozenset[str] = frozenset()
    secrets: frozenset[str] = frozenset()

    def secrets_in(self, headers: Mapping[str, str], query_string: str) -> frozenset[str]:
        """Return the known secrets plus the values of this request's secret fields."""
        found = {v for k, v in headers.items() if k.lower() in self.header_names}
        found.update(v for k, v in _parse_query(query_string) if k in self.query_names)
        found.update(self.secrets)
        return frozenset(s for s in found if len(s) >= _MIN_SCRUB_LENGTH)

    def headers(self, headers: Mapping[str, str], secrets: Iterable[str]) -> dict[str, str]:
        """Return a copy of ``headers`` with secret values replaced."""
        return {
            k: REDACTED if k.lower() in self.header_names else scrub_text(v, secrets)
            for k, v in headers.items()
        }

    def query(self, query_string: str, secrets: Iterable[str]) -> str:
        """Return ``query_string`` with secret parameter values replaced."""
        pairs = _parse_query(query_string)
        if any(k in self.query_names for k, _ in pairs):
            query_string = urlencode(
                [(k, REDACTED if k in self.query_names else v) for k, v in pairs]
            )
        return scrub_text(query_string, secrets)


def scrub_text(text: str, secrets: Iterable[str]) -> str:
    """Replace every occurrence of each secret in ``text``."""
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    return text


def _scrub_bytes(data: bytes, secrets: Iterable[str]) -> bytes:
    for secret in secrets:
        data = data.replace(secret.encode(), REDACTED.encode())
    return data


def _parse_query(query_string: str) -> list[tuple[str, str]]:
    return parse_qsl(query_string, keep_blank_values=True)


def _query_string(request: RequestData) -> str:
    # A request record built by hand has its query parsed only.
    return urlencode([(name, value) for name, values in request.query.items() for value in values])


def _lower(headers: list[tuple[str, str]]) -> dict[str, str]:
    return {name.lower(): value for name, value in headers}


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

    def request_json(self) -> Any:  # any decoded JSON value
        """Decode the (possibly truncated) request body as JSON.

        Raises:
            json.JSONDecodeError: The body is not JSON (or was truncated).
        """
        return json.loads(self.request_body)

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


@dataclass(kw_only=True, slots=True, eq=False)
class _Slot:
    """A recorded exchange, raw until first read (then ``entry`` holds the redacted one)."""

    timestamp: float
    method: str
    path: str
    query_string: str
    operation_id: str | None
    request_headers: Mapping[str, str]
    request_body: bytes
    status: int
    response_headers: Mapping[str, str]
    response_body: bytes
    duration_ms: float
    kind: str
    entry: JournalEntry | None = None


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
        """Append one exchange (redacted and truncated when first read)."""
        slot = _Slot(
            timestamp=time.time(),
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
            self._entries.append(slot)

    def record_exchange(
        self,
        request: RequestData,
        response: ResponseData,
        *,
        operation_id: str | None,
        duration_ms: float,
    ) -> None:
        """Append a request and the engine's answer (encoded now; redacted when first read)."""
        _status, headers, body = wire(response)
        slot = _Slot(
            timestamp=time.time(),
            method=request.method.upper(),
            path=request.path,
            query_string=request.query_string or _query_string(request),
            operation_id=operation_id,
            request_headers=request.headers,
            request_body=request.body,
            status=response.status,
            response_headers=_lower(headers),
            response_body=body,
            duration_ms=duration_ms,
            kind="request",
        )
        with self._lock:
            self._entries.append(slot)

    def _entry(self, slot: _Slot) -> JournalEntry:
        if slot.entry is None:
            red = self.redactor
            secrets = red.secrets_in(slot.request_headers, slot.query_string)
            limit = self.max_body_bytes
            slot.entry = JournalEntry(
                timestamp=slot.timestamp,
                method=slot.method,
                path=scrub_text(slot.path, secrets),
                query_string=red.query(slot.query_string, secrets),
                operation_id=slot.operation_id,
                request_headers=red.headers(slot.request_headers, secrets),
                request_body=_scrub_bytes(slot.request_body, secrets)[:limit],
                request_size=len(slot.request_body),
                status=slot.status,
                response_headers=red.headers(slot.response_headers, secrets),
                response_body=_scrub_bytes(slot.response_body, secrets)[:limit],
                response_size=len(slot.response_body),
                duration_ms=round(slot.duration_ms, 3),
                kind=slot.kind,
            )
        return slot.entry

    def calls(
        self,
        *,
        operation_id: str | None = None,
        method: str | None = None,
        path: str | None = None,
    ) -> Calls:
        """Return the entries matching every given filter, oldest first.

        Args:
            operation_id: Keep entries routed to this operation.
            method: Keep entries with this HTTP method (case-insensitive).
            path: Keep entries with exactly this path.
        """
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
            return Calls([self._entry(slot) for slot in self._entries])

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
        entries = self.calls(operation_id=operation_id, method=method, path=path)
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
        entries = self.calls(operation_id=operation_id, method=method, path=path)
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
