"""A mock server in a background thread, for fixtures and ``with`` blocks.

It is a pytest-httpserver server (the design names it), used through its extension
points: :meth:`MockServer.dispatch` hands each request to the engine's WSGI app, and
:meth:`MockServer.thread_target` tunes the serving loop. Its errors are this package's:
``ServerStateError``, ``ConfigError``, and the engine's failures from :meth:`check`.

The same site also answers in-process, without a socket: :meth:`MockServer.http_client`
(and its async twin) hands requests to :class:`EngineTransport`, which honours the
client's read timeout as a socket would.

Example:
    >>> import httpx
    >>> with MockServer.for_api("autoenhance") as mock:
    ...     httpx.get(f"{mock.url}/v3/orders/", headers={"x-api-key": mock.api_key}).status_code
    200
    >>> with MockServer.for_api("autoenhance") as mock, mock.http_client() as http:
    ...     http.get("/__mock/health").json()["status"]
    'ok'
"""

from __future__ import annotations

import asyncio
import importlib
import time
from typing import TYPE_CHECKING, Any

import httpx
from pytest_httpserver.httpserver import HTTPServerBase
from werkzeug.serving import WSGIRequestHandler
from werkzeug.wrappers import Request, Response

from mock_server.app import MockApp
from mock_server.clock import Clock
from mock_server.engine import Engine, EngineOptions
from mock_server.errors import ConfigError, ServerStateError
from mock_server.site import DEFAULT_HOST, Site
from mock_server.site.edge import answer_wire, build_request
from mock_server.types import ConnectionFault, ResponseData
from mock_server.vendors import ApiName, build_engine, served_beside
from mock_server.webhooks import serving_on

if TYPE_CHECKING:
    import os
    from collections.abc import Mapping

    from mock_server.engine import Behaviour
    from mock_server.faults import Faults
    from mock_server.journal import Journal
    from mock_server.wiremock import WireMock

__all__ = ["DEFAULT_HOST", "EngineTransport", "MockServer", "QuietRequestHandler"]

# serve_forever polls for shutdown at this interval; werkzeug's 0.5 s default would make
# every fixture teardown (and every ``with`` block) half a second slower.
_POLL_INTERVAL = 0.05


class EngineTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """An httpx transport that hands requests to a site in-process: no socket.

    Every route answers as over HTTP (the API, ``/__mock/``, ``/__admin/``, the spec and
    docs, HEAD without a body), through the same request builder, gate, engine and
    journal, whatever host the URL names. An injected latency is waited out
    (asynchronously for the async client), but never past the request's read timeout:
    then, as over a socket, the client gets ``httpx.ReadTimeout`` (the mock has already
    served the request, as a server does whose client gave up). One transport may serve
    any number of clients; closing a client leaves it usable.

    Args:
        target: The site that answers (an engine is served with its own site).
    """

    def __init__(self, target: Site | Engine) -> None:
        self.site = target if isinstance(target, Site) else Site(target)

    @property
    def engine(self) -> Engine:
        """The site's engine."""
        return self.site.engine

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer a request of a sync ``httpx.Client``.

        Raises:
            httpx.ReadTimeout: The answer's injected latency outlasts the read timeout.
            httpx.RemoteProtocolError: An injected ``drop`` fault.
        """
        method, data = self._answer(request, request.read())
        if data.delay_seconds:
            wait, timed_out = _wait(request, data.delay_seconds)
            time.sleep(wait)
            if timed_out:
                raise _timed_out(request, data.delay_seconds)
        return _httpx_response(method, data, request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Answer a request of an ``httpx.AsyncClient``.

        Raises:
            httpx.ReadTimeout: The answer's injected latency outlasts the read timeout.
            httpx.RemoteProtocolError: An injected ``drop`` fault.
        """
        method, data = self._answer(request, await request.aread())
        if data.delay_seconds:
            wait, timed_out = _wait(request, data.delay_seconds)
            await asyncio.sleep(wait)
            if timed_out:
                raise _timed_out(request, data.delay_seconds)
        return _httpx_response(method, data, request)

    def _answer(self, request: httpx.Request, body: bytes) -> tuple[str, ResponseData]:
        url = request.url
        path = url.path
        limit = self.site.body_limit("/" + path.lstrip("/"))
        record = build_request(
            method=request.method,
            path=path,
            query_string=url.query.decode("latin-1").encode("latin-1").decode(errors="replace"),
            headers=request.headers.multi_items(),
            body=body if len(body) <= limit else None,
            limit=limit,
        )
        return record.method, self.site.handle(record)


