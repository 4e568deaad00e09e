"""Tests for mock_server.cli: argument handling in-process, and real starts."""

from __future__ import annotations

import asyncio
import json
import logging
import re
import signal
import socket
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug.test import Client

from mock_server import cli
from mock_server.app import MockApp
from mock_server.errors import ConfigError

if TYPE_CHECKING:
    from tests._processes import Started

pytest_plugins = ["tests._processes"]  # the start_cli fixture

ROOT = Path(__file__).resolve().parent.parent


SPEC = Path(__file__).parent / "specs" / "edge_items.yaml"


def test_defaults() -> None:
    args = cli.build_parser().parse_args([])
    assert (args.api, args.host, args.server) == ("both", "127.0.0.1", "granian")
    assert (args.aihomedesign_port, args.autoenhance_port) == (4010, 4011)
    options = cli.engine_options(args)
    assert options.accepted_keys == frozenset({"test-key"})
    assert (options.accept_any_key, options.strict, options.seed) == (False, False, None)


def test_engine_options_from_flags() -> None:
    argv = [
        "--api-key",
        "a-key",
        "--api-key",
        "b-key",
        "--accept-any-key",
        "--seed",
        "7",
        "--strict",
    ]
    options = cli.engine_options(cli.build_parser().parse_args(argv))
    assert options.accepted_keys == frozenset({"a-key", "b-key"})
    assert (options.accept_any_key, options.strict, options.seed) == (True, True, 7)


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        ([], [("AI HomeDesign API", 4010), ("Autoenhance.ai API", 4011)]),
        (["--api", "autoenhance", "--autoenhance-port", "5001"], [("Autoenhance.ai API", 5001)]),
        (["--api", "aihomedesign"], [("AI HomeDesign API", 4010)]),
        (["--spec", str(SPEC), "--port", "5002"], [("Edge Items API", 5002)]),
    ],
    ids=["both", "autoenhance", "aihomedesign", "spec"],
)
def test_build_sites(argv: list[str], expected: list[tuple[str, int]]) -> None:
    sites = cli.build_sites(cli.build_parser().parse_args(argv))
    assert [(s.label, s.port) for s in sites] == expected
    assert all(s.host == "127.0.0.1" for s in sites)


def test_site_apps_honour_admin_flags() -> None:
    args = cli.build_parser().parse_args(["--spec", str(SPEC), "--admin-key", "adm-key-1"])
    app = cli.build_sites(args)[0].app
    assert isinstance(app, MockApp)
    assert Client(app).get("/__mock/health").status_code == 401
    args = cli.build_parser().parse_args(["--spec", str(SPEC), "--no-admin"])
    assert Client(cli.build_sites(args)[0].app).get("/__mock/health").status_code == 404


def test_missing_spec_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli.main(["--spec", str(tmp_path / "nope.yaml")]) == 2
    assert "mock-server: error:" in capsys.readouterr().err


def test_help_mentions_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    for option in (
        "--api",
        "--spec",
        "--port",
        "--host",
        "--api-key",
        "--accept-any-key",
        "--seed",
        "--strict",
        "--no-strict",
        "--log-level",
        "--admin-key",
        "--no-admin",
        "--server",
        "--aihomedesign-port",
        "--autoenhance-port",
        "--aihomedesign-v3-webhook-url",
    ):
        assert option in out


def test_real_granian_start_serves_both_apis_and_stops_on_sigterm(
    start_cli: Callable[..., Started],
) -> None:
    started = time.perf_counter()
    proc, out = start_cli(
        "--aihomedesign-port", "0", "--autoenhance-port", "0", "--api-key", "cli-key-123"
    )
    urls = dict(re.findall(r"^(.+?): (http://127\.0\.0\.1:\d+)/v\d ", out, re.MULTILINE))
    assert set(urls) == {"AI HomeDesign API", "AI HomeDesign API v3", "Autoenhance.ai API"}
    assert urls["AI HomeDesign API v3"] == urls["AI HomeDesign API"]  # one host, two versions
    assert "accepted x-api-key: cli-key-123" in out
    health = {"AI HomeDesign API v3": "/__mock/v3/health"}
    with httpx.Client() as http:
        for title, url in urls.items():
            path = health.get(title, "/__mock/health")
            assert http.get(f"{url}{path}").json()["title"] == title
        response = http.get(
            f"{urls['AI HomeDesign API']}/v1/order/abc", headers={"x-api-key": "cli-key-123"}
        )
    assert response.status_code < 500
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=5)
    assert proc.returncode == 0, err
    assert re.search(rb"mock_server\.access: GET /__mock/health 200 [\d.]+ms", err), err
    assert b"cli-key-123" not in err
    assert time.perf_counter() - started < 6


