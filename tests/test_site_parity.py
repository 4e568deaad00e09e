"""In-process and HTTP answers agree: the same request gets the same answer on every route.

One served mock answers each generated request twice, from the same reset state: once
through the in-process transport (``EngineTransport``), once over a socket. Status,
headers (less the server's own ``Date``/``Server``/``Connection``) and body must match,
for the vendor API, ``/__mock/``, ``/__admin/``, the spec, the docs and unknown paths.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mock_server.server import EngineTransport, MockServer

_SERVER_HEADERS = frozenset({"date", "server", "connection", "keep-alive"})
_PATHS = [
    "/v3/orders/",
    "/v3/orders/?per_page=2",
    "/v3/orders/6a9e1f0e-0000-4000-8000-000000000000",
    "/v3/orders/not-a-uuid",
    "/v3/images/",
    "/__mock/health",
    "/__mock/journal",
    "/__mock/faults",
    "/__mock/clock",
    "/__mock/webhook",
    "/__mock/scenarios",
    "/__mock/nothing-here",
    "/__mock",
    "/__admin/mappings",
    "/__admin/requests",
    "/__admin/requests?limit=%C2%B2",
    "/__admin/scenarios",
    "/__admin/version",
    "/__admin/nothing-here",
    "/openapi.json",
    "/openapi.yaml",
    "/docs",
    "/nothing-here",
]
_BODIES = [
    b"",
    b"{}",
    b'{"name": "x"}',
    b"[" * 200,
    b"\xff\xfe",
    b'{"request": {"urlPath": "/p"}, "response": {"status": 200, "body": "p"}}',
]


@pytest.fixture(scope="module")
def mock() -> Iterator[MockServer]:
    with MockServer.for_api("autoenhance") as server:
        yield server


@pytest.fixture(scope="module")
def clients(mock: MockServer) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    transport = EngineTransport(mock.app.site)
    with (
        httpx.Client(transport=transport, base_url=mock.url) as local,
        httpx.Client(base_url=mock.url) as remote,
    ):
        yield local, remote


@st.composite
def requests(draw: st.DrawFn) -> httpx.Request:
    method = draw(st.sampled_from(["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]))
    headers: dict[str, str] = {}
    if draw(st.booleans()):
        headers["x-api-key"] = draw(st.sampled_from(["test-key", "wrong-key"]))
    if draw(st.booleans()):
        headers["origin"] = draw(st.sampled_from(["http://evil.example", "null"]))
    body = draw(st.sampled_from(_BODIES)) if method not in ("GET", "HEAD") else b""
    if body or draw(st.booleans()):
        headers["content-type"] = draw(st.sampled_from(["application/json", "text/plain"]))
    return httpx.Request(method, draw(st.sampled_from(_PATHS)), headers=headers, content=body)


def _answer(
    client: httpx.Client, mock: MockServer, request: httpx.Request
) -> tuple[int, dict[str, str], bytes]:
    mock.reset()
    sent = client.request(
        request.method, request.url, headers=request.headers, content=request.content
    )
    headers = {k: v for k, v in sent.headers.items() if k not in _SERVER_HEADERS}
    return sent.status_code, headers, sent.content


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(request=requests())
def test_in_process_and_http_answers_agree(
    mock: MockServer, clients: tuple[httpx.Client, httpx.Client], request: httpx.Request
) -> None:
    local, remote = clients
    in_process = _answer(local, mock, request)
    over_http = _answer(remote, mock, request)
    assert in_process == over_http, (request.method, str(request.url), request.headers)
    assert in_process[0] < 500, in_process


def test_the_corpus_reaches_every_surface(
    mock: MockServer, clients: tuple[httpx.Client, httpx.Client]
) -> None:
    local, _ = clients
    surfaces = {"/v3/orders/": 200, "/__mock/health": 200, "/__admin/mappings": 200}
    for path, status in surfaces.items():
        answer = local.get(path, headers={"x-api-key": "test-key"})
        assert answer.status_code == status, path
        json.loads(answer.content)
