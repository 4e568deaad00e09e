"""``WireMock``: the stubs, scenarios and journal behind the admin API, under one lock."""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mock_server.types import RequestData, ResponseData
from mock_server.wiremock._errors import AdminError, InvalidMappingError
from mock_server.wiremock._journal import Journal, ServeEvent, SharedJournal
from mock_server.wiremock._mapping import StubMapping
from mock_server.wiremock._request_pattern import RequestPattern
from mock_server.wiremock._response import StubMatch
from mock_server.wiremock._scenarios import Scenarios
from mock_server.wiremock._store import MappingsFolder

if TYPE_CHECKING:
    from mock_server.journal import Journal as SiteJournal

logger = logging.getLogger("mock_server.wiremock")


@dataclass(frozen=True, kw_only=True)
class _Entry:
    stub: StubMapping
    insertion: int
    file: Path | None = None  # the single-stub file it lives in, if any
    dirty: bool = True  # changed since it was last read from or written to the folder


class Registry:
    """A WireMock-compatible stub registry, request journal and admin API.

    The edge hands every request under ``/__admin`` to ``admin``; for the others it asks
    ``match`` for a stub, serves the stub's response (or its own), and logs the exchange
    with ``record``. Every method takes one lock, so concurrent requests are safe.

    Example:
        >>> wm = Registry()
        >>> stub_id = wm.stub({"request": {"method": "GET", "urlPath": "/ping"},
        ...                    "response": {"status": 200, "body": "pong"}})
        >>> wm.match(RequestData(method="GET", path="/ping")).response.body
        b'pong'
    """

    def __init__(
        self,
        *,
        mappings_dir: Path | None = None,
        files_dir: Path | None = None,
        journal_size: int = 1000,
        clock: Callable[[], float] = time.time,
        folder_read_only: bool = False,
    ) -> None:
        """Create the registry and load the mappings folder, if any.

        Args:
            mappings_dir: WireMock's ``mappings`` folder: read at start and on reset,
                written by ``save`` and by ``persistent`` stubs.
            files_dir: Where ``bodyFileName`` files live; defaults to ``__files`` beside
                ``mappings_dir``.
            journal_size: How many requests the journal keeps (the oldest go first).
            clock: Seconds since the epoch, for ``loggedDate`` and uptime.
            folder_read_only: Read ``mappings_dir`` but never write it: a session's
                registry, whose folder is the server's, shared by every session.

        Raises:
            InvalidMappingError: A file in ``mappings_dir`` is not a valid mapping.
        """
        self._lock = threading.RLock()
        self._folder = MappingsFolder(mappings_dir) if mappings_dir is not None else None
        # Where save and persistent stubs write: nowhere for a session's read-only folder.
        self._writable = None if folder_read_only else self._folder
        self._files_dir = files_dir or (mappings_dir.parent / "__files" if mappings_dir else None)
        self._clock = clock
        self.started_at = clock()
        self._journal: Journal | SharedJournal = Journal(size=journal_size)
        self._event_prefix = str(uuid.uuid4())[:24]
        self._events_logged = 0
        self._scenarios = Scenarios()
        self._entries: dict[str, _Entry] = {}
        self._ordered: list[StubMapping] | None = None
        self._counter = 0
        self.reset_mappings()

    # -- the edge's calls ---------------------------------------------------------------

    @property
    def has_stubs(self) -> bool:
        """Whether any stub is registered (a lock-free look, for the hot path)."""
        return bool(self._entries)

    def match(
        self,
        request: RequestData,
        *,
        dry_run: bool = False,
        only: Callable[[StubMapping], bool] | None = None,
    ) -> StubMatch | None:
        """The stub that answers ``request``: lowest priority number, then newest.

        Serving a stub moves its scenario to ``newScenarioState``. A stub whose matcher
        fails on this request (a body its JSON parser refuses) does not match it.

        Args:
            request: A request outside ``/__admin``.
            dry_run: Only look: leave scenario states alone.
            only: Consider only the stubs this accepts.

        Returns:
            What to serve, or ``None`` when no stub matches.
        """
        with self._lock:
            for stub in self._sorted():
                if only is not None and not only(stub):
                    continue
                if self._matches(stub, request):
                    if not dry_run:
                        self._scenarios.advance(stub)
                    return stub.response.render(
                        stub_id=stub.id, validate=stub.validate, files_dir=self._files_dir
                    )
            return None

    def _matches(self, stub: StubMapping, request: RequestData) -> bool:
        try:
            return stub.matches(request, scenario_state=self._state_of(stub))
        except (ValueError, RecursionError, TypeError, OverflowError) as error:
            # Whatever a client sends, matching answers; the stub just does not match.
            logger.warning("stub %s could not be matched against a request: %r", stub.id, error)
            return False

    def share_journal(self, journal: SiteJournal) -> None:
        """Keep the request journal in ``journal`` (the site's): one record, two views.

        The site's journal records every exchange (with the stub that answered); this
        registry then reads, finds and forgets requests there, and :meth:`record` is
        left to the site.
        """
        with self._lock:
            self._journal = SharedJournal(journal)

    def stub_of(self, stub_id: str) -> StubMapping | None:
        """The stub with that id, or None (no error: for the journal's tag)."""
        entry = self._entries.get(stub_id)
        return None if entry is None else entry.stub

    def record(
        self, request: RequestData, response: ResponseData, *, matched_stub_id: str | None
    ) -> None:
        """Log a served request in the journal.

        Args:
            request: The request, as given to ``match``.
            response: What was finally sent, by a stub or by the vendor behaviour.
            matched_stub_id: ``StubMatch.stub_id`` when a stub answered, else ``None``
                (WireMock then counts the request as unmatched).
        """
        if isinstance(self._journal, SharedJournal):
            return  # the site's journal has it already
        with self._lock:
            entry = self._entries.get(matched_stub_id) if matched_stub_id else None
            event = ServeEvent(
                id=self._next_event_id(),
                request=request,
                response=response,
                logged_at=self._clock(),
                stub=entry.stub if entry else None,
            )
            self._journal.add(event)

    def _next_event_id(self) -> str:
        # A UUID-shaped id from a random prefix and a counter: unique, and a tenth of the
        # cost of uuid4() on every request served.
        self._events_logged += 1
        return f"{self._event_prefix}{self._events_logged:012x}"

    def reset(self) -> None:
        """Mappings back to those loaded, an empty journal, every scenario ``Started``."""
        with self._lock:
            self.reset_mappings()
            self._journal.clear()

    # -- stubs ------------------------------------------------------------------------------

    def stub(self, mapping: Mapping[str, Any]) -> str:
        """Add a stub (or replace the one with the same id); returns its id.

        Raises:
            InvalidMappingError: The mapping is malformed or unsupported.
        """
        stub = _compile(dict(mapping))
        self._refuse_persistent([stub])
        with self._lock:
            self._counter += 1
            self._put(_Entry(stub=stub, insertion=self._counter))
        return stub.id

    def stubs(self) -> list[StubMapping]:
        """Every stub, in matching order (priority, then newest first)."""
        with self._lock:
            return list(self._sorted())

    def get_stub(self, stub_id: str) -> StubMapping:
        """The stub with that id.

        Raises:
            AdminError: There is none (404).
        """
        with self._lock:
            return self._entry(stub_id).stub

    def update_stub(self, stub_id: str, mapping: Mapping[str, Any]) -> StubMapping:
        """Replace a stub's definition, keeping its id and its place among equal priorities.

        Raises:
            AdminError: There is no stub with that id (404).
            InvalidMappingError: The new mapping is malformed or unsupported.
        """
        stub = _compile({**mapping, "id": stub_id, "uuid": stub_id})
        self._refuse_persistent([stub])
        with self._lock:
            old = self._entry(stub_id)
            self._put(replace(old, stub=stub, dirty=True))
            return stub

    def remove_stub(self, stub_id: str) -> None:
        """Delete a stub (and its file, if it is persistent).

        Raises:
            AdminError: There is no stub with that id (404).
        """
        with self._lock:
            entry = self._entry(stub_id)
            if entry.stub.persistent and entry.file is not None and self._writable is not None:
                self._writable.delete(entry.file)
            self._set_entries(e for e in self._entries.values() if e.stub.id != stub_id)

    def remove_all_stubs(self) -> None:
        """Delete every stub from memory (files stay; ``reset_mappings`` brings them back)."""
        with self._lock:
            self._set_entries([])

    def import_stubs(
        self, mappings: list[Any], *, overwrite: bool = True, delete_others: bool = False
    ) -> None:
        """Add many stubs at once; all or none.

        Args:
            mappings: Mapping objects.
            overwrite: Replace stubs with the same id (else keep the old ones).
            delete_others: First delete every stub not in ``mappings``.

        Raises:
            InvalidMappingError: One of them is malformed; nothing was imported.
        """
        # Every mapping is compiled before any is stored: one bad mapping stores none.
        stubs = [_compile(mapping, pointer=f"/mappings/{i}") for i, mapping in enumerate(mappings)]
        self._refuse_persistent(stubs)
        with self._lock:
            if delete_others:
                ids = {stub.id for stub in stubs}
                self._set_entries(e for e in self._entries.values() if e.stub.id in ids)
            for stub in stubs:
                if overwrite or stub.id not in self._entries:
                    self._counter += 1
                    self._put(_Entry(stub=stub, insertion=self._counter))

    def save(self) -> None:
        """Write every stub changed since load to the mappings folder (no-op without one).

        Raises:
            AdminError: The folder is read-only here (a session's registry; 409).
        """
        self._refuse_write("mappings/save")
        with self._lock:
            if self._writable is None:
                return
            for entry in list(self._entries.values()):
                if entry.dirty:
                    self._write(entry)

    def reset_mappings(self) -> None:
        """Back to the stubs in the mappings folder (none without one); scenarios restart."""
        with self._lock:
            loaded = self._folder.load() if self._folder is not None else []
            entries = []
            for item in loaded:
                self._counter += 1
                file = None if item.shared else item.file
                entries.append(
                    _Entry(stub=item.stub, insertion=self._counter, file=file, dirty=False)
                )
            self._set_entries(entries)
            self._scenarios.reset()

    # -- scenarios --------------------------------------------------------------------------

    def scenarios(self) -> list[dict[str, Any]]:
        """Every scenario in WireMock's shape (``id``, ``name``, ``state``, ...)."""
        with self._lock:
            return self._scenarios.describe(self._sorted())

    def reset_scenarios(self) -> None:
        """Every scenario back to ``Started``."""
        with self._lock:
            self._scenarios.reset()

    def set_scenario_state(self, name: str, state: str | None) -> None:
        """Force a scenario's state (``Started`` when ``None``).

        Raises:
            AdminError: No such scenario (404) or state (422).
        """
        with self._lock:
            self._scenarios.set_state(name, state, stubs=self._sorted())

    # -- journal ----------------------------------------------------------------------------

    def events(self) -> list[ServeEvent]:
        """Every logged request, newest first."""
        with self._lock:
            return self._journal.events()

    def find(self, pattern: RequestPattern | Mapping[str, Any]) -> list[ServeEvent]:
        """The logged requests a request pattern matches, newest first.

        Raises:
            InvalidMappingError: ``pattern`` is a malformed request pattern.
        """
        compiled = (
            pattern
            if isinstance(pattern, RequestPattern)
            else RequestPattern.compile(dict(pattern))
        )
        return [event for event in self.events() if compiled.matches(event.request)]

    def count(self, pattern: RequestPattern | Mapping[str, Any]) -> int:
        """How many logged requests match a request pattern."""
        return len(self.find(pattern))

    def forget(self, events: Iterable[ServeEvent]) -> None:
        """Remove these events from the journal."""
        with self._lock:
            self._journal.remove(list(events))

    def clear_journal(self) -> None:
        """Empty the journal."""
        with self._lock:
            self._journal.clear()

    def now(self) -> float:
        """The clock's current time, in seconds since the epoch."""
        return self._clock()

    # -- internals ----------------------------------------------------------------------------

    def _refuse_persistent(self, stubs: Sequence[StubMapping]) -> None:
        """Refuse (409) stubs to store of which one is persistent, where the folder is read-only."""
        persistent = next((stub.id for stub in stubs if stub.persistent), None)
        if persistent is not None:
            self._refuse_write(f"persistent stub {persistent}")

    def _refuse_write(self, action: str) -> None:
        """Refuse (409) ``action`` where the folder is read-only; before anything is stored."""
        if self._folder is None or self._writable is not None:
            return
        raise AdminError(
            status=409,
            title=(
                f"{action} would write the server's --mappings folder, which every session "
                "shares and a session (/~NAME/) only reads; save from the default session "
                "(no /~NAME/ prefix), or export this session's stubs with GET /__admin/mappings"
            ),
        )

    def _entry(self, stub_id: str) -> _Entry:
        entry = self._entries.get(stub_id)
        if entry is None:
            raise AdminError(status=404, title=f"Stub mapping {stub_id} not found", code=404)
        return entry

    def _put(self, entry: _Entry) -> None:
        old = self._entries.get(entry.stub.id)
        if old is not None and entry.file is None:
            entry = replace(entry, file=old.file)  # a new stub with a known id reuses its file
        self._entries[entry.stub.id] = entry
        self._ordered = None
        if entry.stub.persistent and self._writable is not None:
            self._write(entry)

    def _write(self, entry: _Entry) -> None:
        assert self._writable is not None  # callers check; the type checker cannot see it
        written = replace(entry, file=self._writable.write(entry.stub, entry.file), dirty=False)
        self._entries[entry.stub.id] = written

    def _sorted(self) -> list[StubMapping]:
        # Cached: every request walks this list, and it changes only with the stubs.
        if self._ordered is None:
            entries = sorted(self._entries.values(), key=lambda e: (e.stub.priority, -e.insertion))
            self._ordered = [entry.stub for entry in entries]
        return self._ordered

    def _set_entries(self, entries: Iterable[_Entry]) -> None:
        self._entries = {entry.stub.id: entry for entry in entries}
        self._ordered = None
        self._scenarios.forget_missing(entry.stub for entry in self._entries.values())

    def _state_of(self, stub: StubMapping) -> str | None:
        return self._scenarios.state(stub.scenario) if stub.scenario is not None else None


def _compile(mapping: Any, *, pointer: str = "") -> StubMapping:
    r"""Compile a mapping, or refuse it with ``InvalidMappingError`` (never another error).

    A mapping holding a lone UTF-16 surrogate (``"\\ud800"``) could be stored but never
    listed (no UTF-8 encoder takes it), so it is refused here.
    """
    try:
        json.dumps(mapping, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidMappingError(
            pointer=pointer, detail="the mapping holds a lone UTF-16 surrogate"
        ) from None
    except (ValueError, TypeError, RecursionError):
        raise InvalidMappingError(pointer=pointer, detail="the mapping is not JSON") from None
    if not isinstance(mapping, dict):
        raise InvalidMappingError(pointer=pointer, detail="a mapping must be a JSON object")
    try:
        return StubMapping.compile(mapping)
    except InvalidMappingError:
        raise
    except (ValueError, TypeError, RecursionError, OverflowError) as error:
        detail = f"the mapping cannot be compiled: {type(error).__name__}"
        raise InvalidMappingError(pointer=pointer, detail=detail) from None
