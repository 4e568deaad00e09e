"""A mock server in a background thread, for fixtures and ``with`` blocks.

Example:
    >>> with MockServer.from_spec(bundled_spec("autoenhance")) as mock:  # doctest: +SKIP
    ...     httpx.get(f"{mock.url}/v3/orders", headers={"x-api-key": mock.api_key})
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from pytest_httpserver import HTTPServerError
from pytest_httpserver.httpserver import HTTPServerBase
from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from mock_server.app import MockApp, redactor_for
from mock_server.clock import Clock
from mock_server.engine import Engine
from mock_server.errors import ConfigError
from mock_server.journal import DEFAULT_MAX_ENTRIES, Journal
from mock_server.spec import load_spec
from mock_server.vendors import behaviour_for

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mock_server.engine import Behaviour, EngineOptions
    from mock_server.faults import Faults

__all__ = [
    "DEFAULT_HOST",
    "ApiName",
    "MockServer",
    "QuietRequestHandler",
    "bundled_spec",
    "is_bundled_spec",
]

DEFAULT_HOST = "127.0.0.1"
ApiName = Literal["aihomedesign", "autoenhance"]
_PACKAGE_DIR = Path(__file__).resolve().parent
# serve_forever polls for shutdown at this interval; werkzeug's 0.5 s default would make
# every fixture teardown (and every ``with`` block) half a second slower.
_POLL_INTERVAL = 0.05


def bundled_spec(name: ApiName) -> Path:
    """Return the path of a bundled vendor spec.

    Looks first inside the installed package (``mock_server/specs/<name>.yaml``, as the
    wheel ships them), then in a source checkout (``<repo>/openapi/<name>.yaml``).

    Args:
        name: ``"aihomedesign"`` or ``"autoenhance"``.

    Raises:
        ConfigError: The name is unknown or the spec file cannot be found.
    """
    if name not in ("aihomedesign", "autoenhance"):
        msg = f"unknown bundled spec {name!r}; expected 'aihomedesign' or 'autoenhance'"
        raise ConfigError(msg)
    candidates = (
        _PACKAGE_DIR / "specs" / f"{name}.yaml",
        _PACKAGE_DIR.parent / "openapi" / f"{name}.yaml",
    )
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    msg = f"bundled spec {name!r} not found (looked in {', '.join(map(str, candidates))})"
    raise ConfigError(msg)


def is_bundled_spec(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is one of the specs this package ships (validated by its tests)."""
    resolved = Path(path).resolve()
    return any(
        resolved == candidate.resolve()
        for name in ("aihomedesign", "autoenhance")
        for candidate in (
            _PACKAGE_DIR / "specs" / f"{name}.yaml",
            _PACKAGE_DIR.parent / "openapi" / f"{name}.yaml",
        )
    )


class QuietRequestHandler(WSGIRequestHandler):
    """A request handler without werkzeug's access line.

    That line would print query strings (and any key in them); MockApp logs one
    redacted line per request instead.
    """

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Drop werkzeug's own access line."""


