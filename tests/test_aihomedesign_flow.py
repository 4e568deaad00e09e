"""The whole AI HomeDesign flow through the generated client against an in-process mock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer

from mock_server.engine import EngineOptions
from mock_server.server import MockServer
from tests._flow_aihomedesign import run_flow


@pytest.fixture
def server() -> Iterator[MockServer]:
    mock = MockServer.for_api("aihomedesign", options=EngineOptions(strict=True))
    mock.start()
    try:
        yield mock
    finally:
        mock.stop()
    assert mock.engine.take_failures() == []


def test_flow_through_the_generated_client(server: MockServer, httpserver: HTTPServer) -> None:
    run_flow(base_url=server.url, api_key=server.api_key, receiver=httpserver)
    httpserver.check_assertions()
    deliveries = server.engine.webhooks.deliveries
    assert [(d.event, d.status) for d in deliveries] == [("generatedImage", 200)]
    served = [
        (entry.method, entry.operation_id or entry.path, entry.status)
        for entry in server.journal.entries
        if entry.kind == "request" and not entry.path.startswith("/__mock/")
    ]
    image_path = served[-1][1]
    assert image_path.startswith("/_files/aihd-after/")
    assert served == [
        ("POST", "upload_image", 200),
        ("GET", "list_spaces", 200),
        ("GET", "list_widgets", 200),
        ("POST", "submit_order", 200),
        ("GET", "get_order", 200),
        ("GET", "get_order", 200),
        ("GET", image_path, 200),
    ]


def test_flow_runs_twice_on_one_server(server: MockServer, httpserver: HTTPServer) -> None:
    # The standalone server is long-lived: the flow must not depend on a fresh state.
    run_flow(base_url=server.url, api_key=server.api_key, receiver=httpserver)
    httpserver.clear_log()
    run_flow(base_url=server.url, api_key=server.api_key, receiver=httpserver)
    assert len(server.engine.webhooks.deliveries) == 2
