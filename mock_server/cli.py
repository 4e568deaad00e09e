"""The ``mock-server`` command: serve the bundled vendor mocks (or any spec) over HTTP.

By default both APIs are served from one process: AI HomeDesign on 127.0.0.1:4010 and
Autoenhance on 127.0.0.1:4011, each by its own granian server (Rust, event-driven) on
one asyncio loop, through the RSGI edge of :class:`~mock_server.app.MockApp`.
Connections are not Python threads: a stalled or slow client costs a socket, not a
worker; headers must arrive within ``--header-timeout``. SIGTERM or Ctrl-C stops
accepting, lets requests in flight finish, and exits 0. ``--server werkzeug`` is the
threaded debugging fallback.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import dataclasses
import importlib.metadata
import json
import logging
import os
import signal
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from werkzeug.serving import make_server

from mock_server.app import MockApp, serve_wsgi
from mock_server.clock import Clock
from mock_server.engine import Engine, EngineOptions
from mock_server.errors import ConfigError, MockServerError
from mock_server.server import DEFAULT_HOST, MockServer, QuietRequestHandler
from mock_server.site.admin import check_bind
from mock_server.spec import Spec, load_spec
from mock_server.vendors import (
    APIS,
    AUTOENHANCE_MERGING_SECONDS,
    AUTOENHANCE_PROCESSING_SECONDS,
    ApiName,
    build_engine,
    bundled_spec,
)
from mock_server.webhooks import serving_on

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

    pass

__all__ = [
    "BatchingStreamHandler",
    "Site",
    "build_parser",
    "build_sites",
    "engine_options",
    "main",
]

DEFAULT_PORTS = {"aihomedesign": 4010, "autoenhance": 4011}
logger = logging.getLogger("mock_server.cli")
_POLL_INTERVAL = 0.1
_FLUSH_INTERVAL = 0.1
_HEADER_TIMEOUT_S = 10.0


@dataclass(frozen=True, kw_only=True)
class Site:
    """One served API: a label for humans, where it listens, and its app."""

    label: str
    host: str
    port: int
    path_prefix: str
    app: MockApp
    flag: str
    """The option that sets this site's port (named when the port is taken)."""


class TextFormatter(logging.Formatter):
    """``time level [API] logger: message``; the API is named when a record carries one."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(api_tag)s%(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        """Add the ``[API]`` tag of a record that names its API."""
        api = getattr(record, "api", None)
        record.api_tag = f"[{api}] " if api else ""
        return super().format(record)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, and the record's extras."""

    _EXTRAS = ("api", "method", "path", "status", "ms", "reason")

    def format(self, record: logging.LogRecord) -> str:
        """The record as compact JSON."""
        line: dict[str, Any] = {
            "time": self.formatTime(record),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in self._EXTRAS:
            if hasattr(record, key):
                line[key] = getattr(record, key)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, separators=(",", ":"), ensure_ascii=False)


