"""WireMock stubs on the vendor mocks: how they combine with validation and the behaviour.

In-process through the engine, and over HTTP against ``mock-server`` driven by the PyPI
WireMock client (python-wiremock), as a team in another language would drive it.
"""

from __future__ import annotations

import importlib
import json
import re
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from mock_server import Clock, EngineOptions, RequestData, ResponseViolation
from mock_server.engine import Engine
from mock_server.vendors import build_engine
from mock_server.wiremock import WireMock

if TYPE_CHECKING:
    from tests._processes import Started

pytest_plugins = ["tests._processes"]  # the start_cli fixture

wm_client: ModuleType = importlib.import_module("wiremock.client")
wm_constants: ModuleType = importlib.import_module("wiremock.constants")

KEY = {"x-api-key": "test-key"}
ORDER = "11111111-2222-4333-8444-555555555555"


def _engine(*, strict: bool = False, **options: Any) -> Engine:
    return build_engine(
        "autoenhance",
        clock=Clock(manual=True),
        options=EngineOptions(strict=strict, **options),
    )


def _stubs(engine: Engine) -> WireMock:
    assert isinstance(engine.stubs, WireMock)  # build_engine gives every engine a registry
    return engine.stubs


def _get(engine: Engine, path: str) -> Any:
    return engine.handle(RequestData(method="GET", path=path, headers=KEY))


def _order(name: str, status: str = "processing") -> dict[str, Any]:
    return {
        "order_id": ORDER,
        "name": name,
        "status": status,
        "images": [],
        "is_deleted": False,
        "is_merging": False,
        "is_processing": status == "processing",
        "total_images": 0,
        "created_at": "2026-12-01T10:00:00Z",
        "last_updated_at": "2026-12-01T10:00:00Z",
    }


def _stub_order(engine: Engine, body: dict[str, Any], **extra: Any) -> str:
    return _stubs(engine).stub(
        {
            "request": {"method": "GET", "urlPath": f"/v3/orders/{ORDER}"},
            "response": {"status": 200, "jsonBody": body},
            **extra,
        }
    )


def test_a_matching_stub_wins_over_the_vendor_behaviour_and_others_get_it() -> None:
    engine = _engine()
    assert _get(engine, f"/v3/orders/{ORDER}").status == 404  # the vendor: no such order
    stub_id = _stub_order(engine, _order("Stubbed"))
    answer = _get(engine, f"/v3/orders/{ORDER}")
    assert (answer.status, answer.json["name"]) == (200, "Stubbed")
    assert answer.headers["Matched-Stub-Id"] == stub_id
    assert _get(engine, "/v3/orders/").json["orders"] == []  # not stubbed: the vendor
    assert engine.journal.last.operation_id == "list_orders"


def test_the_request_is_validated_before_a_stub_unless_the_stub_opts_out() -> None:
    engine = _engine()
    stub = {
        "request": {"method": "POST", "urlPath": "/v3/orders/"},
        "response": {"status": 200, "jsonBody": _order("Stubbed")},
    }
    _stubs(engine).stub(stub)
    invalid = RequestData(
        method="POST",
        path="/v3/orders/",
        headers={**KEY, "content-type": "application/json"},
        body=b'{"nome": 1}',
    )
    assert engine.handle(invalid).status == 422
    _stubs(engine).stub({**stub, "metadata": {"mock-server": {"validate": False}}, "priority": 1})
    assert engine.handle(invalid).status == 200


def test_a_stub_that_breaks_the_spec_is_reported_and_refused_in_strict_mode() -> None:
    broken = {"order_id": 5}
    lenient = _engine()
    _stub_order(lenient, broken)
    answer = _get(lenient, f"/v3/orders/{ORDER}")
    assert answer.status == 200
    assert answer.note and "response breaks the spec" in answer.note
    lenient.check()  # not strict: reported, not failed
    strict = _engine(strict=True)
    _stub_order(strict, broken)
    assert _get(strict, f"/v3/orders/{ORDER}").status == 500
    with pytest.raises(ResponseViolation, match="retrieve_order"):
        strict.check()


def test_a_scenario_scripts_processing_then_processed() -> None:
    engine = _engine()
    scenario = {"scenarioName": "poll"}
    _stub_order(
        engine,
        _order("Oak", "processing"),
        **scenario,
        requiredScenarioState="Started",
        newScenarioState="done",
    )
    _stub_order(engine, _order("Oak", "processed"), **scenario, requiredScenarioState="done")
    statuses = [_get(engine, f"/v3/orders/{ORDER}").json["status"] for _ in range(3)]
    assert statuses == ["processing", "processed", "processed"]
    engine.reset()
    assert _get(engine, f"/v3/orders/{ORDER}").status == 404  # stubs reset with the rest


def test_a_stub_for_a_path_the_spec_lacks_and_a_delay() -> None:
    engine = _engine()
    _stubs(engine).stub(
        {
            "request": {"method": "GET", "url": "/health/deep"},
            "response": {"status": 200, "body": "ok", "fixedDelayMilliseconds": 250},
        }
    )
    answer = _get(engine, "/health/deep")
    assert (answer.status, answer.body, answer.delay_seconds) == (200, b"ok", 0.25)


# --- over HTTP, driven by python-wiremock ------------------------------------------------


