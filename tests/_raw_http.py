"""Raw HTTP against the mocks, for the hardening tests: servers built as the CLI builds them.

Malformed requests are sent as raw bytes over a socket, because well-behaved clients
(httpx, http.client) refuse to send most of them. Every server here is a
``mock_server.server.MockServer`` on 127.0.0.1 whose engine is built exactly as the
``mock-server`` CLI builds it (``mock_server.cli.build_sites``).
"""

from __future__ import annotations

import http.client
import json
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

HOST = "127.0.0.1"
# Distinctive keys, so a redaction check cannot pass because a short key went unnoticed.
KEY = "hardening-key-7f3a9c1e"
WRONG_KEY = "wrong-key-5b2e8d40"
ADMIN_KEY = "admin-key-c0ffee42"


# --- building servers -----------------------------------------------------------------


def build_engine(api: str, *extra_args: str) -> Any:
    """The engine ``mock-server --api <api> --api-key KEY --strict`` would serve."""
    from mock_server.cli import build_parser, build_sites

    args = build_parser().parse_args(["--api", api, "--api-key", KEY, "--strict", *extra_args])
    return build_sites(args)[0].app.engine


def start_server(api_or_engine: Any, **server_options: Any) -> Any:
    """Start a MockServer for an API name (a new engine) or around an existing engine."""
    from mock_server.server import MockServer

    engine = build_engine(api_or_engine) if isinstance(api_or_engine, str) else api_or_engine
    server = MockServer(engine, **server_options)
    server.start()
    return server


# --- raw HTTP -----------------------------------------------------------------------


@dataclass(frozen=True)
class Reply:
    """One parsed response: status, lower-cased headers, body bytes."""

    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        """The body, decoded as JSON."""
        return json.loads(self.body)


def raw_request(
    method: bytes | str,
    target: bytes | str,
    headers: Sequence[tuple[bytes | str, bytes | str]] = (),
    body: bytes = b"",
    *,
    content_length: int | None = None,
) -> bytes:
    """Build request bytes; nothing is checked or escaped."""

    def b(value: bytes | str) -> bytes:
        return value if isinstance(value, bytes) else value.encode("utf-8")

    lines = [b(method) + b" " + b(target) + b" HTTP/1.1", b"Host: " + HOST.encode()]
    lines += [b(k) + b": " + b(v) for k, v in headers]
    length = len(body) if content_length is None else content_length
    if body or content_length is not None:
        lines.append(b"Content-Length: " + str(length).encode())
    lines.append(b"Connection: close")
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def exchange(port: int, data: bytes, *, half_close: bool = False, timeout: float = 30) -> Reply:
    """Send ``data`` on a new connection and parse the one response."""
    with socket.create_connection((HOST, port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
            if half_close:
                sock.shutdown(socket.SHUT_WR)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer (and close) before reading everything
        method = data.split(b" ", 1)[0].decode("latin-1")
        response = http.client.HTTPResponse(sock, method=method)
        response.begin()
        body = response.read()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, body)


def send(port: int, method: str, path: str, body: Any = None, key: str | None = KEY) -> Reply:
    """A well-formed request (JSON body if given) with the API key."""
    headers = [("x-api-key", key)] if key is not None else []
    data = b""
    if body is not None:
        data = json.dumps(body).encode()
        headers.append(("content-type", "application/json"))
    return exchange(port, raw_request(method, path, headers, data))


# --- fixtures of state ----------------------------------------------------------------


def upload_order_image(port: int) -> str:
    """Create an AI HomeDesign order by uploading a 1x1 PNG; return its ``order_id``."""
    boundary = "hardening-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="service_name"\r\n\r\n'
            "service-item-removal\r\n"
            f'--{boundary}\r\nContent-Disposition: form-data; name="image"; '
            'filename="room.png"\r\nContent-Type: image/png\r\n\r\n'
        ).encode()
        + _PNG
        + f"\r\n--{boundary}--\r\n".encode()
    )
    headers = [("x-api-key", KEY), ("content-type", f"multipart/form-data; boundary={boundary}")]
    reply = exchange(port, raw_request("POST", "/v1/order/image", headers, body))
    assert reply.status == 200, reply
    order_id = reply.json()["order_id"]
    assert isinstance(order_id, str)
    return order_id


# A valid 1x1 PNG.
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
    "0000000c49444154789c63f8ffff3f0005fe02fe0def46b80000000049454e44ae426082"
)
