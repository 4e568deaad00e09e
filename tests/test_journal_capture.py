"""Tests for mock_server.journal._capture: recorded cheaply, redacted when first read.

What is kept at record time (references, bodies over the limit sliced), what the first
read does (encode, redact, cut; once), that it redacts by the rules in force when the
entry was recorded, and that no public attribute ever reaches an un-redacted value.
"""

from __future__ import annotations

import gc
import inspect
import json
import threading
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from mock_server.journal import (
    REDACTED,
    Calls,
    Exchange,
    Journal,
    JournalEntry,
    Redactor,
    _capture,
    _entry,
)
from mock_server.media import wire
from mock_server.redaction import scrub_bytes
from mock_server.types import RequestData, ResponseData, UploadedFile
from mock_server.wiremock._journal import ServeEvent, SharedJournal

CONFIGURED_KEY = "configured-key-0001"
# Secrets only the requests carry: the journal is never told them.
BEARER = "bearer-secret-0002"
QUERY_KEY = "query-secret-0003"
TOKEN = "token-secret-0004"
COOKIE = "cookie-secret-0005"
HOOK_PASSWORD = "hook-password-0006"
HOOK_SIG = "hook-sig-0007"
HOOK_BEARER = "hook-bearer-0008"
REQUEST_BORNE = (BEARER, QUERY_KEY, TOKEN, COOKIE, HOOK_PASSWORD, HOOK_SIG, HOOK_BEARER)
SECRETS = (CONFIGURED_KEY, *REQUEST_BORNE)
# Methods that change the journal, or need arguments a walk cannot invent.
NOT_READS = frozenset({"bind_operations", "clear", "forget", "record", "record_exchange"})


def _json_escaped(text: str) -> str:
    """``text`` with its first letter written as a JSON ``\\uXXXX`` escape."""
    return f"\\u{ord(text[0]):04x}{text[1:]}"


def _hostile_journal() -> Journal:
    """A journal holding one served exchange and one webhook delivery full of secrets."""
    journal = Journal(
        redactor=Redactor(query_names=frozenset({"api_key"}), secrets=frozenset({CONFIGURED_KEY}))
    )
    request = RequestData(
        method="post",
        path=f"/v1/orders/{CONFIGURED_KEY}",
        query_string=f"api_key={QUERY_KEY}&token={TOKEN}&page=2",
        headers={
            "x-api-key": CONFIGURED_KEY,
            "authorization": f"Bearer {BEARER}",
            "cookie": COOKIE,
            "x-echo": f"echo {QUERY_KEY}",
        },
        body=json.dumps({"escaped": _json_escaped(TOKEN), "plain": CONFIGURED_KEY}).encode(),
        form={"note": (f"from {TOKEN}",)},
        files={"image": (UploadedFile(filename="a.png", content_type="image/png", data=b"x"),)},
    )
    answer = ResponseData(
        status=200,
        headers={"x-echo": f"Bearer {BEARER}"},
        json={"echo": [CONFIGURED_KEY, {"q": QUERY_KEY, "t": _json_escaped(TOKEN)}]},
        has_json=True,
    )
    journal.record_exchange(request, answer, operation_id="create_order", duration_ms=1.0)
    journal.record(
        method="POST",
        path=f"http://user:{HOOK_PASSWORD}@hooks.example/in?sig={HOOK_SIG}",
        operation_id="webhook:order_done",
        request_headers={"authorization": f"Bearer {HOOK_BEARER}"},
        request_body=json.dumps({"signature": HOOK_SIG}).encode(),
        status=0,
        response_headers={},
        response_body=f"connection refused: http://user:{HOOK_PASSWORD}@hooks.example".encode(),
        kind="webhook",
    )
    return journal


def _reads(obj: object) -> Iterator[tuple[str, Any]]:
    """Every public attribute of ``obj`` and what each public no-argument method returns."""
    for name in dir(obj):
        if name.startswith("_") or name in NOT_READS:
            continue
        value = getattr(obj, name)
        if not callable(value) or isinstance(value, type):
            yield name, value
            continue
        required = [
            p
            for p in inspect.signature(value).parameters.values()
            if p.default is p.empty and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        ]
        if required:
            continue
        try:
            result = value()
        except ValueError:  # a body that is not JSON
            continue
        yield name, list(result) if inspect.isgenerator(result) else result


def _texts(obj: object, seen: set[int], skip: frozenset[str] = frozenset()) -> Iterator[str]:
    """Every string (bytes decoded) reachable from ``obj`` through its public API."""
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, bytes):
        yield obj.decode("latin-1")
    elif obj is None or isinstance(obj, int | float | type) or id(obj) in seen:
        return
    elif isinstance(obj, Mapping):
        seen.add(id(obj))
        for key, value in obj.items():
            yield from _texts(key, seen)
            yield from _texts(value, seen)
    elif isinstance(obj, list | tuple | set | frozenset | Calls):
        seen.add(id(obj))
        for item in obj:
            yield from _texts(item, seen)
    else:
        seen.add(id(obj))
        yield repr(obj)
        for name, value in _reads(obj):
            if name not in skip:
                yield from _texts(value, seen)


