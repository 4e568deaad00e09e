"""The HTTP front ends of a :class:`~mock_server.site.Site`: WSGI and RSGI.

Each reads the method, path, query string, headers and at most the site's body limit
(in chunks, never past it), builds the request record with
:func:`~mock_server.site.edge.build_request`, asks the site and writes
:func:`~mock_server.site.edge.answer_wire`. What differs is only how bytes are read and how a
delay is waited out: the RSGI edge awaits it and reads bodies under a timeout; the WSGI
edge sleeps in its thread. It reads the WSGI environ directly rather than through
``werkzeug.Request``: the wrapper objects cost more than the engine's whole validation of
a small request (``make bench`` measures it).
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from typing import IO, TYPE_CHECKING, Any

from mock_server.media import status_line
from mock_server.site import Site
from mock_server.site._deadlines import BodyDeadlines
from mock_server.site._sockets import break_connection, find_connection, parse_address
from mock_server.site.edge import (
    BODILESS_METHODS,
    READ_CHUNK_BYTES,
    answer_wire,
    build_request,
    request_data,
    rsgi_headers,
)
from mock_server.types import ConnectionFault, RequestData, ResponseData
from mock_server.validation import CLOSE

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

    from mock_server.engine import Engine
    from mock_server.journal import Journal
    from mock_server.site.admin import AdminSurface

__all__ = ["MockApp", "read_request", "request_data", "serve_wsgi"]


class MockApp:
    """A WSGI and RSGI application serving one :class:`~mock_server.site.Site`.

    ``__call__`` is the WSGI entry (werkzeug, the fixtures' server); ``__rsgi__`` is
    granian's native interface (the standalone server), where an injected latency is
    awaited instead of slept, so other requests go on meanwhile.

    Args:
        engine: The engine that answers API requests.
        admin: Serve ``/__mock/`` and ``/__admin/`` (otherwise they answer 404).
        admin_key: If set, admin requests must send it in ``x-mock-admin-key`` (else 401).
        body_timeout: RSGI: seconds a request body may take to arrive (then 408).
        name: Names the API in every log line (default: the spec's title).
    """

    def __init__(
        self,
        engine: Engine,
        *,
        admin: bool = True,
        admin_key: str | None = None,
        body_timeout: float = 30.0,
        name: str | None = None,
    ) -> None:
        """Serve ``engine``'s site; see the class docstring for the options."""
        self.site = Site(engine, admin=admin, admin_key=admin_key, name=name)
        self.body_timeout = body_timeout
        self._deadlines: BodyDeadlines | None = None
        self._in_flight = 0  # RSGI requests begun and not yet answered

    @property
    def engine(self) -> Engine:
        """The site's engine."""
        return self.site.engine

    @property
    def name(self) -> str:
        """The API's name in log lines."""
        return self.site.name

    @property
    def journal(self) -> Journal:
        """The engine's journal."""
        return self.site.journal

    @property
    def admin_surface(self) -> AdminSurface | None:
        """The ``/__mock/`` extension (None when the admin surfaces are off)."""
        return self.site.admin_surface

    def reset(self) -> None:
        """Reset the engine: state, journal, faults, failures."""
        self.site.reset()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """Serve one request (the WSGI entry point)."""
        return serve_wsgi(
            environ, start_response, self.site.handle, self.site.body_limit, self._late_body
        )

    def _late_body(self) -> ResponseData:
        return self.engine.error_response(
            status=408, message="Request body not received in time", headers=CLOSE
        )

    def __rsgi_init__(self, loop: asyncio.AbstractEventLoop) -> None:
        """Set up the worker's body deadlines on its loop (RSGI hook)."""
        self._deadlines = BodyDeadlines(loop, self.body_timeout)

    async def __rsgi__(self, scope: Any, protocol: Any) -> None:
        """Serve one request (granian's RSGI entry point)."""
        self._in_flight += 1
        try:
            await self._serve_rsgi(scope, protocol)
        finally:
            self._in_flight -= 1

    async def _serve_rsgi(self, scope: Any, protocol: Any) -> None:
        method, path, headers = scope.method.upper(), scope.path, scope.headers
        limit = self.site.body_limit(path)
        try:
            body = await self._rsgi_body(scope, protocol, method, limit)
        except TimeoutError:
            protocol.response_bytes(*answer_wire(method, self._late_body()))
            return
        except Exception as error:
            if _client_went_away(error):
                return  # gone mid-body: nobody to answer, nothing to record
            raise
        request = build_request(
            method=method,
            path=path,
            query_string=scope.query_string,
            headers=rsgi_headers(headers.items()),
            body=body,
            limit=limit,
        )
        data = self.site.handle(request)
        if data.delay_seconds:
            await asyncio.sleep(data.delay_seconds)
        if data.connection_fault is not None:
            await _break_rsgi(scope, protocol, data.connection_fault)
            return
        status, wire_headers, payload = answer_wire(method, data)
        if self._in_flight > 1:
            # Answer after the loop's other ready requests: handed over back to back, the
            # answers reach granian's runtime thread in one wake-up, where one each costs
            # the serving thread a system call (15 µs of the 110 a request took, measured
            # in a VM). A lone request is answered at once: nothing to wait for.
            await asyncio.sleep(0)
        if payload:
            protocol.response_bytes(status, wire_headers, payload)
        else:
            protocol.response_empty(status, wire_headers)

    async def _rsgi_body(self, scope: Any, protocol: Any, method: str, limit: int) -> bytes | None:
        """The body (None when over ``limit``), read within the body timeout.

        Raises:
            TimeoutError: The body did not arrive in time.
        """
        headers = scope.headers  # granian looks names up case-insensitively
        length = headers.get("content-length")
        if length is None:
            if headers.get("transfer-encoding") is None and (
                method in BODILESS_METHODS or scope.http_version.startswith("1")
            ):
                # HTTP/1 frames every body (RFC 9112 section 6.3): without either header
                # there is none, and nothing to wait for.
                return b""
            return await self._deadlines_here().within(_read_chunked(protocol, limit))
        try:
            if int(length) > limit:
                return None
        except ValueError:
            return b""
        body: bytes = await self._deadlines_here().within(protocol())  # held to its length
        return body

    def _deadlines_here(self) -> BodyDeadlines:
        """The body deadlines of the running loop (granian's worker sets them up first)."""
        deadlines = self._deadlines
        if deadlines is None or not deadlines.fit(self.body_timeout):
            loop = asyncio.get_running_loop()
            deadlines = self._deadlines = BodyDeadlines(loop, self.body_timeout)
        return deadlines


def serve_wsgi(
    environ: WSGIEnvironment,
    start_response: StartResponse,
    handle: Callable[[RequestData], ResponseData],
    body_limit: Callable[[str], int],
    late_body: Callable[[], ResponseData] | None = None,
) -> Iterable[bytes]:
    """Serve one WSGI request with ``handle`` (a site's, or the proxy's).

    Args:
        environ: The WSGI environ.
        start_response: The WSGI callable.
        handle: Answers the request record.
        body_limit: How many body bytes may be read for a path.
        late_body: The 408 for a body that stalls past the server's socket timeout.
    """
    path = _path(environ)
    try:
        request = read_request(environ, path, _headers(environ), body_limit(path))
    except TimeoutError:  # the server's socket timeout, mid-body
        status, headers, body = answer_wire("POST", (late_body or _late_body)())
        start_response(status_line(status), headers)
        return [body]
    data = handle(request)
    if data.delay_seconds:
        time.sleep(data.delay_seconds)
    if data.connection_fault is not None:
        _break_wsgi(environ, data.connection_fault)
    status, headers, body = answer_wire(request.method, data)
    start_response(status_line(status), headers)
    return [body] if body else []


def read_request(
    environ: WSGIEnvironment, path: str, headers: Mapping[str, str], limit: int
) -> RequestData:
    """The request record of a WSGI request, its body read in chunks up to ``limit``."""
    query_string = (environ.get("QUERY_STRING") or "").encode("latin-1").decode(errors="replace")
    return build_request(
        method=environ["REQUEST_METHOD"],
        path=path,
        query_string=query_string,
        headers=headers,
        body=_read_body(environ, limit),
        limit=limit,
    )


def _late_body() -> ResponseData:
    return ResponseData(
        status=408,
        json={"error": "Request Timeout", "message": "Request body not received in time"},
        has_json=True,
        headers=CLOSE,
    )


def _client_went_away(error: Exception) -> bool:
    # granian is loaded whenever RSGI is served; importing it here would cost every other
    # user of this module (the fixtures) a sixth of a second.
    module = sys.modules.get("granian._granian")
    closed = () if module is None else (module.RSGIProtocolClosed, module.RSGIProtocolError)
    return isinstance(error, closed)


class _DroppedConnectionError(Exception):
    """Raised inside the RSGI handler so granian aborts a truncated answer (the fallback)."""


async def _break_rsgi(scope: Any, protocol: Any, fault: ConnectionFault) -> None:
    """Break the connection before any status line, or send the nearest granian allows.

    RSGI has no way to reset a connection: a handler that raises gets a ``500``. So the
    socket is broken directly (see :mod:`mock_server.site._sockets`) and granian's own
    answer then goes into a dead descriptor, which makes it drop the connection. Where
    the socket cannot be found (not Linux, HTTP/2), the fallback is a ``502`` whose
    promised body stops after one byte: clients see a failed status and a broken body.
    """
    local, peer = parse_address(scope.server), parse_address(scope.client)
    fd = None if local is None or peer is None else find_connection(local, peer)
    if fd is not None:
        break_connection(fd, fault)
        protocol.response_empty(502, [])
        return
    stream = protocol.response_stream(502, [("content-length", "1024")])
    await stream.send_bytes(b"\0")
    raise _DroppedConnectionError


async def _read_chunked(protocol: Any, limit: int) -> bytes | None:
    """A body without a length, read as far as ``limit`` allows (None past it)."""
    received = bytearray()
    async for chunk in protocol:
        received += chunk
        if len(received) > limit:
            return None
    return bytes(received)


def _path(environ: WSGIEnvironment) -> str:
    # WSGI hands the path over as latin-1 decoded bytes; werkzeug decodes it the same way.
    raw: str = environ.get("PATH_INFO") or ""
    return "/" + raw.encode("latin-1").decode(errors="replace").lstrip("/")


def _headers(environ: WSGIEnvironment) -> dict[str, str]:
    """Lower-cased request headers (the server has joined repeated ones already)."""
    headers = {
        key[5:].replace("_", "-").lower(): value
        for key, value in environ.items()
        if key.startswith("HTTP_") and key not in ("HTTP_CONTENT_TYPE", "HTTP_CONTENT_LENGTH")
    }
    for key, name in (("CONTENT_TYPE", "content-type"), ("CONTENT_LENGTH", "content-length")):
        if environ.get(key):
            headers[name] = environ[key]
    return headers


def _read_body(environ: WSGIEnvironment, limit: int) -> bytes | None:
    """Read at most ``limit`` bytes of body in chunks; ``None`` if the body is larger.

    Without a Content-Length only a server that terminates the stream itself (chunked
    bodies: ``wsgi.input_terminated``) can be read safely; otherwise there is no body,
    as werkzeug decides too.
    """
    stream: IO[bytes] = environ["wsgi.input"]
    try:
        length = int(environ.get("CONTENT_LENGTH") or -1)
    except ValueError:
        length = -1
    if length > limit:
        return None
    if length == 0 or (length < 0 and not environ.get("wsgi.input_terminated")):
        return b""
    wanted = length if length > 0 else limit + 1
    received = bytearray()
    while len(received) < wanted:
        chunk = stream.read(min(READ_CHUNK_BYTES, wanted - len(received)))
        if not chunk:
            break
        received += chunk
    return None if len(received) > limit else bytes(received)


def _break_wsgi(environ: WSGIEnvironment, fault: ConnectionFault) -> None:
    """Break the client's connection before any status line, then leave the request.

    werkzeug and gunicorn hand the socket over; ``ConnectionAbortedError`` tells them the
    connection is gone (werkzeug treats it as a client that left). A server that does not
    hand its socket over answers a bodiless 502 instead (the caller goes on to send it).

    Raises:
        ConnectionAbortedError: The connection was broken.
    """
    sock = environ.get("werkzeug.socket") or environ.get("gunicorn.socket")
    fd = -1 if sock is None else sock.fileno()  # -1 once closed
    if fd < 0:
        return
    break_connection(fd, fault)
    raise ConnectionAbortedError(f"injected fault: {fault.value}")
