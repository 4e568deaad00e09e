"""Tests for mock_server.server (MockServer over a real socket, bundled_spec)."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from mock_server import vendors as vendors_module
from mock_server.engine import BaseBehaviour, Call, Engine, EngineOptions
from mock_server.errors import ConfigError, ResponseViolation, ServerFailure, ServerStateError
from mock_server.faults import Fault
from mock_server.server import MockServer
from mock_server.spec import Spec, load_spec
from mock_server.types import RequestData, ResponseData
from mock_server.vendors import ApiName, bundled_spec

SPEC = Path(__file__).parent / "specs" / "edge_items.yaml"
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class ScriptedBehaviour(BaseBehaviour):
    """Answers get_item as told: None (synthesize), a ResponseData, or an exception."""

    answer: ResponseData | Exception | None = None
    resets: int = 0

    def handle(self, call: Call) -> ResponseData | None:
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer if call.operation_id == "get_item" else None

    def handle_unrouted(self, request: RequestData) -> ResponseData | None:
        return None

    def reset(self) -> None:
        self.answer = None
        self.resets += 1


@pytest.fixture
def behaviour() -> ScriptedBehaviour:
    return ScriptedBehaviour()


@pytest.fixture(scope="module")
def edge_spec() -> Spec:
    return load_spec(SPEC)


@pytest.fixture
def engine(edge_spec: Spec, behaviour: ScriptedBehaviour) -> Engine:
    options = EngineOptions(strict=True, max_body_bytes=1000)
    return Engine(edge_spec, options=options, behaviour=behaviour)


@pytest.fixture
def mock(engine: Engine) -> Iterator[MockServer]:
    with MockServer(engine) as server:
        yield server


@pytest.fixture(scope="module")
def http() -> Iterator[httpx.Client]:
    with httpx.Client() as client:
        yield client


def test_context_manager_serves_on_an_ephemeral_local_port(
    http: httpx.Client, mock: MockServer
) -> None:
    assert mock.url.startswith("http://127.0.0.1:")
    assert mock.port != 0
    response = http.get(f"{mock.url}/v1/items/a", headers={"x-api-key": mock.api_key})
    assert response.status_code == 200
    assert mock.journal.last.operation_id == "get_item"
    assert mock.journal.last.request_headers["x-api-key"] == "REDACTED"


def test_wrong_key_is_vendor_401(http: httpx.Client, mock: MockServer) -> None:
    response = http.get(f"{mock.url}/v1/items/a", headers={"x-api-key": "nope"})
    assert response.status_code == 401
    assert set(response.json()) == {"error", "key"}


def test_from_spec_stopped_after_with_block() -> None:
    server = MockServer.from_spec(SPEC)
    with pytest.raises(ServerStateError):
        _ = server.url
    started = time.perf_counter()
    with server:
        assert server.is_running()
    assert not server.is_running()
    assert time.perf_counter() - started < 0.5


def test_api_key_is_first_accepted_key(edge_spec: Spec) -> None:
    engine = Engine(edge_spec, options=EngineOptions(accepted_keys=frozenset({"b-key", "a-key"})))
    assert MockServer(engine).api_key == "a-key"


def test_crash_in_server_thread_is_reraised_by_check(
    http: httpx.Client, mock: MockServer, behaviour: ScriptedBehaviour
) -> None:
    behaviour.answer = RuntimeError("handler blew up")
    response = http.get(f"{mock.url}/v1/items/a", headers={"x-api-key": mock.api_key})
    assert response.status_code == 500
    with pytest.raises(ServerFailure, match="handler blew up") as info:
        mock.check()
    assert isinstance(info.value.__cause__, RuntimeError)
    mock.check()  # the error was consumed


def test_strict_violation_is_reraised_by_check(
    http: httpx.Client, mock: MockServer, behaviour: ScriptedBehaviour
) -> None:
    behaviour.answer = ResponseData(status=200, json={"id": 1}, has_json=True)
    response = http.get(f"{mock.url}/v1/items/a", headers={"x-api-key": mock.api_key})
    assert response.status_code == 500
    with pytest.raises(ResponseViolation):
        mock.check()


def test_reset_clears_state_journal_and_errors_fast(
    http: httpx.Client, mock: MockServer, behaviour: ScriptedBehaviour
) -> None:
    behaviour.answer = RuntimeError("x")
    http.get(f"{mock.url}/v1/items/a", headers={"x-api-key": mock.api_key})
    started = time.perf_counter()
    mock.reset()
    assert time.perf_counter() - started < 0.05
    assert not mock.journal.called
    assert behaviour.resets == 1
    mock.check()


def test_large_body_gets_413_over_the_socket(http: httpx.Client, mock: MockServer) -> None:
    response = http.post(
        f"{mock.url}/v1/items",
        content=b"x" * 5000,
        headers={"x-api-key": mock.api_key, "content-type": "application/json"},
    )
    assert response.status_code == 413
    mock.check()


def test_admin_surface_over_the_socket(http: httpx.Client, mock: MockServer) -> None:
    http.get(f"{mock.url}/v1/status")
    journal = http.get(f"{mock.url}/__mock/journal").json()
    assert [e["operation_id"] for e in journal] == ["get_status"]
    assert http.post(f"{mock.url}/__mock/reset").status_code == 204
    assert not mock.journal.called


def test_admin_options(engine: Engine, http: httpx.Client) -> None:
    with MockServer(engine, admin_key="s3cret-admin") as mock:
        assert http.get(f"{mock.url}/__mock/health").status_code == 401
    with MockServer(engine, admin=False) as mock:
        assert http.get(f"{mock.url}/__mock/health").status_code == 404


def test_journal_size_is_configurable(engine: Engine, http: httpx.Client) -> None:
    small = Engine(engine.spec, options=EngineOptions(journal_size=2))
    with MockServer(small) as mock:
        for _ in range(4):
            http.get(f"{mock.url}/v1/status")
        assert mock.journal.call_count == 2


@pytest.mark.parametrize("name", ["aihomedesign", "autoenhance"])
def test_bundled_spec_from_checkout_serves(name: ApiName) -> None:
    path = bundled_spec(name)
    assert path == ROOT / "openapi" / f"{name}.yaml"
    with MockServer.from_spec(path) as mock:
        health = httpx.get(f"{mock.url}/__mock/health")
    assert health.status_code == 200
    assert health.json()["title"]


def test_bundled_spec_prefers_installed_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "specs").mkdir()
    packaged = tmp_path / "specs" / "autoenhance.yaml"
    packaged.write_text("openapi: 3.1.0\n")
    monkeypatch.setattr(vendors_module, "_PACKAGE_DIR", tmp_path)
    assert bundled_spec("autoenhance") == packaged


@pytest.mark.parametrize(
    "setup",
    [
        lambda _m, _p: "nope",
        lambda m, p: m.setattr(vendors_module, "_PACKAGE_DIR", p / "pkg") or "aihomedesign",
    ],
    ids=["unknown-name", "missing-file"],
)
def test_bundled_spec_errors(
    setup: Callable[[pytest.MonkeyPatch, Path], str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    name = setup(monkeypatch, tmp_path)
    with pytest.raises(ConfigError):
        bundled_spec(name)  # type: ignore[arg-type]


def test_port_in_use_is_a_config_error(engine: Engine) -> None:
    with MockServer(engine) as first, pytest.raises(ConfigError, match="cannot listen"):
        MockServer(engine, port=first.port).start()


def test_a_drop_fault_closes_the_connection_and_serving_goes_on(mock: MockServer) -> None:
    mock.faults.set("get_item", Fault(drop=True, times=1))
    url = f"{mock.url}/v1/items/a"
    headers = {"x-api-key": mock.api_key}
    with httpx.Client() as fresh, pytest.raises(httpx.TransportError):
        fresh.get(url, headers=headers)
    with httpx.Client() as fresh:
        assert fresh.get(url, headers=headers).status_code == 200
    mock.check()


def test_status_fault_is_exempt_from_the_strict_self_check(
    http: httpx.Client, mock: MockServer
) -> None:
    # 503 is not declared for get_item: a violation in strict mode, unless injected.
    mock.faults.set("get_item", Fault(status=503, times=1))
    response = http.get(f"{mock.url}/v1/items/a", headers={"x-api-key": mock.api_key})
    assert response.status_code == 503
    assert response.json()["key"] == "api_error_service_unavailable"
    mock.check()


def test_clock_and_webhook_shortcuts_reach_the_engine(mock: MockServer) -> None:
    assert mock.clock is mock.engine.clock
    mock.configure_webhook("http://127.0.0.1:9/hook", headers={"a": "b"})
    assert (mock.engine.webhooks.url, mock.engine.webhooks.headers) == (
        "http://127.0.0.1:9/hook",
        {"a": "b"},
    )
    mock.reset()
    assert mock.engine.webhooks.url is None


# --- the in-process client ----------------------------------------------------------------


def _no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the in-process client opened a socket")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


def test_the_in_process_client_opens_no_socket_and_is_journaled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from autoenhance_client.api.orders import create_order, retrieve_order
    from autoenhance_client.models import OrderIn, OrderOut

    with MockServer.for_api("autoenhance") as mock:
        _no_sockets(monkeypatch)
        client = mock.client()
        created = create_order.sync(client=client, body=OrderIn(name="Oak St"))
        assert isinstance(created, OrderOut)
        order_id = created.order_id
        assert isinstance(order_id, str)

        async def fetch() -> object:
            return await retrieve_order.asyncio(order_id, client=client)

        fetched = asyncio.run(fetch())
        assert isinstance(fetched, OrderOut)
        assert fetched.name == "Oak St"
        assert [e.operation_id for e in mock.journal] == ["create_order", "retrieve_order"]
        assert mock.journal.last.request_headers["x-api-key"] == "REDACTED"


def test_the_in_process_client_is_validated_and_faulted_like_http(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from aihomedesign_client.api.catalog import list_spaces
    from aihomedesign_client.models import CatalogServiceName

    with MockServer.for_api("aihomedesign") as mock:
        _no_sockets(monkeypatch)
        client = mock.client()
        raw = client.get_httpx_client()
        refused = raw.get("/v1/catalog/spaces", params={"service_name": "nope"})
        assert refused.status_code == 400
        assert set(refused.json()) == {"error", "key"}
        mock.faults.set("list_spaces", Fault(drop=True, times=1))
        with pytest.raises(httpx.TransportError):
            list_spaces.sync_detailed(
                client=client, service_name=CatalogServiceName.SERVICE_AI_VIRTUAL_STAGING
            )
        ok = list_spaces.sync_detailed(
            client=client, service_name=CatalogServiceName.SERVICE_AI_VIRTUAL_STAGING
        )
        assert ok.status_code == 200
        mock.check()


def test_client_needs_a_vendor_api() -> None:
    with pytest.raises(ConfigError, match="vendor API"):
        MockServer.from_spec(SPEC).client()


def test_vendor_options_travel_to_the_vendor_only() -> None:
    server = MockServer.for_api("aihomedesign", rate_limit=False, generation_seconds=0)
    assert getattr(server.engine.behaviour, "rate_limit", None) is False
    with pytest.raises(ConfigError, match="autoenhance takes no option rate_limit"):
        MockServer.for_api("autoenhance", rate_limit=False)


def test_a_spec_server_has_keyless_in_process_clients(
    mock: MockServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_sockets(monkeypatch)
    assert mock.in_process_url == "http://mock.localhost"
    with mock.http_client() as http:
        assert http.get("/v1/items/a").status_code == 401  # keyless: the API wants a key
        ok = http.get("/v1/items/a", headers={"x-api-key": mock.api_key})
        assert ok.status_code == 200
        assert ok.request.url == "http://mock.localhost/v1/items/a"
        mock.faults.set("get_item", Fault(drop=True, times=1))
        with pytest.raises(httpx.ReadError):
            http.get("/v1/items/a", headers={"x-api-key": mock.api_key})
    assert mock.journal.calls(operation_id="get_item").call_count == 3
    with pytest.raises(ConfigError, match=r"unknown operation id 'getItem'.*: .*get_item"):
        mock.journal.calls(operation_id="getItem")
