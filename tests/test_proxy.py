"""Tests for mock_server.wiremock.proxy: forwarding, violations, the sl-violations header.

The upstream is always a local mock on 127.0.0.1: the faithful Autoenhance mock, or a
generic mock of a drifted copy of its spec. Response checks that need an upstream no
mock can be made to send use an ``httpx.MockTransport`` (no socket at all).
"""

from __future__ import annotations

import gzip
import json
import logging
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from werkzeug.serving import make_server
from werkzeug.wrappers import Request

from mock_server.app import request_data
from mock_server.errors import ConfigError
from mock_server.faults import Fault
from mock_server.media import status_line, wire
from mock_server.server import MockServer
from mock_server.spec import Spec, load_spec
from mock_server.types import RequestData, UnreadBody
from mock_server.vendors import bundled_spec
from mock_server.wiremock.proxy import (
    VIOLATIONS_HEADER,
    Proxy,
    Violation,
    open_proxy,
    violations_header,
)
from tests._drift import drift

KEY = "test-key"
ORDER = {"name": "12 Acacia Avenue"}

ProxyFactory = Callable[..., Proxy]


@pytest.fixture(scope="module")
def spec() -> Spec:
    return load_spec(bundled_spec("autoenhance"))


@pytest.fixture(scope="module")
def faithful() -> Iterator[MockServer]:
    with MockServer.for_api("autoenhance") as server:
        yield server


@pytest.fixture(autouse=True)
def _fresh_upstream(faithful: MockServer) -> None:
    faithful.reset()
    faithful.faults.clear()


@pytest.fixture(scope="module")
def drifted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockServer]:
    document = yaml.safe_load(bundled_spec("autoenhance").read_text(encoding="utf-8"))
    path = tmp_path_factory.mktemp("drifted") / "autoenhance-drifted.yaml"
    path.write_text(yaml.safe_dump(drift(document)), encoding="utf-8")
    with MockServer.from_spec(path) as server:
        yield server


@pytest.fixture
def make_proxy(spec: Spec) -> Iterator[ProxyFactory]:
    made: list[Proxy] = []

    def make(upstream: str, **options: Any) -> Proxy:
        proxy = Proxy(spec, upstream=upstream, **options)
        made.append(proxy)
        return proxy

    yield make
    for proxy in made:
        proxy.close()


def request(
    method: str,
    path: str,
    *,
    body: Any = None,
    key: str | None = KEY,
    query: str = "",
    headers: dict[str, str] | None = None,
) -> RequestData:
    sent = dict(headers or {})
    if key is not None:
        sent["x-api-key"] = key
    raw = b""
    if body is not None:
        raw = json.dumps(body).encode()
        sent["content-type"] = "application/json"
    pairs = [part.partition("=") for part in query.split("&") if part]
    return RequestData(
        method=method,
        path=path,
        query={name: (value,) for name, _, value in pairs},
        query_string=query,
        headers=sent,
        body=raw,
    )


def header_violations(headers: Any) -> list[dict[str, Any]]:
    value = headers.get(VIOLATIONS_HEADER)
    return [] if value is None else list(json.loads(value))


def assert_logged_once(caplog: pytest.LogCaptureFixture, *words: str) -> None:
    """One log line for the one violation, naming the operation and the field."""
    [line] = [r.getMessage() for r in caplog.records]
    for word in words:
        assert word in line, line


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


# -- a faithful upstream -------------------------------------------------------------------


def test_a_faithful_upstream_answers_through_the_proxy_unchanged(
    faithful: MockServer, make_proxy: ProxyFactory
) -> None:
    proxy = make_proxy(faithful.url)

    result = proxy.exchange(request("POST", "/v3/orders/", body=ORDER))

    assert result.violations == ()
    assert result.operation_id == "create_order"
    assert result.response.status == 200
    assert VIOLATIONS_HEADER not in result.response.headers
    order = json.loads(result.response.body)
    assert order["name"] == ORDER["name"]
    assert result.response.content_type == "application/json"
    # Byte for byte what the upstream sent: fetch the same order directly and compare.
    direct = httpx.get(f"{faithful.url}/v3/orders/{order['order_id']}")
    again = proxy.handle(request("GET", f"/v3/orders/{order['order_id']}"))
    assert again.body == direct.content
    assert again.status == direct.status_code


