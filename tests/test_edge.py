"""The standalone server's edge under hostile clients and shutdown, as users run it.

Each test starts ``mock-server`` (granian, the default) as a child process on free ports.
"""

from __future__ import annotations

import re
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING

import httpx
import pytest

if TYPE_CHECKING:
    from tests._processes import Started

pytest_plugins = ["tests._processes"]  # the start_cli fixture

KEY = {"x-api-key": "test-key"}
CHECKS = {
    "AI HomeDesign API": "/v1/catalog/spaces?service_name=service-ai-virtual-staging",
    "Autoenhance.ai API": "/v3/orders/",
}


def _urls(out: str) -> dict[str, str]:
    found = re.findall(r"^(.+?): http://\S+ \(base_url (http://127\.0\.0\.1:\d+)\)", out, re.M)
    return dict(found)


def _port(url: str) -> int:
    return int(url.rsplit(":", 1)[1])


@contextmanager
def _stalled(port: int, count: int, first_bytes: bytes) -> Iterator[list[socket.socket]]:
    """``count`` connections that each send ``first_bytes`` and then nothing."""
    with ExitStack() as stack:
        sockets = []
        for _ in range(count):
            sock = stack.enter_context(socket.create_connection(("127.0.0.1", port), timeout=5))
            sock.sendall(first_bytes)
            sockets.append(sock)
        yield sockets


@pytest.mark.parametrize("count", [16, 200])
@pytest.mark.parametrize(
    "first_bytes",
    [b"G", b"POST /v3/orders/ HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"],
    ids=["half-a-request-line", "half-a-body"],
)
def test_stalled_clients_do_not_stop_the_others(
    start_cli: Callable[..., Started], count: int, first_bytes: bytes
) -> None:
    _, out = start_cli("--aihomedesign-port", "0", "--autoenhance-port", "0")
    urls = _urls(out)
    with ExitStack() as stack:
        for url in urls.values():
            stack.enter_context(_stalled(_port(url), count, first_bytes))
        with httpx.Client(timeout=5) as http:
            for title, url in urls.items():
                assert http.get(url + CHECKS[title], headers=KEY).status_code == 200, title
            assert http.get(urls["Autoenhance.ai API"] + "/__mock/health").status_code == 200


def test_slow_headers_are_cut_and_a_slow_body_gets_408(start_cli: Callable[..., Started]) -> None:
    _, out = start_cli(
        "--api", "autoenhance", "--autoenhance-port", "0",
        "--header-timeout", "1", "--body-timeout", "1",
    )  # fmt: skip
    port = _port(_urls(out)["Autoenhance.ai API"])
    with socket.create_connection(("127.0.0.1", port), timeout=5) as headers_only:
        headers_only.sendall(b"GET /v3/orders/ HTTP/1.1\r\nHost: x\r\n")
        started = time.monotonic()
        reply = headers_only.recv(100)  # the server closes it (b"") or answers 408
        assert reply == b"" or reply.startswith(b"HTTP/1.1 408"), reply
        assert 0.5 < time.monotonic() - started < 4
    with socket.create_connection(("127.0.0.1", port), timeout=5) as slow_body:
        slow_body.sendall(
            b"POST /v3/orders/ HTTP/1.1\r\nHost: x\r\nx-api-key: test-key\r\n"
            b"Content-Type: application/json\r\nContent-Length: 50\r\n\r\n{"
        )
        started = time.monotonic()
        reply = slow_body.recv(1000)
        assert reply.startswith(b"HTTP/1.1 408"), reply
        assert b"Request body not received in time" in reply
        assert time.monotonic() - started < 4
    for path in (b"/__mock/faults", b"/__admin/mappings"):  # admin bodies: the same edge
        with socket.create_connection(("127.0.0.1", port), timeout=5) as slow_admin:
            slow_admin.sendall(
                b"POST " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/json\r\nContent-Length: 50\r\n\r\n{"
            )
            assert slow_admin.recv(1000).startswith(b"HTTP/1.1 408"), path


def test_sigterm_lets_the_request_in_flight_finish_and_exits_0(
    start_cli: Callable[..., Started],
) -> None:
    proc, out = start_cli("--api", "autoenhance", "--autoenhance-port", "0")
    url = _urls(out)["Autoenhance.ai API"]
    fault = {"operation_id": "list_orders", "latency_ms": 1500, "times": 1}
    assert httpx.post(f"{url}/__mock/faults", json=fault).status_code == 201
    answers: list[int] = []

    def in_flight() -> None:
        answers.append(httpx.get(f"{url}/v3/orders/", headers=KEY, timeout=10).status_code)

    worker = threading.Thread(target=in_flight)
    worker.start()
    time.sleep(0.5)  # the request is now waiting out its latency inside the server
    stopped = time.perf_counter()
    proc.send_signal(signal.SIGTERM)
    time.sleep(0.3)
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/__mock/health", timeout=2)  # no new connections
    worker.join(timeout=10)
    assert answers == [200]
    _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert time.perf_counter() - stopped < 7  # the default drain timeout is 5 s


def test_a_drop_fault_cuts_the_response_and_serving_goes_on(
    start_cli: Callable[..., Started],
) -> None:
    _, out = start_cli("--api", "autoenhance", "--autoenhance-port", "0")
    url = _urls(out)["Autoenhance.ai API"]
    fault = {"operation_id": "list_orders", "drop": True, "times": 1}
    assert httpx.post(f"{url}/__mock/faults", json=fault).status_code == 201
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{url}/v3/orders/", headers=KEY)
    assert httpx.get(f"{url}/v3/orders/", headers=KEY).status_code == 200


def test_a_stalled_body_gets_408_under_werkzeug_too(start_cli: Callable[..., Started]) -> None:
    _, out = start_cli(
        "--api", "autoenhance", "--autoenhance-port", "0", "--server", "werkzeug",
        "--body-timeout", "1",
    )  # fmt: skip
    port = _port(_urls(out)["Autoenhance.ai API"])
    for path in (b"/v3/orders/", b"/__mock/faults"):
        with socket.create_connection(("127.0.0.1", port), timeout=5) as slow_body:
            slow_body.sendall(
                b"POST " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nx-api-key: test-key\r\n"
                b"Content-Type: application/json\r\nContent-Length: 50\r\n\r\n{"
            )
            reply = slow_body.recv(1000)
            assert reply.startswith(b"HTTP/1.1 408"), (path, reply)