def _leaks(texts: list[str], secrets: tuple[str, ...]) -> list[str]:
    found = [s for s in secrets if any(s in t or _json_escaped(s) in t for t in texts)]
    return found + [s for s in secrets if any(_json_escaped(s)[6:] in t for t in texts)]


def test_no_public_attribute_of_the_journal_or_an_entry_reaches_a_secret() -> None:
    journal = _hostile_journal()
    entries = list(journal.entries)
    events = SharedJournal(journal).events()
    # The walk reads every public attribute and calls every public reader: the entries,
    # their exports, WireMock's exchanges and serve events, the journal's own readers.
    texts = [t for obj in (*entries, *events) for t in _texts(obj, set())]
    assert len(texts) > 50  # the walk did reach the data
    assert any(REDACTED in t for t in texts)
    assert not _leaks(texts, SECRETS)
    # The journal's redactor is its configuration, the keys it was told included; nothing
    # a request carried reaches it, nor any other public attribute of the journal.
    journal_texts = list(_texts(journal, set()))
    assert not _leaks(journal_texts, REQUEST_BORNE)
    assert not _leaks(list(_texts(journal, set(), skip=frozenset({"redactor"}))), SECRETS)


def test_the_walk_would_find_a_secret_left_in_place() -> None:
    # Guards the test above: the same walk over an entry built with a secret finds it.
    entry = JournalEntry(
        timestamp=0.0,
        method="GET",
        path="/",
        query_string="",
        operation_id=None,
        request_headers={"x-echo": _json_escaped(BEARER)},
        request_body=b"",
        request_size=0,
        status=200,
        response_headers={},
        response_body=b"",
        response_size=0,
    )
    assert _leaks(list(_texts(entry, set())), SECRETS) == [BEARER, BEARER]


