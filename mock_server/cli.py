"""The ``mock-server`` command: serve the bundled vendor mocks (or any spec) over HTTP.

By default both APIs are served from one process: AI HomeDesign on 127.0.0.1:4010 and
Autoenhance on 127.0.0.1:4011. State lives in memory, so gunicorn runs ONE worker
process (gthread) bound to every address, and dispatches by the local port.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gunicorn.app.base import BaseApplication
from werkzeug.serving import make_server

from mock_server.app import MockApp
from mock_server.clock import Clock
from mock_server.engine import Engine, EngineOptions
from mock_server.errors import MockServerError
from mock_server.server import DEFAULT_HOST, MockServer, QuietRequestHandler
from mock_server.spec import Spec
from mock_server.vendors import APIS, ApiName, build_engine, bundled_spec

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

__all__ = [
    "BatchingStreamHandler",
    "PortDispatcher",
    "Site",
    "build_parser",
    "build_sites",
    "engine_options",
    "main",
]

DEFAULT_PORTS = {"aihomedesign": 4010, "autoenhance": 4011}
_THREADS = 8
_POLL_INTERVAL = 0.1
_FLUSH_INTERVAL = 0.1
# A request in flight gets this long to finish on SIGTERM before the worker is killed.
_GRACEFUL_TIMEOUT = 3


@dataclass(frozen=True, kw_only=True)
class Site:
    """One served API: a label for humans, where it listens, and how to build its app.

    ``make_app`` is called in the process that serves requests (for gunicorn: in the
    worker, after the fork), so threads an engine starts are alive where they are needed.
    """

    label: str
    host: str
    port: int
    path_prefix: str
    make_app: Callable[[], MockApp]


class BatchingStreamHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """A stream handler that flushes every 0.1 s instead of after every line.

    One access line per request, flushed at once, is a write system call per request,
    and every one hands the GIL to another thread: under load that cost a fifth of the
    throughput (``make bench``). Lines still appear within 0.1 s; ``logging.shutdown``
    at exit flushes the rest.
    """

    def __init__(self, stream: Any, *, interval: float = _FLUSH_INTERVAL) -> None:
        super().__init__(stream)
        self._stopped = threading.Event()
        self._interval = interval
        self._flusher: threading.Thread | None = None
        self._pid = 0

    def emit(self, record: logging.LogRecord) -> None:
        """Write the record without flushing; a background thread flushes."""
        if self._pid != os.getpid():  # started lazily, and again in a forked worker
            self._pid = os.getpid()
            self._flusher = threading.Thread(target=self._flush_often, daemon=True)
            self._flusher.start()
        try:
            self.stream.write(self.format(record) + self.terminator)
        except Exception:
            self.handleError(record)

    def _flush_often(self) -> None:
        while not self._stopped.wait(self._interval):
            self.flush()

    def close(self) -> None:
        """Stop the flusher and flush what is left."""
        self._stopped.set()
        self.flush()
        super().close()


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``mock-server``."""
    parser = argparse.ArgumentParser(
        prog="mock-server",
        description="Serve the spec-driven mocks of the AI HomeDesign and Autoenhance APIs.",
    )
    add = parser.add_argument
    add(
        "--api",
        choices=("aihomedesign", "autoenhance", "both"),
        default="both",
        help="which bundled API to serve (default: both)",
    )
    add("--spec", type=Path, metavar="PATH", help="serve this OpenAPI file instead")
    add("--port", type=int, default=4010, metavar="N", help="port for --spec (default 4010)")
    add("--host", default=DEFAULT_HOST, help="interface to bind (default 127.0.0.1)")
    add("--aihomedesign-port", type=int, default=DEFAULT_PORTS["aihomedesign"], metavar="N")
    add("--autoenhance-port", type=int, default=DEFAULT_PORTS["autoenhance"], metavar="N")
    add(
        "--api-key",
        action="append",
        dest="api_keys",
        metavar="KEY",
        help="an accepted x-api-key (repeatable; default: test-key)",
    )
    add("--accept-any-key", action="store_true", help="accept any non-empty API key")
    add("--seed", type=int, default=0, help="seed for synthesized values (default 0)")
    add(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="answer 500 when a response would not match the spec (default: off)",
    )
    add("--log-level", default="info", choices=("debug", "info", "warning", "error"))
    add("--admin-key", metavar="KEY", help="require this x-mock-admin-key on /__mock/")
    add("--no-admin", action="store_true", help="disable the /__mock/ admin surface")
    add(
        "--no-rate-limit",
        action="store_true",
        help="turn off AI HomeDesign's 10 order submissions per 10 minutes",
    )
    add(
        "--generic",
        action="store_true",
        help="serve the bundled specs from examples only, without the stateful vendor behaviour",
    )
    for name in ("aihomedesign", "autoenhance"):
        add(
            f"--{name}-webhook-url",
            metavar="URL",
            help=f"POST the {name} mock's webhooks here (also settable at /__mock/webhook)",
        )
    add(
        "--server",
        choices=("gunicorn", "werkzeug"),
        default="gunicorn",
        help="WSGI server (default gunicorn; werkzeug is the dev-server fallback)",
    )
    return parser