def _version() -> str:
    try:
        return importlib.metadata.version("realestate-ai-api-mocks")
    except importlib.metadata.PackageNotFoundError:  # a checkout that was never installed
        return "unknown"


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
    add("--version", action="version", version=f"%(prog)s {_version()}")
    add(
        "--spec",
        metavar="PATH|URL",
        help="serve this OpenAPI file instead; with --api NAME, that vendor's behaviour "
        "answers the operations it knows (an edited copy of the vendor spec keeps working)",
    )
    add("--port", type=int, metavar="N", help="port for --spec (default 4010)")
    add(
        "--watch",
        action="store_true",
        help="reload a --spec file when it changes, keeping state (a bad edit keeps the old)",
    )
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
    add(
        "--seed",
        type=int,
        default=None,
        help="seed of ids and synthesized values; without it each start draws a fresh one, "
        "so an id a client kept never names new data after a restart",
    )
    add(
        "--strict",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="answer 500 when a response would not match the spec (default: off)",
    )
    add("--log-level", default="info", choices=("debug", "info", "warning", "error"))
    add(
        "--log-format",
        default="text",
        choices=("text", "json"),
        help="text lines, or one JSON object per line (default text)",
    )
    add(
        "--clock",
        choices=("real", "manual"),
        default="real",
        help="manual: time moves only through POST /__mock/clock/advance (default real)",
    )
    add(
        "--processing-delay",
        type=float,
        default=AUTOENHANCE_PROCESSING_SECONDS,
        metavar="SECONDS",
        help="Autoenhance: seconds from upload to processed "
        f"(default {AUTOENHANCE_PROCESSING_SECONDS:g})",
    )
    add(
        "--merging-delay",
        type=float,
        default=AUTOENHANCE_MERGING_SECONDS,
        metavar="SECONDS",
        help="Autoenhance: seconds Process Order takes to group brackets "
        f"(default {AUTOENHANCE_MERGING_SECONDS:g}, the documented minimum)",
    )
    add(
        "--generation-delay",
        type=float,
        default=None,
        metavar="SECONDS",
        help="AI HomeDesign: seconds from submit (or manual mask) to the finished image, "
        "also the answer's eta (default: each service's eta, 30 to 60); 0 finishes at once",
    )
    add(
        "--mappings",
        type=Path,
        metavar="DIR",
        help="load WireMock stub mappings from DIR (its mappings/ folder, or DIR itself); "
        "POST /__admin/mappings/save writes there",
    )
    add(
        "--cors",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="answer CORS preflights and allow any origin, as Prism does (default: on)",
    )
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
        choices=("granian", "werkzeug"),
        default="granian",
        help="HTTP server (default granian, event-driven; werkzeug is the threaded fallback)",
    )
    add(
        "--drain-timeout",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="on SIGTERM, how long requests in flight may take before the exit (default 5)",
    )
    add(
        "--body-timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="answer 408 when a request body takes longer to arrive (granian; default 30)",
    )
    add(
        "--header-timeout",
        type=float,
        default=_HEADER_TIMEOUT_S,
        metavar="SECONDS",
        help="close a connection whose request headers take longer (granian; default 10)",
    )
    return parser


def engine_options(args: argparse.Namespace) -> EngineOptions:
    """Build the EngineOptions the parsed arguments ask for."""
    return EngineOptions(
        accepted_keys=frozenset(args.api_keys or ["test-key"]),
        accept_any_key=args.accept_any_key,
        seed=args.seed,
        strict=args.strict,
        cors=args.cors,
    )


def build_sites(args: argparse.Namespace) -> list[Site]:
    """Return the sites to serve (each spec is loaded here, once).

    Raises:
        MockServerError: A spec cannot be found or loaded.
    """
    specs: list[tuple[Path, int, ApiName | None]]
    if args.spec is not None:
        vendor: ApiName | None = None if args.api == "both" else args.api
        specs = [(_spec_file(args.spec), 4010 if args.port is None else args.port, vendor)]
    elif args.port is not None:
        raise ConfigError("--port goes with --spec; use --aihomedesign-port/--autoenhance-port")
    else:
        names = APIS if args.api == "both" else (args.api,)
        specs = [(bundled_spec(n), getattr(args, f"{n}_port"), n) for n in names]
    engine_options(args)  # built once here so that a bad option fails before binding
    sites = []
    for path, port, vendor in specs:
        clock = Clock(manual=args.clock == "manual")
        engine = _serving_engine(path, vendor, args, clock=clock)
        app = MockApp(
            engine,
            admin=not args.no_admin,
            admin_key=args.admin_key,
            body_timeout=args.body_timeout,
            name=engine.spec.title,
        )
        flag = "--port" if args.spec is not None else f"--{vendor}-port"
        site = Site(
            label=engine.spec.title,
            host=args.host,
            port=port,
            path_prefix=_path_prefix(engine.spec),
            app=app,
            flag=flag,
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
        vendor_options=vendor_options(vendor, args),
        mappings_dir=args.mappings,
    )
    webhook = getattr(args, f"{vendor}_webhook_url", None) if vendor else None
    if webhook:
        engine.configure_webhook(webhook)
    return engine