def _wait(request: httpx.Request, delay: float) -> tuple[float, bool]:
    """How long to wait for an answer delayed ``delay`` s, and whether the client gives up.

    httpx puts the client's timeouts on the request (``extensions["timeout"]``); "read"
    is the one a socket would trip while the server holds its answer back.
    """
    timeouts = request.extensions.get("timeout")
    read = timeouts.get("read") if isinstance(timeouts, dict) else None
    if isinstance(read, int | float) and read < delay:
        return float(read), True
    return delay, False


def _timed_out(request: httpx.Request, delay: float) -> httpx.ReadTimeout:
    return httpx.ReadTimeout(
        f"timed out: the mock's answer was delayed {delay:g} s (an injected latency)",
        request=request,
    )


def _httpx_response(method: str, data: ResponseData, request: httpx.Request) -> httpx.Response:
    # What httpx raises for the same fault over a socket (tests/test_connection_faults.py).
    fault = data.connection_fault
    if fault is ConnectionFault.RESET:
        raise httpx.ReadError("Connection reset by peer (injected fault)", request=request)
    if fault is not None:
        message = f"Server sent no valid response (injected fault: {fault.value})"
        raise httpx.RemoteProtocolError(message, request=request)
    status, headers, body = answer_wire(method, data)
    return httpx.Response(status, headers=headers, content=body, request=request)


class _AsSent(Response):
    """The app's answer as it sent it: no default ``text/plain`` on a body-less answer."""

    default_mimetype = None


class QuietRequestHandler(WSGIRequestHandler):
    """A request handler without werkzeug's access line, and with a socket timeout.

    That line would print query strings (and any key in them); the site logs one
    redacted line per request instead. A client that stops sending for ``timeout``
    seconds mid-body gets 408 (the front end answers it), as granian's clients do.
    """

    timeout = 30.0

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Drop werkzeug's own access line."""


