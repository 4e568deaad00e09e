"""The Autoenhance mock over HTTP: the whole flow, HDR brackets, and concurrent creates."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from autoenhance_client import AuthenticatedClient
from autoenhance_client.api.images import create_image, retrieve_image
from autoenhance_client.models import (
    AIVersion,
    EnhanceType,
    ImageCreatedOut,
    ImageIn,
    ImageOut,
    WindowPullType,
)
from pytest_httpserver import HTTPServer

from mock_server.engine import EngineOptions
from mock_server.server import MockServer
from tests._flow_autoenhance import run_flow


@pytest.fixture(scope="module")
def running() -> Iterator[MockServer]:
    server = MockServer.for_api("autoenhance", options=EngineOptions(strict=True))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def server(running: MockServer) -> Iterator[MockServer]:
    running.reset()
    yield running
    assert running.engine.take_failures() == []


def test_the_whole_flow_through_the_generated_client(
    server: MockServer, httpserver: HTTPServer
) -> None:
    run_flow(base_url=server.url, api_key=server.api_key, receiver=httpserver)
    deliveries = httpx.get(f"{server.url}/__mock/webhook").json()["deliveries"]
    assert [d["event"] for d in deliveries] == ["webhook_updated", "image_processed"]
    assert all(d["ok"] for d in deliveries)


def test_the_webhook_carries_the_configured_authorization(
    server: MockServer, httpserver: HTTPServer
) -> None:
    httpserver.expect_request(
        "/hook", method="POST", headers={"Authorization": "secret-value"}
    ).respond_with_data("ok")
    config = {"url": httpserver.url_for("/hook"), "headers": {"Authorization": "secret-value"}}
    assert httpx.put(f"{server.url}/__mock/webhook", json=config).status_code == 200
    assert [r.get_json() for r, _ in httpserver.log] == [{"event": "webhook_updated"}]
    httpserver.check_assertions()


def test_the_hdr_flow_over_http(server: MockServer, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    httpx.put(f"{server.url}/__mock/webhook", json={"url": httpserver.url_for("/hook")})
    api = httpx.Client(base_url=server.url, headers={"x-api-key": server.api_key})
    # The vendor's HDR quickstart: a JSON content type and no body at all.
    order = api.post("/v3/orders", headers={"content-type": "application/json"}).json()
    order_id = order["order_id"]
    for n in range(4):
        bracket = api.post("/v3/brackets", json={"name": f"ev{n}.jpg", "order_id": order_id})
        put = httpx.put(
            bracket.json()["upload_url"],
            content=b"bracket-%d" % n,
            headers={"content-type": "application/octet-stream"},
        )
        assert put.status_code == 200
    listed = api.get(f"/v3/orders/{order_id}/brackets").json()["brackets"]
    assert [b["is_uploaded"] for b in listed] == [True] * 4
    body = {"number_of_brackets_per_image": 2}
    accepted = api.post(f"/v3/orders/{order_id}/process", json=body).json()
    assert (accepted["is_merging"], accepted["status"]) == (True, "processing")
    httpx.post(f"{server.url}/__mock/clock/complete")
    done = api.get(f"/v3/orders/{order_id}").json()
    assert (done["status"], done["total_images"], done["is_merging"]) == ("processed", 2, False)
    original = api.get(
        f"/v3/images/{done['images'][1]['image_id']}/original", follow_redirects=True
    )
    assert (original.headers["content-type"], original.content) == (
        "application/octet-stream",
        b"bracket-2",
    )
    events = [r.get_json() for r, _ in httpserver.log]
    processed = [e for e in events if e["event"] == "image_processed"]
    assert [e["order_is_processing"] for e in processed] == [True, False]


def test_a_bad_upload_answers_s3_xml(server: MockServer) -> None:
    api = httpx.Client(base_url=server.url, headers={"x-api-key": server.api_key})
    image = api.post("/v3/images/", json={"image_name": "a.png", "content_type": "image/png"})
    url = image.json()["upload_url"]
    wrong = httpx.put(url, content=b"x", headers={"content-type": "image/jpeg"})
    assert wrong.status_code == 403
    assert wrong.headers["content-type"] == "application/xml"
    assert b"<Code>SignatureDoesNotMatch</Code>" in wrong.content
    assert httpx.put(url, content=b"x", headers={"content-type": "image/png"}).status_code == 200


THREADS = 8
CREATES_PER_THREAD = 50


def _create_many(base_url: str, key: str, results: list[str], errors: list[Any]) -> None:
    with httpx.Client(base_url=base_url, headers={"x-api-key": key}, timeout=30) as api:
        for _ in range(CREATES_PER_THREAD):
            response = api.post("/v3/orders/")
            if response.status_code != 200:
                errors.append(response.text)
                continue
            results.append(response.json()["order_id"])


def test_concurrent_creates_lose_nothing_and_never_share_an_id(server: MockServer) -> None:
    results: list[str] = []
    errors: list[Any] = []
    workers = [
        threading.Thread(target=_create_many, args=(server.url, server.api_key, results, errors))
        for _ in range(THREADS)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert errors == []
    assert len(results) == THREADS * CREATES_PER_THREAD
    assert len(set(results)) == len(results)
    api = httpx.Client(base_url=server.url, headers={"x-api-key": server.api_key})
    listed: list[str] = []
    params: dict[str, Any] = {"per_page": 15}
    while True:
        page = api.get("/v3/orders/", params=params).json()
        listed += [order["order_id"] for order in page["orders"]]
        if page["pagination"]["next_offset"] is None:
            break
        params["offset"] = page["pagination"]["next_offset"]
    assert len(listed) == len(results)
    assert set(listed) == set(results)
    for order_id in results[:: len(results) // 20]:
        assert api.get(f"/v3/orders/{order_id}").status_code == 200


def test_the_current_docs_settings_through_the_generated_client(server: MockServer) -> None:
    client = AuthenticatedClient(
        base_url=server.url, token=server.api_key, prefix="", auth_header_name="x-api-key"
    )
    body = ImageIn(
        image_name="den.jpg",
        image_id="den-1",
        ai_version=AIVersion.STABLE,
        enhance_type=EnhanceType.AUTHENTIC,
        window_pull_type=WindowPullType.WINDOWS_WITH_SKIES,
    )
    with client:
        created = create_image.sync(client=client, body=body)
        assert isinstance(created, ImageCreatedOut), created
        fetched = retrieve_image.sync("den-1", client=client)
        old = retrieve_image.sync("den-1", client=client, x_api_version="2025-05-08")
    assert isinstance(fetched, ImageOut), fetched
    assert (fetched.image_id, fetched.ai_version, fetched.enhance_type) == (
        "den-1",
        AIVersion.STABLE,
        EnhanceType.AUTHENTIC,
    )
    assert fetched.window_pull_type is WindowPullType.WINDOWS_WITH_SKIES
    assert isinstance(old, ImageOut), old
    assert "window_pull_type" not in old.to_dict()
