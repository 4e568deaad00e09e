"""The one bounded, thread-safe record of the exchanges a mock has served.

Secrets never leave the journal: the API key (and every other credential-bearing header
or query parameter) reads as ``REDACTED``, and the same secret values are scrubbed from
the path, the other headers and both bodies (one redactor, :mod:`mock_server.redaction`).
Bodies read cut to ``max_body_bytes``.

Recording is cheap, since it runs on every request and most journals are never read:
an entry keeps references to the request's parts and the response record, with the
redactor and limit in force then. The first read of an entry (any attribute, an export,
WireMock's view) encodes, redacts and cuts it by those record-time rules and keeps only
the result (:mod:`mock_server.journal._capture`). Memory stays bounded as an eager cut
bounds it: ``max_entries`` entries, bodies over the limit sliced when recorded.

It has two views: :class:`JournalEntry` records (``/__mock/journal``, the fixtures) and
the redacted request and response records each entry gives WireMock's
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
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from mock_server.errors import ConfigError
from mock_server.journal._calls import Calls
from mock_server.journal._capture import Capture
from mock_server.journal._entry import Exchange, JournalEntry, JsonValue
from mock_server.redaction import DEFAULT_SECRET_HEADERS, REDACTED, Redactor, scrub_text
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
SETTLE_WINDOW = 64
"""How many JSON answers not yet encoded by an edge the journal watches, to swap each for
its cut bytes once it is (an answer no edge encodes, as ``Engine.handle`` called
directly, stays a reference to the mock's own answer until it is read)."""


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
        self._entries: deque[JournalEntry] = deque(maxlen=max_entries)
        self._unsettled: deque[Capture] = deque()
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
        """Append one exchange; it is redacted and cut when first read.

        The header mappings are copied (the caller may reuse them); bytes are immutable.
        """
        capture = Capture(
            self.redactor,
            self.max_body_bytes,
            path,
            query_string,
            None,
            dict(request_headers),
            request_body,
        )
        capture.sent(dict(response_headers), response_body)
        entry = JournalEntry._captured(
            capture, time.time(), method, operation_id, status, len(request_body), duration_ms, kind
        )
        with self._lock:
            self._entries.append(entry)

    def record_exchange(
        self,
        request: RequestData,
        response: ResponseData,
        *,
        operation_id: str | None,
        duration_ms: float,
        tag: Any = None,
    ) -> None:
        """Append a request and the answer sent; they are redacted and cut when first read.

        Both records are frozen and their parts never change once the site has them, so
        the entry keeps references (the request's files are left out, a body over the
        limit is sliced).

        Args:
            request: The request as the site received it.
            response: The answer.
            operation_id: The operation it was routed to, if any.
            duration_ms: How long answering took (an injected delay included).
            tag: Kept with the exchange for :meth:`exchanges` (WireMock's matched stub).
        """
        body = request.body
        capture = Capture(
            self.redactor,
            self.max_body_bytes,
            request.path,
            request.query_string,
            request.query,
            request.headers,
            body,
        )
        if request.form:
            capture.form = request.form
        json_pending = capture.answer(response)
        entry = JournalEntry._captured(
            capture,
            time.time(),
            request.method.upper(),
            operation_id,
            response.status,
            len(body),
            duration_ms,
            "request",
            next(self._ids),
            tag,
        )
        with self._lock:
            self._settle()
            self._entries.append(entry)
            if json_pending:
                self._unsettled.append(capture)

    def _settle(self) -> None:
        # Under the lock. The edge encodes an answer right after the engine records it,
        # so by the next record the oldest watched one usually has its bytes.
        unsettled = self._unsettled
        while unsettled and unsettled[0].settle():
            unsettled.popleft()
        if len(unsettled) >= SETTLE_WINDOW:
            unsettled.popleft()

    def exchanges(self) -> list[Exchange]:
        """Every served exchange still kept (webhook deliveries left out), oldest first."""
        with self._lock:
            entries = list(self._entries)
        views = (entry._exchange_view(self._prefix) for entry in entries)
        return [view for view in views if view is not None]

    def forget(self, ids: Iterable[str]) -> None:
        """Drop the exchanges with these ids (from both views)."""
        gone = set(ids)
        with self._lock:
            kept = [e for e in self._entries if e._ident(self._prefix) not in gone]
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
        # The path is compared last: reading it redacts the entry.
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
            return Calls(self._entries)

    @property
    def called(self) -> bool:
        """Whether any request was recorded."""
        return len(self) > 0

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
            self._unsettled.clear()

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
