"""The socket breaker under the edges, and what each edge does where it has no socket."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

import pytest
from werkzeug.test import Client

from mock_server import app as app_module
from mock_server.app import MockApp
from mock_server.clock import Clock
from mock_server.engine import EngineOptions
from mock_server.faults import Fault
from mock_server.site import _sockets
from mock_server.site._sockets import break_connection, find_connection, parse_address
from mock_server.types import ConnectionFault
from mock_server.vendors import build_engine


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("127.0.0.1:8080", ("127.0.0.1", 8080)),
        ("[::1]:443", ("::1", 443)),
        ("::1:443", ("::1", 443)),
        ("", None),
        (None, None),
        ("host:port", None),
    ],
)
def test_parse_address(text: str | None, address: tuple[str, int] | None) -> None:
    assert parse_address(text) == address


def _pair() -> tuple[socket.socket, socket.socket, socket.socket]:
    """A listening socket and a connected client and server end."""
    listener = socket.create_server(("127.0.0.1", 0))
    client = socket.create_connection(listener.getsockname())
    server, _ = listener.accept()
    return listener, client, server


def test_find_connection_finds_the_servers_end_by_both_addresses() -> None:
    listener, client, server = _pair()
    with listener, client, server:
        found = find_connection(server.getsockname(), server.getpeername())
        assert found == server.fileno()
        assert find_connection(server.getsockname(), ("127.0.0.1", 1)) is None


def test_find_connection_without_proc_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_sockets, "_PROC_FDS", "/nonexistent/fd")
    listener, client, server = _pair()
    with listener, client, server:
        assert find_connection(server.getsockname(), server.getpeername()) is None


@pytest.mark.parametrize(
    ("fault", "received", "error"),
    [
        (ConnectionFault.RESET, None, ConnectionResetError),
        (ConnectionFault.EMPTY, b"", None),
        (ConnectionFault.MALFORMED_CHUNK, _sockets.MALFORMED_CHUNK, None),
    ],
)
def test_break_connection_leaves_a_dead_descriptor(
    fault: ConnectionFault, received: bytes | None, error: type[Exception] | None
) -> None:
    listener, client, server = _pair()
    with listener, client, server:
        break_connection(server.fileno(), fault)
        client.settimeout(5)
        if error is not None:
            with pytest.raises(error):
                client.recv(1024)
        else:
            got = b""
            while chunk := client.recv(1024):
                got += chunk
            assert got == received
        with pytest.raises(BrokenPipeError):  # what the server writes next goes nowhere
            server.sendall(b"HTTP/1.1 502 Bad Gateway\r\n\r\n")


def test_random_data_is_seeded_and_never_an_http_answer() -> None:
    listener, client, server = _pair()
    with listener, client, server:
        break_connection(server.fileno(), ConnectionFault.RANDOM_THEN_CLOSE)
        client.settimeout(5)
        got = b""
        while chunk := client.recv(1024):
            got += chunk
    assert len(got) == 64
    assert not got.startswith(b"HTTP/")


class _Stream:
    def __init__(self) -> None:
        self.sent: list[bytes] = []

    async def send_bytes(self, data: bytes) -> None:
        self.sent.append(data)


class _Protocol:
    """An RSGI protocol that records what the edge sends."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any, Any]] = []
        self.stream = _Stream()

    async def __call__(self) -> bytes:
        return b""

    def response_empty(self, status: int, headers: list[tuple[str, str]]) -> None:
        self.calls.append(("empty", status, headers))

    def response_stream(self, status: int, headers: list[tuple[str, str]]) -> _Stream:
        self.calls.append(("stream", status, headers))
        return self.stream


class _Scope:
    method = "GET"
    path = "/v3/orders/"
    query_string = ""
    headers = {"x-api-key": "test-key"}  # noqa: RUF012 (a stand-in for granian's scope)
    server = "127.0.0.1:1"
    client = "127.0.0.1:2"


def _app() -> MockApp:
    engine = build_engine("autoenhance", clock=Clock(manual=True), options=EngineOptions())
    engine.faults.set("list_orders", Fault(drop=True))
    return MockApp(engine)


def test_rsgi_without_the_socket_falls_back_to_a_truncated_502() -> None:
    # No socket has these addresses (as on another OS, or HTTP/2): the nearest RSGI allows.
    protocol = _Protocol()
    with pytest.raises(app_module._DroppedConnectionError):
        asyncio.run(_app().__rsgi__(_Scope(), protocol))
    assert protocol.calls == [("stream", 502, [("content-length", "1024")])]
    assert protocol.stream.sent == [b"\0"]


def test_rsgi_breaks_the_socket_it_finds_then_answers_into_the_dead_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken: list[tuple[int, ConnectionFault]] = []
    monkeypatch.setattr(app_module, "find_connection", lambda local, peer: 99)
    monkeypatch.setattr(app_module, "break_connection", lambda fd, f: broken.append((fd, f)))
    protocol = _Protocol()
    asyncio.run(_app().__rsgi__(_Scope(), protocol))
    assert broken == [(99, ConnectionFault.RESET)]
    assert protocol.calls == [("empty", 502, [])]


def test_wsgi_without_a_socket_answers_a_bodiless_502() -> None:
    # werkzeug's test client hands no socket over: nothing to break, so the status shows.
    response = Client(_app()).get("/v3/orders/", headers={"x-api-key": "test-key"})
    assert (response.status_code, response.get_data()) == (502, b"")
    assert response.headers["x-mock-reason"] == "injected fault: connection reset"


def test_find_connection_skips_other_sockets() -> None:
    # A UDP socket and a Unix socket pair are open too; neither is the connection.
    udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    udp.bind(("127.0.0.1", 0))
    unix_a, unix_b = socket.socketpair()
    listener, client, server = _pair()
    with udp, unix_a, unix_b, listener, client, server:
        assert find_connection(server.getsockname(), server.getpeername()) == server.fileno()
        assert find_connection(udp.getsockname(), ("127.0.0.1", 9)) is None


def test_a_socket_that_cannot_be_wrapped_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    listener, client, server = _pair()

    def refuse(*_args: object, **_kwargs: object) -> socket.socket:
        raise OSError("not a socket this Python can wrap")

    with listener, client, server:
        monkeypatch.setattr(socket, "socket", refuse)
        assert find_connection(server.getsockname(), server.getpeername()) is None


@pytest.mark.parametrize(
    ("text", "host"),
    [("::ffff:127.0.0.1", "127.0.0.1"), ("fe80::1%eth0", "fe80::1"), ("localhost", "localhost")],
)
def test_one_spelling_per_address(text: str, host: str) -> None:
    assert _sockets._host(text) == host


def test_wsgi_with_a_closed_socket_answers_a_bodiless_502() -> None:
    closed = socket.socket()
    closed.close()
    environ_extra = {"werkzeug.socket": closed}
    response = Client(_app()).get(
        "/v3/orders/", headers={"x-api-key": "test-key"}, environ_overrides=environ_extra
    )
    assert (response.status_code, response.get_data()) == (502, b"")