def vendor_options(vendor: ApiName | None, args: argparse.Namespace) -> dict[str, Any]:
    """The vendor behaviour's own options the parsed arguments ask for."""
    if vendor == "aihomedesign":
        return {"rate_limit": not args.no_rate_limit, "generation_seconds": args.generation_delay}
    if vendor == "autoenhance":
        return {
            "processing_seconds": args.processing_delay,
            "merging_seconds": args.merging_delay,
        }
    return {}


def _spec_file(location: str) -> Path:
    """The spec's local path; an http(s) URL is downloaded once, at start.

    Raises:
        ConfigError: The URL cannot be fetched.
    """
    if not location.startswith(("http://", "https://")):
        return Path(location)
    import httpx  # only for a spec URL

    try:
        response = httpx.get(location, timeout=30, follow_redirects=True)
        response.raise_for_status()
    except httpx.HTTPError as exc:
        raise ConfigError(f"cannot fetch the spec {location}: {exc}") from None
    suffix = ".json" if location.split("?", 1)[0].endswith(".json") else ".yaml"
    with tempfile.NamedTemporaryFile("wb", suffix=suffix, delete=False) as file:
        file.write(response.content)
    return Path(file.name)


def watch(path: Path, engine: Engine, *, interval: float = 0.5) -> threading.Thread:
    """Reload ``engine`` from ``path`` whenever the file changes (a daemon thread).

    A reload that fails keeps the old spec and logs why.
    """

    def loop() -> None:
        seen = _mtime(path)
        while True:
            time.sleep(interval)
            current = _mtime(path)
            if current == seen:
                continue
            seen = current
            try:
                engine.reload(load_spec(path))
            except MockServerError as exc:
                logger.error("reload of %s failed, still serving the old spec: %s", path, exc)
            else:
                logger.info("reloaded %s (%d operations)", path, len(engine.spec.operations))

    thread = threading.Thread(target=loop, name="mock-spec-watch", daemon=True)
    thread.start()
    return thread


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _path_prefix(spec: Spec) -> str:
    """The first path segment every operation shares (``/v1``), or ``""``."""
    firsts = {op.path.split("/")[1] for op in spec.operations if op.path.count("/") > 1}
    return f"/{firsts.pop()}" if len(firsts) == 1 else ""


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``mock-server``; return the exit status.

    Args:
        argv: Arguments without the program name (default: ``sys.argv[1:]``).
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["proxy"]:
        return proxy_main(argv[1:])
    args = build_parser().parse_args(argv)
    handler = BatchingStreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if args.log_format == "json" else TextFormatter())
    logging.basicConfig(level=args.log_level.upper(), handlers=[handler])
    try:
        check_bind(args.host, admin=not args.no_admin, admin_key=args.admin_key)
        sites = build_sites(args)
        _claim_ports(sites)
    except MockServerError as exc:
        print(f"mock-server: error: {exc}", file=sys.stderr)
        return 2
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Until the server's own handlers are in, a stop request is noted, not fatal.
        signal.signal(sig, _note_early_stop)
    if args.watch:
        if args.spec is None or str(args.spec).startswith(("http://", "https://")):
            print("mock-server: error: --watch needs --spec with a local file", file=sys.stderr)
            return 2
        watch(Path(args.spec), sites[0].app.engine)
    run = _run_granian if args.server == "granian" else _run_werkzeug
    return run(sites, args)