def engine_options(args: argparse.Namespace) -> EngineOptions:
    """Build the EngineOptions the parsed arguments ask for."""
    return EngineOptions(
        accepted_keys=frozenset(args.api_keys or ["test-key"]),
        accept_any_key=args.accept_any_key,
        seed=args.seed,
        strict=args.strict,
    )


def build_sites(args: argparse.Namespace) -> list[Site]:
    """Return the sites to serve (each spec is loaded here, once).

    Raises:
        MockServerError: A spec cannot be found or loaded.
    """
    specs: list[tuple[Path, int, ApiName | None]]
    if args.spec is not None:
        specs = [(Path(args.spec), args.port, None)]
    else:
        names = APIS if args.api == "both" else (args.api,)
        specs = [(bundled_spec(n), getattr(args, f"{n}_port"), n) for n in names]
    engine_options(args)  # built once here so that a bad option fails before binding
    sites = []
    for path, port, vendor in specs:
        # Built once before binding, so spec errors surface early; the serving process
        # builds its own (the spec is compiled once per process and shared).
        spec = _serving_engine(path, vendor, args, clock=Clock(manual=True)).spec

        def make_app(path: Path = path, vendor: ApiName | None = vendor) -> MockApp:
            return MockApp(
                _serving_engine(path, vendor, args, clock=Clock()),
                admin=not args.no_admin,
                admin_key=args.admin_key,
            )

        site = Site(
            label=spec.title,
            host=args.host,
            port=port,
            path_prefix=_path_prefix(spec),
            make_app=make_app,
        )
        sites.append(site)
    return sites


def _serving_engine(
    path: Path, vendor: ApiName | None, args: argparse.Namespace, *, clock: Clock
) -> Engine:
    """The engine a served site uses: the vendor behaviour unless ``--generic``."""
    engine = build_engine(
        None if args.generic else vendor,
        spec=path,
        clock=clock,
        options=engine_options(args),
        rate_limit=not args.no_rate_limit,
    )
    webhook = getattr(args, f"{vendor}_webhook_url", None) if vendor else None
    if webhook:
        engine.configure_webhook(webhook)
    return engine


