"""In-process and HTTP answers agree: the same request gets the same answer on every route.

One served mock answers each generated request twice, from the same reset state: once
through the in-process transport (``EngineTransport``), once over a socket. Status,
headers (less the server's own ``Date``/``Server``/``Connection``) and body must match,
for the vendor API, ``/__mock/``, ``/__admin/``, the spec, the docs and unknown paths; on
Autoenhance's port and on AI HomeDesign's, where v3 is mounted beside v1.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mock_server.engine import EngineOptions
from mock_server.server import EngineTransport, MockServer
from mock_server.vendors import build_engine, served_beside

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
_AIHOMEDESIGN_PATHS = [
    "/v1/order/0",
    "/v1/catalog/spaces?service_name=service-creative-designer",
    "/v3/project",
    "/v3/project?limit=31",
    "/v3/order/000000000000000000000000",
    "/v3/process",
    "/v3/openapi.json",
    "/v3/docs",
    "/v3x",
    "/api/tools",
    "/_files/v3/result/000000000000000000000000.jpeg",
    "/__mock/v3/faults",
    "/__mock/v3/webhook",
    "/__mock/v3/scenarios",
    "/__mock/v3/journal",
    "/__mock/v3",
]
_UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_BODIES = [
    b"",
    b"{}",
    b'{"name": "x"}',
    b"[" * 200,
    b"\xff\xfe",
    b'{"request": {"urlPath": "/p"}, "response": {"status": 200, "body": "p"}}',
]


@pytest.fixture(scope="module", params=["autoenhance", "aihomedesign"])
def mock(request: pytest.FixtureRequest) -> Iterator[MockServer]:
    server = MockServer.for_api(request.param)
    site = server.app.site
    # As the CLI mounts v3 on v1's port (until for_api mounts it itself).
    for beside in () if site.mounted else served_beside(request.param):
        engine = build_engine(beside.api, clock=server.clock, options=EngineOptions())
        site.mount(engine, prefixes=beside.prefixes)
    with server:
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
def requests(draw: st.DrawFn, paths: list[str]) -> httpx.Request:
    method = draw(st.sampled_from(["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"]))
    headers: dict[str, str] = {}
    if draw(st.booleans()):
        headers["x-api-key"] = draw(st.sampled_from(["test-key", "wrong-key"]))
    if draw(st.booleans()):
        headers["origin"] = draw(st.sampled_from(["http://evil.example", "null"]))
    body = draw(st.sampled_from(_BODIES)) if method not in ("GET", "HEAD") else b""
    if body or draw(st.booleans()):
        headers["content-type"] = draw(st.sampled_from(["application/json", "text/plain"]))
    return httpx.Request(method, draw(st.sampled_from(paths)), headers=headers, content=body)


def _answer(
    client: httpx.Client, mock: MockServer, request: httpx.Request
) -> tuple[int, dict[str, str], bytes]:
    mock.app.site.reset()  # every engine of the port
    mock.clear()
    sent = client.request(
        request.method, request.url, headers=request.headers, content=request.content
    )
    headers = {k: v for k, v in sent.headers.items() if k not in _SERVER_HEADERS}
    # A new WireMock stub gets a random UUID wherever it is created.
    return sent.status_code, headers, _UUID.sub(b"<uuid>", sent.content)


@settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_in_process_and_http_answers_agree(
    mock: MockServer, clients: tuple[httpx.Client, httpx.Client], data: st.DataObject
) -> None:
    paths = _PATHS + (_AIHOMEDESIGN_PATHS if mock.api == "aihomedesign" else [])
    request = data.draw(requests(paths))
    local, remote = clients
    in_process = _answer(local, mock, request)
    over_http = _answer(remote, mock, request)
    assert in_process == over_http, (request.method, str(request.url), request.headers)
    assert in_process[0] < 500, in_process


def test_the_corpus_reaches_every_surface(
    mock: MockServer, clients: tuple[httpx.Client, httpx.Client]
) -> None:
    local, _ = clients
    surfaces = {"/__mock/health": 200, "/__admin/mappings": 200}
    if mock.api == "aihomedesign":
        surfaces.update({"/v3/project": 200, "/__mock/v3/faults": 200, "/v3/openapi.json": 200})
    else:
        surfaces["/v3/orders/"] = 200
    for path, status in surfaces.items():
        answer = local.get(path, headers={"x-api-key": "test-key"})
        assert answer.status_code == status, path
        json.loads(answer.content)
