"""Connection faults look like the failures they imitate, to curl, httpx and Node's fetch.

Each fault is injected into a real server: the ``mock-server`` CLI under granian (RSGI)
and under werkzeug (WSGI), and the fixtures' ``MockServer``. A reset or an empty answer
must come before any status line: ``fetch`` then rejects, so code that checks ``res.ok``
cannot mistake it for success.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from mock_server.faults import Fault
from mock_server.media import tiny_image
from mock_server.server import MockServer
from mock_server.types import ConnectionFault

pytest_plugins = ["tests._processes"]  # registered (and assert-rewritten) before use
ROOT = Path(__file__).resolve().parent.parent

KEY = {"x-api-key": "test-key"}
NODE = shutil.which("node")
CURL = shutil.which("curl")

# What each fault looks like: curl's exit code, httpx's exception, and how fetch fails
# (``reject`` with the cause's code, or ``body`` when the status resolves first).
EXPECTED = {
    ConnectionFault.RESET: (56, httpx.ReadError, ("reject", "ECONNRESET")),
    ConnectionFault.EMPTY: (52, httpx.RemoteProtocolError, ("reject", "UND_ERR_SOCKET")),
    # The status line is part of this fault: fetch resolves, reading the body fails.
    ConnectionFault.MALFORMED_CHUNK: (
        56,
        httpx.RemoteProtocolError,
        ("body", "HPE_INVALID_CHUNK_SIZE"),
    ),
    ConnectionFault.RANDOM_THEN_CLOSE: (
        1,
        httpx.RemoteProtocolError,
        ("reject", "HPE_INVALID_CONSTANT"),
    ),
}

# Resolves to {"outcome": "reject"|"body"|"ok", "status", "ok", "code"}.
_FETCH = """
const [url, key] = process.argv.slice(1);
const say = (o) => console.log(JSON.stringify(o));
fetch(url, {headers: {"x-api-key": key}}).then(
  (res) => res.text().then(
    () => say({outcome: "ok", status: res.status, ok: res.ok}),
    (e) => say({outcome: "body", status: res.status, ok: res.ok, code: e.cause && e.cause.code}),
  ),
  (e) => say({outcome: "reject", code: e.cause && e.cause.code}),
);
"""

_FETCH_PUT = """
const say = (o) => console.log(JSON.stringify(o));
const body = new Uint8Array([0xff, 0xd8]);
fetch(process.argv[1], {method: "PUT", body, headers: {"content-type": "image/jpeg"}}).then(
  (res) => say({outcome: res.ok ? "ok" : "status", status: res.status}),
  (e) => say({outcome: "reject", code: e.cause && e.cause.code}),
);
"""


@dataclass(frozen=True)
class Served:
    url: str
    faults: str  # how to arm a fault: "http" (POST /__mock/faults) or "python"
    server: MockServer | None = None

    def arm(self, fault: ConnectionFault) -> None:
        self.inject("list_orders", {"connection": fault.value, "times": 1})

    def inject(self, operation_id: str, fault: dict[str, Any]) -> None:
        """Set a fault the way a tester would: in Python, or over ``/__mock/faults``."""
        if self.server is not None:
            self.server.faults.set(operation_id, Fault.from_dict(fault))
            return
        body = {"operation_id": operation_id, **fault}
        created = httpx.post(f"{self.url}/__mock/faults", json=body)
        assert created.status_code == 201, created.text


def _cli(*extra: str) -> Iterator[Served]:
    from tests._processes import _read_until

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = ["--api", "autoenhance", "--autoenhance-port", "0", *extra]
    proc = subprocess.Popen(
        [sys.executable, "-m", "mock_server.cli", *argv],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        out = _read_until(proc, "accepted x-api-key", timeout=10)
        line = next(x for x in out.splitlines() if x.startswith("Autoenhance.ai API: "))
        yield Served(url=line.split("(base_url ", 1)[1].rstrip(")"), faults="http")
    finally:
        proc.terminate()
        proc.communicate(timeout=10)


@pytest.fixture(scope="module", params=["granian", "werkzeug", "fixture"])
def served(request: pytest.FixtureRequest) -> Iterator[Served]:
    """The mock on each server it runs on: the CLI's two and the fixtures' thread."""
    if request.param == "granian":
        yield from _cli()
    elif request.param == "werkzeug":
        yield from _cli("--server", "werkzeug")
    else:
        with MockServer.for_api("autoenhance") as mock:
            yield Served(url=mock.url, faults="python", server=mock)


def _answered(served: Served) -> None:
    """The server goes on serving after the fault."""
    assert httpx.get(f"{served.url}/v3/orders/", headers=KEY).status_code == 200


@pytest.mark.parametrize("fault", list(ConnectionFault), ids=lambda f: f.value)
def test_httpx_sees_a_transport_error(served: Served, fault: ConnectionFault) -> None:
    served.arm(fault)
    with httpx.Client() as client, pytest.raises(EXPECTED[fault][1]):
        client.get(f"{served.url}/v3/orders/", headers=KEY)
    _answered(served)


@pytest.mark.skipif(CURL is None, reason="curl is not installed")
@pytest.mark.parametrize("fault", list(ConnectionFault), ids=lambda f: f.value)
def test_curl_fails_with_the_exit_code_of_the_failure(
    served: Served, fault: ConnectionFault
) -> None:
    served.arm(fault)
    assert CURL is not None
    url = f"{served.url}/v3/orders/"
    done = subprocess.run(
        [CURL, "-sS", "-o", os.devnull, "-D", "-", "-H", "x-api-key: test-key", url],
        capture_output=True,
        timeout=20,
        check=False,
    )
    assert done.returncode == EXPECTED[fault][0], done.stderr
    if fault is not ConnectionFault.MALFORMED_CHUNK:
        assert done.stdout == b""  # not even a status line
    _answered(served)


@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("fault", list(ConnectionFault), ids=lambda f: f.value)
def test_fetch_rejects_and_never_reports_ok(served: Served, fault: ConnectionFault) -> None:
    served.arm(fault)
    assert NODE is not None
    done = subprocess.run(
        [NODE, "-e", _FETCH, f"{served.url}/v3/orders/", "test-key"],
        capture_output=True,
        timeout=20,
        check=True,
    )
    seen = json.loads(done.stdout)
    outcome, code = EXPECTED[fault][2]
    assert (seen["outcome"], seen["code"]) == (outcome, code), seen
    _answered(served)


def test_a_wiremock_fault_breaks_the_connection_the_same_way(served: Served) -> None:
    stub = {
        "request": {"method": "GET", "urlPath": "/v3/orders/"},
        "response": {"fault": "CONNECTION_RESET_BY_PEER"},
    }
    created = httpx.post(f"{served.url}/__admin/mappings", json=stub)
    assert created.status_code == 201, created.text
    try:
        with pytest.raises(httpx.ReadError):
            httpx.get(f"{served.url}/v3/orders/", headers=KEY)
    finally:
        httpx.delete(f"{served.url}/__admin/mappings/{created.json()['id']}")
    _answered(served)


def test_the_journal_keeps_the_reason_of_a_connection_fault(served: Served) -> None:
    served.arm(ConnectionFault.EMPTY)
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.get(f"{served.url}/v3/orders/", headers=KEY)
    entries = httpx.get(f"{served.url}/__mock/journal").json()
    last = [e for e in entries if e["path"] == "/v3/orders/"][-1]
    assert last["response_headers"]["x-mock-reason"] == "injected fault: connection empty"


def _create_image(served: Served, **headers: str) -> httpx.Response:
    body = {"image_name": "living-room.jpg"}
    return httpx.post(f"{served.url}/v3/images/", json=body, headers={**KEY, **headers})


def test_an_injected_status_answers_the_vendors_body_with_retry_after(served: Served) -> None:
    preferred = _create_image(served, prefer="code=429")
    served.inject("create_image", {"status": 429, "headers": {"Retry-After": "2"}, "times": 1})
    injected = _create_image(served)
    assert injected.status_code == preferred.status_code == 429
    assert injected.json() == preferred.json()  # the operation's declared 429
    assert injected.headers["retry-after"] == "2"
    assert injected.headers["x-mock-reason"] == "injected fault: status 429"
    assert _create_image(served).status_code == 200


def test_an_injected_status_on_the_upload_url_answers_s3s_error(served: Served) -> None:
    upload_url = _create_image(served).json()["upload_url"]
    served.inject("upload", {"status": 503, "headers": {"Retry-After": "1"}, "times": 1})
    image, jpeg = {"content-type": "image/jpeg"}, tiny_image("jpeg")
    refused = httpx.put(upload_url, content=jpeg, headers=image)
    assert (refused.status_code, refused.headers["content-type"]) == (503, "application/xml")
    assert "<Code>SlowDown</Code>" in refused.text
    assert refused.headers["retry-after"] == "1"
    assert httpx.put(upload_url, content=jpeg, headers=image).status_code == 200
    entries = httpx.get(f"{served.url}/__mock/journal").json()
    puts = [e for e in entries if e["method"] == "PUT"]
    assert puts[-2]["response_headers"]["x-mock-reason"] == "injected fault: status 503"


def test_an_upload_url_can_be_reset_through_a_stub(served: Served) -> None:
    # Over HTTP a WireMock stub names the upload URL; in Python, the "unrouted" target.
    upload_url = _create_image(served).json()["upload_url"]
    stub = {
        "request": {"method": "PUT", "urlPathPattern": "/_s3/.*"},
        "response": {"fault": "CONNECTION_RESET_BY_PEER"},
    }
    created = httpx.post(f"{served.url}/__admin/mappings", json=stub)
    assert created.status_code == 201, created.text
    try:
        with pytest.raises(httpx.ReadError):
            httpx.put(upload_url, content=b"\xff\xd8", headers={"content-type": "image/jpeg"})
        if NODE is not None:  # the case: code that checks res.ok after a PUT
            done = subprocess.run(
                [NODE, "-e", _FETCH_PUT, upload_url], capture_output=True, timeout=20, check=True
            )
            assert json.loads(done.stdout) == {"outcome": "reject", "code": "ECONNRESET"}
    finally:
        httpx.delete(f"{served.url}/__admin/mappings/{created.json()['id']}")


def test_the_upload_target_resets_an_upload_on_the_fixture_server() -> None:
    with MockServer.for_api("autoenhance") as mock:
        created = httpx.post(
            f"{mock.url}/v3/images/", json={"image_name": "a.jpg"}, headers=KEY
        ).json()
        mock.faults.set("upload", Fault(drop=True, times=1))
        image, jpeg = {"content-type": "image/jpeg"}, tiny_image("jpeg")
        with pytest.raises(httpx.ReadError):
            httpx.put(created["upload_url"], content=jpeg, headers=image)
        assert httpx.put(created["upload_url"], content=jpeg, headers=image).status_code == 200
        mock.check()
