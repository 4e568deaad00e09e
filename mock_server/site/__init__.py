"""The site: everything a request can reach, below every front end.

:meth:`Site.handle` takes a :class:`~mock_server.types.RequestData` and returns a
:class:`~mock_server.types.ResponseData` for every path: the vendor API (the engine),
``/__mock/`` and ``/__admin/`` (one admin route table behind one gate, ``_gate``),
``/openapi.json``, ``/openapi.yaml`` and ``/docs``. The front ends (RSGI and WSGI in
``app``, the in-process transport in ``server``, the proxy's) only read bytes into
:func:`~mock_server.site.edge.build_request` and write :func:`~mock_server.site.edge.answer_wire`,
so an answer is the same whichever way the request came in.

Whatever an answer holds, what leaves the site is sendable: a status outside 100-599
(a stub's ``"status": 0``) becomes a 500 here, before any server sees it, and a delay is
at most :data:`MAX_DELAY_SECONDS`.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import yaml

from mock_server.journal import scrub_text
from mock_server.routing import MatchState
from mock_server.site._gate import AdminExtension, AdminGate, AdminRoutes
from mock_server.site.admin import ADMIN_PREFIX, AdminSurface
from mock_server.spec._reference import render_reference
from mock_server.types import RequestData, ResponseData
from mock_server.wiremock import AdminError, WireMock
from mock_server.wiremock._wire import error_response

if TYPE_CHECKING:
    from mock_server.engine import Engine
    from mock_server.journal import Journal
    from mock_server.spec import Spec

__all__ = ["MAX_DELAY_SECONDS", "MAX_WIREMOCK_ADMIN_BODY_BYTES", "Site"]

access_log = logging.getLogger("mock_server.access")
logger = logging.getLogger("mock_server.site")

MAX_DELAY_SECONDS = 60.0
"""The longest any answer waits (a stub's ``fixedDelayMilliseconds``, a fault's latency)."""
MAX_WIREMOCK_ADMIN_BODY_BYTES = 1024 * 1024
"""``/__admin/`` bodies (stubs, imports) are read up to this many bytes; larger get 413."""

_WIREMOCK_PREFIX = "/__admin"
_DOCUMENTS = {
    "/openapi.json": "json",
    "/openapi.yaml": "yaml",
    "/docs": "html",
    "/docs/": "html",
}


class Site:
    """One served API with its admin surfaces, its spec and its docs.

    Args:
        engine: The engine that answers API requests.
        admin: Serve ``/__mock/`` and ``/__admin/`` (otherwise they answer 404).
        admin_key: If set, admin requests must send it in ``x-mock-admin-key`` (else 401).
        name: Names the API in every log line (default: the spec's title).

    Example:
        >>> from mock_server.engine import Engine
        >>> site = Site(Engine.from_dict({
        ...     "openapi": "3.1.0", "info": {"title": "Pets", "version": "1"},
        ...     "paths": {}}))
        >>> site.handle(RequestData(method="GET", path="/__mock/health")).status
        200
    """

    def __init__(
        self,
        engine: Engine,
        *,
        admin: bool = True,
        admin_key: str | None = None,
        name: str | None = None,
    ) -> None:
        if not isinstance(engine.stubs, WireMock):
            engine.use_stubs(WireMock(journal_size=engine.options.journal_size))
        self._engine = engine
        self.name = name or engine.spec.title
        self._documents: dict[str, ResponseData] = {}
        self._documents_of: Spec | None = None
        self._documents_lock = threading.Lock()
        self.admin_surface = AdminSurface(engine) if admin else None
        self.admin_routes: AdminRoutes | None = None
        if self.admin_surface is not None:
            self.admin_routes = AdminRoutes(AdminGate(key=admin_key))
            self.admin_routes.mount(self.admin_surface.extension())
            self.admin_routes.mount(self._wiremock_extension())

    @property
    def engine(self) -> Engine:
        """The engine that answers API requests."""
        return self._engine

    @property
    def stubs(self) -> WireMock:
        """The WireMock stubs the engine answers from (``/__admin/`` acts on them)."""
        stubs = self._engine.stubs
        assert isinstance(stubs, WireMock)  # given in __init__; nothing takes it away
        return stubs

    @property
    def journal(self) -> Journal:
        """The engine's journal (one record of every exchange)."""
        return self._engine.journal

    @property
    def admin_key(self) -> str | None:
        """The key admin requests must send, if any."""
        return None if self.admin_routes is None else self.admin_routes.gate.key

    def body_limit(self, path: str) -> int:
        """How many body bytes a front end may read for a request to ``path``."""
        if self.admin_routes is not None:
            extension = self.admin_routes.find(path)
            if extension is not None:
                return extension.max_body_bytes
        return self._engine.options.max_body_bytes

    def handle(self, request: RequestData) -> ResponseData:
        """Answer one request, whatever its path; never raises.

        Admin paths go through the gate to their extension; the spec and docs are served
        where the spec declares nothing; the rest is the engine's.
        """
        started = time.perf_counter()
        engine = self._engine
        try:
            response = self._route(engine, request)
        except Exception as error:  # the site's own failure: still answer, still report
            engine.record_failure(error)
            response = engine.error_response(status=500, message="Internal Server Error")
        response = _sendable(engine, response)
        self._log_access(request, response, started)
        return response

    def reset(self) -> None:
        """Reset the engine: state, journal, faults, stubs, failures."""
        self._engine.reset()

    def _route(self, engine: Engine, request: RequestData) -> ResponseData:
        path = request.path
        if path.startswith(ADMIN_PREFIX.rstrip("/")) or path.startswith(_WIREMOCK_PREFIX):
            routes = self.admin_routes
            extension = routes.find(path) if routes is not None else None
            if routes is not None and extension is not None:
                return routes.handle(extension, request)
            if routes is None and _is_admin_path(path):
                return engine.error_response(status=404, message="Not Found")
        document = self._document(engine, request.method.upper(), path)
        if document is not None:
            return document
        return engine.handle(request)

    def _wiremock_extension(self) -> AdminExtension:
        def handle(request: RequestData) -> ResponseData:
            engine = self._engine
            if request.method.upper() == "POST" and request.path.rstrip("/") == "/__admin/reset":
                # WireMock's reset means a clean server: here that includes the vendor state.
                engine.reset()
                return ResponseData(status=200)
            return self.stubs.admin(request)

        return AdminExtension(
            prefix=_WIREMOCK_PREFIX,
            handle=handle,
            refuse=_wiremock_refusal,
            max_body_bytes=MAX_WIREMOCK_ADMIN_BODY_BYTES,
        )

    def _document(self, engine: Engine, method: str, path: str) -> ResponseData | None:
        """The spec (``/openapi.json``, ``/openapi.yaml``) or its reference (``/docs``).

        Served only where the spec itself declares nothing, and only to GET and HEAD.
        """
        name = _DOCUMENTS.get(path)
        if name is None or method not in ("GET", "HEAD"):
            return None
        if engine.router.match("GET", path).state is not MatchState.NOT_FOUND:
            return None
        spec = engine.spec
        with self._documents_lock:
            if self._documents_of is not spec:  # a reloaded spec (--watch) renders anew
                self._documents, self._documents_of = {}, spec
            if name not in self._documents:
                self._documents[name] = _render_document(name, spec.document)
            return self._documents[name]

    def _log_access(self, request: RequestData, response: ResponseData, started: float) -> None:
        if not access_log.isEnabledFor(logging.INFO):
            return
        elapsed = (time.perf_counter() - started) * 1000
        redactor = self._engine.journal.redactor
        secrets = redactor.secrets_in(request.headers, request.query_string)
        path = scrub_text(request.path, secrets)
        reason = scrub_text(response.note, secrets) if response.note else None
        method, status = request.method, response.status
        extra = {"api": self.name, "method": method, "path": path, "status": status}
        extra.update(ms=round(elapsed, 1), reason=reason)
        if reason:
            access_log.info(
                "%s %s %d %.1fms - %s", method, path, status, elapsed, reason, extra=extra
            )
        else:
            access_log.info("%s %s %d %.1fms", method, path, status, elapsed, extra=extra)


def _is_admin_path(path: str) -> bool:
    return any(
        path == prefix or path.startswith(prefix + "/")
        for prefix in (ADMIN_PREFIX.rstrip("/"), _WIREMOCK_PREFIX)
    )


def _sendable(engine: Engine, response: ResponseData) -> ResponseData:
    """``response`` with a status every server can send and a bounded delay.

    granian aborts the whole process on a status it cannot write (0, 99, 1000): such an
    answer (a stub's) becomes a 500 naming the status instead.
    """
    if not 100 <= response.status <= 599:
        logger.warning("an answer with status %r was replaced by a 500", response.status)
        message = f"The mock's answer had status {response.status}, which HTTP cannot send"
        response = engine.error_response(status=500, message=message)
    delay = response.delay_seconds
    if not 0.0 <= delay <= MAX_DELAY_SECONDS:  # False for NaN too
        bounded = MAX_DELAY_SECONDS if delay > MAX_DELAY_SECONDS else 0.0
        response = dataclasses.replace(response, delay_seconds=bounded)
    return response


def _wiremock_refusal(status: int, message: str) -> ResponseData:
    return error_response(AdminError(status=status, title=message))


def _render_document(name: str, document: Mapping[str, Any]) -> ResponseData:
    if name == "json":
        return ResponseData(status=200, json=document, has_json=True)
    if name == "yaml":
        text = yaml.safe_dump(dict(document), sort_keys=False, allow_unicode=True)
        return ResponseData(status=200, body=text.encode(), content_type="application/yaml")
    page = render_reference(document).encode()
    return ResponseData(status=200, body=page, content_type="text/html; charset=utf-8")
