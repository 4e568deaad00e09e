"""Tests for mock_server.app (the werkzeug WSGI adapter and the admin surface)."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug.test import Client, EnvironBuilder, TestResponse
from werkzeug.wrappers import Response

from mock_server.app import MockApp
from mock_server.clock import Clock
from mock_server.engine import BaseBehaviour, Call, Engine, EngineOptions
from mock_server.errors import ServerFailure
from mock_server.media import to_werkzeug_response
from mock_server.spec import Spec, load_spec
from mock_server.types import ResponseData

SPEC = Path(__file__).parent / "specs" / "edge_items.yaml"
KEY = "test-key-0123"
AUTH = {"x-api-key": KEY}


@dataclass
class RecordingBehaviour(BaseBehaviour):
    """Records what the engine hands to behaviours; can be told to crash."""

    calls: list[Call] = field(default_factory=list)
    crash: bool = False
    message: str = "behaviour exploded"
    resets: int = 0

    def handle(self, call: Call) -> ResponseData | None:
        self.calls.append(call)
        if self.crash:
            raise RuntimeError(self.message)
        return None

    def reset(self) -> None:
        self.resets += 1


@pytest.fixture
def behaviour() -> RecordingBehaviour:
    return RecordingBehaviour()


@pytest.fixture(scope="module")
def edge_spec() -> Spec:
    return load_spec(SPEC)


@pytest.fixture
def app_factory(edge_spec: Spec, behaviour: RecordingBehaviour) -> Callable[..., MockApp]:
    """Build a MockApp over the edge test spec; keyword args go to MockApp."""

    def make(*, max_body_bytes: int = 4096, strict: bool = True, **kwargs: Any) -> MockApp:
        options = EngineOptions(
            accepted_keys=frozenset({KEY}), max_body_bytes=max_body_bytes, strict=strict
        )
        return MockApp(Engine(edge_spec, options=options, behaviour=behaviour), **kwargs)

    return make


@pytest.fixture
def app(app_factory: Callable[..., MockApp]) -> MockApp:
    return app_factory()


@pytest.fixture
def client(app: MockApp) -> Client:
    return Client(app)


def test_json_request_reaches_engine_and_is_journaled(
    client: Client, app: MockApp, behaviour: RecordingBehaviour
) -> None:
    response = client.get("/v1/items/abc?page=2", headers={**AUTH, "X-Trace": "t1"})
    assert response.status_code == 200
    assert response.content_type == "application/json"
    assert response.get_data() == json.dumps(response.json, separators=(",", ":")).encode()
    request = behaviour.calls[-1].request
    assert request.query == {"page": ("2",)}
    assert request.headers["x-trace"] == "t1"
    entry = app.journal.last
    assert (entry.method, entry.path, entry.operation_id) == ("GET", "/v1/items/abc", "get_item")
    assert entry.query_string == "page=2"
    assert entry.status == 200
    assert entry.response_json() == response.json
    assert entry.request_headers["x-api-key"] == "REDACTED"


def test_multipart_parsed_into_form_and_files(
    client: Client, behaviour: RecordingBehaviour
) -> None:
    data = {"kind": "photo", "file": (io.BytesIO(b"\x89PNG..."), "room.png", "image/png")}
    response = client.post("/v1/upload", data=data, headers=AUTH)
    assert response.status_code == 200, response.get_data()
    request = behaviour.calls[-1].request
    assert request.form == {"kind": ("photo",)}
    (upload,) = request.files["file"]
    assert (upload.filename, upload.content_type, upload.data) == (
        "room.png",
        "image/png",
        b"\x89PNG...",
    )
    assert b'name="kind"' in request.body  # the raw body is kept too


def test_unlabelled_file_part_defaults_to_octet_stream(
    client: Client, behaviour: RecordingBehaviour
) -> None:
    body = (
        b'--B\r\nContent-Disposition: form-data; name="kind"\r\n\r\nplan\r\n'
        b'--B\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n'
        b"\x00\x01\r\n--B--\r\n"
    )
    headers = {**AUTH, "content-type": "multipart/form-data; boundary=B"}
    assert client.post("/v1/upload", data=body, headers=headers).status_code == 200
    (upload,) = behaviour.calls[-1].request.files["file"]
    assert upload.content_type == "application/octet-stream"


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("multipart/form-data", b"--B\r\n"),  # no boundary parameter
        (
            "multipart/form-data; boundary=B",
            b'--B\r\nContent-Disposition: form-data; name="a"\r\n\r\nx',
        ),
        ("application/x-www-form-urlencoded", b"kind=\xff\xfe"),
    ],
    ids=["no-boundary", "unterminated", "urlencoded-not-utf8"],
)
def test_malformed_form_body_is_a_vendor_shaped_400(
    client: Client, app: MockApp, content_type: str, body: bytes
) -> None:
    response = client.post("/v1/upload", data=body, headers={**AUTH, "content-type": content_type})
    assert response.status_code == 400
    assert set(response.json or {}) == {"error", "key"}
    assert not app.engine.take_failures()


def test_body_over_limit_is_413_without_reading_it(app_factory: Callable[..., MockApp]) -> None:
    app = app_factory(max_body_bytes=100)

    class ExplodingStream(io.RawIOBase):
        def read(self, size: int = -1) -> bytes:
            msg = "the body must not be read"
            raise AssertionError(msg)

    builder = EnvironBuilder(
        path="/v1/items",
        method="POST",
        headers=[*AUTH.items(), ("content-type", "application/json")],
    )
    environ = builder.get_environ()
    environ["CONTENT_LENGTH"] = str(10**9)
    environ["wsgi.input"] = ExplodingStream()
    response = Response.from_app(app, environ)
    assert response.status_code == 413
    assert response.headers["connection"] == "close"
    assert set(json.loads(response.get_data())) == {"error", "key"}
    assert app.journal.last.status == 413
    assert not app.engine.take_failures()


def test_streamed_body_over_limit_is_413(app_factory: Callable[..., MockApp]) -> None:
    app = app_factory(max_body_bytes=100)
    builder = EnvironBuilder(
        path="/v1/items",
        method="POST",
        headers=[*AUTH.items(), ("content-type", "application/json")],
        data=b"x" * 500,
    )
    environ = builder.get_environ()
    del environ["CONTENT_LENGTH"]
    environ["wsgi.input_terminated"] = True  # what a server sets for chunked bodies
    assert Response.from_app(app, environ).status_code == 413


def test_non_utf8_inputs_never_500(client: Client, app: MockApp) -> None:
    environ = EnvironBuilder(path="/v1/items/x", headers=list(AUTH.items())).get_environ()
    environ["PATH_INFO"] = "/v1/items/\xff\xfe"  # latin-1 decoded bytes, as WSGI delivers
    environ["QUERY_STRING"] = "page=%ff"
    environ["HTTP_X_ODD"] = "\xe9t\xe9"
    statuses = [
        Response.from_app(app, environ).status_code,
        client.post(
            "/v1/items",
            data=b'{"name": "\xff"}',
            headers={**AUTH, "content-type": "application/json"},
        ).status_code,
        client.get("/v1/items/a?page=%ff%fe", headers=AUTH).status_code,
    ]
    assert all(status < 500 for status in statuses), statuses
    assert any(400 <= status < 500 for status in statuses)
    assert not app.engine.take_failures()


def test_crash_is_recorded_answered_500_and_serving_continues(
    app: MockApp, client: Client, behaviour: RecordingBehaviour
) -> None:
    behaviour.crash = True
    response = client.get("/v1/items/abc", headers=AUTH)
    assert response.status_code == 500
    assert set(response.json or {}) == {"error", "key"}
    failures = app.engine.take_failures()
    assert [(type(f), type(f.__cause__)) for f in failures] == [(ServerFailure, RuntimeError)]
    assert app.journal.last.status == 500
    behaviour.crash = False
    assert client.get("/v1/items/abc", headers=AUTH).status_code == 200


def test_check_raises_a_crash_once(app: MockApp, behaviour: RecordingBehaviour) -> None:
    behaviour.crash = True
    assert Client(app).get("/v1/items/abc", headers=AUTH).status_code == 500
    with pytest.raises(ServerFailure, match="behaviour exploded"):
        app.engine.check()
    app.engine.check()  # reported once


def test_admin_health_and_journal(client: Client, app: MockApp) -> None:
    health = client.get("/__mock/health")
    assert health.status_code == 200
    assert health.json == {"status": "ok", "title": "Edge Items API"}
    client.get("/v1/items/a", headers=AUTH)
    client.get("/v1/status")
    journal = client.get("/__mock/journal")
    assert [e["operation_id"] for e in journal.json or []] == ["get_item", "get_status"]
    filtered = client.get("/__mock/journal?operation_id=get_status&method=get&path=/v1/status")
    assert len(filtered.json or []) == 1
    assert KEY not in journal.get_data(as_text=True)
    assert app.journal.call_count == 2  # admin requests are not journaled


def test_admin_clear_and_reset(client: Client, app: MockApp, behaviour: RecordingBehaviour) -> None:
    client.get("/v1/status")
    assert client.delete("/__mock/journal").status_code == 204
    assert not app.journal.called
    client.get("/v1/status")
    resets = behaviour.resets
    assert client.post("/__mock/reset").status_code == 204
    assert behaviour.resets == resets + 1
    assert not app.journal.called


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/__mock/nope", 404),
        ("GET", "/__mock", 404),
        ("PUT", "/__mock/journal", 405),
        ("GET", "/__mock/reset", 405),
    ],
)
def test_admin_unknown_and_wrong_method(
    client: Client, behaviour: RecordingBehaviour, method: str, path: str, status: int
) -> None:
    response = client.open(path, method=method)
    assert response.status_code == status
    assert set(response.json or {}) == {"error", "key"}
    if status == 405:
        assert "GET" in response.headers["allow"] or "POST" in response.headers["allow"]
    assert not behaviour.calls  # the admin prefix never reaches the engine


def test_admin_disabled(app_factory: Callable[..., MockApp]) -> None:
    client = Client(app_factory(admin=False))
    assert client.get("/__mock/health").status_code == 404
    assert client.post("/__mock/reset").status_code == 404


def test_admin_key_required(app_factory: Callable[..., MockApp]) -> None:
    client = Client(app_factory(admin_key="adm1n-secret"))
    assert client.get("/__mock/health").status_code == 401
    assert client.get("/__mock/health", headers={"x-mock-admin-key": "wrong"}).status_code == 401
    ok = client.get("/__mock/health", headers={"x-mock-admin-key": "adm1n-secret"})
    assert ok.status_code == 200


def test_admin_routes_are_extensible(app: MockApp, client: Client) -> None:
    assert app.admin_surface is not None
    app.admin_surface.routes["GET", "ping"] = lambda _request: ResponseData(
        status=200, json="pong", has_json=True
    )
    assert client.get("/__mock/ping").json == "pong"


def test_access_log_one_redacted_line_per_request(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="mock_server")
    client.get(f"/v1/items/{KEY}?api_key={KEY}", headers=AUTH)
    client.get("/__mock/health", headers={"x-mock-admin-key": "adm1n-secret"})
    lines = [r.getMessage() for r in caplog.records if r.name == "mock_server.access"]
    assert len(lines) == 2
    assert lines[0].startswith("GET /v1/items/REDACTED 200 ")
    assert lines[0].endswith("ms")
    assert KEY not in caplog.text
    assert "adm1n-secret" not in caplog.text


@pytest.mark.parametrize(
    ("data", "expected_type", "expected_body"),
    [
        (
            ResponseData(status=200, json={"a": [1, 2]}, has_json=True),
            "application/json",
            b'{"a":[1,2]}',
        ),
        (
            ResponseData(
                status=200, json={"é": 1}, has_json=True, content_type="application/problem+json"
            ),
            "application/problem+json",
            '{"é":1}'.encode(),
        ),
        (
            ResponseData(status=200, body=b"\x89PNG", content_type="image/png"),
            "image/png",
            b"\x89PNG",
        ),
        (ResponseData(status=204), None, b""),
    ],
    ids=["json", "json-custom-type", "bytes", "empty"],
)
def test_to_werkzeug_response(
    data: ResponseData, expected_type: str | None, expected_body: bytes
) -> None:
    response = to_werkzeug_response(data)
    assert response.status_code == data.status
    assert response.headers.get("content-type") == expected_type
    assert response.get_data() == expected_body


def test_response_headers_are_passed_through() -> None:
    data = ResponseData(status=429, headers={"Retry-After": "60"}, json={}, has_json=True)
    assert to_werkzeug_response(data).headers["retry-after"] == "60"


def test_crash_log_line_is_redacted(
    app: MockApp, client: Client, behaviour: RecordingBehaviour, caplog: pytest.LogCaptureFixture
) -> None:
    behaviour.crash = True
    behaviour.message = f"failed for key {KEY}"
    client.get("/v1/items/abc", headers=AUTH)
    assert "failed for key REDACTED" in caplog.text
    assert KEY not in caplog.text


# --- faults, clock and webhooks on the admin surface --------------------------


def json_of(response: TestResponse) -> Any:
    """The decoded JSON body (werkzeug types it as optional)."""
    value = response.json
    assert value is not None, response.get_data()
    return value


def test_admin_fault_answers_the_next_calls_then_clears(client: Client, app: MockApp) -> None:
    created = client.post(
        "/__mock/faults", json={"operation_id": "get_item", "status": 503, "times": 2}
    )
    assert created.status_code == 201
    assert json_of(client.get("/__mock/faults")) == {
        "get_item": {"latency_ms": 0.0, "status": 503, "drop": False, "times": 2}
    }
    statuses = [client.get("/v1/items/abc", headers=AUTH).status_code for _ in range(3)]
    assert statuses == [503, 503, 200]
    failed = app.journal.calls(operation_id="get_item")[0]
    # get_item declares no 503: the vendor's error shape, as Prefer: code=503 would get.
    assert failed.response_json() == {
        "error": "service unavailable",
        "key": "api_error_service_unavailable",
    }
    assert failed.response_headers["x-mock-reason"] == "injected fault: status 503"
    assert json_of(client.get("/__mock/faults")) == {}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"operation_id": "nope", "status": 503}, "'operation_id' must be one of"),
        ({"operation_id": "get_item", "status": 200}, "'status' must be an integer from 400"),
        ({"operation_id": "get_item", "colour": "red"}, "unknown fault fields: colour"),
        ([1, 2], "Expected a JSON object"),
    ],
)
def test_admin_fault_rejects_bad_definitions(client: Client, body: Any, message: str) -> None:
    response = client.post("/__mock/faults", json=body)
    assert response.status_code == 400
    assert message in json_of(response)["error"]
    assert json_of(client.get("/__mock/faults")) == {}


def test_admin_clear_faults_one_or_all(client: Client, app: MockApp) -> None:
    for op in ("get_item", "create_item"):
        client.post("/__mock/faults", json={"operation_id": op, "status": 500})
    assert client.delete("/__mock/faults?operation_id=get_item").status_code == 204
    assert list(json_of(client.get("/__mock/faults"))) == ["create_item"]
    client.delete("/__mock/faults")
    assert json_of(client.get("/__mock/faults")) == {}


def test_latency_fault_delays_but_answers_normally(client: Client, app: MockApp) -> None:
    client.post("/__mock/faults", json={"operation_id": "get_item", "latency_ms": 30, "times": 1})
    response = client.get("/v1/items/abc", headers=AUTH)
    assert response.status_code == 200
    assert app.journal.last.duration_ms >= 30


def test_admin_clock_advance_and_complete_run_scheduled_work(
    edge_spec: Spec, behaviour: RecordingBehaviour
) -> None:
    clock = Clock(manual=True, start=1000.0)
    app = MockApp(Engine(edge_spec, behaviour=behaviour, clock=clock))
    client = Client(app)
    ran: list[float] = []
    clock.call_later(10, lambda: ran.append(clock.now()))
    clock.call_later(100, lambda: ran.append(clock.now()))
    assert json_of(client.get("/__mock/clock")) == {"now": 1000.0, "manual": True, "pending": 2}
    assert json_of(client.post("/__mock/clock/advance", json={"seconds": 15}))["now"] == 1015.0
    assert ran == [1010.0]
    assert json_of(client.post("/__mock/clock/complete")) == {
        "now": 1100.0,
        "manual": True,
        "pending": 0,
    }
    assert ran == [1010.0, 1100.0]


@pytest.mark.parametrize("body", [{}, {"seconds": -1}, {"seconds": "5"}, {"seconds": True}])
def test_admin_clock_advance_rejects_bad_seconds(client: Client, body: dict[str, Any]) -> None:
    response = client.post("/__mock/clock/advance", json=body)
    assert response.status_code == 400
    assert "seconds" in json_of(response)["error"]


def test_admin_webhook_configures_delivers_and_journals(
    client: Client, app: MockApp, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/hook", method="POST").respond_with_data("", status=204)
    url = httpserver.url_for("/hook")
    configured = client.put("/__mock/webhook", json={"url": url, "headers": {"x-auth": "s"}})
    assert json_of(configured) == {"url": url, "deliveries": []}
    app.engine.webhooks.send("image_processed", {"image_id": "i-1"})
    deliveries = json_of(client.get("/__mock/webhook"))["deliveries"]
    assert [(d["event"], d["status"], d["ok"]) for d in deliveries] == [
        ("image_processed", 204, True)
    ]
    entry = app.journal.calls(operation_id="webhook:image_processed").last
    assert (entry.kind, entry.method, entry.path, entry.status) == ("webhook", "POST", url, 204)
    assert entry.request_json() == {"image_id": "i-1"}
    assert client.delete("/__mock/webhook").status_code == 204
    assert json_of(client.get("/__mock/webhook"))["url"] is None


def test_webhook_configured_hook_is_called_only_with_a_url(edge_spec: Spec) -> None:
    seen: list[str | None] = []

    class Hooked(RecordingBehaviour):
        def webhook_configured(self) -> None:
            seen.append(engine.webhooks.url)

    engine = Engine(edge_spec, behaviour=Hooked())
    engine.configure_webhook("http://127.0.0.1:9/a")
    engine.configure_webhook(None)
    assert seen == ["http://127.0.0.1:9/a"]


@pytest.mark.parametrize(
    "body",
    [{"url": "ftp://x"}, {"url": 5}, {"url": "http://x", "headers": {"a": 1}}, {"headers": {}}],
)
def test_admin_webhook_rejects_bad_configuration(client: Client, body: dict[str, Any]) -> None:
    assert client.put("/__mock/webhook", json=body).status_code == 400
    assert json_of(client.get("/__mock/webhook"))["url"] is None


def test_reset_clears_faults_webhook_and_pending_work(client: Client, app: MockApp) -> None:
    client.post("/__mock/faults", json={"operation_id": "get_item", "status": 500})
    client.put("/__mock/webhook", json={"url": "http://127.0.0.1:9/hook"})
    app.engine.clock.call_later(5, lambda: None)
    assert client.post("/__mock/reset").status_code == 204
    assert json_of(client.get("/__mock/faults")) == {}
    assert json_of(client.get("/__mock/webhook")) == {"url": None, "deliveries": []}
    assert app.engine.clock.pending == 0
    assert client.get("/v1/items/abc", headers=AUTH).status_code == 200


def test_a_multipart_part_with_an_unreadable_name_is_a_400(client: Client, app: MockApp) -> None:
    body = (
        b'--b\r\nContent-Disposition: form-data; name="kind\\"\r\n\r\nphoto\r\n'
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n'
        b"Content-Type: image/jpeg\r\n\r\n\xff\xd8\xff\r\n--b--\r\n"
    )
    response = client.post(
        "/v1/upload", data=body, headers={**AUTH, "content-type": "multipart/form-data; boundary=b"}
    )
    assert response.status_code == 400
    assert "no readable name" in json_of(response)["error"]
    assert not app.engine.take_failures()


def test_an_oversize_body_without_a_key_is_401_first(app_factory: Callable[..., MockApp]) -> None:
    app = app_factory(max_body_bytes=100)
    client = Client(app)
    response = client.post(
        "/v1/items", data=b"x" * 500, headers={"content-type": "application/json"}
    )
    assert response.status_code == 401


def test_a_malformed_form_without_a_key_is_401_first(client: Client) -> None:
    response = client.post(
        "/v1/upload",
        data=b"--b\r\nbroken",
        headers={"content-type": "multipart/form-data; boundary=b"},
    )
    assert response.status_code == 401