def test_the_request_reaches_the_upstream_as_sent(
    faithful: MockServer, make_proxy: ProxyFactory
) -> None:
    proxy = make_proxy(faithful.url)
    sent = request(
        "GET",
        "/v3/orders/",
        query="per_page=5&offset=1",
        headers={
            "x-trace": "abc",
            "connection": "keep-alive, x-hop",
            "x-hop": "1",
            "te": "trailers",
            "proxy-authorization": "Basic c2VjcmV0",
            "host": "proxy.example:4011",
            "content-length": "999",
        },
    )

    proxy.handle(sent)

    seen = faithful.journal.last
    assert (seen.method, seen.path, seen.query_string) == (
        "GET",
        "/v3/orders/",
        "per_page=5&offset=1",
    )
    assert seen.request_headers["x-trace"] == "abc"
    assert seen.request_headers["host"] == faithful.url.removeprefix("http://")
    for hop in ("x-hop", "te", "proxy-authorization", "connection"):
        assert hop not in seen.request_headers
    assert "user-agent" not in seen.request_headers  # nothing the client did not send


def test_a_body_and_a_percent_encoded_path_are_forwarded(
    faithful: MockServer, make_proxy: ProxyFactory
) -> None:
    proxy = make_proxy(faithful.url)

    created = proxy.handle(request("POST", "/v3/orders/", body={"name": "a b/ç"}))
    missing = proxy.exchange(request("GET", "/v3/orders/no such order"))

    assert json.loads(created.body)["name"] == "a b/ç"
    assert faithful.journal.calls(operation_id="create_order").last.request_json() == {
        "name": "a b/ç"
    }
    assert missing.response.status == 404
    assert faithful.journal.last.path == "/v3/orders/no such order"
    assert missing.violations == ()


# -- request violations --------------------------------------------------------------------


