"""``mock-server proxy``: the validating proxy served over WSGI."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from mock_server.app import serve_wsgi
from mock_server.cli._args import build_proxy_parser
from mock_server.cli._logs import configure_logging
from mock_server.errors import MockServerError

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment


__all__ = ["proxy_main"]

_POLL_INTERVAL = 0.1


def proxy_main(argv: Sequence[str]) -> int:
    """Run ``mock-server proxy``; return the exit status."""
    # Imported here: ``mock-server`` without ``proxy`` starts faster without them (httpx).
    from werkzeug.serving import make_server

    from mock_server.server import QuietRequestHandler
    from mock_server.wiremock.proxy import open_proxy

    args = build_proxy_parser().parse_args(argv)
    configure_logging(args.log_level)
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
