"""AI HomeDesign v3 served beside v1 on one port, in-process and by ``mock-server``.

The vendor answers ``/v1/`` and ``/v3/`` on one host; so does the mock: one site, two
engines, one admin gate, one journal and one clock. The in-process site is built as
``MockServer.for_api("aihomedesign")`` and the CLI build it (``vendors.served_beside``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from pytest_httpserver import HTTPServer

from mock_server.app import MockApp
from mock_server.clock import Clock
from mock_server.engine import EngineOptions
from mock_server.errors import ConfigError, ServerFailure
from mock_server.server import EngineTransport, MockServer
from mock_server.site import Site
from mock_server.types import RequestData, ResponseData
from mock_server.vendors import (
    APIS,
    PORT_APIS,
    behaviour_for,
    build_engine,
    bundled_spec,
    served_beside,
)
from mock_server.vendors.aihomedesign_v3 import AIHomeDesignV3Behaviour
from mock_server.vendors.aihomedesign_v3._records import FILES_PREFIX
from tests._aihomedesign_v3 import JPEG, STAGING, STAGING_WIDGETS

if TYPE_CHECKING:
    from mock_server.engine import Call
    from tests._processes import Started

pytest_plugins = ["tests._processes"]  # the start_cli fixture

ROOT = Path(__file__).resolve().parent.parent
KEY = "test-key"
SPACES = "/v1/catalog/spaces?service_name=service-creative-designer"
V1_TITLE = "AI HomeDesign API"
V3_TITLE = "AI HomeDesign API v3"


def served_site(**vendor_options: Any) -> Site:
    """v1 with v3 mounted beside it, as ``MockServer.for_api("aihomedesign")`` builds it."""
    clock = Clock(manual=True)
    options = EngineOptions(strict=True)
    v1 = build_engine("aihomedesign", clock=clock, options=options, vendor_options=vendor_options)
    site = MockApp(v1).site
    for beside in served_beside("aihomedesign"):
        engine = build_engine(
            beside.api, clock=clock, options=options, vendor_options=vendor_options
        )
        site.mount(engine, prefixes=beside.prefixes)
    return site


@pytest.fixture
def site() -> Site:
    return served_site()


@pytest.fixture
def http(site: Site) -> Iterator[httpx.Client]:
    transport = EngineTransport(site)
    with httpx.Client(
        base_url="http://aihomedesign.localhost", transport=transport, headers={"x-api-key": KEY}
    ) as client:
        yield client


# --- the flow ---------------------------------------------------------------------


def staging_flow(http: httpx.Client, advance: Callable[[float], None]) -> dict[str, Any]:
    """Project → order with an image → process → poll → result download; the done process."""
    created = http.post("/v3/project", json={"address": "123 Maple Street"})
    assert created.status_code == 201, created.text
    project_id = created.json()["data"]["id"]
    ordered = http.post(
        "/v3/order",
        data={"project_id": project_id, "asset_role": "primary_angle"},
        files=[("asset_file", ("room.jpg", JPEG, "image/jpeg"))],
    )
    assert ordered.status_code == 201, ordered.text
    order = ordered.json()["data"]
    asset_id = order["assets"][0]["id"]
    started = http.post(
        "/v3/process",
        json={
            "order_id": order["order_id"],
            "tool": STAGING,
            "asset_map": {"tool-virtual-staging-input-image": asset_id},
            "widgets": STAGING_WIDGETS,
        },
    )
    assert started.status_code == 201, started.text
    process_id = started.json()["data"]["process_ids"][0]
    polled = http.get(f"/v3/process/{process_id}").json()["data"]
    assert polled["status"] == "pending"
    advance(30)
    done: dict[str, Any] = http.get(f"/v3/process/{process_id}").json()["data"]
    assert done["status"] == "done", done
    (result,) = done["final_assets"]
    download = http.get(result["src"])
    assert download.status_code == 200
    assert download.headers["content-type"] == "image/jpeg"
    assert download.content[:3] == b"\xff\xd8\xff"
    return done


def test_a_v3_staging_flow_runs_in_process_beside_v1(site: Site, http: httpx.Client) -> None:
    done = staging_flow(http, site.engine.clock.advance)
    assert done["final_assets"][0]["src"].startswith(
        f"http://aihomedesign.localhost{FILES_PREFIX}result/"
    )
    site.check()


def test_v1_answers_as_before_beside_v3(http: httpx.Client) -> None:
    spaces = http.get(SPACES)
    assert spaces.status_code == 200 and spaces.json()["data"][0]["name"]
    # v1's error shape for every path v3 does not own, unprefixed ones included.
    for path in ("/v1/order/0", "/v2/project", "/nothing", "/v3x/project"):
        answer = http.get(path)
        assert answer.status_code == 404, path
    # v1 and v3 share no state: a v1 order id is unknown to v3, and the reverse.
    v3_order = http.get("/v3/order/" + "0" * 24)
    assert v3_order.status_code == 404
    assert v3_order.json()["key"] == "api_error_order_not_found"


def test_a_request_v3_forbids_gets_v3_shape(site: Site, http: httpx.Client) -> None:
    no_key = http.get("/v3/project", headers={"x-api-key": ""})
    assert no_key.status_code == 401
    assert set(no_key.json()) == {"error", "key"}
    bad_limit = http.get("/v3/project", params={"limit": "31"})
    assert bad_limit.status_code == 400, bad_limit.text
    assert bad_limit.json()["key"] == "api_error_invalid_request"
    # The tool list is v3's, without a key, though it is not under /v3.
    anonymous = httpx.Client(base_url="http://a.localhost", transport=EngineTransport(site))
    listed = anonymous.get("/api/tools")
    assert listed.status_code == 200 and listed.json()["data"][0]["slug"].startswith("tool-")


def test_each_version_serves_its_spec_and_docs(http: httpx.Client) -> None:
    assert http.get("/openapi.json").json()["info"]["title"] == V1_TITLE
    assert http.get("/v3/openapi.json").json()["info"]["title"] == V3_TITLE
    assert "/v3/project" in http.get("/v3/openapi.yaml").text
    assert "/v3/project" not in http.get("/openapi.yaml").text
    assert f"<title>{V3_TITLE}</title>" in http.get("/v3/docs").text
    assert f"<title>{V1_TITLE}</title>" in http.get("/docs").text
    # Only the base holds documents; the mount's other prefixes do not.
    assert http.get("/api/tools/openapi.json").status_code == 404
    head = http.head("/v3/openapi.json")
    assert head.status_code == 200 and head.content == b""


# --- the admin surface of the port ----------------------------------------------------


def test_one_journal_shows_both_versions_in_arrival_order(site: Site, http: httpx.Client) -> None:
    http.get(SPACES)
    http.get("/v3/project")
    http.get(SPACES)
    journal = http.get("/__mock/journal").json()
    assert [e["path"] for e in journal] == [
        "/v1/catalog/spaces",
        "/v3/project",
        "/v1/catalog/spaces",
    ]
    assert all(KEY not in str(e) for e in journal)  # one redactor covers both versions
    requests = http.get("/__admin/requests").json()["requests"]
    assert {r["request"]["url"] for r in requests} == {SPACES, "/v3/project"}
    assert site.journal is site.engine_for("/v3").journal
    assert http.get("/__mock/v3/journal").status_code == 404
    assert "/__mock/journal" in http.get("/__mock/v3/journal").json()["error"]


@pytest.mark.parametrize("reset", ["/__mock/reset", "/__admin/reset"])
def test_reset_resets_both_versions(http: httpx.Client, reset: str) -> None:
    created = http.post("/v3/project", json={"address": "1 Elm Street"})
    project_id = created.json()["data"]["id"]
    http.post("/__mock/v3/faults", json={"operation_id": "list_projects", "status": 503})
    http.post("/__mock/faults", json={"operation_id": "list_spaces", "status": 503})
    assert http.post(reset).status_code in (200, 204)
    assert http.get(f"/v3/project/{project_id}").status_code == 404
    assert http.get("/v3/project").status_code == 200
    assert http.get(SPACES).status_code == 200
    assert http.get("/__mock/journal").json()[-1]["path"] == "/v1/catalog/spaces"
    assert len(http.get("/__mock/journal").json()) == 3  # the three calls since the reset


def test_faults_are_addressed_per_version_as_operation_ids_collide(
    site: Site, http: httpx.Client
) -> None:
    v1_ids = set(site.engine.operation_ids)
    v3_ids = set(site.engine_for("/v3").operation_ids)
    assert "get_order" in v1_ids & v3_ids  # why faults need the version

    armed = http.post("/__mock/v3/faults", json={"operation_id": "get_order", "status": 503})
    assert armed.status_code == 201
    assert http.get("/__mock/v3/faults").json() == {"get_order": armed.json()["get_order"]}
    assert http.get("/__mock/faults").json() == {}
    assert http.get("/v3/order/" + "0" * 24).status_code == 503
    assert http.get("/v1/order/" + "0" * 24).status_code == 404  # v1's get_order untouched

    unknown = http.post("/__mock/faults", json={"operation_id": "create_project", "status": 503})
    assert unknown.status_code == 400  # a v3-only operation is not v1's
    assert http.delete("/__mock/v3/faults").status_code == 204
    assert http.get("/v3/order/" + "0" * 24).status_code == 404


def test_scenarios_and_health_are_per_version(http: httpx.Client) -> None:
    assert "deny-tool" in http.get("/__mock/v3/scenarios").json()
    assert "deny-tool" not in http.get("/__mock/scenarios").json()
    assert http.get("/__mock/v3/health").json() == {"status": "ok", "title": V3_TITLE}
    assert http.get("/__mock/health").json() == {"status": "ok", "title": V1_TITLE}
    armed = http.post("/__mock/v3/scenarios/rate-limit", json={"count": 1})
    assert armed.status_code == 204
    order = http.post("/v3/order", files=[("asset_file", ("a.jpg", JPEG, "image/jpeg"))])
    body = {
        "order_id": order.json()["data"]["order_id"],
        "tool": STAGING,
        "asset_map": {"tool-virtual-staging-input-image": order.json()["data"]["assets"][0]["id"]},
        "widgets": STAGING_WIDGETS,
    }
    assert http.post("/v3/process", json=body).status_code == 429
    assert http.post("/v3/process", json=body).status_code == 201
    assert http.post("/__mock/v3/clock/advance", json={"seconds": 1}).status_code == 404
    assert http.put("/__mock/v3/health").status_code == 405


def test_the_clock_is_the_ports(site: Site, http: httpx.Client) -> None:
    assert site.engine_for("/v3").clock is site.engine.clock
    created = http.post("/v3/order", files=[("asset_file", ("a.jpg", JPEG, "image/jpeg"))])
    order = created.json()["data"]
    body = {
        "order_id": order["order_id"],
        "tool": STAGING,
        "asset_map": {"tool-virtual-staging-input-image": order["assets"][0]["id"]},
        "widgets": STAGING_WIDGETS,
    }
    process_id = http.post("/v3/process", json=body).json()["data"]["process_ids"][0]
    assert http.post("/__mock/clock/complete").status_code == 200
    assert http.get(f"/v3/process/{process_id}").json()["data"]["status"] == "done"


def test_webhooks_are_configured_per_version(
    site: Site, http: httpx.Client, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/v3-hook", method="POST").respond_with_data("ok")
    hook = httpserver.url_for("/v3-hook")
    configured = http.put("/__mock/v3/webhook", json={"url": hook})
    assert configured.status_code == 200 and configured.json()["url"] == hook
    assert http.get("/__mock/webhook").json()["url"] is None  # v1's stays unset
    staging_flow(http, site.engine.clock.advance)
    deliveries = http.get("/__mock/v3/webhook").json()["deliveries"]
    assert [d["status"] for d in deliveries] == [200]
    (received, _) = httpserver.log[0]
    assert received.json["event"] == "process.completed"
    assert received.json["status"] == "done"
    # Each attempt is in the port's one journal.
    assert [e["kind"] for e in http.get("/__mock/journal").json()].count("webhook") == 1
    assert http.delete("/__mock/v3/webhook").status_code == 204
    assert http.get("/__mock/v3/webhook").json()["url"] is None


def test_the_admin_gate_guards_the_versions_admin_too() -> None:
    clock = Clock(manual=True)
    v1 = build_engine("aihomedesign", clock=clock, options=EngineOptions())
    site = Site(v1, admin_key="s3cret")
    site.mount(
        build_engine("aihomedesign-v3", clock=clock, options=EngineOptions()), prefixes=("/v3",)
    )
    refused = site.handle(RequestData(method="GET", path="/__mock/v3/faults"))
    assert refused.status == 401
    allowed = site.handle(
        RequestData(method="GET", path="/__mock/v3/faults", headers={"x-mock-admin-key": "s3cret"})
    )
    assert allowed.status == 200


# --- mounting ----------------------------------------------------------------------


def test_a_mount_refuses_an_overlap_a_bad_prefix_or_another_clock(site: Site) -> None:
    clock = site.engine.clock
    other = build_engine("aihomedesign-v3", clock=clock, options=EngineOptions())
    for prefixes in (
        ("/v3",),
        ("/v3/project",),
        ("/__mock/x",),
        ("/docs",),
        ("v4",),
        ("/v4/",),
        (),
    ):
        with pytest.raises(ConfigError):
            site.mount(other, prefixes=prefixes)
    elsewhere = build_engine("aihomedesign-v3", clock=Clock(manual=True), options=EngineOptions())
    with pytest.raises(ConfigError, match="clock"):
        site.mount(elsewhere, prefixes=("/v4",))


class _Crashing(AIHomeDesignV3Behaviour):
    def handle(self, call: Call) -> ResponseData | None:
        raise RuntimeError("boom")


def test_a_v3_crash_answers_500_and_the_site_check_raises_it() -> None:
    clock = Clock(manual=True)
    site = Site(build_engine("aihomedesign", clock=clock, options=EngineOptions()))
    v3 = build_engine(
        "aihomedesign-v3", clock=clock, options=EngineOptions(), behaviour=_Crashing()
    )
    site.mount(v3, prefixes=("/v3",))
    answer = site.handle(RequestData(method="GET", path="/v3/project", headers={"x-api-key": KEY}))
    assert answer.status == 500
    with pytest.raises(ServerFailure):
        site.check()
    site.check()  # taken: a second check is clean


def test_v3_is_registered_but_has_no_port_of_its_own() -> None:
    assert "aihomedesign-v3" in APIS
    assert "aihomedesign-v3" not in PORT_APIS
    assert bundled_spec("aihomedesign-v3").name == "aihomedesign-v3.yaml"
    assert isinstance(behaviour_for("aihomedesign-v3"), AIHomeDesignV3Behaviour)
    with pytest.raises(ConfigError, match="processing_seconds"):
        behaviour_for("aihomedesign-v3", processing_seconds=1)
    (beside,) = served_beside("aihomedesign")
    # The behaviour's image URLs are under a prefix the mount owns.
    assert any(FILES_PREFIX.startswith(prefix + "/") for prefix in beside.prefixes)
    assert beside.prefixes[0] == "/v3"


def test_generation_seconds_reach_v3_through_build_engine() -> None:
    site = served_site(generation_seconds=7)
    http = httpx.Client(
        base_url="http://aihomedesign.localhost",
        transport=EngineTransport(site),
        headers={"x-api-key": KEY},
    )
    order = http.post("/v3/order", files=[("asset_file", ("a.jpg", JPEG, "image/jpeg"))])
    data = order.json()["data"]
    body = {
        "order_id": data["order_id"],
        "tool": STAGING,
        "asset_map": {"tool-virtual-staging-input-image": data["assets"][0]["id"]},
        "widgets": STAGING_WIDGETS,
    }
    process_id = http.post("/v3/process", json=body).json()["data"]["process_ids"][0]
    site.engine.clock.advance(6.5)
    assert http.get(f"/v3/process/{process_id}").json()["data"]["status"] != "done"
    site.engine.clock.advance(0.5)
    assert http.get(f"/v3/process/{process_id}").json()["data"]["status"] == "done"


# --- over HTTP, against mock-server ---------------------------------------------------


def _bases(out: str) -> dict[str, str]:
    return dict(
        re.findall(r"^(.+?): (http://\S+) \((?:same port; )?base_url http://\S+\)$", out, re.M)
    )


def test_mock_server_serves_v3_under_v3_on_the_aihomedesign_port(
    start_cli: Callable[..., Started], httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/v3-hook", method="POST").respond_with_data("ok")
    _, out = start_cli(
        "--api",
        "aihomedesign",
        "--aihomedesign-port",
        "0",
        "--clock",
        "manual",
        "--generation-delay",
        "12",
        "--aihomedesign-v3-webhook-url",
        httpserver.url_for("/v3-hook"),
    )
    bases = _bases(out)
    v1, v3 = bases[V1_TITLE], bases[V3_TITLE]
    assert v1.endswith("/v1") and v3 == v1.removesuffix("/v1") + "/v3"
    port = v3.removesuffix("/v3")
    assert f"{V3_TITLE} routes (spec: {port}/v3/openapi.json, docs: {port}/v3/docs):" in out
    assert "  POST    /v3/process  create_process" in out

    def advance(seconds: float) -> None:
        # --generation-delay 12: the flow's process is done 12 s on, not the default 30.
        httpx.post(f"{port}/__mock/clock/advance", json={"seconds": 12}).raise_for_status()

    with httpx.Client(base_url=port, headers={"x-api-key": KEY}) as http:
        done = staging_flow(http, advance)
        assert done["final_assets"][0]["src"].startswith(f"{port}{FILES_PREFIX}result/")
        assert http.get("/v3/openapi.json").json()["info"]["title"] == V3_TITLE
        assert http.get("/openapi.json").json()["info"]["title"] == V1_TITLE
        assert http.get(SPACES).status_code == 200
        deliveries = httpx.get(f"{port}/__mock/v3/webhook").json()["deliveries"]
        assert [d["status"] for d in deliveries] == [200]
        assert httpx.get(f"{port}/__mock/webhook").json()["url"] is None
        journal = httpx.get(f"{port}/__mock/journal").json()
        assert {e["path"].split("/")[1] for e in journal if e["kind"] == "request"} >= {
            "v1",
            "v3",
        }
        assert [e["status"] for e in journal if e["status"] >= 500] == []


def test_mock_server_refuses_v3_on_a_port_of_its_own_without_spec() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mock_server.cli", "--api", "aihomedesign-v3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "--api aihomedesign serves it under /v3" in done.stderr


def test_a_v3_spec_is_served_alone_with_spec_and_api(start_cli: Callable[..., Started]) -> None:
    spec = ROOT / "openapi" / "aihomedesign-v3.yaml"
    _, out = start_cli("--spec", str(spec), "--api", "aihomedesign-v3", "--port", "0")
    (url,) = re.findall(r"\(base_url (http://127\.0\.0\.1:\d+)\)", out)
    assert V1_TITLE + ":" not in out  # nothing mounted beside a --spec
    with httpx.Client(base_url=url, headers={"x-api-key": KEY}) as http:
        assert http.get("/openapi.json").json()["info"]["title"] == V3_TITLE
        created = http.post("/v3/project", json={"address": "2 Oak Road"})
        assert created.status_code == 201  # v3's behaviour, not the spec's example
        assert http.get("/v3/project").json()["data"][0]["address"] == "2 Oak Road"
        assert http.get("/v1/order/x").status_code == 404


def test_generic_serves_both_versions_from_examples(start_cli: Callable[..., Started]) -> None:
    _, out = start_cli("--api", "aihomedesign", "--aihomedesign-port", "0", "--generic")
    port = _bases(out)[V3_TITLE].removesuffix("/v3")
    with httpx.Client(base_url=port, headers={"x-api-key": KEY}) as http:
        created = http.post("/v3/project", json={"address": "2 Oak Road"})
        assert created.status_code == 201
        example = created.json()["data"]["address"]
        assert (
            http.post("/v3/project", json={"address": "elsewhere"}).json()["data"]["address"]
            == example
        )  # the spec's example both times: no state


# --- MockServer: what for_api("aihomedesign") serves once it mounts v3 ----------------------


def mock_server_with_v3() -> MockServer:
    """``MockServer.for_api("aihomedesign")`` with v3 mounted as the CLI mounts it.

    Mounted here until ``for_api`` mounts it itself (then this mounts nothing).
    """
    server = MockServer.for_api("aihomedesign")
    for beside in () if server.app.site.mounted else served_beside("aihomedesign"):
        engine = build_engine(beside.api, clock=server.clock, options=server.engine.options)
        server.app.site.mount(engine, prefixes=beside.prefixes)
    return server


@pytest.mark.parametrize("over_http", [False, True], ids=["in-process", "http"])
def test_the_generated_v3_client_reaches_v3_at_v1s_base_url(over_http: bool) -> None:
    client_package = pytest.importorskip("aihomedesign_v3_client")
    from aihomedesign_v3_client.api.processes import create_process, get_process
    from aihomedesign_v3_client.api.projects import create_project
    from aihomedesign_v3_client.models import (
        ApiError,
        CreateProcessRequest,
        CreateProcessRequestAssetMap,
        CreateProjectRequest,
        ProcessEnvelope,
        ProcessStatus,
        ProjectEnvelope,
        WidgetSelection,
    )

    with mock_server_with_v3() as mock:
        transport = {} if over_http else {"transport": EngineTransport(mock.app.site)}
        client = client_package.AuthenticatedClient(
            base_url=mock.url if over_http else "http://aihomedesign.localhost",
            token=mock.api_key,
            prefix="",
            auth_header_name="x-api-key",
            httpx_args=transport,
        )
        project = create_project.sync(client=client, body=CreateProjectRequest(address="9 Pine"))
        assert isinstance(project, ProjectEnvelope)
        with httpx.Client(
            base_url=mock.url, headers={"x-api-key": mock.api_key}
        ) as http:  # the multipart order as any client sends it
            ordered = http.post(
                "/v3/order",
                data={"project_id": project.data.id},
                files=[("asset_file", ("room.jpg", JPEG, "image/jpeg"))],
            )
        order = ordered.json()["data"]
        request = CreateProcessRequest(
            order_id=order["order_id"],
            tool=STAGING,
            asset_map=CreateProcessRequestAssetMap.from_dict(
                {"tool-virtual-staging-input-image": order["assets"][0]["id"]}
            ),
            widgets=[WidgetSelection.from_dict(w) for w in STAGING_WIDGETS],
        )
        created = create_process.sync_detailed(client=client, body=request)
        assert created.status_code == 201, created.content
        mock.clock.complete_all()
        assert created.parsed is not None and not isinstance(created.parsed, ApiError)
        process_id = created.parsed.data.process_ids[0]
        process = get_process.sync(process_id, client=client)
        assert isinstance(process, ProcessEnvelope)
        assert process.data.status is ProcessStatus.DONE
        # v1's generated client still reaches v1 at the same base URL.
        assert mock.client().get_httpx_client().get("/__mock/health").json()["title"] == V1_TITLE
        mock.app.site.check()


def test_the_banner_keeps_one_base_url_line_per_port(start_cli: Callable[..., Started]) -> None:
    """Scripts that read ``TITLE: URL (base_url BASE)`` lines still find one per port."""
    _, out = start_cli("--aihomedesign-port", "0", "--autoenhance-port", "0")
    per_port = re.findall(r"^(.+?): http://\S+ \(base_url (http://\S+)\)$", out, re.M)
    assert [title for title, _ in per_port] == ["AI HomeDesign API", "Autoenhance.ai API"]
    assert _bases(out)[V3_TITLE] == dict(per_port)[V1_TITLE] + "/v3"