def test_a_request_without_its_key_is_forwarded_and_reported(
    faithful: MockServer, make_proxy: ProxyFactory, caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[Violation] = []
    proxy = make_proxy(faithful.url, on_violation=seen.append)

    with caplog.at_level(logging.WARNING, logger="mock_server.proxy"):
        result = proxy.exchange(request("GET", "/v3/orders/", key=None))

    assert result.response.status == 401  # the upstream's answer, not the proxy's
    assert faithful.journal.called
    assert header_violations(result.response.headers) == [
        {
            "location": ["request", "headers", "x-api-key"],
            "severity": "Error",
            "code": 401,
            "message": "Missing API key: send it in the 'x-api-key' header",
        }
    ]
    assert seen == list(result.violations)
    assert_logged_once(caplog, "list_orders", "request.headers.x-api-key")


def test_a_request_body_violation_names_the_field(
    faithful: MockServer, make_proxy: ProxyFactory
) -> None:
    proxy = make_proxy(faithful.url)

    result = proxy.exchange(request("POST", "/v3/orders/", body={"name": 5}))

    [violation] = header_violations(result.response.headers)
    assert violation["location"] == ["request", "json", "name"]
    assert violation["code"] == "type"
    assert "'name'" in violation["message"]


def test_a_path_the_spec_does_not_declare_is_forwarded_and_reported(
    faithful: MockServer, make_proxy: ProxyFactory
) -> None:
    proxy = make_proxy(faithful.url)

    unknown = proxy.exchange(request("GET", "/v3/nowhere"))
    wrong_method = proxy.exchange(request("PUT", "/v3/orders/"))

    assert faithful.journal.call_count == 2
    assert unknown.operation_id is None
    assert [(v.location, v.code) for v in unknown.violations] == [(("request",), 404)]
    [violation] = wrong_method.violations
    assert violation.code == 405
    assert "allowed: GET, HEAD, POST" in violation.message


def test_a_head_request_is_checked_as_its_get_without_a_body(
    faithful: MockServer, make_proxy: ProxyFactory
) -> None:
    result = make_proxy(faithful.url).exchange(request("HEAD", "/v3/orders/"))

    assert (result.operation_id, result.response.status) == ("list_orders", 200)
    assert result.response.body == b""
    assert result.violations == ()


# -- a drifted upstream --------------------------------------------------------------------


def test_a_drifted_response_field_is_named(
    drifted: MockServer, make_proxy: ProxyFactory, caplog: pytest.LogCaptureFixture
) -> None:
    proxy = make_proxy(drifted.url)

    with caplog.at_level(logging.WARNING, logger="mock_server.proxy"):
        result = proxy.exchange(request("POST", "/v3/orders/", body=ORDER))

    assert result.response.status == 200
    assert json.loads(result.response.body)["total_images"] == "none"  # passed on as is
    assert header_violations(result.response.headers) == [
        {
            "location": ["response", "body", "total_images"],
            "severity": "Error",
            "code": "type",
            "message": "'total_images' must be a number",
        }
    ]
    assert_logged_once(caplog, "create_order", "response.body.total_images")


def test_a_drifted_field_inside_a_list_is_named_with_its_index(
    drifted: MockServer, make_proxy: ProxyFactory
) -> None:
    proxy = make_proxy(drifted.url)

    result = proxy.exchange(request("GET", "/v3/orders/"))

    locations = {tuple(v["location"]) for v in header_violations(result.response.headers)}
    assert all(loc[:3] == ("response", "body", "orders") for loc in locations), locations
    assert all(loc[-1] == "total_images" for loc in locations), locations


def test_every_violation_is_journaled_with_its_exchange(
    drifted: MockServer, make_proxy: ProxyFactory
) -> None:
    proxy = make_proxy(drifted.url)

    proxy.handle(request("POST", "/v3/orders/", body=ORDER, key=None))

    entry = proxy.journal.last
    assert entry.operation_id == "create_order"
    assert entry.request_headers.get("x-api-key") is None
    listed = json.loads(entry.response_headers[VIOLATIONS_HEADER])
    assert [v["location"][0] for v in listed] == ["request"]  # the upstream answered 401


# -- responses no mock sends ---------------------------------------------------------------


def transport_proxy(make_proxy: ProxyFactory, handler: Callable[[httpx.Request], httpx.Response]):
    client = httpx.Client(transport=httpx.MockTransport(handler))
    return make_proxy("http://upstream.invalid", client=client), client


@pytest.mark.parametrize(
    ("answer", "code", "location"),
    [
        (httpx.Response(418, json={}), "status", ["response"]),
        (httpx.Response(200, text="hi"), "content-type", ["response"]),
        (
            httpx.Response(200, content=b"{", headers={"content-type": "application/json"}),
            "json",
            ["response", "body"],
        ),
        (httpx.Response(200, json=[]), "type", ["response", "body"]),
    ],
    ids=["undeclared status", "undeclared media type", "broken json", "wrong root type"],
)
def test_response_level_violations(
    make_proxy: ProxyFactory, answer: httpx.Response, code: str, location: list[str]
) -> None:
    proxy, _ = transport_proxy(make_proxy, lambda _request: answer)

    result = proxy.exchange(request("GET", "/v3/orders/"))

    assert result.response.status == answer.status_code
    assert result.response.body == answer.content
    [violation] = header_violations(result.response.headers)
    assert (violation["code"], violation["location"]) == (code, location)


def test_an_encoded_body_is_passed_on_decoded_and_hop_headers_are_dropped(
    make_proxy: ProxyFactory,
) -> None:
    page = {"next_offset": None, "per_page": 5}
    body = json.dumps({"orders": [], "pagination": page}).encode()
    answer = httpx.Response(
        200,
        content=gzip.compress(body),
        headers={
            "content-type": "application/json",
            "content-encoding": "gzip",
            "connection": "close",
            "x-request-id": "r-1",
        },
    )
    proxy, client = transport_proxy(make_proxy, lambda _request: answer)

    response = proxy.handle(request("GET", "/v3/orders/"))

    assert response.body == body
    assert response.headers == {"x-request-id": "r-1"}
    assert response.content_type == "application/json"
    proxy.close()
    assert not client.is_closed  # a client handed in belongs to the caller


# -- the upstream fails --------------------------------------------------------------------


def test_an_unreachable_upstream_answers_502(make_proxy: ProxyFactory) -> None:
    upstream = f"http://127.0.0.1:{free_port()}"
    proxy = make_proxy(upstream)

    result = proxy.exchange(request("GET", "/v3/orders/"))

    assert result.response.status == 502
    assert result.response.json == {
        "error": "Bad Gateway",
        "message": f"The upstream {upstream} could not be reached",
    }
    assert result.upstream_response is None
    assert proxy.journal.last.status == 502


def test_a_body_the_edge_did_not_read_is_not_forwarded(
    faithful: MockServer, make_proxy: ProxyFactory
) -> None:
    unread = UnreadBody(too_large=True, message="Request body too large (limit 10 bytes)")
    sent = replace(request("POST", "/v3/orders/", body=ORDER), body=b"", unread=unread)

    result = make_proxy(faithful.url).exchange(sent)

    assert result.response.status == 413
    assert result.response.json["message"] == unread.message
    assert not faithful.journal.called
    assert [v.code for v in result.violations] == [413]


def test_an_upstream_that_drops_the_connection_answers_502(
    faithful: MockServer, make_proxy: ProxyFactory
) -> None:
    faithful.faults.set("list_orders", Fault(drop=True))

    assert make_proxy(faithful.url).handle(request("GET", "/v3/orders/")).status == 502


def test_an_upstream_that_never_answers_times_out_with_502(make_proxy: ProxyFactory) -> None:
    with socket.socket() as silent:  # accepts connections (backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        proxy = make_proxy(f"http://127.0.0.1:{silent.getsockname()[1]}", timeout=0.2)

        assert proxy.handle(request("GET", "/v3/orders/")).status == 502


# -- the header --------------------------------------------------------------------------------


def test_the_header_is_prisms_compact_json() -> None:
    violations = [
        Violation(location=("response", "body", "a"), code="type", message="é"),
        Violation(location=("request",), code=401, message="no key"),
    ]

    assert violations_header(violations) == (
        '[{"location":["response","body","a"],"severity":"Error","code":"type",'
        '"message":"\\u00e9"},'
        '{"location":["request"],"severity":"Error","code":401,"message":"no key"}]'
    )
    assert violations_header([]) is None


def test_a_long_header_is_cut_as_prism_cuts_it() -> None:
    many = [Violation(location=("response", "body"), code="required", message="x" * 200)] * 100

    value = violations_header(many)

    assert value is not None
    assert value.startswith("Too many violations! [{")
    assert len(value) == len("Too many violations! ") + 8 * 1024 - 100


# -- served over HTTP ---------------------------------------------------------------------


def wsgi_app(proxy: Proxy) -> Any:
    """The recipe docs/PROXY.md gives an edge: read the request once, call handle, wire it."""

    def app(environ: Any, start_response: Any) -> list[bytes]:
        incoming = Request(environ)
        headers = {name.lower(): value for name, value in incoming.headers.items()}
        query = environ.get("QUERY_STRING", "")
        data = request_data(incoming.method, incoming.path, query, headers, incoming.get_data())
        status, wire_headers, body = wire(proxy.handle(data))
        start_response(status_line(status), wire_headers)
        return [] if incoming.method == "HEAD" else [body]

    return app


def test_over_http_the_client_sees_the_upstream_answer_and_the_header(
    drifted: MockServer, make_proxy: ProxyFactory
) -> None:
    server = make_server("127.0.0.1", 0, wsgi_app(make_proxy(drifted.url)), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        answer = httpx.post(
            f"http://127.0.0.1:{server.server_port}/v3/orders/",
            json=ORDER,
            headers={"x-api-key": KEY},
        )
    finally:
        server.shutdown()
        thread.join()

    assert answer.status_code == 200
    assert answer.json()["total_images"] == "none"
    [violation] = header_violations(answer.headers)
    assert violation["location"] == ["response", "body", "total_images"]


# -- building one from options -----------------------------------------------------------------


def test_open_proxy_builds_from_an_api_name_or_a_spec(tmp_path: Path) -> None:
    with open_proxy("autoenhance", upstream="https://api.autoenhance.ai/") as proxy:
        assert proxy.upstream == "https://api.autoenhance.ai"
        assert proxy.recorder is None
        assert "x-api-key" in proxy.redactor.header_names
    with open_proxy(
        spec=bundled_spec("aihomedesign"), upstream="http://127.0.0.1:1", record=tmp_path
    ) as proxy:
        assert proxy.spec.title.startswith("AI HomeDesign")
        assert proxy.recorder is not None
        assert proxy.recorder.mappings_dir == tmp_path / "mappings"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"upstream": "https://api.autoenhance.ai"}, "API name or a spec path"),
        ({"api": "autoenhance", "upstream": "api.autoenhance.ai"}, "http:// or https://"),
    ],
)
def test_open_proxy_refuses_incomplete_options(options: dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        open_proxy(**options)


def test_an_upstream_answer_over_the_limit_is_a_502(
    make_proxy: ProxyFactory, faithful: MockServer
) -> None:
    proxy = make_proxy(faithful.url, max_body_bytes=10)
    answer = proxy.handle(
        RequestData(method="GET", path="/v3/orders/", headers={"x-api-key": "test-key"})
    )
    assert answer.status == 502


def test_an_unreachable_upstream_logs_no_query_secret(
    make_proxy: ProxyFactory, caplog: pytest.LogCaptureFixture
) -> None:
    proxy = make_proxy(f"http://127.0.0.1:{free_port()}")
    query = "api_key=qs-secret-5678"
    with caplog.at_level(logging.DEBUG):
        answer = proxy.handle(
            RequestData(
                method="GET",
                path="/v3/orders/",
                query={"api_key": ("qs-secret-5678",)},
                query_string=query,
            )
        )
    assert answer.status == 502
    assert caplog.records
    assert "qs-secret-5678" not in caplog.text


def test_the_cli_logs_keep_httpx_urls_out() -> None:
    from mock_server.cli._logs import configure_logging

    root = logging.getLogger()
    before = (root.level, list(root.handlers), logging.getLogger("httpx").level)
    lookups = (logging._srcfile, logging.logThreads, logging.logProcesses)
    try:
        configure_logging("info")
        assert not logging.getLogger("httpx").isEnabledFor(logging.INFO)
    finally:
        root.setLevel(before[0])
        root.handlers[:] = before[1]
        logging.getLogger("httpx").setLevel(before[2])
        logging._srcfile, logging.logThreads, logging.logProcesses = lookups
