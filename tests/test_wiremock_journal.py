"""Tests for mock_server.wiremock._journal: WireMock's view of the site's journal."""

from __future__ import annotations

from typing import Any

from mock_server.journal import REDACTED, Journal, JournalEntry, Redactor
from mock_server.types import RequestData, ResponseData
from mock_server.wiremock._journal import SharedJournal


def _journal_of(*paths: str) -> Journal:
    journal = Journal(redactor=Redactor(secrets=frozenset({"test-key"})))
    for path in paths:
        request = RequestData(
            method="get", path=path, query={"api_key": ("test-key",), "page": ("2", "3")}
        )
        answer = ResponseData(status=200, json={"key": "test-key"}, has_json=True)
        journal.record_exchange(request, answer, operation_id=None, duration_ms=0.5)
    journal.record(
        method="POST",
        path="http://hooks.example/in",
        request_headers={},
        status=200,
        response_headers={},
        kind="webhook",
    )
    return journal


def test_events_are_the_served_exchanges_newest_first_redacted() -> None:
    view = SharedJournal(_journal_of("/a", "/b"))
    events = view.events()
    assert [e.request.path for e in events] == ["/b", "/a"]
    request = events[0].request
    assert request.method == "GET"
    # A request built by hand has only its parsed query: rebuilt, then redacted.
    assert request.query_string == f"api_key={REDACTED}&page=2&page=3"
    assert request.query == {"api_key": (REDACTED,), "page": ("2", "3")}
    assert events[0].response.body == b'{"key":"REDACTED"}'
    assert events[0].stub is None


def test_get_remove_and_clear_reach_the_site_journal() -> None:
    journal = _journal_of("/a", "/b", "/c")
    view = SharedJournal(journal)
    _newest, middle, _oldest = view.events()
    assert view.get(middle.id) == middle
    assert view.get("no-such-id") is None
    view.remove([middle])
    assert [e.request.path for e in view.events()] == ["/c", "/a"]
    assert [e.path for e in journal.entries] == ["/a", "/c", "http://hooks.example/in"]
    assert view.get(middle.id) is None
    view.clear()
    assert view.events() == []
    assert len(journal) == 0


def test_entries_compare_by_what_they_read() -> None:
    (recorded,) = _journal_of("/same").calls(path="/same")
    fields: dict[str, Any] = {
        "timestamp": recorded.timestamp,
        "method": "GET",
        "path": "/same",
        "query_string": f"api_key={REDACTED}&page=2&page=3",
        "operation_id": None,
        "request_headers": {},
        "request_body": b"",
        "request_size": 0,
        "status": 200,
        "response_headers": dict(recorded.response_headers),
        "response_body": b'{"key":"REDACTED"}',
        "response_size": 18,
        "duration_ms": 0.5,
    }
    assert JournalEntry(**fields) == recorded  # equal by what it reads, as a dataclass was
    assert JournalEntry(**fields | {"status": 201}) != recorded
    assert recorded != "not an entry"
