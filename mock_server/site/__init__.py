"""The site: everything a request can reach, below every front end.

:meth:`Site.handle` takes a :class:`~mock_server.types.RequestData` and returns a
:class:`~mock_server.types.ResponseData` for every path: the vendor API (the engine),
``/__mock/`` and ``/__admin/`` (one admin route table behind one gate, ``_gate``),
``/openapi.json``, ``/openapi.yaml`` and ``/docs``. A site can hold more than one engine
(:meth:`Site.mount`, ``_mounts``): AI HomeDesign's v3 answers under ``/v3`` beside v1,
with its spec at ``/v3/openapi.json`` and its docs at ``/v3/docs``, one gate, one
journal and one clock for the port. A site can also serve sessions
(:meth:`Site.serve_sessions`, ``_sessions``): ``/~NAME/...`` is answered by session
NAME's own site, isolated from this one and from every other. The front ends (RSGI and WSGI in
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

from mock_server.journal import scrub_text
from mock_server.routing import MatchState
from mock_server.site._access import access_log, log_access
from mock_server.site._gate import AdminExtension, AdminGate, AdminRoutes
from mock_server.site._mounts import Mount, Mounts
from mock_server.site._sessions import (
    DEFAULT_IDLE_SECONDS,
    DEFAULT_MAX_SESSIONS,
    SESSION_MARK,
    Sessions,
    SiteFactory,
)
from mock_server.site.admin import ADMIN_PREFIX, AdminSurface
from mock_server.spec._reference import render_reference
from mock_server.types import RequestData, ResponseData
from mock_server.wiremock import AdminError, WireMock
from mock_server.wiremock._wire import error_response

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mock_server.engine import Engine
    from mock_server.journal import Journal
    from mock_server.spec import Spec

__all__ = ["DEFAULT_HOST", "MAX_DELAY_SECONDS", "MAX_WIREMOCK_ADMIN_BODY_BYTES", "Site"]

logger = logging.getLogger("mock_server.site")

DEFAULT_HOST = "127.0.0.1"
"""The interface a site is served on unless told otherwise (loopback only)."""
MAX_DELAY_SECONDS = 60.0
"""The longest any answer waits (a stub's ``fixedDelayMilliseconds``, a fault's latency)."""
MAX_WIREMOCK_ADMIN_BODY_BYTES = 1024 * 1024
"""``/__admin/`` bodies (stubs, imports) are read up to this many bytes; larger get 413."""

_WIREMOCK_PREFIX = "/__admin"
# Only paths below these reach an admin extension (the longest prefix of one owns them).
_ADMIN_ROOTS = (ADMIN_PREFIX.rstrip("/"), _WIREMOCK_PREFIX)
_DOCUMENTS = {
    "/openapi.json": "json",
    "/openapi.yaml": "yaml",
    "/docs": "html",
    "/docs/": "html",
}


class Site:
    """One served port: its API (or a vendor's API versions), admin surfaces, specs and docs.

    Args:
        engine: The engine that answers API requests (every path no mounted engine owns).
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
        self._mounts = Mounts(engine, name=self.name)
        self._documents: dict[str, tuple[Spec, dict[str, ResponseData]]] = {}
        self._documents_lock = threading.Lock()
        self.admin_surface = AdminSurface(engine, mounts=self._mounts) if admin else None
        self.admin_routes: AdminRoutes | None = None
        self._sessions: Sessions | None = None
        self.last_request = 0.0
        """When the last request came (``time.perf_counter()``), its session's included."""
        if self.admin_surface is not None:
            self.admin_routes = AdminRoutes(AdminGate(key=admin_key))
            self.admin_routes.mount(self.admin_surface.extension())
            self.admin_routes.mount(self._wiremock_extension())

    @property
    def engine(self) -> Engine:
        """The primary engine: it answers every path no mounted engine owns."""
        return self._engine

    def mount(self, engine: Engine, *, prefixes: Sequence[str], name: str | None = None) -> None:
        """Serve ``engine`` beside the primary, for the paths under ``prefixes``.

        The engine gets requests unchanged (its spec names the full paths); it shares
        the site's clock, journal, WireMock stubs and admin gate. Its spec and docs are
        served under the first prefix (``/v3/openapi.json``, ``/v3/docs``), its faults,
        webhook and scenarios under ``/__mock`` + that prefix (``/__mock/v3/faults``).
        Mount before serving.

        Args:
            engine: Built on the site's clock (``build_engine(..., clock=site.engine.clock)``).
            prefixes: The paths it owns (``/v3``, ``/api/tools``), its base first.
            name: Names the API in log lines (default: its spec's title).

        Raises:
            ConfigError: A prefix already served or malformed, or another clock.
        """
        self._mounts.add(engine, prefixes=prefixes, name=name)
        engine.use_stubs(self.stubs)  # one stub registry per port, read from the one journal

    def serve_sessions(
        self,
        factory: SiteFactory,
        *,
        max_sessions: int = DEFAULT_MAX_SESSIONS,
        idle_seconds: float = DEFAULT_IDLE_SECONDS,
    ) -> Sessions:
        """Answer ``/~NAME/...`` in session NAME's own site, built by ``factory(NAME)``.

        See :mod:`mock_server.site._sessions`. The sessions are listed at
        ``GET /__mock/sessions`` and ended at ``DELETE /__mock/sessions/NAME``, behind
        this site's admin gate. Call it before serving.

        Args:
            factory: Builds a session's site with this site's options (not its state).
            max_sessions: How many sessions at once; one more answers 503.
            idle_seconds: A session unused this long is ended.
        """
        engine = self._engine

        def error(status: int, message: str) -> ResponseData:
            return engine.error_response(status=status, message=message)

        self._sessions = Sessions(
            factory, max_sessions=max_sessions, idle_seconds=idle_seconds, error=error
        )
        if self.admin_routes is not None:
            self.admin_routes.mount(self._sessions.extension())
        return self._sessions

    @property
    def sessions(self) -> Sessions | None:
        """The port's sessions, if it serves them (:meth:`serve_sessions`)."""
        return self._sessions

    def engine_for(self, path: str) -> Engine:
        """The engine answering ``path`` (``site.engine_for("/v3")`` is v3's)."""
        return self._mounts.for_path(path).engine

    @property
    def mounted(self) -> tuple[Mount, ...]:
        """The engines mounted beside the primary, with their prefixes, in mount order."""
        return self._mounts.mounted

    @property
    def engines(self) -> tuple[Engine, ...]:
        """Every engine of the site, the primary first."""
        return tuple(mount.engine for mount in self._mounts)

    @property
    def stubs(self) -> WireMock:
        """The WireMock stubs the engine answers from (``/__admin/`` acts on them)."""
        stubs = self._engine.stubs
        assert isinstance(stubs, WireMock)  # given in __init__; nothing takes it away
        return stubs

    @property
    def journal(self) -> Journal:
        """The port's journal (one record of every exchange, whichever engine answered)."""
        return self._engine.journal

    @property
    def admin_key(self) -> str | None:
        """The key admin requests must send, if any."""
        return None if self.admin_routes is None else self.admin_routes.gate.key

    def body_limit(self, path: str) -> int:
        """How many body bytes a front end may read for a request to ``path``."""
        if self._sessions is not None and path.startswith(SESSION_MARK):
            return self._sessions.body_limit(path, self._body_limit)
        return self._body_limit(path)

    def _body_limit(self, path: str) -> int:
        if self.admin_routes is not None and path.startswith(_ADMIN_ROOTS):
            extension = self.admin_routes.find(path)
            if extension is not None:
                return extension.max_body_bytes
        return self._mounts.for_path(path).engine.options.max_body_bytes

    def handle(self, request: RequestData) -> ResponseData:
        """Answer one request, whatever its path; never raises.

        Admin paths go through the gate to their extension; the spec and docs are served
        where the spec declares nothing; the rest is the engine's.
        """
        started = self.last_request = time.perf_counter()
        if self._sessions is not None and request.path.startswith(SESSION_MARK):
            try:
                return self._sessions.handle(request)  # the session's site logs it
            except Exception as error:  # a session that cannot be built: still answer
                self._engine.record_failure(error)
                return self._engine.error_response(status=500, message="Internal Server Error")
        mount = self._mounts.for_path(request.path)
        engine = mount.engine
        try:
            response = self._route(mount, request)
        except Exception as error:  # the site's own failure: still answer, still report
            engine.record_failure(error)
            response = engine.error_response(status=500, message="Internal Server Error")
        response = _sendable(engine, response)
        self._log_access(mount.name, request, response, started)
        return response

    def reset(self) -> None:
        """Reset every engine: state, journal, faults, stubs, failures."""
        self._mounts.reset()

    def check(self) -> None:
        """Raise the first failure of any engine since the last check (see ``Engine.check``).

        Raises:
            MockServerError: A ``ServerFailure`` or ``ResponseViolation``.
        """
        failures = [failure for engine in self.engines for failure in engine.take_failures()]
        if failures:
            first = failures[0]
            if len(failures) > 1:
                first.add_note(f"({len(failures) - 1} more mock server failure(s) followed)")
            raise first

    def _route(self, mount: Mount, request: RequestData) -> ResponseData:
        engine = mount.engine
        path = request.path
        if path.startswith(_ADMIN_ROOTS):
            routes = self.admin_routes
            extension = routes.find(path) if routes is not None else None
            if routes is not None and extension is not None:
                return routes.handle(extension, request)
            if routes is None and _is_admin_path(path):
                return engine.error_response(status=404, message="Not Found")
        document = self._document(mount, request.method.upper(), path)
        if document is not None:
            return document
        return engine.handle(request)

    def _wiremock_extension(self) -> AdminExtension:
        def handle(request: RequestData) -> ResponseData:
            if request.method.upper() == "POST" and request.path.rstrip("/") == "/__admin/reset":
                # WireMock's reset means a clean server: here that includes the vendor state.
                self.reset()
                return ResponseData(status=200)
            return self.stubs.admin(request)

        return AdminExtension(
            prefix=_WIREMOCK_PREFIX,
            handle=handle,
            refuse=_wiremock_refusal,
            max_body_bytes=MAX_WIREMOCK_ADMIN_BODY_BYTES,
        )

    def _document(self, mount: Mount, method: str, path: str) -> ResponseData | None:
        """The spec (``/openapi.json``, ``/openapi.yaml``) or its reference (``/docs``).

        A mounted engine's are below its base (``/v3/openapi.json``). Served only where
        the spec itself declares nothing, and only to GET and HEAD.
        """
        if not path.startswith(mount.base):  # a mount's other prefixes hold no documents
            return None
        name = _DOCUMENTS.get(path.removeprefix(mount.base))
        if name is None or method not in ("GET", "HEAD"):
            return None
        engine = mount.engine
        if engine.router.match("GET", path).state is not MatchState.NOT_FOUND:
            return None
        spec = engine.spec
        with self._documents_lock:
            rendered_of, rendered = self._documents.get(mount.base, (None, {}))
            if rendered_of is not spec:  # a reloaded spec (--watch) renders anew
                rendered = {}
                self._documents[mount.base] = (spec, rendered)
            if name not in rendered:
                scenarios = engine.behaviour.scenario_names()
                admin = mount.base.rstrip("/")
                rendered[name] = _render_document(name, spec.document, scenarios, admin)
            return rendered[name]

    def _log_access(
        self, name: str, request: RequestData, response: ResponseData, started: float
    ) -> None:
        if not access_log.isEnabledFor(logging.INFO):
            return
        elapsed = (time.perf_counter() - started) * 1000
        secrets = self._engine.journal.redactor.secrets_in(request.headers, request.query_string)
        path = scrub_text(request.path, secrets)
        reason = scrub_text(response.note, secrets) if response.note else None
        log_access(name, request.method, path, response.status, elapsed, reason)


def _is_admin_path(path: str) -> bool:
    return any(path == prefix or path.startswith(prefix + "/") for prefix in _ADMIN_ROOTS)


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


def _render_document(
    name: str, document: Mapping[str, Any], scenarios: Mapping[str, str], admin: str
) -> ResponseData:
    if name == "json":
        return ResponseData(status=200, json=document, has_json=True)
    if name == "yaml":
        import yaml  # only here: a server that never serves its YAML starts without it

        text = yaml.safe_dump(dict(document), sort_keys=False, allow_unicode=True)
        return ResponseData(status=200, body=text.encode(), content_type="application/yaml")
    page = render_reference(document, scenarios=scenarios, admin=admin).encode()
    return ResponseData(status=200, body=page, content_type="text/html; charset=utf-8")