def test_real_werkzeug_start_and_sigint(start_cli: Callable[..., Started]) -> None:
    proc, out = start_cli(
        "--server", "werkzeug", "--spec", str(SPEC), "--port", "0", "--accept-any-key"
    )
    (url,) = re.findall(r"\(base_url (http://127\.0\.0\.1:\d+)\)", out)
    assert "accepted x-api-key: any non-empty key" in out
    headers = {"x-api-key": "whatever-key"}
    assert httpx.get(f"{url}/v1/items/a?t=whatever-key", headers=headers).status_code == 200
    started = time.perf_counter()
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=5)
    assert proc.returncode == 0
    assert b"GET /v1/items/a 200" in err
    assert b"whatever-key" not in err
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize("server", ["granian", "werkzeug"])
def test_a_port_in_use_is_one_line_naming_the_api_and_the_flag(
    server: str, capfd: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = str(busy.getsockname()[1])
        started = time.perf_counter()
        argv = ["--server", server, "--api", "autoenhance", "--autoenhance-port", port]
        assert cli.main(argv) == 2
        assert time.perf_counter() - started < 1
    err = capfd.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert "Autoenhance.ai API" in err[0]
    assert port in err[0]
    assert "--autoenhance-port" in err[0]


def test_the_same_port_for_both_apis_is_refused(capfd: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = str(free.getsockname()[1])
    assert cli.main(["--aihomedesign-port", port, "--autoenhance-port", port]) == 2
    assert "both ask for port" in capfd.readouterr().err


# --- a CLI that explains itself (run as users run it: a child process) -----------------


def _base_urls(out: str) -> dict[str, str]:
    found = re.findall(r"^(.+?): http://\S+ \(base_url (http://127\.0\.0\.1:\d+)\)", out, re.M)
    return dict(found)


def test_version_and_port_without_spec(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        cli.main(["--version"])
    assert exc.value.code == 0
    assert re.match(r"mock-server \S+", capsys.readouterr().out)
    assert cli.main(["--port", "5000"]) == 2
    assert "--port goes with --spec" in capsys.readouterr().err


def test_start_lists_routes_and_logs_name_the_api_and_the_violation(
    start_cli: Callable[..., Started],
) -> None:
    proc, out = start_cli("--api", "autoenhance", "--autoenhance-port", "0")
    assert re.search(r"^  POST +/v3/orders/ +create_order$", out, re.M), out
    url = _base_urls(out)["Autoenhance.ai API"]
    refused = httpx.post(f"{url}/v3/orders/", json={"nome": "x"}, headers={"x-api-key": "test-key"})
    assert refused.status_code == 422
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=10)
    line = next(li for li in err.decode().splitlines() if "POST /v3/orders/ 422" in li)
    assert "[Autoenhance.ai API]" in line
    assert "json.nome" in line and "not an allowed field" in line


def test_json_logs(start_cli: Callable[..., Started]) -> None:
    proc, out = start_cli("--api", "autoenhance", "--autoenhance-port", "0", "--log-format", "json")
    url = _base_urls(out)["Autoenhance.ai API"]
    httpx.get(f"{url}/v3/orders/", headers={"x-api-key": "nope-key"})
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=10)
    lines = [json.loads(li) for li in err.decode().splitlines() if li.strip()]
    access = next(li for li in lines if li["logger"] == "mock_server.access")
    assert (access["api"], access["method"], access["status"]) == ("Autoenhance.ai API", "GET", 401)
    assert access["reason"]
    assert b"nope-key" not in err


def test_cors_on_by_default_and_off_with_no_cors(start_cli: Callable[..., Started]) -> None:
    preflight = {"Origin": "http://app.example", "Access-Control-Request-Method": "POST"}
    _, out = start_cli("--api", "autoenhance", "--autoenhance-port", "0")
    url = _base_urls(out)["Autoenhance.ai API"]
    answer = httpx.options(f"{url}/v3/orders/", headers=preflight)
    assert answer.status_code == 204
    assert answer.headers["access-control-allow-origin"] == "http://app.example"
    assert "POST" in answer.headers["access-control-allow-methods"]
    _, out = start_cli("--api", "autoenhance", "--autoenhance-port", "0", "--no-cors")
    url = _base_urls(out)["Autoenhance.ai API"]
    assert "access-control-allow-origin" not in httpx.options(f"{url}/v3/orders/").headers


def test_the_spec_and_its_reference_are_served(start_cli: Callable[..., Started]) -> None:
    _, out = start_cli("--aihomedesign-port", "0", "--autoenhance-port", "0")
    documents = re.findall(r"^(.+?) routes \(spec: (\S+)/openapi\.json, docs: (\S+)\):$", out, re.M)
    assert {title: url for title, url, _ in documents} == {
        "AI HomeDesign API": _base_urls(out)["AI HomeDesign API"],
        "AI HomeDesign API v3": _base_urls(out)["AI HomeDesign API"] + "/v3",
        "Autoenhance.ai API": _base_urls(out)["Autoenhance.ai API"],
    }
    for title, url, docs in documents:
        document = httpx.get(f"{url}/openapi.json").json()
        assert document["info"]["title"] == title
        assert httpx.get(f"{url}/openapi.yaml").text.startswith("openapi:")
        page = httpx.get(docs)
        assert page.headers["content-type"].startswith("text/html")
        assert "<script" not in page.text  # works offline: nothing to fetch
        for operation in ("create_order", "submit_order"):
            if operation in json.dumps(document):
                assert f'id="{operation}"' in page.text


def test_manual_clock_and_processing_delay_show_every_state(
    start_cli: Callable[..., Started],
) -> None:
    _, out = start_cli(
        "--api", "autoenhance", "--autoenhance-port", "0",
        "--clock", "manual", "--processing-delay", "30",
    )  # fmt: skip
    url = _base_urls(out)["Autoenhance.ai API"]
    key = {"x-api-key": "test-key"}
    with httpx.Client(base_url=url, headers=key) as http:
        order = http.post("/v3/orders/", json={"name": "Oak St"}).json()
        assert order["status"] == "waiting"
        image = http.post(
            "/v3/images/", json={"order_id": order["order_id"], "image_name": "room"}
        ).json()
        upload = httpx.put(
            image["upload_url"], content=b"\xff\xd8\xff\xe0" + b"\0" * 64,
            headers={"content-type": "image/jpeg"},
        )  # fmt: skip
        assert upload.status_code == 200
        assert http.get(f"/v3/orders/{order['order_id']}").json()["status"] == "processing"
        assert http.post("/__mock/clock/advance", json={"seconds": 29}).status_code == 200
        assert http.get(f"/v3/images/{image['image_id']}").json()["status"] == "processing"
        http.post("/__mock/clock/advance", json={"seconds": 1})
        assert http.get(f"/v3/orders/{order['order_id']}").json()["status"] == "processed"


def test_an_edited_copy_of_the_vendor_spec_keeps_the_vendor_behaviour(
    start_cli: Callable[..., Started], tmp_path: Path
) -> None:
    edited = tmp_path / "my-autoenhance.yaml"
    source = (ROOT / "openapi" / "autoenhance.yaml").read_text()
    edited.write_text(source.replace("title: Autoenhance.ai API", "title: My Autoenhance", 1))
    _, out = start_cli("--spec", str(edited), "--api", "autoenhance", "--port", "0")
    url = _base_urls(out)["My Autoenhance"]
    key = {"x-api-key": "test-key"}
    created = httpx.post(f"{url}/v3/orders/", json={"name": "mine"}, headers=key).json()
    assert created["name"] == "mine"
    fetched = httpx.get(f"{url}/v3/orders/{created['order_id']}", headers=key).json()
    assert fetched["order_id"] == created["order_id"]


def test_spec_errors_name_the_file_the_line_and_the_pointer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken_yaml = tmp_path / "broken.yaml"
    broken_yaml.write_text("openapi: 3.1.0\ninfo: [\n")
    assert cli.main(["--spec", str(broken_yaml), "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert f"{broken_yaml}:3:1: invalid YAML" in err
    assert len(err.splitlines()) == 1
    dangling = tmp_path / "dangling.yaml"
    dangling.write_text(
        "openapi: 3.1.0\ninfo: {title: x, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      responses:\n        '200': {$ref: '#/components/responses/Nope'}\n"
    )
    assert cli.main(["--spec", str(dangling), "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert "/paths/~1a/get/responses/200: $ref '#/components/responses/Nope'" in err
    assert str(dangling) in err
    assert len(err) < 300


def test_a_spec_url_is_fetched(start_cli: Callable[..., Started], httpserver: HTTPServer) -> None:
    httpserver.expect_request("/specs/edge.yaml").respond_with_data(SPEC.read_text())
    _, out = start_cli("--spec", httpserver.url_for("/specs/edge.yaml"), "--port", "0")
    (url,) = re.findall(r"\(base_url (http://127\.0\.0\.1:\d+)\)", out)
    assert httpx.get(f"{url}/__mock/health").json()["title"] == "Edge Items API"


def test_watch_reloads_a_changed_spec_and_keeps_state(
    start_cli: Callable[..., Started], tmp_path: Path
) -> None:
    spec = tmp_path / "autoenhance.yaml"
    original = (ROOT / "openapi" / "autoenhance.yaml").read_text()
    spec.write_text(original)
    proc, out = start_cli("--spec", str(spec), "--api", "autoenhance", "--port", "0", "--watch")
    (url,) = re.findall(r"\(base_url (http://127\.0\.0\.1:\d+)\)", out)
    key = {"x-api-key": "test-key"}
    order = httpx.post(f"{url}/v3/orders/", json={"name": "kept"}, headers=key).json()

    def title() -> str:
        return str(httpx.get(f"{url}/openapi.json").json()["info"]["title"])

    spec.write_text(original.replace("title: Autoenhance.ai API", "title: Edited", 1))
    deadline = time.monotonic() + 10
    while title() != "Edited" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert title() == "Edited"
    fetched = httpx.get(f"{url}/v3/orders/{order['order_id']}", headers=key).json()
    assert fetched["name"] == "kept"  # state survived the reload
    spec.write_text("openapi: 3.1.0\ninfo: [\n")  # a broken edit
    time.sleep(1.5)
    assert title() == "Edited"  # the old spec is still served
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=10)
    assert b"reload of" in err and b"still serving the old spec" in err


def test_zero_delays_finish_work_before_the_answer(start_cli: Callable[..., Started]) -> None:
    _, out = start_cli(
        "--aihomedesign-port", "0", "--autoenhance-port", "0",
        "--generation-delay", "0", "--processing-delay", "0",
    )  # fmt: skip
    urls = _base_urls(out)
    key = {"x-api-key": "test-key"}
    with httpx.Client(base_url=urls["AI HomeDesign API"], headers=key) as http:
        files = {"image": ("room.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 64, "image/jpeg")}
        upload = http.post(
            "/v1/order/image", files=files, data={"service_name": "service-item-removal"}
        )
        order_id = upload.json()["order_id"]
        submitted = http.post("/v1/order", json={"order_id": order_id}).json()
        assert submitted["eta"] == 0
        images = http.get(f"/v1/order/{order_id}").json()["generated_images"]
        assert [image["status"] for image in images] == ["regular_finished"]
        upscale = http.post(f"/v1/order/image/{submitted['image_id']}/download/upscale")
        assert upscale.status_code == 200
    with httpx.Client(base_url=urls["Autoenhance.ai API"], headers=key) as http:
        image = http.post("/v3/images/", json={"image_name": "room"}).json()
        put = httpx.put(image["upload_url"], content=b"\xff\xd8\xff\xe0" + b"\0" * 64)
        assert put.status_code == 200
        assert http.get(f"/v3/images/{image['image_id']}").json()["status"] == "processed"
        enhanced = http.get(f"/v3/images/{image['image_id']}/enhanced", follow_redirects=True)
        assert (enhanced.status_code, enhanced.history[0].status_code) == (200, 302)


def test_generation_delay_sets_the_eta(start_cli: Callable[..., Started]) -> None:
    _, out = start_cli(
        "--api", "aihomedesign", "--aihomedesign-port", "0", "--clock", "manual",
        "--generation-delay", "2.5",
    )  # fmt: skip
    url = _base_urls(out)["AI HomeDesign API"]
    with httpx.Client(base_url=url, headers={"x-api-key": "test-key"}) as http:
        files = {"image": ("room.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 64, "image/jpeg")}
        upload = http.post(
            "/v1/order/image", files=files, data={"service_name": "service-item-removal"}
        )
        order_id = upload.json()["order_id"]
        assert http.post("/v1/order", json={"order_id": order_id}).json()["eta"] == 3
        http.post("/__mock/clock/advance", json={"seconds": 2})
        assert (
            http.get(f"/v1/order/{order_id}").json()["generated_images"][0]["status"]
            == "processing"
        )
        http.post("/__mock/clock/advance", json={"seconds": 0.5})
        image = http.get(f"/v1/order/{order_id}").json()["generated_images"][0]
        assert image["status"] == "regular_finished"


def test_failure_scenarios_are_reachable_over_http(start_cli: Callable[..., Started]) -> None:
    _, out = start_cli(
        "--api", "autoenhance", "--autoenhance-port", "0",
        "--clock", "manual", "--processing-delay", "5",
    )  # fmt: skip
    url = _base_urls(out)["Autoenhance.ai API"]
    key = {"x-api-key": "test-key"}
    with httpx.Client(base_url=url, headers=key) as http:
        assert "fail-next-image" in http.get("/__mock/scenarios").json()
        armed = http.post("/__mock/scenarios/fail-next-image", json={"reason": "Bad exposure."})
        assert armed.status_code == 204
        order = http.post("/v3/orders/", json={"name": "Oak St"}).json()
        image = http.post(
            "/v3/images/", json={"order_id": order["order_id"], "image_name": "room"}
        ).json()
        httpx.put(
            image["upload_url"], content=b"\xff\xd8\xff\xe0" + b"\0" * 64,
            headers={"content-type": "image/jpeg"},
        )  # fmt: skip
        http.post("/__mock/clock/advance", json={"seconds": 5})
        failed = http.get(f"/v3/images/{image['image_id']}").json()
        assert (failed["status"], failed["status_reason"]) == ("error", "Bad exposure.")
        unknown = http.post("/__mock/scenarios/nope", json={})
        assert unknown.status_code == 404
        bad = http.post("/__mock/scenarios/expire-image", json={"image": "x"})
        assert bad.status_code == 400
        missing = http.post("/__mock/scenarios/expire-image", json={"image_id": "nope"})
        assert missing.status_code == 404


def test_a_spec_url_download_is_removed_and_its_secrets_never_shown(
    httpserver: HTTPServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    import tempfile

    from mock_server.errors import ConfigError

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    httpserver.expect_request("/specs/edge.yaml").respond_with_data(SPEC.read_text())
    url = httpserver.url_for("/specs/edge.yaml").replace("http://", "http://me:pw-secret-77@")
    with caplog.at_level(logging.INFO):
        sites = cli.build_sites(
            cli.build_parser().parse_args(["--spec", url + "?token=tk-secret-88"])
        )
    assert sites and list(tmp_path.iterdir()) == []  # loaded, then removed
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name != "werkzeug")
    assert "fetched the spec" in ours  # (werkzeug's line is the test server's own)
    assert "pw-secret-77" not in ours and "tk-secret-88" not in ours
    missing = httpserver.url_for("/nothing").replace("http://", "http://me:pw-secret-77@")
    with pytest.raises(ConfigError) as refused:
        cli.build_sites(cli.build_parser().parse_args(["--spec", missing + "?token=tk-secret-88"]))
    assert "pw-secret-77" not in str(refused.value) and "tk-secret-88" not in str(refused.value)


def test_the_event_loop_is_uvloop_where_installed_unless_told(
    monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    from mock_server.cli import _serve

    assert _serve._loop_factory("asyncio") is None
    monkeypatch.setitem(sys.modules, "uvloop", None)  # as if not installed
    assert _serve._loop_factory("auto") is None
    with pytest.raises(ConfigError, match="uvloop is not installed"):
        _serve._loop_factory("uvloop")
    assert cli.main(["--api", "autoenhance", "--autoenhance-port", "0", "--loop", "uvloop"]) == 2
    assert "uvloop is not installed" in capfd.readouterr().err


def test_uvloop_is_the_loop_where_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    from mock_server.cli import _serve

    def new_event_loop() -> asyncio.AbstractEventLoop:
        raise AssertionError("not called here")

    fake = types.ModuleType("uvloop")
    fake.new_event_loop = new_event_loop  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "uvloop", fake)
    assert _serve._loop_factory("auto") is new_event_loop
    assert _serve._loop_factory("uvloop") is new_event_loop
    assert _serve._loop_factory("asyncio") is None
