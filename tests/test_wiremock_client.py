"""The admin API driven by python-wiremock (the PyPI ``wiremock`` client) over real HTTP.

The server here is a throwaway werkzeug adapter around ``WireMock``, standing in for the
real edge: admin paths go to ``WireMock.admin``; other paths are matched, answered with
the stub or a 404, and recorded.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
import requests
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from mock_server.types import RequestData, ResponseData
from mock_server.wiremock import WireMock

# python-wiremock is a dev dependency: a missing install fails here, it is not skipped.
client: ModuleType = importlib.import_module("wiremock.client")
constants: ModuleType = importlib.import_module("wiremock.constants")


def _to_request_data(request: Request) -> RequestData:
    return RequestData(
        method=request.method,
        path=request.path,
        query={name: tuple(request.args.getlist(name)) for name in request.args},
        headers={name.lower(): value for name, value in request.headers.items()},
        body=request.get_data(),
    )


def _to_response(response: ResponseData) -> Response:
    return Response(
        response.body,
        status=response.status,
        headers=dict(response.headers),
        content_type=response.content_type,
    )


def _app(wm: WireMock) -> Any:
    @Request.application
    def app(request: Request) -> Response:
        data = _to_request_data(request)
        if data.path.startswith("/__admin"):
            return _to_response(wm.admin(data))
        match = wm.match(data)
        response = match.response if match else ResponseData(status=404, body=b"no stub")
        wm.record(data, response, matched_stub_id=match.stub_id if match else None)
        return _to_response(response)

    return app


@pytest.fixture
def base_url() -> Iterator[str]:
    """Serve a fresh ``WireMock`` on 127.0.0.1 and point python-wiremock's config at it."""
    server = make_server("127.0.0.1", 0, _app(WireMock()), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}"
    config = constants.Config
    saved = config.base_url
    config.base_url = url + "/__admin"
    try:
        yield url
    finally:
        config.base_url = saved
        server.shutdown()
        thread.join()


def _stub(request: dict[str, Any], response: dict[str, Any], **fields: Any) -> Any:
    mapping = client.Mapping(
        request=client.MappingRequest(**request),
        response=client.MappingResponse(**response),
        **fields,
    )
    return client.Mappings.create_mapping(mapping)


def _count(**pattern: Any) -> int:
    result = client.Requests.get_matching_request_count(
        client.NearMissMatchPatternRequest(**pattern)
    )
    count: int = result.count
    return count


def test_stubs_created_through_the_client_answer(base_url: str) -> None:
    created = _stub(
        {"method": "GET", "url_path": "/v1/ping", "query_parameters": {"x": {"equalTo": "1"}}},
        {"status": 200, "body": "pong", "headers": {"X-Mock": "yes"}},
    )
    assert created.id and client.Mappings.retrieve_mapping(created.id).response.body == "pong"
    answer = requests.get(f"{base_url}/v1/ping", params={"x": "1"}, timeout=5)
    assert (answer.status_code, answer.text, answer.headers["X-Mock"]) == (200, "pong", "yes")
    assert answer.headers["Matched-Stub-Id"] == created.id
    assert requests.get(f"{base_url}/v1/ping", params={"x": "2"}, timeout=5).status_code == 404
    assert client.Mappings.retrieve_all_mappings().meta.total == 1


def test_body_matching_and_request_counts(base_url: str) -> None:
    matchers = client.WireMockMatchers
    _stub(
        {
            "method": "POST",
            "url": "/v1/orders",
            "body_patterns": [
                {
                    matchers.EQUAL_TO_JSON: {"name": "a", "ids": [1, 2]},
                    matchers.IGNORE_ARRAY_ORDER: True,
                }
            ],
        },
        {"status": 201, "json_body": {"id": "o-1"}},
    )
    _stub(
        {
            "method": "POST",
            "url": "/v1/orders",
            "body_patterns": [{matchers.MATCHES_JSON_PATH: "$.bad"}],
        },
        {"status": 400, "json_body": {"error": "bad"}},
        priority=1,
    )
    created = requests.post(f"{base_url}/v1/orders", json={"ids": [2, 1], "name": "a"}, timeout=5)
    assert (created.status_code, created.json()) == (201, {"id": "o-1"})
    assert requests.post(f"{base_url}/v1/orders", json={"bad": True}, timeout=5).status_code == 400
    assert requests.post(f"{base_url}/v1/orders", json={"name": "b"}, timeout=5).status_code == 404
    assert _count(method="POST", url="/v1/orders") == 3
    assert _count(method="POST", url_path="/v1/orders", body_patterns=[{"contains": "bad"}]) == 1
    found = client.Requests.get_matching_requests(
        client.NearMissMatchPatternRequest(method="POST", url="/v1/orders")
    )
    assert len(found.requests) == 3
    unmatched = client.Requests.get_unmatched_requests()
    assert [r.body for r in unmatched.requests] == ['{"name": "b"}']
    near = client.Requests.get_unmatched_requests_near_misses()
    assert near.near_misses and near.near_misses[0].match_result.distance > 0


def test_scenarios_progress_and_reset(base_url: str) -> None:
    steps = [
        ("Started", "paid", "unpaid"),
        ("paid", "shipped", "paid"),
        ("shipped", None, "shipped"),
    ]
    for required, new, body in steps:
        fields = {"scenario_name": "order", "required_scenario_state": required}
        if new:
            fields["new_scenario_state"] = new
        _stub({"method": "GET", "url": "/v1/order/1"}, {"status": 200, "body": body}, **fields)

    def status() -> str:
        return requests.get(f"{base_url}/v1/order/1", timeout=5).text

    assert [status(), status(), status(), status()] == ["unpaid", "paid", "shipped", "shipped"]
    client.Scenarios.reset_all_scenarios()
    assert status() == "unpaid"
    scenarios = requests.get(f"{base_url}/__admin/scenarios", timeout=5).json()["scenarios"]
    # WireMock 3.13.2 lists them in this (Java hash set) order too.
    assert scenarios[0]["possibleStates"] == ["Started", "shipped", "paid"]


def test_reset_and_delete(base_url: str) -> None:
    created = _stub({"method": "GET", "url": "/gone"}, {"status": 204})
    requests.get(f"{base_url}/gone", timeout=5)
    assert _count(url="/gone") == 1
    client.Requests.reset_request_journal()
    assert _count(url="/gone") == 0
    client.Mappings.delete_mapping(created.id)
    assert client.Mappings.retrieve_all_mappings().meta.total == 0
    _stub({"method": "GET", "url": "/again"}, {"status": 204})
    requests.get(f"{base_url}/again", timeout=5)
    client.Mappings.reset_mappings()
    assert client.Mappings.retrieve_all_mappings().meta.total == 0
    assert _count(url="/again") == 1  # a mappings reset leaves the journal alone
    assert requests.post(f"{base_url}/__admin/reset", timeout=5).status_code == 200
    assert _count(url="/again") == 0


def test_client_errors_surface_as_client_exceptions(base_url: str) -> None:
    with pytest.raises(client.NotFoundException):
        client.Mappings.retrieve_mapping("00000000-0000-4000-8000-000000000000")
    mapping = client.Mapping(
        request=client.MappingRequest(method="GET", url="/x", headers={"a": {"nope": 1}})
    )
    with pytest.raises(client.InvalidInputException):
        client.Mappings.create_mapping(mapping)


def test_module_is_the_pypi_client() -> None:
    assert hasattr(client, "Mappings")
