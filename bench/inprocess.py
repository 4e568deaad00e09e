"""In-process costs: one ``Engine.handle`` call, one fixture cycle, and a profile.

- **Engine cost** (µs per request): ``timeit`` of ``engine.handle(RequestData)`` for the
  two benchmarked requests, the median of five rounds (the engine alone: no socket, no
  WSGI). The engine is built exactly as the CLI builds it
  (``mock_server.cli.build_sites``), so vendor behaviours wired there are measured too.
- **Fixture overhead** (ms per test): what the function-scoped fixture adds to a test that
  makes one request, measured without pytest: on one running ``MockServer``, each cycle is
  ``server.reset()`` + one Autoenhance create-order over HTTP (a new connection, as a
  test's fresh client makes) + ``server.check()``. The median cycle is reported, with its
  parts. The session-scoped start/stop is paid once per run and is not included.
- **In-process client overhead** (ms per test): the same cycle with the request sent
  through ``MockServer.client()`` (the generated client on an in-process transport, no
  socket): ``reset()`` + a new client + one ``create_order`` + ``check()``.
- **WSGI cost** (µs per request): the same requests through the whole WSGI app the CLI
  serves (``MockApp``: werkzeug request/response, journal, access log, engine), called
  directly with a prepared environ; no socket and no WSGI server. Ours' standalone time
  per request minus this is what gunicorn and the network cost.
- **Profiles**: cProfile of the engine loop and of the WSGI loop, top 15 functions by
  cumulative time; written into the results file (not printed).
- **Startup breakdown**: in a fresh interpreter, the time to import ``mock_server.cli``
  and to build each API's site as the CLI does (``build_sites``: the bundled specs are not
  re-validated at start), so a slow launch can be attributed.
"""

from __future__ import annotations

import cProfile
import io
import json
import pstats
import statistics
import subprocess
import sys
import time
import timeit
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bench.procs import ROOT, BenchError, Probe, send
from bench.scenarios import API_KEY, PNG, create_order_probe, multipart, submit_order_probe


@dataclass(frozen=True, kw_only=True)
class EngineCost:
    """Per-call cost of ``Engine.handle`` for one request, and the statuses it returned."""

    api: str
    operation: str
    us_per_call: float
    statuses: dict[int, int]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "api": self.api,
            "operation": self.operation,
            "us_per_call": round(self.us_per_call, 1),
            "statuses": self.statuses,
        }


@dataclass(frozen=True, kw_only=True)
class FixtureCost:
    """Median milliseconds of one fixture cycle and of its parts."""

    cycles: int
    total_ms: float
    reset_ms: float
    request_ms: float
    check_ms: float

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {k: round(v, 3) if isinstance(v, float) else v for k, v in vars(self).items()}


def build_engine(api: str, *extra_args: str) -> Any:
    """Build ``api``'s engine the way ``mock-server --api <api> [extra_args]`` does."""
    from mock_server.cli import build_parser, build_sites

    site = build_sites(build_parser().parse_args(["--api", api, *extra_args]))[0]
    return site.app.engine


def _request_data(probe: Probe, **extra: Any) -> Any:
    from mock_server.types import RequestData

    return RequestData(
        method=probe.method, path=probe.path, headers=dict(probe.headers), body=probe.body, **extra
    )


def _submit_request(engine: Any) -> Any:
    """Upload an image through ``engine`` and return the submit request for its order."""
    from mock_server.types import UploadedFile

    body, ctype = multipart(
        {"service_name": "service-item-removal"}, {"image": ("bench.png", "image/png", PNG)}
    )
    upload = _request_data(
        Probe(
            method="POST",
            path="/v1/order/image",
            headers={"content-type": ctype, "x-api-key": API_KEY},
            body=body,
        ),
        form={"service_name": ("service-item-removal",)},
        files={"image": (UploadedFile(filename="bench.png", content_type="image/png", data=PNG),)},
    )
    reply = engine.handle(upload)
    order_id = reply.json.get("order_id") if isinstance(reply.json, dict) else None
    return _request_data(submit_order_probe(order_id if isinstance(order_id, str) else "x"))


def scenario_calls(api: str) -> tuple[str, Callable[[], Any], Any]:
    """Return (operation label, a zero-argument call of ``engine.handle``, the engine)."""
    engine = build_engine(api)
    if api == "autoenhance":
        request = _request_data(create_order_probe())
        label = "create_order"
    else:
        request = _submit_request(engine)
        label = "submit_order"
    handle = engine.handle
    return label, lambda: handle(request), engine