def _path_prefix(spec: Spec) -> str:
    """The first path segment every operation shares (``/v1``), or ``""``."""
    firsts = {op.path.split("/")[1] for op in spec.operations if op.path.count("/") > 1}
    return f"/{firsts.pop()}" if len(firsts) == 1 else ""


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``mock-server``; return the exit status.

    Args:
        argv: Arguments without the program name (default: ``sys.argv[1:]``).
    """
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=args.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        handlers=[BatchingStreamHandler(sys.stderr)],
    )
    try:
        sites = build_sites(args)
    except MockServerError as exc:
        print(f"mock-server: error: {exc}", file=sys.stderr)
        return 2
    run = _run_gunicorn if args.server == "gunicorn" else _run_werkzeug
    return run(sites, args)


def _announce(sites: Iterable[tuple[Site, int]], args: argparse.Namespace) -> None:
    for site, port in sites:
        base = f"http://{MockServer.format_host(site.host)}:{port}"
        print(f"{site.label}: {base}{site.path_prefix} (base_url {base})", flush=True)
    keys = ", ".join(sorted(args.api_keys or ["test-key"]))
    if args.accept_any_key:
        keys = "any non-empty key"
    print(f"accepted x-api-key: {keys}", flush=True)


# --- werkzeug (threaded dev server) -------------------------------------------


def _run_werkzeug(sites: list[Site], args: argparse.Namespace) -> int:
    try:
        servers = [
            make_server(
                s.host, s.port, s.make_app(), threaded=True, request_handler=QuietRequestHandler
            )
            for s in sites
        ]
    except OSError as exc:
        print(f"mock-server: error: {exc}", file=sys.stderr)
        return 1
    except SystemExit:  # werkzeug explains a port in use on stderr, then exits
        return 1
    for srv in servers:
        threading.Thread(target=srv.serve_forever, args=(_POLL_INTERVAL,), daemon=True).start()
    _announce(zip(sites, (srv.port for srv in servers), strict=True), args)
    stop = threading.Event()
    signals = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in signals}
    try:
        # A bare wait() would not let the signal handler run until it returned.
        while not stop.wait(_POLL_INTERVAL):
            pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for srv in servers:
            srv.shutdown()
            srv.server_close()
    return 0


# --- gunicorn (one gthread worker, several listeners) --------------------------


def _run_gunicorn(sites: list[Site], args: argparse.Namespace) -> int:
    app = _GunicornApp(sites, args)
    try:
        app.run()
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    return 0


class PortDispatcher:
    """A WSGI app that serves each request with the site bound to its local port.

    Each site's MockApp is built on first use (or by :meth:`build_all`), in the
    serving process.

    Args:
        sites_by_port: The site for each local port (filled in later for port 0).
    """

    def __init__(self, sites_by_port: Mapping[int, Site] | None = None) -> None:
        """Create a dispatcher; ``sites_by_port`` may be assigned later."""
        self.sites_by_port: dict[int, Site] = dict(sites_by_port or {})
        self._apps: dict[int, MockApp] = {}
        self._lock = threading.Lock()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """Serve one request (WSGI)."""
        return self._app(int(environ.get("SERVER_PORT") or 0))(environ, start_response)

    def _app(self, port: int) -> MockApp:
        with self._lock:
            if port not in self._apps:
                self._apps[port] = self.sites_by_port[port].make_app()
            return self._apps[port]

    def build_all(self) -> None:
        """Build every site's app now (so the first request is not slowed down)."""
        for port in self.sites_by_port:
            self._app(port)


class _GunicornApp(BaseApplication):  # type: ignore[misc]  # gunicorn is untyped
    def __init__(self, sites: list[Site], args: argparse.Namespace) -> None:
        self.sites = sites
        self.args = args
        self.dispatcher = PortDispatcher()
        super().__init__()

    def load_config(self) -> None:
        settings = {
            "bind": [f"{MockServer.format_host(s.host)}:{s.port}" for s in self.sites],
            "workers": 1,
            "worker_class": "gthread",
            "threads": _THREADS,
            "graceful_timeout": _GRACEFUL_TIMEOUT,
            "loglevel": self.args.log_level,
            "control_socket_disable": True,
            "when_ready": self._when_ready,
            "post_worker_init": lambda _worker: self.dispatcher.build_all(),
        }
        for key, value in settings.items():
            self.cfg.set(key, value)

    def _when_ready(self, arbiter: Any) -> None:  # gunicorn's Arbiter is untyped
        # Runs in the master before the worker forks, so the worker inherits the map;
        # the listeners are in bind order, and a port of 0 is resolved here.
        ports = [lnr.getsockname()[1] for lnr in arbiter.LISTENERS]
        self.dispatcher.sites_by_port = dict(zip(ports, self.sites, strict=True))
        _announce(zip(self.sites, ports, strict=True), self.args)

    def load(self) -> PortDispatcher:
        return self.dispatcher


if __name__ == "__main__":
    sys.exit(main())
