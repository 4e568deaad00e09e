"""The edges between HTTP and the library-neutral engine: WSGI, RSGI and in-process.

This module (with ``admin`` and ``_wire``) is the only place that touches WSGI: it turns
the WSGI environ into a :class:`~mock_server.types.RequestData`, asks the engine for a
:class:`~mock_server.types.ResponseData`, journals the exchange, logs one line and writes
the answer. It reads the environ directly rather than through ``werkzeug.Request``: the
wrapper objects cost more than the engine's whole validation of a small request
(``make bench`` measures it). Werkzeug still parses multipart and url-encoded bodies.

Paths under ``/__mock/`` are the admin surface (:mod:`mock_server.admin`) and never reach
the engine.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import io
import logging
import socket
import sys
import time
from collections.abc import Iterable, Mapping
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import parse_qsl

import yaml
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser
from werkzeug.http import parse_options_header
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request, Response

from mock_server.admin import ADMIN_KEY_HEADER, ADMIN_PREFIX, AdminSurface
from mock_server.journal import Journal, scrub_text
from mock_server.media import NO_BODY_STATUSES, status_line, to_werkzeug_response, wire
from mock_server.routing import MatchState
from mock_server.spec import Spec
from mock_server.spec._reference import render_reference
from mock_server.types import RequestData, ResponseData, UnreadBody, UploadedFile
from mock_server.validation import CLOSE

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

    from mock_server.engine import Engine

__all__ = ["MockApp", "read_request", "request_data", "request_record"]

access_log = logging.getLogger("mock_server.access")
logger = logging.getLogger("mock_server.app")

_FORM_TYPES = frozenset({"multipart/form-data", "application/x-www-form-urlencoded"})
# Limits werkzeug's multipart parser: without it a body of tiny parts costs O(parts).
_MAX_FORM_PARTS = 1000
_ADMIN_ROOT = ADMIN_PREFIX.rstrip("/")
_WIREMOCK_ROOT = "/__admin"
# Methods that carry no body unless a Content-Length says so (then it is read).
_BODILESS = frozenset({"GET", "HEAD", "DELETE", "OPTIONS"})
_WIREMOCK_PREFIX = "/__admin/"


class _MalformedBodyError(Exception):
    """The body claims a form content type but cannot be parsed as one."""


class MockApp:
    """A WSGI and RSGI application serving one Engine (and its ``/__mock/`` admin surface).

    It only translates: the server's request to :class:`~mock_server.types.RequestData`
    (built once), the engine's answer to bytes. The engine validates, answers and
    journals. ``__call__`` is the WSGI entry (werkzeug, the fixtures' server);
    ``__rsgi__`` is granian's native interface (the standalone server), where an injected
    latency is awaited instead of slept, so other requests go on meanwhile.

    Args:
        engine: The engine that answers API requests.
        admin: Serve the ``/__mock/`` admin surface (otherwise it answers 404).
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
        """Wrap ``engine``; see the class docstring for the options."""
        self.engine = engine
        self.name = name or engine.spec.title
        self.body_timeout = body_timeout
        self._documents: dict[str, ResponseData] = {}
        self._documents_of: Spec | None = None
        self.admin_surface = AdminSurface(engine, key=admin_key) if admin else None

    @property
    def journal(self) -> Journal:
        """The engine's journal."""
        return self.engine.journal

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """Serve one request (the WSGI entry point)."""
        started = time.perf_counter()
        path = _path(environ)
        method = environ["REQUEST_METHOD"].upper()
        if path == _ADMIN_ROOT or path.startswith(ADMIN_PREFIX):
            response = self._admin(Request(environ))
            self._log_access(method, path, response.status_code, started, {})
            return response(environ, start_response)
        headers = _headers(environ)
        document = self._document(method, path)
        if document is not None:
            status, wire_headers, body = wire(document)
            self._log_access(method, path, status, started, headers)
            start_response(status_line(status), wire_headers)
            return [] if method == "HEAD" else [body]
        try:
            request = read_request(environ, path, headers, self.engine.options.max_body_bytes)
            data = self._dispatch(request)
        except Exception as error:  # the edge's own failure: still answer, still report
            self.engine.record_failure(error)
            data = self.engine.error_response(status=500, message="Internal Server Error")
        if data.delay_seconds:
            time.sleep(data.delay_seconds)
        if data.drop_connection:
            _drop_connection(environ)
        status, wire_headers, body = wire(data)
        self._log_access(method, path, status, started, headers, data.note)
        start_response(status_line(status), wire_headers)
        if method == "HEAD" or status in NO_BODY_STATUSES:
            return []
        return [body]

    def __rsgi_init__(self, loop: asyncio.AbstractEventLoop) -> None:
        """Nothing to set up per worker (RSGI hook)."""

    async def __rsgi__(self, scope: Any, protocol: Any) -> None:
        """Serve one request (granian's RSGI entry point)."""
        started = time.perf_counter()
        method, path = scope.method.upper(), scope.path
        if path == _ADMIN_ROOT or path.startswith(ADMIN_PREFIX):
            await self._rsgi_admin(scope, protocol, started)
            return
        headers: dict[str, str] = {}
        for name, value in scope.headers.items():
            name = name.lower()
            # Repeated headers are joined, as WSGI servers do.
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        document = self._document(method, path)
        if document is not None:
            status, wire_headers, payload = wire(document)
            self._log_access(method, path, status, started, headers)
            protocol.response_bytes(status, wire_headers, b"" if method == "HEAD" else payload)
            return
        limit = self.engine.options.max_body_bytes
        try:
            if method in _BODILESS and not (
                "content-length" in headers or "transfer-encoding" in headers
            ):
                body: bytes | None = b""
            else:
                # asyncio.timeout, not wait_for: no extra task per request.
                async with asyncio.timeout(self.body_timeout):
                    body = await _read_rsgi_body(protocol, headers, limit)
        except TimeoutError:
            data = self.engine.error_response(
                status=408, message="Request body not received in time", headers=CLOSE
            )
            protocol.response_bytes(*wire(data))
            return
        except Exception as error:
            if _client_went_away(error):
                return  # gone mid-body: nobody to answer, nothing to record
            raise
        try:
            request = request_record(method, path, scope.query_string, headers, body, self.engine)
            data = self._dispatch(request)
        except Exception as error:  # the edge's own failure: still answer, still report
            self.engine.record_failure(error)
            data = self.engine.error_response(status=500, message="Internal Server Error")
        if data.delay_seconds:
            await asyncio.sleep(data.delay_seconds)
        status, wire_headers, payload = wire(data)
        self._log_access(method, path, status, started, headers, data.note)
        if data.drop_connection:
            # RSGI cannot close a socket unanswered: promise a body, send part, abort.
            stream = protocol.response_stream(status, [("content-length", "1024")])
            await stream.send_bytes(b"\0")
            raise _DroppedConnectionError
        if method == "HEAD" or status in NO_BODY_STATUSES:
            protocol.response_empty(status, wire_headers)
        else:
            protocol.response_bytes(status, wire_headers, payload)

    async def _rsgi_admin(self, scope: Any, protocol: Any, started: float) -> None:
        body = await protocol()
        builder = EnvironBuilder(
            method=scope.method,
            path=scope.path,
            query_string=scope.query_string,
            headers=list(scope.headers.items()),
            data=body,
        )
        response = self._admin(Request(builder.get_environ()))
        self._log_access(scope.method, scope.path, response.status_code, started, {})
        protocol.response_bytes(
            response.status_code, response.headers.to_wsgi_list(), response.get_data()
        )

    def reset(self) -> None:
        """Reset the engine: state, journal, faults, failures."""
        self.engine.reset()

    def _log_access(
        self,
        method: str,
        path: str,
        status: int,
        started: float,
        headers: Mapping[str, str],
        note: str | None = None,
    ) -> None:
        if not access_log.isEnabledFor(logging.INFO):
            return
        elapsed = (time.perf_counter() - started) * 1000
        secrets = self.engine.journal.redactor.secrets_in(headers, "")
        path = scrub_text(path, secrets)
        reason = scrub_text(note, secrets) if note else None
        extra = {"api": self.name, "method": method, "path": path, "status": status}
        extra.update(ms=round(elapsed, 1), reason=reason)
        if reason:
            access_log.info(
                "%s %s %d %.1fms - %s", method, path, status, elapsed, reason, extra=extra
            )
        else:
            access_log.info("%s %s %d %.1fms", method, path, status, elapsed, extra=extra)

    def _dispatch(self, request: RequestData) -> ResponseData:
        """The engine's answer, or WireMock's admin API's for ``/__admin/...``."""
        if request.path == _WIREMOCK_ROOT or request.path.startswith(_WIREMOCK_PREFIX):
            return self._wiremock_admin(request)
        return self.engine.handle(request)

    def _wiremock_admin(self, request: RequestData) -> ResponseData:
        """WireMock's admin API, under the same switch and key as ``/__mock/``."""
        surface = self.admin_surface
        if surface is None:
            return self.engine.error_response(status=404, message="Not Found")
        supplied = request.headers.get(ADMIN_KEY_HEADER, "")
        if surface.key is not None and not hmac.compare_digest(
            supplied.encode(), surface.key.encode()
        ):
            return self.engine.error_response(
                status=401, message=f"Missing or invalid {ADMIN_KEY_HEADER}"
            )
        if request.method.upper() == "POST" and request.path.rstrip("/") == "/__admin/reset":
            # WireMock's reset means a clean server: here that includes the vendor state.
            self.engine.reset()
            return ResponseData(status=200)
        return self.engine.stubs.admin(request)

    def _document(self, method: str, path: str) -> ResponseData | None:
        """The spec (``/openapi.json``, ``/openapi.yaml``) or its reference (``/docs``).

        Served only where the spec itself declares nothing, and only to GET and HEAD.
        """
        name = _DOCUMENTS.get(path)
        if name is None or method not in ("GET", "HEAD"):
            return None
        if self.engine.router.match("GET", path).state is not MatchState.NOT_FOUND:
            return None
        spec = self.engine.spec
        if self._documents_of is not spec:  # a reloaded spec (--watch) renders anew
            self._documents, self._documents_of = {}, spec
        if name not in self._documents:
            self._documents[name] = _render_document(name, spec.document)
        return self._documents[name]

    def _admin(self, request: Request) -> Response:
        if self.admin_surface is None:
            return to_werkzeug_response(self.engine.error_response(status=404, message="Not Found"))
        return self.admin_surface(request)


def _client_went_away(error: Exception) -> bool:
    # granian is loaded whenever RSGI is served; importing it here would cost every other
    # user of this module (the fixtures) a sixth of a second.
    module = sys.modules.get("granian._granian")
    closed = () if module is None else (module.RSGIProtocolClosed, module.RSGIProtocolError)
    return isinstance(error, closed)


_DOCUMENTS = {
    "/openapi.json": "json",
    "/openapi.yaml": "yaml",
    "/docs": "html",
    "/docs/": "html",
}


def _render_document(name: str, document: Mapping[str, Any]) -> ResponseData:
    if name == "json":
        return ResponseData(status=200, json=document, has_json=True)
    if name == "yaml":
        text = yaml.safe_dump(dict(document), sort_keys=False, allow_unicode=True)
        return ResponseData(status=200, body=text.encode(), content_type="application/yaml")
    page = render_reference(document).encode()
    return ResponseData(status=200, body=page, content_type="text/html; charset=utf-8")


class _DroppedConnectionError(Exception):
    """Raised inside the RSGI handler so granian aborts the response (a drop fault)."""


async def _read_rsgi_body(protocol: Any, headers: Mapping[str, str], limit: int) -> bytes | None:
    """The body, or None when it is over ``limit`` bytes (then it is not read whole)."""
    length = headers.get("content-length")
    if length is not None:
        try:
            if int(length) > limit:
                return None
        except ValueError:
            return b""
        body: bytes = await protocol()
        return body
    received = bytearray()
    async for chunk in protocol:  # chunked: read as far as the limit allows
        received += chunk
        if len(received) > limit:
            return None
    return bytes(received)


def request_record(
    method: str,
    path: str,
    query_string: str,
    headers: dict[str, str],
    body: bytes | None,
    engine: Engine,
) -> RequestData:
    """The request record of a request whose body was read, or not (``None``: too large)."""
    if body is None:
        limit = engine.options.max_body_bytes
        unread = UnreadBody(too_large=True, message=f"Request body too large (limit {limit} bytes)")
        return RequestData(
            method=method,
            path=path,
            query=_query(query_string),
            query_string=query_string,
            headers=headers,
            unread=unread,
        )
    return request_data(method, path, query_string, headers, body)


def read_request(
    environ: WSGIEnvironment, path: str, headers: dict[str, str], limit: int
) -> RequestData:
    """The engine's request record for a WSGI request, built once.

    Multipart and url-encoded bodies are parsed; a body over ``limit`` bytes is not read,
    and one that claims a form type but does not parse is not handed over:
    ``RequestData.unread`` says why, and the engine answers for it.
    """
    query_string = (environ.get("QUERY_STRING") or "").encode("latin-1").decode(errors="replace")
    body = _read_body(environ, limit)
    if body is None:
        unread = UnreadBody(too_large=True, message=f"Request body too large (limit {limit} bytes)")
        return _record(environ, path, query_string, headers, b"", unread=unread)
    return request_data(environ["REQUEST_METHOD"].upper(), path, query_string, headers, body)


def request_data(
    method: str, path: str, query_string: str, headers: Mapping[str, str], body: bytes
) -> RequestData:
    """The request record for a request already read: forms parsed, or marked unread."""
    form: dict[str, tuple[str, ...]] = {}
    files: dict[str, tuple[UploadedFile, ...]] = {}
    unread = None
    if "content-type" in headers:
        mimetype, options = parse_options_header(headers["content-type"])
        if mimetype in _FORM_TYPES:
            try:
                form, files = _parse_form(body, mimetype, options, len(body))
            except _MalformedBodyError as exc:
                unread = UnreadBody(too_large=False, message=str(exc))
    return RequestData(
        method=method,
        path=path,
        query=_query(query_string),
        query_string=query_string,
        headers=headers,
        body=body,
        form=form,
        files=files,
        unread=unread,
    )


def _record(
    environ: WSGIEnvironment,
    path: str,
    query_string: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    unread: UnreadBody,
) -> RequestData:
    return RequestData(
        method=environ["REQUEST_METHOD"].upper(),
        path=path,
        query=_query(query_string),
        query_string=query_string,
        headers=headers,
        body=body,
        unread=unread,
    )


def _path(environ: WSGIEnvironment) -> str:
    # WSGI hands the path over as latin-1 decoded bytes; werkzeug decodes it the same way.
    raw: str = environ.get("PATH_INFO") or ""
    return "/" + raw.encode("latin-1").decode(errors="replace").lstrip("/")


def _query(query_string: str) -> dict[str, tuple[str, ...]]:
    if not query_string:
        return {}
    grouped: dict[str, list[str]] = {}
    for key, value in parse_qsl(query_string, keep_blank_values=True, errors="replace"):
        grouped.setdefault(key, []).append(value)
    return {key: tuple(values) for key, values in grouped.items()}


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
    """Read at most ``limit`` bytes of body; ``None`` if the body is larger.

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
    if length >= 0:
        data = stream.read(length) if length else b""
        return data
    if not environ.get("wsgi.input_terminated"):
        return b""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def _parse_form(
    body: bytes, mimetype: str, options: dict[str, str], limit: int
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[UploadedFile, ...]]]:
    parser = FormDataParser(
        stream_factory=_memory_stream,
        max_form_memory_size=limit + 1,
        silent=False,
        max_form_parts=_MAX_FORM_PARTS,
    )
    try:
        _, form, files = parser.parse(io.BytesIO(body), mimetype, len(body), options)
    except (ValueError, RequestEntityTooLarge) as exc:
        msg = f"Malformed {mimetype} body"
        raise _MalformedBodyError(msg) from exc
    if None in form or None in files:
        # A part whose name werkzeug could not read (a line break, an escaped quote).
        raise _MalformedBodyError(f"Malformed {mimetype} body: a part has no readable name")
    uploads = {
        name: tuple(
            UploadedFile(
                filename=f.filename or "",
                # RFC 7578 section 4.4: an unlabelled file part is application/octet-stream.
                content_type=f.content_type or "application/octet-stream",
                data=f.read(),
            )
            for f in files.getlist(name)
        )
        for name in files
    }
    return {k: tuple(form.getlist(k)) for k in form}, uploads


def _memory_stream(*_args: object, **_kwargs: object) -> IO[bytes]:
    # The whole body is already in memory (and bounded); werkzeug's default would spool
    # large parts to temporary files.
    return io.BytesIO()


def _drop_connection(environ: WSGIEnvironment) -> None:
    """Close the client's socket so it gets no answer (werkzeug and gunicorn expose it)."""
    sock = environ.get("werkzeug.socket") or environ.get("gunicorn.socket")
    if sock is None:
        return
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