class MockServer(HTTPServerBase):
    """Serves one Engine on a local port from a background thread.

    What breaks while serving (handler crashes, strict-mode response violations, failed
    scheduled work) is kept by the engine and raised by :meth:`check`.

    Args:
        engine: The engine to serve.
        host: Interface to bind (default 127.0.0.1).
        port: TCP port; 0 picks a free one (read it back from :attr:`port`).
        admin: Serve the ``/__mock/`` admin surface.
        admin_key: Require this ``x-mock-admin-key`` on admin requests.
        threaded: Serve each request in its own thread.
        api: The vendor API the engine serves, for :meth:`client`.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        api: ApiName | None = None,
        host: str = DEFAULT_HOST,
        port: int = 0,
        admin: bool = True,
        admin_key: str | None = None,
        threaded: bool = True,
    ) -> None:
        """Create a stopped server; call :meth:`start` or use it as a context manager."""
        super().__init__(host, port, threaded=threaded)
        self.api = api
        self.app = MockApp(engine, admin=admin, admin_key=admin_key)
        self.transport = EngineTransport(self.app.site)
        """The in-process transport over this server's site, shared by its clients."""
        # journal.calls(operation_id=...) refuses an id the spec does not declare.
        engine.journal.bind_operations(lambda: engine.operation_ids)

    @classmethod
    def from_spec(
        cls,
        path: str | os.PathLike[str],
        *,
        options: EngineOptions | None = None,
        behaviour: Behaviour | None = None,
        host: str = DEFAULT_HOST,
        port: int = 0,
        admin: bool = True,
        admin_key: str | None = None,
    ) -> MockServer:
        """Build a (stopped) server for the spec at ``path``.

        Raises:
            SpecError: The spec cannot be loaded.
        """
        engine = Engine.from_path(path, options=options, behaviour=behaviour)
        return cls(engine, host=host, port=port, admin=admin, admin_key=admin_key)

    @classmethod
    def for_api(
        cls,
        name: ApiName,
        *,
        options: EngineOptions | None = None,
        manual_clock: bool = True,
        host: str = DEFAULT_HOST,
        port: int = 0,
        admin: bool = True,
        admin_key: str | None = None,
        **vendor_options: Any,
    ) -> MockServer:
        """Build a (stopped) vendor-faithful mock of a bundled API, with its behaviour.

        :class:`~mock_server.AutoenhanceMock` and :class:`~mock_server.AIHomeDesignMock`
        build the same, with typed clients and scenarios.

        Args:
            name: ``"aihomedesign"`` or ``"autoenhance"``.
            options: Engine options (default: strict off, key ``test-key``).
            manual_clock: Time moves only when ``clock.advance``/``complete_all`` is
                called (the default, for tests); False runs on real time.
            host: Interface to bind.
            port: TCP port (0: a free one).
            admin: Serve the ``/__mock/`` and ``/__admin/`` admin surfaces.
            admin_key: Require this ``x-mock-admin-key`` on admin requests.
            **vendor_options: The vendor behaviour's own options, e.g.
                ``rate_limit=False`` (AI HomeDesign); see ``vendors.behaviour_for``.

        Example:
            >>> with MockServer.for_api("autoenhance") as mock:
            ...     mock.clock.complete_all()
            ...     mock.journal.called
            False
        """
        engine = build_engine(
            name,
            options=options or EngineOptions(),
            clock=Clock(manual=manual_clock),
            vendor_options=vendor_options,
        )
        server = cls(engine, api=name, host=host, port=port, admin=admin, admin_key=admin_key)
        server.serve_beside(vendor_options)
        return server

    def serve_beside(self, vendor_options: Mapping[str, Any] | None = None) -> None:
        """Mount the APIs its vendor serves on the same host (AI HomeDesign v3 under ``/v3``).

        The mounted engines share this server's clock and engine options and take the same
        vendor options; the fixtures and :meth:`for_api` call it for the bundled specs, as
        the CLI does. Nothing happens for an API served alone (Autoenhance).
        """
        if self.api is None:
            return
        engine = self.engine
        for beside in served_beside(self.api):
            mounted = build_engine(
                beside.api,
                options=engine.options,
                clock=engine.clock,
                vendor_options=dict(vendor_options or {}),
            )
            self.app.site.mount(mounted, prefixes=beside.prefixes)

    def client(self) -> Any:
        """The API's generated client, bound to this mock in-process: no socket is opened.

        Returns an ``autoenhance_client.AuthenticatedClient`` or an
        ``aihomedesign_client.AuthenticatedClient`` with the key set and
        ``raise_on_unexpected_status=True`` (a status the spec does not declare raises
        ``UnexpectedStatus`` instead of returning None); its sync and async functions go
        through the same validation, behaviour and journal as HTTP calls. Typed ``Any``
        here: :class:`~mock_server.AutoenhanceMock` and
        :class:`~mock_server.AIHomeDesignMock` (the fixtures) return the exact class.
        Each call builds a new, cheap client; build one per test and reuse it.

        Raises:
            ConfigError: The server does not serve a bundled vendor API.
        """
        if self.api is None:
            msg = "client() needs a vendor API: use MockServer.for_api or the vendor fixtures"
            raise ConfigError(msg)
        package = f"{self.api.replace('-', '_')}_client"
        return self._generated_client(importlib.import_module(package))

    def _generated_client(self, package: Any) -> Any:
        """``package.AuthenticatedClient`` bound to this mock in-process, key set."""
        return package.AuthenticatedClient(
            base_url=self.in_process_url,
            token=self.api_key,
            prefix="",
            auth_header_name="x-api-key",
            raise_on_unexpected_status=True,
            httpx_args={"transport": self.transport},
        )

    @property
    def in_process_url(self) -> str:
        """The base URL of the in-process clients, e.g. ``http://autoenhance.localhost``.

        A loopback name, so the admin gate answers it as it answers ``127.0.0.1``; the
        URLs the mock hands out in-process (upload URLs, images) carry it too.
        """
        return f"http://{self.api or 'mock'}.localhost"

    def http_client(
        self,
        *,
        timeout: float | httpx.Timeout | None = 5.0,
        headers: Mapping[str, str] | None = None,
        follow_redirects: bool = False,
    ) -> httpx.Client:
        """A keyless ``httpx.Client`` bound to this mock in-process (no socket).

        It reaches every URL the mock serves or hands out, whatever their host: the API
        (send your own key), upload URLs (``/_s3/...``), asset and image URLs,
        ``/__mock/``, ``/__admin/``, ``/openapi.json`` and ``/docs``, answered exactly as
        over HTTP. Relative URLs resolve against :attr:`in_process_url`. A latency fault
        longer than the read timeout raises ``httpx.ReadTimeout``. Give it to the code
        under test in place of its own client; build it once and reuse it (``with`` or
        ``close()`` when done; the transport stays usable).

        Args:
            timeout: httpx's timeout (default 5 s, as httpx's).
            headers: Headers sent with every request.
            follow_redirects: Follow redirects (Autoenhance's downloads answer 302).
        """
        return httpx.Client(
            base_url=self.in_process_url,
            transport=self.transport,
            timeout=timeout,
            headers=headers,
            follow_redirects=follow_redirects,
        )

    def async_http_client(
        self,
        *,
        timeout: float | httpx.Timeout | None = 5.0,
        headers: Mapping[str, str] | None = None,
        follow_redirects: bool = False,
    ) -> httpx.AsyncClient:
        """The ``httpx.AsyncClient`` twin of :meth:`http_client` (waits with asyncio)."""
        return httpx.AsyncClient(
            base_url=self.in_process_url,
            transport=self.transport,
            timeout=timeout,
            headers=headers,
            follow_redirects=follow_redirects,
        )

    @property
    def engine(self) -> Engine:
        """The engine being served."""
        return self.app.engine

    @property
    def stubs(self) -> WireMock:
        """WireMock stub mappings, checked before the vendor behaviour.

        Example: ``mock.stubs.stub({"request": {"method": "GET", "urlPath": "/v3/orders/x"},
        "response": {"status": 200, "jsonBody": {...}}})``; reset before each test.
        """
        return self.app.site.stubs

    @property
    def journal(self) -> Journal:
        """Every exchange served since the last reset (API keys redacted)."""
        return self.engine.journal

    @property
    def clock(self) -> Clock:
        """The engine's clock: ``advance(seconds)`` and ``complete_all()`` move time."""
        return self.engine.clock

    @property
    def faults(self) -> Faults:
        """Injected faults: ``faults.set("create_order", Fault(status=503, times=2))``."""
        return self.engine.faults

    def configure_webhook(
        self, url: str | None, *, headers: Mapping[str, str] | None = None
    ) -> None:
        """Send the vendor's webhooks to ``url`` (None stops them); see Engine.configure_webhook."""
        self.engine.configure_webhook(url, headers=headers)

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:54321`` (no trailing slash).

        Raises:
            ServerStateError: The server is not running.
        """
        if not self.is_running():
            msg = "the mock server is not running"
            raise ServerStateError(msg)
        return self.url_for("/").rstrip("/")

    @property
    def api_key(self) -> str:
        """An API key the mock accepts (the first accepted key, sorted)."""
        keys = sorted(self.engine.options.accepted_keys)
        return keys[0] if keys else "test-key"

    def reset(self) -> None:
        """Reset every engine of the port (state, journal, failures) and the server's log."""
        self.app.site.reset()
        self.clear()

    def start(self) -> None:
        """Start serving in a daemon thread (port 0 is resolved to the real port).

        Raises:
            ServerStateError: The server is already running.
            ConfigError: The address cannot be bound (e.g. the port is in use).
        """
        if self.is_running():
            msg = "the mock server is already running"
            raise ServerStateError(msg)
        try:
            super().start()
        except (OSError, SystemExit) as exc:  # werkzeug exits when the port is in use
            msg = f"cannot listen on {self.host}:{self.port}"
            raise ConfigError(msg) from exc
        serving_on(self.port)  # webhooks never aim at the mock itself

    def stop(self) -> None:
        """Stop serving and stop the real-time clock's thread, if it has one.

        Raises:
            ServerStateError: The server is not running.
        """
        if not self.is_running():
            msg = "the mock server is not running"
            raise ServerStateError(msg)
        serving_on(self.port, serving=False)
        super().stop()
        self.engine.clock.stop()

    def check(self) -> None:
        """Raise what broke while serving since the last check (the engine's failures).

        Raises:
            MockServerError: A ``ServerFailure`` or ``ResponseViolation``.
        """
        super().check()
        self.app.site.check()

    def thread_target(self) -> None:
        """Serve until stopped, without werkzeug's access line, polling for shutdown often.

        werkzeug's own line would print query strings (and any key in them); the
        journal is the redacted record. Its 0.5 s default poll would make every fixture
        teardown half a second slower.
        """
        if self.server is not None:
            self.server.RequestHandlerClass = QuietRequestHandler
            self.server.serve_forever(poll_interval=_POLL_INTERVAL)

    def dispatch(self, request: Request) -> Response:
        """Answer one request through the engine's WSGI app."""
        return _AsSent.from_app(self.app, request.environ)

    def application(self, request: Request) -> Response:
        """Hand the request over unread, and keep no log of werkzeug objects.

        The base class reads the whole body first and appends every exchange to an
        unbounded ``log``: the app enforces the size limit without reading an oversize
        body, answers a truncated one in the vendor's shape, and the engine's journal
        (bounded, redacted) is the record.
        """
        return self.dispatch(request)