class MockServer(HTTPServerBase):
    """Serves one Engine on a local port from a background thread.

    Errors inside the server thread (handler crashes, strict-mode response violations)
    are collected in ``handler_errors`` and re-raised by :meth:`check`.

    Args:
        engine: The engine to serve.
        host: Interface to bind (default 127.0.0.1).
        port: TCP port; 0 picks a free one (read it back from :attr:`port`).
        journal_size: How many exchanges the journal keeps.
        admin: Serve the ``/__mock/`` admin surface.
        admin_key: Require this ``x-mock-admin-key`` on admin requests.
        threaded: Serve each request in its own thread.
    """

    def __init__(
        self,
        engine: Engine,
        *,
        host: str = DEFAULT_HOST,
        port: int = 0,
        journal_size: int = DEFAULT_MAX_ENTRIES,
        admin: bool = True,
        admin_key: str | None = None,
        threaded: bool = True,
    ) -> None:
        """Create a stopped server; call :meth:`start` or use it as a context manager."""
        super().__init__(host, port, threaded=threaded)
        self.app = MockApp(
            engine,
            journal=Journal(max_entries=journal_size, redactor=redactor_for(engine)),
            admin=admin,
            admin_key=admin_key,
            on_error=self._record_error,
        )

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
        rate_limit: bool = True,
        host: str = DEFAULT_HOST,
        port: int = 0,
        admin: bool = True,
        admin_key: str | None = None,
    ) -> MockServer:
        """Build a (stopped) vendor-faithful mock of a bundled API, with its behaviour.

        Args:
            name: ``"aihomedesign"`` or ``"autoenhance"``.
            options: Engine options (default: strict off, key ``test-key``).
            manual_clock: Time moves only when ``clock.advance``/``complete_all`` is
                called (the default, for tests); False runs on real time.
            rate_limit: AI HomeDesign's 10 submissions per 10 minutes.
            host: Interface to bind.
            port: TCP port (0: a free one).
            admin: Serve the ``/__mock/`` admin surface.
            admin_key: Require this ``x-mock-admin-key`` on admin requests.

        Example:
            >>> with MockServer.for_api("autoenhance") as mock:  # doctest: +SKIP
            ...     mock.clock.complete_all()
        """
        engine = Engine(
            load_spec(bundled_spec(name), validate=False),
            options=options,
            behaviour=behaviour_for(name, rate_limit=rate_limit),
            clock=Clock(manual=manual_clock),
        )
        return cls(engine, host=host, port=port, admin=admin, admin_key=admin_key)

    @property
    def engine(self) -> Engine:
        """The engine being served."""
        return self.app.engine

    @property
    def journal(self) -> Journal:
        """Every exchange served since the last reset (API keys redacted)."""
        return self.app.journal

    @property
    def clock(self) -> Clock:
        """The engine's clock: ``advance(seconds)`` and ``complete_all()`` move time."""
        return self.app.engine.clock

    @property
    def faults(self) -> Faults:
        """Injected faults: ``faults.set("create_order", Fault(status=503, times=2))``."""
        return self.app.engine.faults

    def configure_webhook(
        self, url: str | None, *, headers: Mapping[str, str] | None = None
    ) -> None:
        """Send the vendor's webhooks to ``url`` (None stops them); see Engine.configure_webhook."""
        self.app.engine.configure_webhook(url, headers=headers)

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:54321`` (no trailing slash).

        Raises:
            HTTPServerError: The server is not running.
        """
        if not self.is_running():
            msg = "the mock server is not running"
            raise HTTPServerError(msg)
        return self.url_for("/").rstrip("/")

    @property
    def api_key(self) -> str:
        """An API key the mock accepts (the first accepted key, sorted)."""
        keys = sorted(self.engine.options.accepted_keys)
        return keys[0] if keys else "test-key"

    def reset(self) -> None:
        """Reset the engine's state, the journal and the collected errors."""
        self.app.reset()
        self.clear()

    def start(self) -> None:
        """Start serving in a daemon thread (port 0 is resolved to the real port).

        Raises:
            HTTPServerError: The server is already running.
            ConfigError: The address cannot be bound (e.g. the port is in use).
        """
        if self.is_running():
            msg = "Server is already running"
            raise HTTPServerError(msg)
        try:
            self.server = make_server(
                self.host,
                self.port,
                self.app,  # the WSGI app itself: werkzeug's Request wrapper costs per request
                threaded=self.threaded,
                request_handler=QuietRequestHandler,
            )
        except (OSError, SystemExit) as exc:  # werkzeug exits when the port is in use
            msg = f"cannot listen on {self.host}:{self.port}"
            raise ConfigError(msg) from exc
        self.port = self.server.port
        self.server_thread = threading.Thread(target=self.thread_target, daemon=True)
        self.server_thread.start()

    def stop(self) -> None:
        """Stop serving and stop the real-time clock's thread, if it has one."""
        super().stop()
        self.app.engine.clock.stop()

    def thread_target(self) -> None:
        """Serve until stopped, polling for shutdown often so stop() is quick."""
        if self.server is not None:
            self.server.serve_forever(poll_interval=_POLL_INTERVAL)

    def dispatch(self, request: Request) -> Response:
        """Answer one request through the MockApp (used by ``application``)."""
        return self.app.handle(request)

    def application(self, request: Request) -> Response:
        """Answer one request, without HTTPServerBase's extras.

        The base class pre-reads the whole body (MockApp enforces the size limit without
        reading it) and appends to an unbounded ``log`` list (the journal is the record).
        """
        return self.dispatch(request)

    def _record_error(self, exc: Exception) -> None:
        # A lambda-free method: HTTPServerBase.clear() rebinds ``handler_errors``, so the
        # list must be looked up at call time rather than captured.
        self.handler_errors.append(exc)
