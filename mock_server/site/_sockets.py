"""Breaking a served connection the way a failing server would, before any status line.

Neither granian's RSGI nor WSGI lets an application reset its connection: granian answers
``500`` for a handler that raises, and a stream that fails after its status line still
hands the client a status. So the edges reach the socket itself (its file descriptor) and
break it here, then let the server write its answer into a dead socket pair that took the
descriptor's place: the server sees a broken pipe and drops the connection as if the
client had gone, and carries on serving others.

This needs the socket's descriptor: on Linux an RSGI edge finds it in ``/proc/self/fd``
by the connection's two addresses; a WSGI server hands its socket over. Without it
(another OS, HTTP/2) :func:`find_connection` returns None and the edge falls back.
"""

from __future__ import annotations

import contextlib
import ipaddress
import os
import random
import socket
import struct

from mock_server.types import ConnectionFault

__all__ = ["MALFORMED_CHUNK", "break_connection", "find_connection", "parse_address"]

MALFORMED_CHUNK = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n"
"""WireMock's MALFORMED_RESPONSE_CHUNK: a chunked 200 whose chunk size is not hex."""

_RANDOM_BYTES = 64
# Seeded, so a rerun sends the same garbage (it never parses as HTTP: no "HTTP/" start).
_RANDOM_SEED = 0x5EED
_SEND_TIMEOUT = 5.0
_PROC_FDS = "/proc/self/fd"

Address = tuple[str, int]


def parse_address(text: str | None) -> Address | None:
    """``("127.0.0.1", 8080)`` from granian's ``"127.0.0.1:8080"`` (or ``"[::1]:8080"``)."""
    if not text:
        return None
    host, _, port = text.rpartition(":")
    try:
        return host.strip("[]"), int(port)
    except ValueError:
        return None


def find_connection(local: Address, peer: Address) -> int | None:
    """The descriptor of this process's TCP socket between ``local`` and ``peer``.

    Returns None where ``/proc/self/fd`` does not exist (not Linux) or no socket has
    both addresses (e.g. the server does not hold it as one descriptor).
    """
    try:
        names = os.listdir(_PROC_FDS)
    except OSError:
        return None
    wanted = (_host(local[0]), local[1], _host(peer[0]), peer[1])
    for name in names:
        fd = int(name)
        if _addresses(fd) == wanted:
            return fd
    return None


def break_connection(fd: int, fault: ConnectionFault) -> None:
    """Break the connection on ``fd`` as ``fault`` says, leaving ``fd`` a dead socket.

    The TCP socket is closed here (a reset, or a close after the fault's bytes); ``fd``
    then names one end of a socket pair whose other end is closed, so whatever the server
    writes next fails with a broken pipe and it drops the connection.
    """
    tcp = socket.socket(fileno=os.dup(fd))
    try:
        tcp.settimeout(_SEND_TIMEOUT)  # the descriptor is non-blocking under granian
        payload = _payload(fault)
        if payload:
            with contextlib.suppress(OSError):
                tcp.sendall(payload)
        if fault is ConnectionFault.RESET:
            # Linger 0: closing the last reference sends RST instead of FIN.
            tcp.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        else:
            with contextlib.suppress(OSError):
                tcp.shutdown(socket.SHUT_RDWR)
        dead, other = socket.socketpair()
        other.close()
        os.dup2(dead.fileno(), fd)  # the server's descriptor no longer names the TCP socket
        dead.close()
    finally:
        tcp.close()  # the last reference: the reset, or the close, happens now


def _payload(fault: ConnectionFault) -> bytes:
    if fault is ConnectionFault.MALFORMED_CHUNK:
        return MALFORMED_CHUNK
    if fault is ConnectionFault.RANDOM_THEN_CLOSE:
        return random.Random(_RANDOM_SEED).randbytes(_RANDOM_BYTES)
    return b""


def _addresses(fd: int) -> tuple[str, int, str, int] | None:
    """Local and peer host and port of a connected TCP socket ``fd``, else None."""
    try:
        if not os.readlink(f"{_PROC_FDS}/{fd}").startswith("socket:"):
            return None
        copy = os.dup(fd)
    except OSError:  # closed meanwhile
        return None
    try:
        sock = socket.socket(fileno=copy)
    except OSError:
        os.close(copy)
        return None
    with sock:
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return None
        if sock.type != socket.SOCK_STREAM:
            return None
        try:
            local, peer = sock.getsockname(), sock.getpeername()
        except OSError:  # a listening socket has no peer
            return None
    return _host(local[0]), local[1], _host(peer[0]), peer[1]


def _host(text: str) -> str:
    """One spelling per address: ``::ffff:127.0.0.1`` and ``127.0.0.1`` are the same."""
    try:
        address = ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return text
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return str(address.ipv4_mapped)
    return str(address)