def wsgi_calls(api: str) -> tuple[str, Callable[[], Any], Any]:
    """Like :func:`scenario_calls`, but each call goes through the CLI's whole WSGI app.

    The call returns a ``ResponseData``-like object with a ``status`` attribute.
    """
    from werkzeug.test import EnvironBuilder

    from mock_server.cli import build_parser, build_sites

    app = build_sites(build_parser().parse_args(["--api", api]))[0].app
    label, _, _ = scenario_calls(api)
    if api == "autoenhance":
        probe = create_order_probe()
    else:
        order = app.engine.handle(_submit_request(app.engine)).json
        probe = submit_order_probe(order.get("order_id", "x") if isinstance(order, dict) else "x")
    base = EnvironBuilder(
        method=probe.method, path=probe.path, headers=list(probe.headers.items()), data=probe.body
    ).get_environ()
    statuses: list[int] = []

    def start_response(status: str, headers: Any, exc_info: Any = None) -> Any:
        statuses.append(int(status[:3]))

    def call() -> Any:
        environ = dict(base, **{"wsgi.input": io.BytesIO(probe.body)})
        body = app(environ, start_response)
        b"".join(body)
        return _Status(statuses.pop())

    return label, call, app.engine


@dataclass(frozen=True)
class _Status:
    status: int


def _timed(api: str, label: str, call: Callable[[], Any], rounds: int) -> EngineCost:
    statuses = Counter(call().status for _ in range(50))
    timer = timeit.Timer(call)
    number, _ = timer.autorange()
    median = statistics.median(timer.repeat(repeat=rounds, number=number)) / number
    return EngineCost(api=api, operation=label, us_per_call=median * 1e6, statuses=dict(statuses))


def engine_cost(api: str, *, rounds: int = 5) -> EngineCost:
    """Time ``engine.handle`` for ``api``'s benchmarked request (median round, µs per call)."""
    label, call, engine = scenario_calls(api)
    cost = _timed(api, label, call, rounds)
    engine.reset()
    return cost


def wsgi_cost(api: str, *, rounds: int = 5) -> EngineCost:
    """Time one call of the CLI's WSGI app for ``api``'s request (median round, µs per call)."""
    label, call, engine = wsgi_calls(api)
    cost = _timed(api, label, call, rounds)
    engine.reset()
    return cost


_RSGI_SCRIPT = """
import asyncio, json, statistics, sys, time
from bench.inprocess import _submit_request
from bench.scenarios import create_order_probe, submit_order_probe
from mock_server.cli import build_parser, build_sites, configure_logging

api, rounds, calls = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
args = build_parser().parse_args(["--api", api])
# As the CLI does: access lines to stderr (the parent discards them).
configure_logging(args.log_level, json_lines=args.log_format == "json")
app = build_sites(args)[0].app

def prepared():  # after a reset: AI HomeDesign's submit needs an uploaded order
    if api == "autoenhance":
        return create_order_probe()
    order = app.engine.handle(_submit_request(app.engine)).json
    return submit_order_probe(order.get("order_id", "x") if isinstance(order, dict) else "x")

probe = prepared()
pairs = [(k.lower(), v) for k, v in probe.headers.items()]
pairs += [("host", "127.0.0.1:4011"), ("content-length", str(len(probe.body)))]

class Headers:  # granian's: lower-case names, items() in order
    def __init__(self, pairs): self._pairs, self._map = pairs, dict(pairs)
    def items(self): return list(self._pairs)
    def keys(self): return [k for k, _ in self._pairs]
    def values(self): return [v for _, v in self._pairs]
    def get(self, key, default=None): return self._map.get(key.lower(), default)
    def __contains__(self, key): return key.lower() in self._map

class Scope:
    proto, http_version, rsgi_version, scheme = "http", "1.1", "1.5", "http"
    server, client, authority, query_string = "127.0.0.1:4011", "127.0.0.1:50000", None, ""
    method, path, headers = probe.method, probe.path, Headers(pairs)

class Protocol:  # granian's protocol object, without a socket
    status = 0
    def __call__(self): return self._body()
    async def _body(self): return probe.body
    def response_bytes(self, status, headers, body): self.status = status
    def response_empty(self, status, headers): self.status = status
    def response_str(self, status, headers, body): self.status = status

async def serve(n, protocol):
    scope = Scope()
    for _ in range(n):
        await app.__rsgi__(scope, protocol)
    return protocol.status

try:
    import uvloop
    factory = uvloop.new_event_loop
except ImportError:
    factory = None
per_call, statuses = [], {}
with asyncio.Runner(loop_factory=factory) as runner:
    runner.run(serve(200, Protocol()))
    for _ in range(rounds):
        app.reset()
        probe = prepared()  # the same request, for the order uploaded after this reset
        protocol = Protocol()
        started = time.perf_counter()
        status = runner.run(serve(calls, protocol))
        per_call.append((time.perf_counter() - started) / calls * 1e6)
        statuses[status] = statuses.get(status, 0) + calls
print(json.dumps({"us": statistics.median(per_call), "statuses": statuses}))
"""


