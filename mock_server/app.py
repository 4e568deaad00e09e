"""The WSGI application: the edge between HTTP and the library-neutral engine.

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

import contextlib
import io
import json
import logging
import socket
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING
from urllib.parse import parse_qsl

from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser
from werkzeug.http import parse_options_header
from werkzeug.wrappers import Request, Response

from mock_server.admin import ADMIN_KEY_HEADER, ADMIN_PREFIX, AdminHandler, AdminSurface
from mock_server.journal import Journal, Redactor, scrub_text
from mock_server.media import NO_BODY_STATUSES, status_line, to_werkzeug_response, wire
from mock_server.types import RequestData, ResponseData, UploadedFile

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

    from mock_server.engine import Engine
    from mock_server.webhooks import Delivery

__all__ = [
    "ADMIN_KEY_HEADER",
    "ADMIN_PREFIX",
    "AdminHandler",
    "MockApp",
    "redactor_for",
    "request_data",
    "to_werkzeug_response",
]

access_log = logging.getLogger("mock_server.access")
logger = logging.getLogger("mock_server.app")

_FORM_TYPES = frozenset({"multipart/form-data", "application/x-www-form-urlencoded"})
# Limits werkzeug's multipart parser: without it a body of tiny parts costs O(parts).
_MAX_FORM_PARTS = 1000
_ADMIN_ROOT = ADMIN_PREFIX.rstrip("/")


class _MalformedBodyError(Exception):
    """The body claims a form content type but cannot be parsed as one."""


@dataclass(frozen=True, slots=True)
class _Incoming:
    """What the edge read off the environ (the body is None when over the limit)."""

    method: str
    path: str
    query_string: str
    headers: dict[str, str]
    body: bytes | None


class MockApp:
    """A WSGI application serving one Engine.

    Args:
        engine: The engine that answers API requests.
        journal: Where exchanges are recorded (default: a new bounded journal that
            redacts the engine's API keys).
        admin: Serve the ``/__mock/`` admin surface (otherwise it answers 404).
        admin_key: If set, admin requests must send it in ``x-mock-admin-key`` (else 401).
        on_error: Called with every unexpected exception (default: append to
            :attr:`errors`); the request is answered with a vendor-shaped 500 regardless.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        journal: Journal | None = None,
        admin: bool = True,
        admin_key: str | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Wrap ``engine``; see the class docstring for the options."""
        self.engine = engine
        self.journal = journal if journal is not None else Journal(redactor=redactor_for(engine))
        self.admin = admin
        self.admin_key = admin_key
        self.errors: list[Exception] = []
        self._on_error = on_error or self.errors.append
        self.admin_surface = AdminSurface(self, key=admin_key)
        self.admin_routes = self.admin_surface.routes
        engine.webhooks.on_delivery = self._journal_delivery

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """Serve one request (the WSGI entry point)."""
        started = time.perf_counter()
        path = _path(environ)
        if path == _ADMIN_ROOT or path.startswith(ADMIN_PREFIX):
            response = self._admin(Request(environ))
            self._log_access(environ["REQUEST_METHOD"], path, response.status_code, started, {})
            return response(environ, start_response)
        incoming = _read(environ, path, self.engine.options.max_body_bytes)
        status, headers, body = self._api(environ, incoming, started)
        self._log_access(incoming.method, path, status, started, incoming.headers)
        start_response(status_line(status), headers)
        if incoming.method == "HEAD" or status in NO_BODY_STATUSES:
            return []
        return [body]

    def handle(self, request: Request) -> Response:
        """Answer one werkzeug request (admin surface or engine), journaled and logged."""
        return Response.from_app(self, request.environ)

    def reset(self) -> None:
        """Reset the engine's state and clear the journal."""
        self.engine.reset()
        self.journal.clear()

    # --- API requests -------------------------------------------------------

    def _api(
        self, environ: WSGIEnvironment, incoming: _Incoming, started: float
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        operation_id: str | None = None
        try:
            operation_id = self.engine.operation_for(incoming.method, incoming.path)
            data = self._answer(incoming, operation_id)
            if data.drop_connection:
                _drop_connection(environ)
            status, headers, body = wire(data)
        except Exception as exc:  # any crash must become a 500 and be recorded
            status, headers, body = self._crash(exc, incoming, operation_id)
        self.journal.record(
            method=incoming.method,
            path=incoming.path,
            query_string=incoming.query_string,
            operation_id=operation_id,
            request_headers=incoming.headers,
            request_body=incoming.body or b"",
            status=status,
            response_headers={name.lower(): value for name, value in headers},
            response_body=body,
            duration_ms=(time.perf_counter() - started) * 1000,
        )
        return status, headers, body

    def _answer(self, incoming: _Incoming, operation_id: str | None) -> ResponseData:
        if incoming.body is None:
            unread = request_data(
                incoming.method,
                incoming.path,
                incoming.query_string,
                incoming.headers,
                b"",
                parse_forms=False,
            )
            return self.engine.refuse_oversize(unread, limit=self.engine.options.max_body_bytes)
        try:
            data = request_data(
                incoming.method,
                incoming.path,
                incoming.query_string,
                incoming.headers,
                incoming.body,
            )
        except _MalformedBodyError as exc:
            unparsed = request_data(
                incoming.method,
                incoming.path,
                incoming.query_string,
                incoming.headers,
                incoming.body,
                parse_forms=False,
            )
            return self.engine.refuse_malformed(unparsed, message=str(exc))
        return self.engine.handle(data)

    def _crash(
        self, exc: Exception, incoming: _Incoming, operation_id: str | None
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        secrets = self.journal.redactor.secrets_in(incoming.headers, incoming.query_string)
        logger.error(
            "error serving %s %s: %s",
            incoming.method,
            scrub_text(incoming.path, secrets),
            scrub_text(repr(exc), secrets),
        )
        self._on_error(exc)
        try:
            return wire(
                self.engine.error_response(
                    status=500, message="Internal Server Error", operation_id=operation_id
                )
            )
        except Exception:  # the error renderer itself failed; still answer
            body = json.dumps({"error": "Internal Server Error"}, separators=(",", ":")).encode()
            return (
                500,
                [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
                body,
            )

    def _journal_delivery(self, delivery: Delivery) -> None:
        outcome = delivery.error or ""
        self.journal.record(
            method="POST",
            path=delivery.url,
            operation_id=f"webhook:{delivery.event}",
            request_headers=delivery.headers,
            request_body=json.dumps(delivery.payload, separators=(",", ":")).encode(),
            status=delivery.status or 0,
            response_headers={},
            response_body=outcome.encode(),
            kind="webhook",
        )

    def _log_access(
        self, method: str, path: str, status: int, started: float, headers: Mapping[str, str]
    ) -> None:
        if not access_log.isEnabledFor(logging.INFO):
            return
        elapsed = (time.perf_counter() - started) * 1000
        secrets = self.journal.redactor.secrets_in(headers, "")
        access_log.info("%s %s %d %.1fms", method, scrub_text(path, secrets), status, elapsed)

    # --- admin surface -----------------------------------------------------

    def _admin(self, request: Request) -> Response:
        if not self.admin:
            return to_werkzeug_response(self.engine.error_response(status=404, message="Not Found"))
        return self.admin_surface(request)


def redactor_for(engine: Engine) -> Redactor:
    """Build the journal's redactor: the spec's API-key locations plus the accepted keys."""
    headers: set[str] = set()
    query: set[str] = set()
    for location, name in engine.secret_parameters:
        (headers if location == "header" else query).add(name)
    return Redactor(
        header_names=Redactor().header_names | {n.lower() for n in headers},
        query_names=frozenset(query),
        secrets=engine.options.accepted_keys,
    )


def request_data(
    method: str,
    path: str,
    query_string: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    parse_forms: bool = True,
) -> RequestData:
    """Build the engine's request record; multipart and url-encoded bodies are parsed.

    Raises:
        _MalformedBodyError: A form content type whose body cannot be parsed.
    """
    form: dict[str, tuple[str, ...]] = {}
    files: dict[str, tuple[UploadedFile, ...]] = {}
    if parse_forms and "content-type" in headers:
        mimetype, options = parse_options_header(headers["content-type"])
        if mimetype in _FORM_TYPES:
            form, files = _parse_form(body, mimetype, options, len(body))
    return RequestData(
        method=method,
        path=path,
        query=_query(query_string),
        headers=headers,
        body=body,
        form=form,
        files=files,
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


def _read(environ: WSGIEnvironment, path: str, limit: int) -> _Incoming:
    headers = _headers(environ)
    query_string = (environ.get("QUERY_STRING") or "").encode("latin-1").decode(errors="replace")
    return _Incoming(
        method=environ["REQUEST_METHOD"].upper(),
        path=path,
        query_string=query_string,
        headers=headers,
        body=_read_body(environ, limit),
    )


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
