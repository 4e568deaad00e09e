"""Issue 20 ("one front door"): every measured case, against the CLI and in-process.

``cli`` is a fresh ``mock-server`` child process (granian, real sockets); ``transport``
is the same site built as the CLI builds it, answered through the in-process httpx
transport (``EngineTransport``), so both front ends are held to the same answers.
Each test starts from ``POST /__mock/reset``.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from mock_server.cli import build_parser, build_sites
from mock_server.server import EngineTransport
from mock_server.site import Site
from tests._processes import spawn_cli, stop_cli
from tests._raw_http import KEY, Reply, exchange

ORIGIN = "http://127.0.0.1"
SECRET_QUERY = "qsecret-5f1e2d3c"
ADMIN_SECRET = "adminsecret-9a8b7c"
BEARER = "bearer-6d5c4b3a"


@dataclass
class Target:
    """One way in: the CLI over a socket, or the in-process transport."""

    name: str
    port: int
    proc: subprocess.Popen[bytes] | None = None
    client: httpx.Client | None = None
    site: Site | None = None

    def call(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> Reply:
        sent = {"host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.client is not None:
            answer = self.client.request(method, path, content=body, headers=sent)
            return Reply(answer.status_code, dict(answer.headers), answer.content)
        lines = [f"{method} {path} HTTP/1.1", *(f"{k}: {v}" for k, v in sent.items())]
        if body:
            lines.append(f"Content-Length: {len(body)}")
        data = "\r\n".join([*lines, "Connection: close", "", ""]).encode() + body
        return exchange(self.port, data, timeout=20)

    def admin(self, method: str, path: str, value: Any = None, **headers: str) -> Reply:
        body = b"" if value is None else json.dumps(value).encode()
        if body:
            headers.setdefault("content-type", "application/json")
        return self.call(method, path, body, {k.replace("_", "-"): v for k, v in headers.items()})


@pytest.fixture(scope="module", params=["cli", "transport"])
def target(request: pytest.FixtureRequest) -> Iterator[Target]:
    if request.param == "cli":
        proc, ports = spawn_cli()
        yield Target("cli", ports["autoenhance"], proc=proc)
        stop_cli(proc)
        return
    args = build_parser().parse_args(["--api", "autoenhance", "--api-key", KEY])
    site = build_sites(args)[0].app.site
    client = httpx.Client(transport=EngineTransport(site), base_url="http://127.0.0.1:4011")
    yield Target("transport", 4011, client=client, site=site)
    client.close()
    site.engine.clock.stop()


@pytest.fixture(autouse=True)
def _reset(target: Target) -> None:
    assert target.admin("POST", "/__mock/reset").status == 204


def _mappings(target: Target) -> int:
    reply = target.admin("GET", "/__admin/mappings")
    assert reply.status == 200, reply
    total: int = reply.json()["meta"]["total"]
    return total


# --- 1. cross-site requests and pages from the mock's origin --------------------------------


def test_1_a_cross_site_stub_post_is_refused_and_stores_nothing(target: Target) -> None:
    reply = target.call(
        "POST",
        "/__admin/mappings",
        b'{"request":{"urlPath":"/x"},"response":{}}',
        {
            "origin": "http://evil.example",
            "sec-fetch-site": "cross-site",
            "content-type": "text/plain",
        },
    )
    assert reply.status == 403
    assert _mappings(target) == 0


@pytest.mark.parametrize("path", ["/__admin/reset", "/__mock/reset"])
def test_1_a_form_post_cannot_reset(target: Target, path: str) -> None:
    form = {"content-type": "application/x-www-form-urlencoded"}
    assert target.call("POST", path, b"a=1", form).status == 415
    assert target.call("POST", path, b"a=1", {**form, "origin": "null"}).status == 403


def test_1_a_stub_answer_cannot_act_as_a_page_of_the_mock(target: Target) -> None:
    stub = {
        "request": {"urlPath": "/page"},
        "response": {
            "status": 200,
            "body": "<script>1</script>",
            "headers": {"Content-Type": "text/html"},
        },
    }
    assert target.admin("POST", "/__admin/mappings", stub).status == 201
    reply = target.call("GET", "/page")
    assert reply.status == 200
    # A sandboxed page has an opaque origin: its requests carry "Origin: null" (403).
    assert reply.headers["content-security-policy"] == "sandbox"
    assert reply.headers["x-content-type-options"] == "nosniff"


# --- 2. DNS rebinding ---------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/__admin/requests", "/__mock/journal", "/__admin/mappings"])
def test_2_a_foreign_host_name_is_refused(target: Target, path: str) -> None:
    assert target.admin("GET", path, host="rebind.attacker.example:4011").status == 403


# --- 3. one redacted journal, two views -----------------------------------------------------


def test_3_both_journal_views_redact_keys_and_query_secrets(target: Target) -> None:
    headers = {
        "x-api-key": KEY,
        "authorization": f"Bearer {BEARER}",
        "x-mock-admin-key": ADMIN_SECRET,
    }
    target.call("GET", f"/v3/orders/?api_key={SECRET_QUERY}&token={SECRET_QUERY}", b"", headers)
    body = json.dumps({"name": KEY.replace("-", "\\u002d")}).replace("\\\\", "\\").encode()
    target.call("POST", "/v3/orders/", body, {"x-api-key": KEY, "content-type": "application/json"})
    for path in ("/__admin/requests", "/__mock/journal"):
        reply = target.admin("GET", path)
        assert reply.status == 200
        text = reply.body.decode()
        assert "/v3/orders/" in text
        for secret in (KEY, SECRET_QUERY, ADMIN_SECRET, BEARER, "hardening\\\\u002d"):
            assert secret not in text, (path, secret)


def test_3_clearing_one_view_clears_the_other(target: Target) -> None:
    target.call("GET", "/v3/orders/", b"", {"x-api-key": KEY})
    assert target.admin("GET", "/__admin/requests").json()["meta"]["total"] == 1
    assert target.admin("DELETE", "/__mock/journal").status == 204
    assert target.admin("GET", "/__admin/requests").json()["meta"]["total"] == 0


# --- 4. hostile admin input ---------------------------------------------------------------


def test_4_deep_admin_json_is_a_4xx(target: Target) -> None:
    reply = target.call(
        "POST", "/__admin/mappings", b"[" * 100_000, {"content-type": "application/json"}
    )
    assert 400 <= reply.status < 500


def test_4_a_non_ascii_digit_limit_is_a_400(target: Target) -> None:
    assert target.admin("GET", "/__admin/requests?limit=%C2%B2").status == 400
    assert target.admin("GET", "/__admin/mappings?limit=%C2%B2").status == 400


def test_4_a_lone_surrogate_stub_is_refused_and_listing_still_works(target: Target) -> None:
    body = b'{"name": "\\ud800", "request": {"urlPath": "/s"}, "response": {"status": 200}}'
    reply = target.call("POST", "/__admin/mappings", body, {"content-type": "application/json"})
    assert 400 <= reply.status < 500
    assert _mappings(target) == 0
    assert target.admin("GET", "/__admin/requests").status == 200


def test_4_an_import_with_one_bad_mapping_imports_nothing(target: Target) -> None:
    good = {"request": {"urlPath": "/g"}, "response": {"status": 200}}
    deep: Any = {"request": {"urlPath": "/d"}, "response": {"status": 200, "jsonBody": []}}
    inner = deep["response"]["jsonBody"]
    for _ in range(70):
        inner.append([])
        inner = inner[0]
    reply = target.admin("POST", "/__admin/mappings/import", {"mappings": [good, deep, good]})
    assert 400 <= reply.status < 500
    assert _mappings(target) == 0


# --- 5. stubs never see an unvalidated body -------------------------------------------------


def test_5_a_huge_number_body_with_an_equal_to_json_stub_is_the_vendors_401(
    target: Target,
) -> None:
    stub = {
        "request": {
            "method": "POST",
            "urlPath": "/v3/orders/",
            "bodyPatterns": [{"equalToJson": {"a": 1}}],
        },
        "response": {"status": 200},
    }
    assert target.admin("POST", "/__admin/mappings", stub).status == 201
    reply = target.call("POST", "/v3/orders/", b"9" * 5000, {"content-type": "application/json"})
    assert reply.status == 401, reply


# --- 6 and 7. webhooks ----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/__admin/reset", "/__mock/reset", "/%5F%5Fadmin/reset"])
def test_6_a_webhook_can_never_drive_the_mock(target: Target, path: str) -> None:
    url = f"http://127.0.0.1:{target.port}{path}"
    reply = target.admin("PUT", "/__mock/webhook", {"url": url})
    assert reply.status == 400
    assert "admin" in reply.body.decode()


# Only a served site has ports of its own.
@pytest.mark.parametrize("target", ["cli"], indirect=True)
def test_6_a_webhook_to_the_mocks_own_port_is_refused(target: Target) -> None:
    reply = target.admin("PUT", "/__mock/webhook", {"url": f"http://localhost:{target.port}/v3/x"})
    assert reply.status == 400
    assert "the mock itself" in reply.body.decode()


def test_7_a_webhook_token_never_shows(target: Target) -> None:
    url = f"http://127.0.0.1:9/hook a?token={SECRET_QUERY}"
    assert target.admin("PUT", "/__mock/webhook", {"url": url}).status == 200
    seen = target.admin("GET", "/__mock/webhook")
    deliveries = seen.json()["deliveries"]
    assert deliveries and deliveries[0]["error"], deliveries  # webhook_updated failed
    for path in ("/__mock/webhook", "/__mock/journal", "/__admin/requests"):
        assert SECRET_QUERY not in target.admin("GET", path).body.decode(), path


# --- 9. a status no server can send ----------------------------------------------------------


@pytest.mark.parametrize("status", [0, 99, 1000])
def test_9_a_stub_status_outside_http_never_reaches_the_server(target: Target, status: int) -> None:
    stub = {"request": {"urlPath": "/bad"}, "response": {"status": status}}
    created = target.admin("POST", "/__admin/mappings", stub)
    if created.status == 201:  # stored (the stub compiler may refuse it: also fine)
        assert target.call("GET", "/bad").status == 500
    else:
        assert 400 <= created.status < 500
    assert target.call("GET", "/v3/orders/", b"", {"x-api-key": KEY}).status == 200


# --- 10. memory ------------------------------------------------------------------------------


def test_10_journal_bodies_are_cut_when_recorded(target: Target) -> None:
    big = b"x" * (3 * 1024 * 1024)
    target.call("POST", "/v3/orders/", big, {"content-type": "application/json"})
    journal = target.admin("GET", "/__mock/journal?body_bytes=65536").json()
    assert journal[-1]["request_size"] == len(big)
    assert len(journal[-1]["request_body"]) <= 64 * 1024
    logged = target.admin("GET", "/__admin/requests").json()["requests"][0]
    assert len(logged["request"]["body"]) <= 64 * 1024


@pytest.mark.parametrize("path", ["/__mock/faults", "/__admin/mappings"])
def test_10_an_oversize_admin_body_is_a_413(target: Target, path: str) -> None:
    body = b'{"a":"' + b"x" * (2 * 1024 * 1024) + b'"}'
    reply = target.call("POST", path, body, {"content-type": "application/json"})
    assert reply.status == 413


# Chunked framing exists on a socket only.
@pytest.mark.parametrize("target", ["cli"], indirect=True)
def test_10_a_chunked_oversize_admin_body_is_a_413(target: Target) -> None:
    chunk = b"x" * 65536
    framed = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(20)) + b"0\r\n\r\n"
    head = (
        f"POST /__mock/faults HTTP/1.1\r\nHost: 127.0.0.1:{target.port}\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    ).encode()
    assert exchange(target.port, head + framed, timeout=20).status == 413


def test_10_a_huge_stub_delay_is_refused(target: Target) -> None:
    stub = {
        "request": {"urlPath": "/slow"},
        "response": {"status": 200, "fixedDelayMilliseconds": 10**14},
    }
    created = target.admin("POST", "/__admin/mappings", stub)
    assert created.status == 422, created  # over the 60 s a stub may wait
    assert "fixedDelayMilliseconds" in created.body.decode()
    assert _mappings(target) == 0


# --- 11. the same answers in-process and over HTTP -------------------------------------------


@pytest.mark.parametrize("path", ["/__mock/health", "/__admin/mappings", "/openapi.json", "/docs"])
def test_11_every_route_answers_in_process(target: Target, path: str) -> None:
    assert target.call("GET", path).status == 200


@pytest.mark.parametrize("path", ["/openapi.json", "/__mock/health", "/v3/orders/"])
def test_11_head_has_the_get_headers_and_no_body(target: Target, path: str) -> None:
    get = target.call("GET", path, b"", {"x-api-key": KEY})
    head = target.call("HEAD", path, b"", {"x-api-key": KEY})
    assert head.status == get.status
    assert head.body == b""
    for name in ("content-type", "content-length"):
        assert head.headers.get(name) == get.headers.get(name), name


def test_5_an_opted_out_stub_that_cannot_read_the_body_leaves_it_to_the_vendor(
    target: Target,
) -> None:
    stub = {
        "request": {
            "method": "POST",
            "urlPath": "/v3/orders/",
            "bodyPatterns": [{"equalToJson": {"a": 1}}],
        },
        "response": {"status": 200},
        "metadata": {"mock-server": {"validate": False}},
    }
    assert target.admin("POST", "/__admin/mappings", stub).status == 201
    reply = target.call("POST", "/v3/orders/", b"9" * 5000, {"content-type": "application/json"})
    assert reply.status == 401, reply