def _claim_ports(sites: list[Site]) -> None:
    """Fail fast on a port in use (naming the API and the flag); resolve port 0.

    granian binds with SO_REUSEPORT, so a second server on a taken port would share it
    silently; a plain bind first finds the owner, whatever it is.

    Raises:
        ConfigError: A port is in use, or two sites ask for the same port.
    """
    seen: dict[int, Site] = {}
    for index, site in enumerate(sites):
        with socket.socket(_family(site.host), socket.SOCK_STREAM) as probe:
            # SO_REUSEADDR, as every server sets it: connections of a previous run in
            # TIME_WAIT do not count; a listener does.
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind((site.host, site.port))
            except OSError as exc:
                msg = (
                    f"{site.label}: cannot listen on {site.host}:{site.port} ({exc.strerror}); "
                    f"choose another port with {site.flag}"
                )
                raise ConfigError(msg) from None
            port = probe.getsockname()[1]
        if port in seen:
            msg = (
                f"{site.label} and {seen[port].label} both ask for port {port}; change {site.flag}"
            )
            raise ConfigError(msg)
        seen[port] = site
        sites[index] = dataclasses.replace(site, port=port)
        serving_on(port)  # webhooks never aim at the mock itself


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _announce(sites: Iterable[Site], args: argparse.Namespace) -> None:
    sites = list(sites)
    for site in sites:
        base = f"http://{MockServer.format_host(site.host)}:{site.port}"
        print(f"{site.label}: {base}{site.path_prefix} (base_url {base})", flush=True)
    for site in sites:
        base = f"http://{MockServer.format_host(site.host)}:{site.port}"
        print(f"{site.label} routes (spec: {base}/openapi.json, docs: {base}/docs):")
        for operation in site.app.engine.spec.operations:
            print(f"  {operation.method.upper():7} {operation.path}  {operation.operation_id}")
    if args.clock == "manual":
        print("clock: manual (POST /__mock/clock/advance moves it)", flush=True)
    keys = ", ".join(sorted(args.api_keys or ["test-key"]))
    if args.accept_any_key:
        keys = "any non-empty key"
    print(f"accepted x-api-key: {keys}", flush=True)


# --- granian (event-driven, RSGI, one process) ------------------------------------------


def _run_granian(sites: list[Site], args: argparse.Namespace) -> int:
    # Imported here: the werkzeug fallback and the in-process users never need it.
    from granian.constants import HTTPModes, Interfaces
    from granian.http import HTTP1Settings
    from granian.server.embed import Server

    servers = [
        Server(
            site.app,
            address=site.host,
            port=site.port,
            interface=Interfaces.RSGI,
            http=HTTPModes.http1,
            websockets=False,
            log_enabled=False,
            backlog=1024,
            http1_settings=HTTP1Settings(
                header_read_timeout=max(1, int(args.header_timeout * 1000)), keep_alive=True
            ),
        )
        for site in sites
    ]
    for server in servers:
        # On SIGTERM, requests in flight get this long; idle keep-alive connections too.
        server.workers_kill_timeout = args.drain_timeout

    async def serve() -> None:
        loop = asyncio.get_running_loop()
        listening = asyncio.Event()

        def on_signal() -> None:
            # Stopping granian while its workers are still starting can abort the
            # process: a signal that early waits until every site listens.
            _EARLY_STOP.set()
            if listening.is_set():
                _stop_all(servers)

        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, on_signal)
        tasks = [asyncio.create_task(server.serve()) for server in servers]
        await _until_listening(sites)
        listening.set()
        if _EARLY_STOP.is_set():
            _stop_all(servers)
        else:
            _announce(sites, args)
        for outcome in await asyncio.gather(*tasks, return_exceptions=True):
            if isinstance(outcome, TimeoutError):
                # granian's drain wait ran out: the connections still open are cut.
                logger.warning("drain timeout (%.1fs) reached; exiting", args.drain_timeout)
            elif isinstance(outcome, BaseException):
                raise outcome

    try:
        asyncio.run(serve())
    finally:
        for site in sites:
            site.app.engine.clock.stop()
    # granian's Rust threads can outlive its embedded servers and call into an interpreter
    # that is shutting down, which aborts the process (SIGABRT) after a clean drain. Run
    # the exit handlers (log flushing, coverage) and leave without finalizing.
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


_EARLY_STOP = threading.Event()
"""Set by SIGTERM/SIGINT before the servers listen (see :func:`main`)."""


