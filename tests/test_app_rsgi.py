"""Tests for mock_server.app's RSGI front end, driven in-process by a stand-in for granian.

The stand-in does what granian 2.x does at this interface: lower-case header names, one
pair per repeated header, a case-insensitive ``get``, the body through ``await
protocol()`` (or ``async for``), and one ``response_*`` call. The CLI tests
(``test_edge.py``) run the same edge under granian itself.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from mock_server.app import MockApp
from mock_server.engine import BaseBehaviour, Call, Engine, EngineOptions
from mock_server.spec import Spec, load_spec
from mock_server.types import RequestData, ResponseData

SPEC = Path(__file__).parent / "specs" / "edge_items.yaml"
KEY = "test-key-0123"


class _Recording(BaseBehaviour):
    def __init__(self) -> None:
        self.requests: list[RequestData] = []

    def handle(self, call: Call) -> ResponseData | None:
        self.requests.append(call.request)
        return None


class _Headers:
    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._pairs = [(name.lower(), value) for name, value in pairs]

    def items(self) -> list[tuple[str, str]]:
        return list(self._pairs)

    def get(self, name: str, default: Any = None) -> Any:
        return next((v for k, v in self._pairs if k == name.lower()), default)


class _Scope:
    def __init__(
        self, method: str, path: str, pairs: list[tuple[str, str]], *, http_version: str = "1.1"
    ) -> None:
        self.method, self.path, self.query_string = method, path, ""
        self.headers, self.http_version = _Headers(pairs), http_version
        self.server, self.client = "127.0.0.1:4011", "127.0.0.1:50000"


class _Protocol:
    """Hands over ``body`` (or never, when None) and keeps the answer."""

    def __init__(self, body: bytes | None = b"") -> None:
        self.body = body
        self.reads = 0
        self.answer: tuple[int, dict[str, str], bytes] | None = None

    async def __call__(self) -> bytes:
        self.reads += 1
        if self.body is None:
            await asyncio.Event().wait()  # a client that never sends its body
        assert self.body is not None
        return self.body

    async def __aiter__(self) -> AsyncIterator[bytes]:
        self.reads += 1
        if self.body is None:
            await asyncio.Event().wait()
        for start in range(0, len(self.body or b""), 3):
            yield (self.body or b"")[start : start + 3]

    def response_bytes(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        assert self.answer is None, "answered twice"
        self.answer = (status, {k.lower(): v for k, v in headers}, body)

    def response_empty(self, status: int, headers: list[tuple[str, str]]) -> None:
        self.response_bytes(status, headers, b"")


@pytest.fixture(scope="module")
def spec() -> Spec:
    return load_spec(SPEC)


@pytest.fixture
def behaviour() -> _Recording:
    return _Recording()


@pytest.fixture
def app(spec: Spec, behaviour: _Recording) -> MockApp:
    options = EngineOptions(accepted_keys=frozenset({KEY}), max_body_bytes=100)
    return MockApp(Engine(spec, options=options, behaviour=behaviour), body_timeout=0.05)


def _serve(app: MockApp, scope: _Scope, protocol: _Protocol) -> tuple[int, dict[str, str], bytes]:
    asyncio.run(app.__rsgi__(scope, protocol))
    assert protocol.answer is not None
    return protocol.answer


def _create(body: bytes, *extra: tuple[str, str]) -> list[tuple[str, str]]:
    pairs = [("Host", "x"), ("x-api-key", KEY), ("Content-Type", "application/json")]
    return [*pairs, ("Content-Length", str(len(body))), *extra]


def test_a_json_body_reaches_the_engine_with_joined_lower_case_headers(
    app: MockApp, behaviour: _Recording
) -> None:
    body = b'{"name": "lamp"}'
    pairs = _create(body, ("X-Trace", "a"), ("x-trace", "b"))
    status, headers, payload = _serve(app, _Scope("post", "/v1/items", pairs), _Protocol(body))
    assert status == 201, payload
    assert headers["content-length"] == str(len(payload))
    [request] = behaviour.requests
    assert (request.method, request.body) == ("POST", body)
    assert request.headers["x-trace"] == "a, b"
    assert request.headers["content-type"] == "application/json"


def test_a_chunked_body_is_read_whole(app: MockApp, behaviour: _Recording) -> None:
    body = b'{"name": "a chunked lamp"}'
    pairs = [("x-api-key", KEY), ("content-type", "application/json")]
    pairs.append(("transfer-encoding", "chunked"))
    status, _, _ = _serve(app, _Scope("POST", "/v1/items", pairs), _Protocol(body))
    assert status == 201
    assert behaviour.requests[-1].body == body


def test_http1_without_a_length_or_chunks_has_no_body_and_nothing_is_read(app: MockApp) -> None:
    protocol = _Protocol(None)  # reading would wait forever (then 408)
    pairs = [("x-api-key", KEY), ("content-type", "application/json")]
    status, _, _ = _serve(app, _Scope("POST", "/v1/items", pairs), protocol)
    assert status == 400  # the spec's required body is missing: the engine says so
    assert protocol.reads == 0


def test_http2_without_a_length_still_reads_the_body(app: MockApp, behaviour: _Recording) -> None:
    body = b'{"name": "h2"}'
    pairs = [("x-api-key", KEY), ("content-type", "application/json")]
    scope = _Scope("POST", "/v1/items", pairs, http_version="2")
    assert _serve(app, scope, _Protocol(body))[0] == 201
    assert behaviour.requests[-1].body == body


def test_a_body_over_the_limit_is_413_and_never_read(app: MockApp) -> None:
    protocol = _Protocol(None)
    pairs = [("x-api-key", KEY), ("content-type", "application/json"), ("content-length", "101")]
    status, _, payload = _serve(app, _Scope("POST", "/v1/items", pairs), protocol)
    assert status == 413
    assert protocol.reads == 0
    assert set(json.loads(payload)) == {"error", "key"}  # the spec's error shape
    assert app.journal.last.status == 413


@pytest.mark.parametrize("framing", [("content-length", "50"), ("transfer-encoding", "chunked")])
def test_a_body_that_never_arrives_is_408_and_closes(
    app: MockApp, framing: tuple[str, str]
) -> None:
    pairs = [("x-api-key", KEY), ("content-type", "application/json"), framing]
    status, headers, payload = _serve(app, _Scope("POST", "/v1/items", pairs), _Protocol(None))
    assert status == 408
    assert headers["connection"] == "close"
    assert b"Request body not received in time" in payload


def test_the_edge_keeps_serving_after_a_408(app: MockApp) -> None:
    async def both() -> list[int]:
        late, fine = _Protocol(None), _Protocol(b'{"name": "x"}')
        stalled = _Scope("POST", "/v1/items", _create(b"x" * 20))
        await asyncio.gather(
            app.__rsgi__(stalled, late),
            app.__rsgi__(_Scope("POST", "/v1/items", _create(b'{"name": "x"}')), fine),
        )
        return [p.answer[0] for p in (late, fine) if p.answer is not None]

    assert asyncio.run(both()) == [408, 201]


def test_head_answers_the_get_headers_without_a_body(app: MockApp) -> None:
    pairs = [("x-api-key", KEY)]
    get = _serve(app, _Scope("GET", "/v1/items/abc", pairs), _Protocol())
    head = _serve(app, _Scope("HEAD", "/v1/items/abc", pairs), _Protocol())
    assert (head[0], head[2]) == (get[0], b"")
    assert head[1]["content-length"] == get[1]["content-length"] == str(len(get[2]))


def test_requests_ready_together_are_all_handled_before_any_is_answered(
    app: MockApp, behaviour: _Recording
) -> None:
    # Answers handed over back to back reach granian's runtime in one wake-up.
    events: list[str] = []

    class Logged(_Protocol):
        async def __call__(self) -> bytes:
            await asyncio.sleep(0)  # granian's body arrives from its thread: a loop turn
            return await super().__call__()

        def response_bytes(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
            events.append(f"answer {len(behaviour.requests)}")
            super().response_bytes(status, headers, body)

    body = b'{"name": "lamp"}'
    protocols = [Logged(body) for _ in range(3)]

    async def together() -> None:
        scope = _Scope("POST", "/v1/items", _create(body))
        await asyncio.gather(*(app.__rsgi__(scope, p) for p in protocols))

    asyncio.run(together())
    assert events == ["answer 3"] * 3  # every request had reached the engine by then
    assert [p.answer[0] for p in protocols if p.answer] == [201, 201, 201]


def test_a_lone_request_is_answered_without_waiting_even_after_a_408(app: MockApp) -> None:
    events: list[str] = []

    class Logged(_Protocol):
        def response_bytes(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
            events.append(f"answer {status}")
            super().response_bytes(status, headers, body)

    async def other_task() -> None:
        events.append("another task ran")

    async def scenario() -> None:
        # A 408 and an answer served side by side: both leave the in-flight count.
        stalled = _Scope("POST", "/v1/items", _create(b"x" * 20))
        body = b'{"name": "x"}'
        fine = _Scope("POST", "/v1/items", _create(body))
        await asyncio.gather(app.__rsgi__(stalled, Logged(None)), app.__rsgi__(fine, Logged(body)))
        events.clear()
        await asyncio.gather(app.__rsgi__(fine, Logged(body)), other_task())

    asyncio.run(scenario())
    assert events == ["answer 201", "another task ran"]