def rsgi_cost(api: str, *, rounds: int = 5, calls: int = 3000) -> EngineCost:
    """Time one request through the RSGI app the CLI serves (median round, µs per call).

    In a fresh interpreter set up as the CLI sets itself up (its logging: access lines to
    stderr; uvloop), without granian or a socket: a stand-in for granian's protocol object
    hands over the request and takes the answer. ``rounds`` rounds of ``calls`` requests.
    """
    label, _, engine = scenario_calls(api)
    engine.reset()
    done = subprocess.run(
        [sys.executable, "-c", _RSGI_SCRIPT, api, str(rounds), str(calls)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"RSGI cost of {api} failed: {done.stderr[-800:]}")
    data = json.loads(done.stdout.strip().splitlines()[-1])
    statuses = {int(k): v for k, v in data["statuses"].items()}
    return EngineCost(api=api, operation=label, us_per_call=data["us"], statuses=statuses)


def profile(api: str, *, wsgi: bool = False, calls: int = 2000, top: int = 15) -> str:
    """Return cProfile's top ``top`` functions by cumulative time for ``calls`` requests.

    Args:
        api: Which benchmarked request.
        wsgi: Profile the whole WSGI app instead of ``Engine.handle`` alone.
        calls: How many requests to profile.
        top: How many functions to list.
    """
    label, call, _ = wsgi_calls(api) if wsgi else scenario_calls(api)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        call()
    profiler.disable()
    out = io.StringIO()
    out.write(f"{api} {label}: {calls} x {'MockApp (WSGI)' if wsgi else 'Engine.handle'}\n")
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


_STARTUP_SCRIPT = """
import json, sys, time
t0 = time.perf_counter()
import mock_server.cli
from mock_server.cli import build_parser, build_sites
t1 = time.perf_counter()
out = {"import_ms": (t1 - t0) * 1000}
for api in ("autoenhance", "aihomedesign"):
    t = time.perf_counter()
    build_sites(build_parser().parse_args(["--api", api]))
    out[f"engine_{api}_ms"] = (time.perf_counter() - t) * 1000
print(json.dumps(out))
"""


def startup_breakdown() -> dict[str, float]:
    """In a fresh interpreter: ms to import the CLI and to build each API's engine."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _STARTUP_SCRIPT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    total = (time.perf_counter() - started) * 1000
    if done.returncode != 0:
        raise BenchError(f"startup breakdown failed: {done.stderr[-500:]}")
    data: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    data["interpreter_total_ms"] = total
    return {k: round(v, 1) for k, v in data.items()}


def fixture_cost(*, cycles: int = 200) -> FixtureCost:
    """Measure reset + one request + check on a running MockServer (median per part)."""
    from mock_server.server import MockServer

    # Strict, as the pytest plugin's fixtures are by default.
    server = MockServer(build_engine("autoenhance", "--strict"))
    probe = create_order_probe()

    def request() -> None:
        reply = send(server.port, probe)
        if reply.status >= 500:
            raise BenchError(f"fixture request failed: {reply.status} {reply.body!r}")

    server.start()
    try:
        return _cycles(server, request, cycles)
    finally:
        server.stop()


def client_cost(*, cycles: int = 200) -> FixtureCost:
    """Measure reset + one create_order through ``MockServer.client()`` + check (medians)."""
    from autoenhance_client.api.orders import create_order
    from autoenhance_client.models import OrderIn

    from mock_server.engine import EngineOptions
    from mock_server.server import MockServer

    # As the autoenhance_mock fixture builds it: strict, on a manual clock; never started.
    server = MockServer.for_api("autoenhance", options=EngineOptions(strict=True))
    body = OrderIn.from_dict(json.loads(create_order_probe().body))

    def request() -> None:
        reply = create_order.sync_detailed(client=server.client(), body=body)
        if reply.status_code >= 300:
            raise BenchError(f"in-process request failed: {reply.status_code} {reply.content!r}")

    return _cycles(server, request, cycles)


def _cycles(server: Any, request: Callable[[], None], cycles: int) -> FixtureCost:
    """Time ``cycles`` rounds of reset + ``request()`` + check; medians per part."""
    parts: dict[str, list[float]] = {"reset": [], "request": [], "check": []}
    for _ in range(cycles):
        t0 = time.perf_counter()
        server.reset()
        t1 = time.perf_counter()
        request()
        t2 = time.perf_counter()
        server.check()
        t3 = time.perf_counter()
        parts["reset"].append(t1 - t0)
        parts["request"].append(t2 - t1)
        parts["check"].append(t3 - t2)
    totals = [sum(p) for p in zip(*parts.values(), strict=True)]
    ms = {k: statistics.median(v) * 1000 for k, v in parts.items()}
    return FixtureCost(
        cycles=cycles,
        total_ms=statistics.median(totals) * 1000,
        reset_ms=ms["reset"],
        request_ms=ms["request"],
        check_ms=ms["check"],
    )


def describe_statuses(statuses: dict[int, int]) -> str:
    """Render a status histogram compactly, e.g. ``200x48, 429x2``."""
    return ", ".join(f"{s}x{n}" for s, n in sorted(statuses.items())) or json.dumps(statuses)