def _note_early_stop(*_args: object) -> None:
    _EARLY_STOP.set()


async def _until_listening(sites: Sequence[Site], *, timeout: float = 10.0) -> None:
    """Return once every site accepts connections (so the banner is never early)."""
    deadline = time.monotonic() + timeout
    for site in sites:
        host = "127.0.0.1" if site.host in ("0.0.0.0", "") else site.host
        host = "::1" if host == "::" else host
        while time.monotonic() < deadline:
            try:
                _, writer = await asyncio.open_connection(host, site.port)
            except OSError:
                await asyncio.sleep(0.01)
                continue
            writer.close()
            break


def _stop_all(servers: Sequence[Any]) -> None:
    # granian's embedded servers stop accepting, finish the requests in flight, and
    # return from serve(); granian is untyped, hence Any.
    for server in servers:
        server.stop()


# --- werkzeug (threaded dev server) -------------------------------------------


def _run_werkzeug(sites: list[Site], args: argparse.Namespace) -> int:
    try:
        servers = [
            make_server(s.host, s.port, s.app, threaded=True, request_handler=QuietRequestHandler)
            for s in sites
        ]
    except OSError as exc:
        print(f"mock-server: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit:  # werkzeug explains a port in use on stderr, then exits
        return 2
    for srv in servers:
        threading.Thread(target=srv.serve_forever, args=(_POLL_INTERVAL,), daemon=True).start()
    _announce(sites, args)
    stop = threading.Event()
    signals = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in signals}
    if _EARLY_STOP.is_set():
        stop.set()
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


# --- mock-server proxy ---------------------------------------------------------------


def build_proxy_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``mock-server proxy``."""
    parser = argparse.ArgumentParser(
        prog="mock-server proxy",
        description="Forward every request to the real API; check both directions "
        "against the spec (violations: a log line, the journal, an sl-violations header).",
    )
    add = parser.add_argument
    add("--api", choices=APIS, help="the vendor whose bundled spec checks the traffic")
    add("--spec", type=Path, metavar="PATH", help="check against this OpenAPI file instead")
    add("--upstream", required=True, metavar="URL", help="e.g. https://api.autoenhance.ai")
    add("--record", type=Path, metavar="DIR", help="save exchanges as WireMock mappings")
    add("--host", default=DEFAULT_HOST, help="interface to bind (default 127.0.0.1)")
    add("--port", type=int, default=4020, metavar="N", help="port (default 4020)")
    add("--timeout", type=float, default=30.0, metavar="SECONDS", help="upstream timeout")
    add("--log-level", default="info", choices=("debug", "info", "warning", "error"))
    return parser


def proxy_main(argv: Sequence[str]) -> int:
    """Run ``mock-server proxy``; return the exit status."""
    from mock_server.wiremock.proxy import open_proxy

    args = build_proxy_parser().parse_args(argv)
    handler = BatchingStreamHandler(sys.stderr)
    handler.setFormatter(TextFormatter())
    logging.basicConfig(level=args.log_level.upper(), handlers=[handler])
    try:
        proxy = open_proxy(
            args.api, spec=args.spec, upstream=args.upstream, record=args.record,
            timeout=args.timeout,
        )  # fmt: skip
    except MockServerError as exc:
        print(f"mock-server proxy: error: {exc}", file=sys.stderr)
        return 2

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        return serve_wsgi(environ, start_response, proxy.handle, lambda _path: proxy.max_body_bytes)

    try:
        server = make_server(
            args.host, args.port, app, threaded=True, request_handler=QuietRequestHandler
        )
    except (OSError, SystemExit):
        print(
            f"mock-server proxy: error: cannot listen on {args.host}:{args.port}", file=sys.stderr
        )
        return 2
    print(f"proxy: http://{args.host}:{server.port} -> {args.upstream}", flush=True)
    threading.Thread(target=server.serve_forever, args=(_POLL_INTERVAL,), daemon=True).start()
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    while not stop.wait(_POLL_INTERVAL):
        pass
    server.shutdown()
    proxy.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
