"""Serving the sites: granian (RSGI, event-driven, the default) or werkzeug (threaded)."""

from __future__ import annotations

import argparse
import asyncio
import atexit
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from mock_server.cli._collector import IdleCollections
from mock_server.cli._sites import ServedSite, announce
from mock_server.errors import ConfigError

__all__ = ["EARLY_STOP", "note_early_stop", "run_granian", "run_werkzeug"]

logger = logging.getLogger("mock_server.cli")


_POLL_INTERVAL = 0.1


def run_granian(sites: list[ServedSite], args: argparse.Namespace) -> int:
    loop_factory = _loop_factory(args.loop)  # before anything starts: it may refuse
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
            EARLY_STOP.set()
            if listening.is_set():
                _stop_all(servers)

        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, on_signal)
        tasks = [asyncio.create_task(server.serve()) for server in servers]
        await _until_listening(sites)
        listening.set()
        if EARLY_STOP.is_set():
            _stop_all(servers)
        else:
            announce(sites, args)
            _idle_collections(sites).start()
        for outcome in await asyncio.gather(*tasks, return_exceptions=True):
            if isinstance(outcome, TimeoutError):
                # granian's drain wait ran out: the connections still open are cut.
                logger.warning("drain timeout (%.1fs) reached; exiting", args.drain_timeout)
            elif isinstance(outcome, BaseException):
                raise outcome

    try:
        with asyncio.Runner(loop_factory=loop_factory) as runner:
            runner.run(serve())
    finally:
        for site in sites:
            site.app.engine.clock.stop()
            if site.app.site.sessions is not None:
                site.app.site.sessions.close()
    # granian's Rust threads can outlive its embedded servers and call into an interpreter
    # that is shutting down, which aborts the process (SIGABRT) after a clean drain. Run
    # the exit handlers (log flushing, coverage) and leave without finalizing.
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _idle_collections(sites: Sequence[ServedSite]) -> IdleCollections:
    """Full garbage collections when no site has had a request for a second."""
    return IdleCollections(lambda: max(site.app.site.last_request for site in sites))


def _loop_factory(name: str) -> Callable[[], asyncio.AbstractEventLoop] | None:
    """The event loop granian serves on: uvloop answers a sixth more requests a second.

    Raises:
        ConfigError: ``uvloop`` was asked for and is not installed.
    """
    if name == "asyncio":
        return None
    try:
        import uvloop
    except ImportError:
        if name == "uvloop":
            raise ConfigError("--loop uvloop: uvloop is not installed") from None
        return None
    factory: Callable[[], asyncio.AbstractEventLoop] = uvloop.new_event_loop
    return factory


EARLY_STOP = threading.Event()
"""Set by SIGTERM/SIGINT before the servers listen (see :func:`main`)."""


def note_early_stop(*_args: object) -> None:
    EARLY_STOP.set()


async def _until_listening(sites: Sequence[ServedSite], *, timeout: float = 10.0) -> None:
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


def run_werkzeug(sites: list[ServedSite], args: argparse.Namespace) -> int:
    # Imported here: the granian server, the default, starts faster without them.
    from werkzeug.serving import make_server

    from mock_server.server import QuietRequestHandler

    # A body that stalls longer than --body-timeout gets 408, as under granian.
    requests = type("Handler", (QuietRequestHandler,), {"timeout": args.body_timeout})
    try:
        servers = [
            make_server(s.host, s.port, s.app, threaded=True, request_handler=requests)
            for s in sites
        ]
    except OSError as exc:
        print(f"mock-server: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit:  # werkzeug explains a port in use on stderr, then exits
        return 2
    for srv in servers:
        threading.Thread(target=srv.serve_forever, args=(_POLL_INTERVAL,), daemon=True).start()
    announce(sites, args)
    _idle_collections(sites).start()
    stop = threading.Event()
    signals = (signal.SIGINT, signal.SIGTERM)
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in signals}
    if EARLY_STOP.is_set():
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
        for site in sites:
            if site.app.site.sessions is not None:
                site.app.site.sessions.close()
    return 0