def _referents(root: object) -> Iterator[object]:
    """Everything ``root`` keeps alive, private attributes included (not types, modules)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, type) or inspect.ismodule(obj):
            continue
        seen.add(id(obj))
        yield obj
        stack.extend(gc.get_referents(obj))


def test_an_entry_read_once_keeps_no_secret_even_privately() -> None:
    journal = _hostile_journal()
    for entry in journal.entries:
        entry.to_dict()
    texts = [
        o if isinstance(o, str) else o.decode("latin-1")
        for entry in journal.entries
        for o in _referents(entry)
        if isinstance(o, str | bytes)
    ]
    assert texts
    assert not _leaks(texts, SECRETS)


def test_secrets_are_redacted_by_the_rules_in_force_when_recorded() -> None:
    old = Redactor(header_names=frozenset({"x-old"}), secrets=frozenset({"old-secret-1"}))
    new = Redactor(header_names=frozenset({"x-new"}), secrets=frozenset({"new-secret-2"}))
    headers = {"x-old": "old-header-3", "x-new": "new-header-4"}
    body = b"old-secret-1 new-secret-2 " + b"z" * 40

    def recorded(journal: Journal) -> None:
        request = RequestData(method="POST", path="/p", headers=headers, body=body)
        response = ResponseData(status=200, body=body, content_type="text/plain")
        journal.record_exchange(request, response, operation_id=None, duration_ms=0.0)

    eager, lazy = Journal(redactor=old, max_body_bytes=30), Journal(redactor=old, max_body_bytes=30)
    recorded(eager)
    recorded(lazy)
    expected = eager.last.to_dict()  # read at once, under the old rules
    lazy.redactor, lazy.max_body_bytes = new, 5  # a reload, a key configured later
    entry = lazy.last
    assert entry.to_dict() | {"timestamp": 0} == expected | {"timestamp": 0}
    assert entry.request_headers["x-old"] == REDACTED
    assert entry.request_headers["x-new"] == "new-header-4"
    assert entry.request_body == b"REDACTED new-secret-2 " + b"z" * 8  # the old cut: 30
    recorded(lazy)  # a later record follows the new rules
    assert lazy.last.request_headers["x-new"] == REDACTED
    assert lazy.last.request_body == b"old-s"


def test_reading_twice_redacts_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = _capture.redact

    def counting(capture: Any) -> Any:
        calls.append(capture)
        return real(capture)

    monkeypatch.setattr(_entry, "redact", counting)
    journal = _hostile_journal()
    assert calls == []  # recording redacts nothing
    entry = journal.calls(operation_id="create_order").last
    assert calls == []  # nor does filtering on what was known when recording
    first = entry.request_headers
    assert entry.request_headers is first
    entry.to_dict()
    json.loads(journal.to_json())
    journal.exchanges()
    assert journal.exchanges()[0] is journal.exchanges()[0]
    assert len(calls) == 2  # one per entry, whatever was read


def test_two_first_reads_on_two_threads_share_one_result() -> None:
    journal = _hostile_journal()
    entry = journal.last
    start = threading.Barrier(4)
    seen: list[Mapping[str, str]] = []

    def read() -> None:
        start.wait()
        seen.append(entry.request_headers)

    threads = [threading.Thread(target=read) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(seen) == 4
    assert all(headers is seen[0] for headers in seen)


def _bytes_kept(journal: Journal) -> int:
    return sum(
        len(o) for e in journal.entries for o in _referents(e) if isinstance(o, bytes | bytearray)
    )


def test_bodies_over_the_limit_are_sliced_when_recorded() -> None:
    journal = Journal(max_body_bytes=1024, max_entries=3)
    big = b"a" * (1024 * 1024)
    for _ in range(5):
        request = RequestData(method="PUT", path="/upload", body=big)
        answer = ResponseData(status=200, body=big, content_type="application/octet-stream")
        journal.record_exchange(request, answer, operation_id=None, duration_ms=0.0)
    kept = _bytes_kept(journal)
    assert 3 * 2 * 1024 <= kept < 3 * 2 * 1024 + 4096  # three entries, two cut bodies each
    assert journal.last.request_size == journal.last.response_size == len(big)
    assert journal.last.request_body == b"a" * 1024


def test_a_cut_after_a_slice_is_the_cut_of_the_whole_body() -> None:
    secret = "sk-live-0123456789"
    journal = Journal(max_body_bytes=64, redactor=Redactor(secrets=frozenset({secret})))
    body = b"x" * 60 + _json_escaped(secret).encode() + b"y" * 10_000
    request = RequestData(method="POST", path="/p", body=body)
    journal.record_exchange(
        request, ResponseData(status=200, body=body), operation_id=None, duration_ms=0.0
    )
    expected = scrub_bytes(body, {secret})[:64]
    assert journal.last.request_body == journal.last.response_body == expected
    assert expected == b"x" * 60 + b"REDA"


def test_a_json_answer_reads_as_the_edge_sent_it() -> None:
    journal = Journal()
    payload: dict[str, Any] = {"name": "as sent"}
    answer = ResponseData(status=201, json=payload, has_json=True)
    journal.record_exchange(
        RequestData(method="POST", path="/v3/orders/"),
        answer,
        operation_id="create_order",
        duration_ms=0.0,
    )
    entry = journal.last
    _status, headers, body = wire(answer)  # the edge encodes it, once
    payload["name"] = "changed later"  # state the answer was built from moves on
    assert entry.response_json() == {"name": "as sent"}
    assert entry.response_body == body
    assert entry.response_size == len(body)
    assert entry.response_headers == {name.lower(): value for name, value in headers}


def test_an_encoded_json_answer_is_swapped_for_its_bytes_by_the_next_record() -> None:
    journal = Journal(max_body_bytes=100)
    payload = {"items": ["x" * 50] * 100}
    answer = ResponseData(status=200, json=payload, has_json=True)
    request = RequestData(method="GET", path="/items")
    journal.record_exchange(request, answer, operation_id=None, duration_ms=0.0)
    first = journal.last
    assert any(o is payload for o in _referents(first))  # a reference until encoded
    wire(answer)
    journal.record_exchange(request, ResponseData(status=204), operation_id=None, duration_ms=0)
    assert not any(o is payload for o in _referents(first))  # now only its cut bytes
    assert _bytes_kept(journal) < 1024
    assert first.response_size == len(json.dumps(payload, separators=(",", ":")))
    assert first.response_body == json.dumps(payload, separators=(",", ":")).encode()[:100]


def test_an_answer_no_edge_encodes_is_encoded_when_read() -> None:
    journal = Journal()
    for index in range(70):  # past the window of answers watched for the edge's bytes
        answer = ResponseData(status=200, json={"n": index}, has_json=True)
        journal.record_exchange(
            RequestData(method="GET", path="/n"), answer, operation_id=None, duration_ms=0
        )
    assert [e.response_json() for e in journal.entries] == [{"n": n} for n in range(70)]


def test_the_request_files_are_not_kept() -> None:
    journal = Journal()
    data = b"\x89PNG-unique-file-bytes"
    files = {"image": (UploadedFile(filename="a.png", content_type="image/png", data=data),)}
    request = RequestData(method="POST", path="/up", form={"a": ("1",)}, files=files)
    journal.record_exchange(request, ResponseData(status=204), operation_id=None, duration_ms=0)
    assert not any(o is data for o in _referents(journal.last))
    exchange = journal.exchanges()[0]
    assert isinstance(exchange, Exchange)
    assert exchange.request.form == {"a": ("1",)}
    assert exchange.request.files == {}


def test_wiremock_sees_the_same_redacted_exchanges() -> None:
    journal = _hostile_journal()
    events = SharedJournal(journal).events()
    assert [type(e) for e in events] == [ServeEvent]  # the delivery is not a served request
    (event,) = events
    assert event.request.method == "POST"
    assert event.request.headers["authorization"] == REDACTED
    assert event.request.query == {"api_key": (REDACTED,), "token": (REDACTED,), "page": ("2",)}
    assert event.request.form == {"note": (f"from {REDACTED}",)}
    assert event.id == SharedJournal(journal).events()[0].id
