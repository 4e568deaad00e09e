"""The WSGI application: werkzeug at the edge, one Engine inside, plus the admin surface.

This is the only module (with ``server`` and ``cli``) that touches werkzeug: it turns a
``werkzeug.Request`` into a :class:`~mock_server.types.RequestData`, asks the engine for a
:class:`~mock_server.types.ResponseData`, journals the exchange and serializes the answer.

Paths under ``/__mock/`` are reserved for the admin surface and never reach the engine.
"""

from __future__ import annotations

import contextlib
import hmac
import io
import json
import logging
import socket
import time
from collections.abc import Callable, Iterable, Mapping
from typing import IO, TYPE_CHECKING, Any

from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser
from werkzeug.http import parse_options_header
from werkzeug.wrappers import Request, Response

from mock_server.faults import Fault
from mock_server.journal import Journal, Redactor, scrub_text
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
    "to_request_data",
    "to_werkzeug_response",
]

ADMIN_PREFIX = "/__mock/"
ADMIN_KEY_HEADER = "x-mock-admin-key"
AdminHandler = Callable[[Request], Response]
"""An admin endpoint: takes the werkzeug request, returns the response."""

access_log = logging.getLogger("mock_server.access")
logger = logging.getLogger("mock_server.app")

_FORM_TYPES = frozenset({"multipart/form-data", "application/x-www-form-urlencoded"})
# Limits werkzeug's multipart parser: without it a body of tiny parts costs O(parts).
_MAX_FORM_PARTS = 1000


