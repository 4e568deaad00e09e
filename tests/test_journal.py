"""Tests for mock_server.journal."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from typing import Any

import pytest

from mock_server.errors import ConfigError
from mock_server.journal import REDACTED, Calls, Journal, JournalEntry, JsonValue, Redactor

SECRET = "sk-live-0123456789"

RecordFn = Callable[..., JournalEntry]


@pytest.fixture
def record() -> Callable[..., JournalEntry]:
    """Return a builder that records one exchange in a given journal."""

    def _record(journal: Journal, **overrides: Any) -> JournalEntry:
        fields: dict[str, Any] = {
            "method": "GET",
            "path": "/v1/order/1",
            "query_string": "",
            "operation_id": "get_order",
            "request_headers": {"x-api-key": SECRET, "accept": "application/json"},
            "request_body": b"",
            "status": 200,
            "response_headers": {"content-type": "application/json"},
            "response_body": b'{"ok":true}',
        }
        fields.update(overrides)
        journal.record(**fields)
        return journal.last

    return _record


def test_empty_journal_reads_like_mock() -> None:
    journal = Journal()
    assert not journal.called
    assert journal.call_count == 0
    assert len(journal) == 0
    with pytest.raises(IndexError):
        _ = journal.last


def test_record_and_query(record: RecordFn) -> None:
    journal = Journal()
    record(journal)
    record(journal, method="POST", path="/v1/order", operation_id="submit_order", status=201)
    record(journal, method="post", path="/v1/upload", operation_id="upload_image")
    assert journal.call_count == 3
    assert journal.last.operation_id == "upload_image"
    assert journal.calls(operation_id="submit_order").call_count == 1
    assert journal.calls(method="POST").call_count == 2
    assert journal.calls(path="/v1/order/1").last.status == 200
    assert journal.calls(method="post", path="/v1/order").called
    assert not journal.calls(operation_id="nope").called
    assert [e.method for e in journal] == ["GET", "POST", "post"]


def test_bounded_drops_oldest(record: RecordFn) -> None:
    journal = Journal(max_entries=3)
    for i in range(5):
        record(journal, path=f"/v1/order/{i}")
    assert [e.path for e in journal.entries] == ["/v1/order/2", "/v1/order/3", "/v1/order/4"]


def test_clear(record: RecordFn) -> None:
    journal = Journal()
    record(journal)
    journal.clear()
    assert not journal.called


def test_bodies_truncated_sizes_kept(record: RecordFn) -> None:
    journal = Journal(max_body_bytes=10)
    entry = record(journal, request_body=b"a" * 100, response_body=b"b" * 50)
    assert entry.request_body == b"a" * 10
    assert entry.request_size == 100
    assert entry.response_body == b"b" * 10
    assert entry.response_size == 50


def test_api_key_redacted_everywhere(record: RecordFn) -> None:
    journal = Journal(redactor=Redactor(query_names=frozenset({"api_key"})))
    entry = record(
        journal,
        path=f"/v1/order/{SECRET}",
        query_string=f"api_key={SECRET}&page=2",
        request_headers={
            "x-api-key": SECRET,
            "authorization": "Bearer abc",
            "x-mock-admin-key": "admin-secret",
            "x-echo": f"echo {SECRET}",
        },
        request_body=json.dumps({"key": SECRET}).encode(),
        response_headers={"x-echo": SECRET},
        response_body=f"bad key {SECRET}".encode(),
    )
    assert entry.request_headers["x-api-key"] == REDACTED
    assert entry.request_headers["authorization"] == REDACTED
    assert entry.request_headers["x-mock-admin-key"] == REDACTED
    assert entry.query_string == f"api_key={REDACTED}&page=2"
    dumped = journal.to_json() + repr(entry)
    for secret in (SECRET, "Bearer abc", "admin-secret"):
        assert secret not in dumped


def test_known_secrets_scrubbed_even_under_other_names(record: RecordFn) -> None:
    journal = Journal(redactor=Redactor(secrets=frozenset({"test-key"})))
    entry = record(journal, query_string="token=test-key", request_headers={"x-other": "test-key"})
    assert "test-key" not in journal.to_json()
    assert entry.request_headers["x-other"] == REDACTED


def test_short_secret_not_scrubbed_from_bodies(record: RecordFn) -> None:
    journal = Journal()
    entry = record(journal, request_headers={"x-api-key": "k"}, response_body=b"kkk")
    assert entry.request_headers["x-api-key"] == REDACTED
    assert entry.response_body == b"kkk"


def test_to_json_filters_and_binary(record: RecordFn) -> None:
    journal = Journal()
    record(journal, request_body=b"\xff\xfe", operation_id="a")
    record(journal, operation_id="b")
    data = json.loads(journal.to_json(operation_id="a"))
    assert len(data) == 1
    assert data[0]["request_body"] == "\\xff\\xfe"
    assert data[0]["operation_id"] == "a"
    assert data[0]["request_headers"]["x-api-key"] == REDACTED
    assert set(data[0]) >= {"timestamp", "method", "path", "query_string", "status"}


def test_entry_json_helpers(record: RecordFn) -> None:
    entry = record(Journal(), request_body=b'{"a":1}')
    assert entry.response_json() == {"ok": True}
    assert entry.request_json() == {"a": 1}


def test_calls_sequence_behaviour(record: RecordFn) -> None:
    journal = Journal()
    first = record(journal)
    calls = journal.calls()
    assert isinstance(calls, Calls)
    assert calls[0] is first
    assert list(calls[0:1]) == [first]
    assert "GET /v1/order/1 200" in repr(calls)


def test_thread_safe_concurrent_records(record: RecordFn) -> None:
    journal = Journal(max_entries=50)

    def worker() -> None:
        for _ in range(200):
            record(journal)
            _ = journal.calls(method="GET").call_count

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert journal.call_count == 50


def test_secret_across_truncation_boundary_is_not_leaked(record: RecordFn) -> None:
    journal = Journal(max_body_bytes=12)
    entry = record(journal, response_body=b"xxxxxxxx" + SECRET.encode())
    assert SECRET[:4].encode() not in entry.response_body


def test_calls_refuse_an_operation_id_the_spec_does_not_declare(record: RecordFn) -> None:
    journal = Journal()
    record(journal, operation_id="get_order")
    record(journal, operation_id="webhook:image_processed")
    operations = ["get_order", "submit_order"]
    journal.bind_operations(lambda: operations)
    assert journal.calls(operation_id="get_order").call_count == 1
    assert journal.calls(operation_id="submit_order").call_count == 0  # declared, not called
    assert journal.calls(operation_id="webhook:image_processed").call_count == 1
    with pytest.raises(ConfigError) as refused:
        journal.calls(operation_id="getOrder")
    assert str(refused.value) == (
        "unknown operation id 'getOrder'; the spec's operation ids: get_order, submit_order"
    )
    operations.append("getOrder")  # a reloaded spec counts from the next call on
    assert journal.calls(operation_id="getOrder").call_count == 0
    # The admin export (/__mock/journal) keeps answering an unknown filter with no entries.
    assert json.loads(journal.to_json(operation_id="nope")) == []


def test_an_unbound_journal_filters_on_any_operation_id(record: RecordFn) -> None:
    journal = Journal()
    record(journal)
    assert journal.calls(operation_id="anything").call_count == 0


def test_request_json_is_a_json_value(record: RecordFn) -> None:
    entry = record(Journal(), request_body=b'[1, "a", null, {"b": true}]')
    body: JsonValue = entry.request_json()
    assert body == [1, "a", None, {"b": True}]
