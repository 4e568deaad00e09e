"""The ``mock-server`` command: serve the bundled vendor mocks (or any spec) over HTTP.

By default both APIs are served from one process: AI HomeDesign on 127.0.0.1:4010 and
Autoenhance on 127.0.0.1:4011, each by its own granian server (Rust, event-driven) on
one asyncio loop, through the RSGI front end of :class:`~mock_server.app.MockApp`.
Connections are not Python threads: a stalled or slow client costs a socket, not a
worker; headers must arrive within ``--header-timeout``. SIGTERM or Ctrl-C stops
accepting, lets requests in flight finish, and exits 0. ``--server werkzeug`` is the
threaded debugging fallback.

One module per concern: ``_args`` (the command lines), ``_logs`` (log lines),
``_sites`` (what is served, on which ports), ``_serve`` (granian or werkzeug) and
``_proxy`` (``mock-server proxy``).
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence
from pathlib import Path

from mock_server.cli._args import (
    DEFAULT_PORTS,
    build_parser,
    build_proxy_parser,
    engine_options,
    vendor_options,
)
from mock_server.cli._logs import (
    BatchingStreamHandler,
    JsonFormatter,
    TextFormatter,
    configure_logging,
)
from mock_server.cli._proxy import proxy_main
from mock_server.cli._serve import note_early_stop, run_granian, run_werkzeug
from mock_server.cli._sites import ServedSite, build_sites, claim_ports, watch
from mock_server.errors import MockServerError
from mock_server.site.admin import check_bind

__all__ = [
    "DEFAULT_PORTS",
    "BatchingStreamHandler",
    "JsonFormatter",
    "ServedSite",
    "TextFormatter",
    "build_parser",
    "build_proxy_parser",
    "build_sites",
    "engine_options",
    "main",
    "proxy_main",
    "vendor_options",
    "watch",
]


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``mock-server``; return the exit status.

    Args:
        argv: Arguments without the program name (default: ``sys.argv[1:]``).
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["proxy"]:
        return proxy_main(argv[1:])
    args = build_parser().parse_args(argv)
    configure_logging(args.log_level, json_lines=args.log_format == "json")
    try:
        check_bind(args.host, admin=not args.no_admin, admin_key=args.admin_key)
        sites = build_sites(args)
        claim_ports(sites)
    except MockServerError as exc:
        print(f"mock-server: error: {exc}", file=sys.stderr)
        return 2
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Until the server's own handlers are in, a stop request is noted, not fatal.
        signal.signal(sig, note_early_stop)
    if args.watch:
        if args.spec is None or str(args.spec).startswith(("http://", "https://")):
            print("mock-server: error: --watch needs --spec with a local file", file=sys.stderr)
            return 2
        watch(Path(args.spec), sites[0].app.engine)
    run = run_granian if args.server == "granian" else run_werkzeug
    try:
        return run(sites, args)
    except MockServerError as exc:  # refused before serving (--loop uvloop without uvloop)
        print(f"mock-server: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