@pytest.fixture
def served(start_cli: Callable[..., Started]) -> Iterator[str]:
    proc, out = start_cli("--api", "autoenhance", "--autoenhance-port", "0")
    (url,) = re.findall(r"\(base_url (http://127\.0\.0\.1:\d+)\)", out)
    config = wm_constants.Config
    saved = config.base_url
    config.base_url = f"{url}/__admin"
    try:
        yield url
    finally:
        config.base_url = saved
        proc.send_signal(signal.SIGTERM)


def _client_stub(request: dict[str, Any], response: dict[str, Any], **fields: Any) -> Any:
    mapping = wm_client.Mapping(
        request=wm_client.MappingRequest(**request),
        response=wm_client.MappingResponse(**response),
        **fields,
    )
    return wm_client.Mappings.create_mapping(mapping)


def _count(**pattern: Any) -> int:
    found = wm_client.Requests.get_matching_request_count(
        wm_client.NearMissMatchPatternRequest(**pattern)
    )
    count: int = found.count
    return count


def test_python_wiremock_drives_the_standalone_mock(served: str) -> None:
    matchers = wm_client.WireMockMatchers
    created = _client_stub(
        {
            "method": "POST",
            "url_path": "/v3/orders/",
            "body_patterns": [{matchers.MATCHES_JSON_PATH: "$[?(@.name == 'Stub St')]"}],
        },
        {"status": 200, "json_body": _order("Stub St", "waiting")},
    )
    with httpx.Client(base_url=served, headers=KEY) as http:
        stubbed = http.post("/v3/orders/", json={"name": "Stub St"})
        assert stubbed.json()["order_id"] == ORDER
        assert stubbed.headers["matched-stub-id"] == created.id
        vendor = http.post("/v3/orders/", json={"name": "Real St"})
        assert vendor.status_code == 200
        assert vendor.json()["order_id"] != ORDER  # the vendor behaviour made this one
        for state, body in (("Started", "processing"), ("done", "processed")):
            fields: dict[str, Any] = {"scenario_name": "poll", "required_scenario_state": state}
            if state == "Started":
                fields["new_scenario_state"] = "done"
            _client_stub(
                {"method": "GET", "url_path": f"/v3/orders/{ORDER}"},
                {"status": 200, "json_body": _order("Stub St", body)},
                **fields,
            )
        polls = [http.get(f"/v3/orders/{ORDER}").json()["status"] for _ in range(2)]
        assert polls == ["processing", "processed"]
        assert _count(method="POST", url_path="/v3/orders/") == 2
        assert _count(method="GET", url_path=f"/v3/orders/{ORDER}") == 2
        wm_client.Mappings.delete_all_mappings()
        wm_client.Requests.reset_request_journal()
        assert http.get(f"/v3/orders/{ORDER}").status_code == 404
        assert _count(method="GET", url_path=f"/v3/orders/{ORDER}") == 1
        assert http.get("/v3/orders/").json()["orders"]  # the vendor's order is still there
        wm_client.Mappings.reset_mappings()
        assert http.post("/__admin/reset").status_code == 200
        assert http.get("/v3/orders/").json()["orders"] == []  # a clean server
        assert _count(method="GET", url_path="/v3/orders/") == 1


def _serve_an_order_mapping(start_cli: Callable[..., Started], root: Path) -> str:
    """Start the CLI on ``--mappings root`` holding one stub for GET /v3/orders/ORDER."""
    mappings = root / "mappings"
    mappings.mkdir()
    mapping = {
        "request": {"method": "GET", "urlPath": f"/v3/orders/{ORDER}"},
        "response": {"status": 200, "jsonBody": _order("From a file")},
    }
    (mappings / "order.json").write_text(json.dumps(mapping))
    _, out = start_cli(
        "--api", "autoenhance", "--autoenhance-port", "0", "--mappings", str(root)
    )  # fmt: skip
    (url,) = re.findall(r"\(base_url (http://127\.0\.0\.1:\d+)\)", out)
    return str(url)


def test_mappings_load_at_start(start_cli: Callable[..., Started], tmp_path: Path) -> None:
    url = _serve_an_order_mapping(start_cli, tmp_path)
    answer = httpx.get(f"{url}/v3/orders/{ORDER}", headers=KEY)
    assert answer.json()["name"] == "From a file"
    assert httpx.get(f"{url}/__admin/mappings").json()["meta"]["total"] == 1


def test_a_session_reads_the_mappings_folder_but_never_writes_it(
    start_cli: Callable[..., Started], tmp_path: Path
) -> None:
    # The folder is the server's: a session that wrote it would leak its stubs into every
    # other session's next reset.
    url = _serve_an_order_mapping(start_cli, tmp_path)
    mappings = tmp_path / "mappings"
    session = f"{url}/~job-1"
    assert httpx.get(f"{session}/v3/orders/{ORDER}", headers=KEY).json()["name"] == "From a file"
    created = httpx.post(
        f"{session}/__admin/mappings",
        json={"request": {"urlPath": "/session-only"}, "response": {"status": 204}},
    )
    assert created.status_code == 201
    refused = httpx.post(f"{session}/__admin/mappings/save")
    assert refused.status_code == 409
    assert "/~NAME/" in refused.json()["errors"][0]["title"]
    persistent = {"persistent": True, "request": {"urlPath": "/p"}, "response": {"status": 204}}
    assert httpx.post(f"{session}/__admin/mappings", json=persistent).status_code == 409
    assert sorted(p.name for p in mappings.iterdir()) == ["order.json"]
    assert httpx.get(f"{url}/__admin/mappings").json()["meta"]["total"] == 1
    assert httpx.post(f"{url}/__admin/mappings/save").status_code == 200  # the default writes
