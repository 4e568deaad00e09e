"""The throughput ceiling: a raw app that answers every request with one fixed JSON body.

Served by the same server kind and interface as the mock (granian's RSGI, as
``mock-server`` runs; or werkzeug's WSGI), it measures what the server and the loopback
network cost on their own. The mock's throughput divided by this one is the share the
mock's own work leaves.

With ``BENCH_CEILING_SPIN_US`` set it is the *loaded* ceiling: it also holds the
interpreter (the GIL) that many microseconds per request, spinning, before it answers.
Given ours' own Python time per request, it shows what the server allows an app that
costs that much: ours below it is ours' doing; WireMock above it cannot be reached on
this server without cutting ours' Python time.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Callable, Iterable
from typing import Any

_BODY = b'{"order_id":"ceiling","name":"bench","status":"waiting","images":[]}'
_HEADERS = [("Content-Type", "application/json"), ("Content-Length", str(len(_BODY)))]
SPIN_ENV = "BENCH_CEILING_SPIN_US"
_SPIN_S = float(os.environ.get(SPIN_ENV) or 0) / 1e6


def _spin() -> None:
    """Hold the interpreter for ``BENCH_CEILING_SPIN_US`` µs, as ours' Python work does."""
    if _SPIN_S:
        end = time.perf_counter() + _SPIN_S
        while time.perf_counter() < end:
            pass


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    """Read and discard the request body, then answer 200 with a fixed JSON body."""
    length = environ.get("CONTENT_LENGTH") or "0"
    if length.isdigit() and int(length):
        # Unread request bytes would corrupt the next request on a kept-alive connection.
        environ["wsgi.input"].read(int(length))
    _spin()
    start_response("200 OK", _HEADERS)
    return [_BODY]


class _RSGIApp:
    """The same answer over granian's RSGI interface (the one ``mock-server`` uses)."""

    def __init__(self) -> None:
        self.in_flight = 0

    async def __rsgi__(self, scope: Any, protocol: Any) -> None:
        self.in_flight += 1
        try:
            await protocol()  # read the body, as the mock does
            _spin()
            if _SPIN_S and self.in_flight > 1:
                # Loaded, it answers as ours does: after the loop's other ready requests.
                await asyncio.sleep(0)
            protocol.response_bytes(200, _HEADERS, _BODY)
        finally:
            self.in_flight -= 1


rsgi_app = _RSGIApp()


def main(argv: list[str]) -> None:
    """Serve :func:`app` on werkzeug's threaded server (``python -m bench.ceiling PORT``)."""
    from werkzeug.serving import make_server

    make_server("127.0.0.1", int(argv[0]), app, threaded=True).serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])