class _MalformedBodyError(Exception):
    """The body claims a form content type but cannot be parsed as one."""


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
        self.admin_routes: dict[tuple[str, str], AdminHandler] = {
            ("GET", "health"): self._admin_health,
            ("GET", "journal"): self._admin_journal,
            ("DELETE", "journal"): self._admin_clear_journal,
            ("POST", "reset"): self._admin_reset,
            ("GET", "faults"): self._admin_faults,
            ("POST", "faults"): self._admin_add_fault,
            ("DELETE", "faults"): self._admin_clear_faults,
            ("GET", "clock"): self._admin_clock,
            ("POST", "clock/advance"): self._admin_advance,
            ("POST", "clock/complete"): self._admin_complete,
            ("GET", "webhook"): self._admin_webhook,
            ("PUT", "webhook"): self._admin_set_webhook,
            ("DELETE", "webhook"): self._admin_clear_webhook,
        }
        engine.webhooks.on_delivery = self._journal_delivery

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """Serve one request (the WSGI entry point)."""
        response = self.handle(Request(environ))
        return response(environ, start_response)

    def handle(self, request: Request) -> Response:
        """Answer one werkzeug request: admin surface or engine, journaled and logged."""
        started = time.perf_counter()
        if request.path == ADMIN_PREFIX.rstrip("/") or request.path.startswith(ADMIN_PREFIX):
            response = self._admin(request)
        else:
            response = self._api(request, started)
        self._log_access(request, response.status_code, started)
        return response

    def reset(self) -> None:
        """Reset the engine's state and clear the journal."""
        self.engine.reset()
        self.journal.clear()

    # --- API requests -------------------------------------------------------

    def _api(self, request: Request, started: float) -> Response:
        body: bytes | None = None
        operation_id: str | None = None
        try:
            operation_id = self.engine.operation_for(request.method, request.path)
            body = _read_body(request, self.engine.options.max_body_bytes)
            data = self._answer(request, body, operation_id)
            if data.drop_connection:
                _drop_connection(request)
            response = to_werkzeug_response(data)
        except Exception as exc:  # any crash must become a 500 and be recorded
            response = self._crash(exc, request, operation_id)
        self._journal(request, body or b"", response, operation_id, started)
        return response

    def _answer(
        self, request: Request, body: bytes | None, operation_id: str | None
    ) -> ResponseData:
        if body is None:
            unread = RequestData(
                method=request.method,
                path=request.path,
                query={k: tuple(request.args.getlist(k)) for k in request.args},
                headers=_headers(request),
            )
            return self.engine.refuse_oversize(unread, limit=self.engine.options.max_body_bytes)
        try:
            data = to_request_data(request, body, max_form_bytes=len(body))
        except _MalformedBodyError as exc:
            # The operation's declared request-validation status (400 or 422).
            status = 400
            if operation_id is not None:
                status = self.engine.operation(operation_id).validation_status
            return self.engine.error_response(
                status=status, message=str(exc), location="body", operation_id=operation_id
            )
        return self.engine.handle(data)

    def _crash(self, exc: Exception, request: Request, operation_id: str | None) -> Response:
        secrets = self.journal.redactor.secrets_in(_headers(request), "")
        logger.error(
            "error serving %s %s: %s",
            request.method,
            self._safe_path(request),
            scrub_text(repr(exc), secrets),
        )
        self._on_error(exc)
        try:
            data = self.engine.error_response(
                status=500, message="Internal Server Error", operation_id=operation_id
            )
            return to_werkzeug_response(data)
        except Exception:  # the error renderer itself failed; still answer
            body = json.dumps({"error": "Internal Server Error"}, separators=(",", ":"))
            return Response(body, status=500, content_type="application/json")

    def _journal(
        self,
        request: Request,
        body: bytes,
        response: Response,
        operation_id: str | None,
        started: float,
    ) -> None:
        self.journal.record(
            method=request.method,
            path=request.path,
            query_string=request.query_string.decode("latin-1"),
            operation_id=operation_id,
            request_headers=_headers(request),
            request_body=body,
            status=response.status_code,
            response_headers={k.lower(): v for k, v in response.headers.items()},
            response_body=response.get_data(),
            duration_ms=(time.perf_counter() - started) * 1000,
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

    def _log_access(self, request: Request, status: int, started: float) -> None:
        elapsed = (time.perf_counter() - started) * 1000
        access_log.info(
            "%s %s %d %.1fms", request.method, self._safe_path(request), status, elapsed
        )

    def _safe_path(self, request: Request) -> str:
        secrets = self.journal.redactor.secrets_in(_headers(request), "")
        return scrub_text(request.path, secrets)

    # --- admin surface -----------------------------------------------------

    def _admin(self, request: Request) -> Response:
        if not self.admin:
            return self._error(404, "Not Found")
        supplied = request.headers.get(ADMIN_KEY_HEADER, "")
        if self.admin_key is not None and not hmac.compare_digest(
            supplied.encode(), self.admin_key.encode()
        ):
            return self._error(401, f"Missing or invalid {ADMIN_KEY_HEADER}")
        name = request.path.removeprefix(ADMIN_PREFIX.rstrip("/")).strip("/")
        handler = self.admin_routes.get((request.method, name))
        if handler is not None:
            return handler(request)
        allowed = sorted(m for m, n in self.admin_routes if n == name)
        if allowed:
            return self._error(405, "Method Not Allowed", headers={"allow": ", ".join(allowed)})
        return self._error(404, "Not Found")

    def _error(
        self, status: int, message: str, headers: Mapping[str, str] | None = None
    ) -> Response:
        return to_werkzeug_response(
            self.engine.error_response(status=status, message=message, headers=headers)
        )

    def _admin_health(self, _request: Request) -> Response:
        return _json_response({"status": "ok", "title": self.engine.title})

    def _admin_journal(self, request: Request) -> Response:
        args = request.args
        body = self.journal.to_json(
            operation_id=args.get("operation_id") or None,
            method=args.get("method") or None,
            path=args.get("path") or None,
        )
        return Response(body, status=200, content_type="application/json")

    def _admin_clear_journal(self, _request: Request) -> Response:
        self.journal.clear()
        return Response(status=204)

    def _admin_reset(self, _request: Request) -> Response:
        self.reset()
        return Response(status=204)

    def _admin_faults(self, _request: Request) -> Response:
        return _json_response(self.engine.faults.to_dict())

    def _admin_add_fault(self, request: Request) -> Response:
        data = _json_object(request)
        if data is None:
            return self._error(400, "Expected a JSON object")
        operation_id = data.pop("operation_id", None)
        if operation_id not in self.engine.operation_ids:
            known = ", ".join(self.engine.operation_ids)
            return self._error(400, f"'operation_id' must be one of: {known}")
        try:
            fault = Fault.from_dict(data)
        except ValueError as exc:
            return self._error(400, str(exc))
        self.engine.faults.set(operation_id, fault)
        return _json_response({operation_id: fault.to_dict()}, status=201)

    def _admin_clear_faults(self, request: Request) -> Response:
        self.engine.faults.clear(request.args.get("operation_id") or None)
        return Response(status=204)

    def _admin_clock(self, _request: Request) -> Response:
        clock = self.engine.clock
        return _json_response(
            {"now": clock.now(), "manual": clock.manual, "pending": clock.pending}
        )

    def _admin_advance(self, request: Request) -> Response:
        data = _json_object(request)
        seconds = None if data is None else data.get("seconds")
        if not isinstance(seconds, int | float) or isinstance(seconds, bool) or seconds < 0:
            return self._error(400, 'Expected {"seconds": <non-negative number>}')
        self.engine.clock.advance(float(seconds))
        return self._admin_clock(request)

    def _admin_complete(self, request: Request) -> Response:
        self.engine.clock.complete_all()
        return self._admin_clock(request)

    def _admin_webhook(self, _request: Request) -> Response:
        sender = self.engine.webhooks
        deliveries = [d.to_dict() for d in sender.deliveries]
        return _json_response({"url": sender.url, "deliveries": deliveries})

    def _admin_set_webhook(self, request: Request) -> Response:
        data = _json_object(request)
        url = None if data is None else data.get("url")
        headers = {} if data is None else data.get("headers", {})
        valid_headers = isinstance(headers, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
        )
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            return self._error(400, 'Expected {"url": "http(s)://...", "headers": {...}}')
        if not valid_headers:
            return self._error(400, "'headers' must map strings to strings")
        self.engine.configure_webhook(url, headers=headers)
        return self._admin_webhook(request)

    def _admin_clear_webhook(self, _request: Request) -> Response:
        self.engine.configure_webhook(None)
        return Response(status=204)


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


def to_request_data(request: Request, body: bytes, *, max_form_bytes: int) -> RequestData:
    """Convert a werkzeug request whose body was already read into a RequestData.

    Raises:
        _MalformedBodyError: A form content type whose body cannot be parsed.
    """
    form: dict[str, tuple[str, ...]] = {}
    files: dict[str, tuple[UploadedFile, ...]] = {}
    mimetype, options = parse_options_header(request.headers.get("content-type", ""))
    if mimetype in _FORM_TYPES:
        form, files = _parse_form(body, mimetype, options, max_form_bytes)
    return RequestData(
        method=request.method,
        path=request.path,
        query={k: tuple(request.args.getlist(k)) for k in request.args},
        headers=_headers(request),
        body=body,
        form=form,
        files=files,
    )


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


def _read_body(request: Request, limit: int) -> bytes | None:
    """Read at most ``limit`` bytes of body; ``None`` if the body is larger."""
    length = request.content_length
    if length is not None and length > limit:
        return None
    data = request.stream.read(limit + 1)
    return None if len(data) > limit else data


def _headers(request: Request) -> dict[str, str]:
    headers: dict[str, str] = {}
    for key, value in request.headers.items():
        name = key.lower()
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


def _json_object(request: Request) -> dict[str, Any] | None:
    """The request body as a JSON object, or None if it is not one."""
    try:
        value = json.loads(request.get_data(cache=True) or b"{}")
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _drop_connection(request: Request) -> None:
    """Close the client's socket so it gets no answer (werkzeug and gunicorn expose it)."""
    sock = request.environ.get("werkzeug.socket") or request.environ.get("gunicorn.socket")
    if sock is None:
        return
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _json_response(value: object, status: int = 200) -> Response:
    body = json.dumps(value, separators=(",", ":"))
    return Response(body, status=status, content_type="application/json")


def to_werkzeug_response(data: ResponseData) -> Response:
    """Serialize a ResponseData (JSON with compact separators, or raw bytes)."""
    content_type = data.content_type
    if data.has_json:
        text = json.dumps(data.json, separators=(",", ":"), ensure_ascii=False)
        try:
            body = text.encode()
        except UnicodeEncodeError:
            # A lone surrogate a client sent as "\ud800" and the mock echoes: escaped,
            # it is still valid JSON that decodes to the same string.
            body = json.dumps(data.json, separators=(",", ":")).encode()
        content_type = content_type or "application/json"
    else:
        body = data.body
    response = Response(body, status=data.status)
    del response.headers["content-type"]
    for name, value in data.headers.items():
        response.headers[name] = value
    if content_type and "content-type" not in response.headers:
        response.headers["content-type"] = content_type
    return response
