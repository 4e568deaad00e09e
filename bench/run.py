"""One full benchmark run: throughput rounds, startup and idle memory, in-process costs.

For each API, every server (ours, Prism, WireMock, the raw ceiling and the loaded one) is
started on its own free 127.0.0.1 port and stays up while wrk loads them one at a time: at
each concurrency, each round visits every server, in an order rotated from round to round,
so a slow spell of a shared machine hits every server rather than one. Idle servers wait
with no load. A server that cannot be measured becomes an error row and the run goes on.
Every phase prints one line as it ends; the profiles go to the results file only.
"""

from __future__ import annotations

import compileall
import contextlib
import os
import platform
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from bench import ceiling, inprocess, scenarios, servers, stubs, wrk
from bench.inprocess import EngineCost
from bench.procs import (
    ROOT,
    BenchError,
    Probe,
    Reply,
    Server,
    free_port,
    group_rss_kib,
    launched,
    send,
    wait_ready,
)
from bench.report import OPERATIONS, Report, Startup, Throughput

NAMES = ("ours", "prism", "wiremock", "ceiling", "loaded")
CEILINGS = frozenset({"ceiling", "loaded"})
JIT_RUNTIMES = frozenset({"prism", "wiremock"})
_MEASURE_ERRORS = (BenchError, OSError, subprocess.SubprocessError)


@dataclass(frozen=True, kw_only=True)
class Settings:
    """What a run measures and how hard (see ``python -m bench --help``)."""

    connections: tuple[int, ...] = (8, 32)
    threads: int = 1
    duration_s: int = 5
    warmup_s: int = 1
    jit_warmup_s: int = 45
    rounds: int = 3
    startup_runs: int = 3
    fixture_cycles: int = 200
    apis: tuple[str, ...] = scenarios.APIS
    peers: tuple[str, ...] = ("prism", "wiremock", "ceiling", "loaded")
    our_server: str | None = None
    our_threads: int | None = None
    our_args: list[str] = field(default_factory=list)
    log_dir: Path = Path("bench/results/logs")

    @property
    def names(self) -> tuple[str, ...]:
        """The servers measured, ours first."""
        return tuple(n for n in NAMES if n == "ours" or n in self.peers)

    def load(self, connections: int, seconds: int | None = None) -> wrk.Load:
        """The wrk load at ``connections`` for ``seconds`` (default: the measured duration)."""
        duration = self.duration_s if seconds is None else seconds
        return wrk.Load(threads=self.threads, connections=connections, duration_s=duration)


class Progress:
    """Prints ``[k/N] what`` as each of the run's N phases ends."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0

    def step(self, text: str) -> None:
        """Count one phase and print its line."""
        self.done += 1
        print(f"[{self.done}/{self.total}] {text}", flush=True)


def phase_count(s: Settings) -> int:
    """How many lines :class:`Progress` prints in a run with settings ``s``."""
    servers_per_api = len(s.names) * (1 + len(s.connections) * s.rounds)
    startups = s.startup_runs * len([n for n in s.names if n not in CEILINGS])
    spins = 1 if "loaded" in s.names else 0  # ours' RSGI app measured for the spin
    return len(s.apis) * (servers_per_api + 2 + spins) + startups + 2


@dataclass(kw_only=True)
class _Context:
    """What one run shares between its phases."""

    settings: Settings
    wrk_bin: str
    kind: str
    threads: int
    progress: Progress
    stub_root: Path
    # ours' request and answer per API: WireMock's stub copies them.
    replies: dict[str, tuple[Probe, Reply]] = field(default_factory=dict)
    # ours' RSGI app per API, in-process: the loaded ceiling spins this long per request.
    rsgi: dict[str, EngineCost] = field(default_factory=dict)


@dataclass(kw_only=True)
class _Live:
    """A server up for the rounds of one API, and the request it is loaded with."""

    name: str
    server: Server
    probe: Probe


def run(settings: Settings) -> Report:
    """Measure everything ``settings`` asks for and return the report."""
    kind = servers.our_server_kind(settings.our_server)
    ctx = _Context(
        settings=settings,
        wrk_bin=wrk.ensure_wrk(),
        kind=kind,
        threads=servers.our_threads(settings.our_threads),
        progress=Progress(phase_count(settings)),
        stub_root=settings.log_dir.parent / "wiremock",
    )
    report = Report(environment=_environment(ctx))
    for api in settings.apis:
        if "loaded" in settings.names:
            _attempt(report, ctx, f"ours' Python per request, {api}", partial(_spin_of, ctx, api))
        report.throughput += _rounds(ctx, api)
    report.spin_us = {api: cost.us_per_call for api, cost in ctx.rsgi.items()}
    _note_backends(report)
    report.startup = _startups(ctx)
    _in_process(report, ctx)
    report.environment["load average at end (1, 5, 15 min)"] = _load_average()
    if max(os.getloadavg()) > (os.cpu_count() or 1):
        report.notes.insert(0, _BUSY)
    return report


_BUSY = (
    "the machine was busy: its load average exceeded its CPU count during the run, so other "
    "work took CPU time from the servers; compare ratios from the same run, not req/s across runs"
)


def _spin_of(ctx: _Context, api: str) -> str:
    """Measure ours' RSGI app in-process: the loaded ceiling's spin for ``api``."""
    ctx.rsgi[api] = inprocess.rsgi_cost(api)
    return f"{ctx.rsgi[api].us_per_call:.1f} µs (the loaded ceiling spins this long)"


def _rounds(ctx: _Context, api: str) -> list[Throughput]:
    s = ctx.settings
    rows = {
        (n, c): Throughput(api=api, server=n, connections=c) for c in s.connections for n in s.names
    }
    with contextlib.ExitStack() as stack:
        live: list[_Live] = []
        for name in s.names:
            try:
                live.append(stack.enter_context(_serving(ctx, name, api)))
            except _MEASURE_ERRORS as exc:
                for c in s.connections:
                    rows[name, c].errors.append(f"start: {_first_line(exc)}")
                ctx.progress.step(f"{name} {api}: failed to start: {_first_line(exc)}")
        for conns in s.connections:
            for index in range(s.rounds):
                turn = live[index % len(live) :] + live[: index % len(live)] if live else []
                for one in turn:
                    _measure(ctx, one, rows[one.name, conns], index)
        for name in s.names:
            if all(one.name != name for one in live):
                ctx.progress.done += len(s.connections) * s.rounds
    return list(rows.values())


@contextlib.contextmanager
def _serving(ctx: _Context, name: str, api: str) -> Iterator[_Live]:
    """Start ``name`` serving ``api``, make its request ready, warm it up; stop it after."""
    s = ctx.settings
    port = free_port()
    if name == "wiremock":
        _write_stub(ctx, api)
    argv = _command(ctx, name, api, port)
    env = {ceiling.SPIN_ENV: f"{_spin_us(ctx, api):.3f}"} if name == "loaded" else None
    with launched(f"{name}-{api}", argv, port=port, log_dir=s.log_dir, env=env) as server:
        ready_s = wait_ready(server, scenarios.readiness_probe(api))
        probe = _probe(ctx, name, api, port)
        warmed = _warm_up(ctx, port, probe) if name in JIT_RUNTIMES else "no JIT"
        ctx.progress.step(f"{name} {api}: up in {ready_s * 1000:,.0f} ms; warm-up: {warmed}")
        yield _Live(name=name, server=server, probe=probe)


# A JIT runtime counts as warm when, after at least _WARM_MIN_STEPS loads of
# _WARM_STEP_S seconds, one load gains less than _WARM_GAIN over the one before.
_WARM_STEP_S = 3
_WARM_MIN_STEPS = 5
_WARM_GAIN = 0.1


def _warm_up(ctx: _Context, port: int, probe: Probe) -> str:
    """Load a JIT runtime until its req/s stops rising (at most ``jit_warmup_s`` seconds).

    WireMock on a JVM starts several times slower than it ends up: on 2 cores it took
    about 15 s of load to get there, and on a busy machine two early loads can agree by
    chance, hence the minimum.
    """
    s = ctx.settings
    rates: list[float] = []
    while len(rates) * _WARM_STEP_S < s.jit_warmup_s:
        load = s.load(max(s.connections), _WARM_STEP_S)
        rates.append(wrk.run(ctx.wrk_bin, port, probe, load).rps)
        if len(rates) >= _WARM_MIN_STEPS and rates[-1] < rates[-2] * (1 + _WARM_GAIN):
            break
    return " -> ".join(f"{r:,.0f}" for r in rates) + " req/s"


def _spin_us(ctx: _Context, api: str) -> float:
    """The loaded ceiling's spin: ours' RSGI app's µs per request, measured before.

    Raises:
        BenchError: It could not be measured (the loaded ceiling is then not started).
    """
    if api not in ctx.rsgi:
        raise BenchError("ours' RSGI app cost was not measured: nothing to spin")
    return ctx.rsgi[api].us_per_call


def _probe(ctx: _Context, name: str, api: str, port: int) -> Probe:
    """The request ``name`` is loaded with; ours' answer to it becomes WireMock's stub."""
    if name in CEILINGS:
        return _ceiling_probe(api)
    if name == "wiremock":
        return ctx.replies[api][0]
    probe = scenarios.prepare(api, port).probe
    if name == "ours":
        ctx.replies[api] = (probe, send(port, probe))
    return probe


def _write_stub(ctx: _Context, api: str) -> None:
    if api not in ctx.replies:
        raise BenchError("no stub: ours did not answer the request WireMock should copy")
    probe, reply = ctx.replies[api]
    stubs.write(ctx.stub_root, OPERATIONS[api], stubs.mapping(probe, reply))


def _measure(ctx: _Context, live: _Live, row: Throughput, index: int) -> None:
    s = ctx.settings
    port = live.server.port
    what = f"{live.name} {OPERATIONS[row.api]} c{row.connections} round {index + 1}"
    try:
        probe = _fresh_probe(live, row) if live.name == "ours" else live.probe
        if s.warmup_s:
            wrk.run(ctx.wrk_bin, port, probe, s.load(row.connections, s.warmup_s))
        result = wrk.run(ctx.wrk_bin, port, probe, s.load(row.connections))
        if live.server.process.poll() is not None:
            raise BenchError(f"server exited during the run: {live.server.log_tail(5)}")
    except _MEASURE_ERRORS as exc:
        row.errors.append(f"round {index + 1}: {_first_line(exc)}")
        ctx.progress.step(f"{what}: failed: {_first_line(exc)}")
        return
    row.rounds.append(result)
    extra = f" ({result.non_2xx:,} not 2xx)" if result.non_2xx else ""
    ctx.progress.step(f"{what}: {result.rps:,.0f} req/s{extra}")


def _fresh_probe(live: _Live, row: Throughput) -> Probe:
    """Reset ours' state so each round starts alike, and make its request ready again.

    A stateful mock keeps every order a round creates; without the reset, later rounds
    would run against more state than earlier ones.
    """
    port = live.server.port
    reset = send(port, Probe(method="POST", path="/__mock/reset"))
    if reset.status >= 300:
        note = f"POST /__mock/reset answered {reset.status}: state kept between rounds"
        if note not in row.notes:
            row.notes.append(note)
        return live.probe
    prepared = scenarios.prepare(row.api, port)
    row.notes.extend(n for n in [*prepared.notes, _served_by(prepared)] if n not in row.notes)
    return prepared.probe


def _served_by(prepared: scenarios.Prepared) -> str:
    if prepared.stateful is None:
        return "served by: unknown (no id returned)"
    return "served by: " + (
        "stateful (vendor behaviour)" if prepared.stateful else "generic engine (synthesized)"
    )


def _command(ctx: _Context, name: str, api: str, port: int) -> list[str]:
    s = ctx.settings
    if name == "ours":
        return servers.ours(api, port, threads=ctx.threads, server=s.our_server, extra=s.our_args)
    if name == "prism":
        return servers.prism(api, port)
    if name == "wiremock":
        return servers.wiremock(port, ctx.stub_root)
    configurable = servers.cli_shape().has("--threads")
    return servers.ceiling(
        port, kind=ctx.kind, threads=ctx.threads, configurable_threads=configurable
    )


def _ceiling_probe(api: str) -> Probe:
    # The ceiling answers anything; send it the same bytes ours gets.
    if api == "autoenhance":
        return scenarios.create_order_probe()
    return scenarios.submit_order_probe("0123456789abcdef01234567")


def _note_backends(report: Report) -> None:
    for row in report.throughput:
        non_2xx = sum(r.non_2xx for r in row.rounds)
        if row.server == "ours" and non_2xx:
            share = non_2xx / max(sum(r.requests for r in row.rounds), 1)
            report.notes.append(
                f"ours/{row.api} c{row.connections}: {share:.0%} of answers were not 2xx "
                "(see the preflight note), so part of this throughput is an error path"
            )


def _startups(ctx: _Context) -> list[Startup]:
    """Launch each server ``startup_runs`` times, serving Autoenhance; time and weigh it.

    The package is byte-compiled first, as ``pip install`` leaves it: under
    ``PYTHONDONTWRITEBYTECODE`` an editable checkout would otherwise compile every module
    at every launch, which no installed copy does.
    """
    s = ctx.settings
    compileall.compile_dir(ROOT / "mock_server", quiet=1)
    entries = []
    for name in (n for n in s.names if n not in CEILINGS):
        entry = Startup(server=name, api="autoenhance")
        entries.append(entry)
        for attempt in range(s.startup_runs):
            try:
                _launch_once(ctx, name, entry, attempt)
            except _MEASURE_ERRORS as exc:
                entry.error = _first_line(exc)
                ctx.progress.step(f"{name} launch {attempt + 1}: failed: {entry.error}")
                ctx.progress.done += s.startup_runs - attempt - 1
                break
    return entries


# How long a server idles after its first answer before its memory is read.
_IDLE_S = 1.0


def _launch_once(ctx: _Context, name: str, entry: Startup, attempt: int) -> None:
    port = free_port()
    argv = _command(ctx, name, "autoenhance", port)
    label = f"startup-{name}-{attempt}"
    with launched(label, argv, port=port, log_dir=ctx.settings.log_dir) as server:
        seconds = wait_ready(server, scenarios.readiness_probe("autoenhance"))
        time.sleep(_IDLE_S)
        rss_mb = group_rss_kib(server.process.pid) / 1024
    entry.seconds.append(seconds)
    entry.rss_mb.append(rss_mb)
    line = f"{seconds * 1000:,.0f} ms to first answer, idle RSS {rss_mb:,.0f} MB"
    ctx.progress.step(f"{name} launch {attempt + 1}: {line}")


def _in_process(report: Report, ctx: _Context) -> None:
    s = ctx.settings
    for api in s.apis:
        _attempt(report, ctx, f"in-process cost {api}", partial(_add_costs, report, ctx, api))

    def fixture() -> str:
        report.fixture = inprocess.fixture_cost(cycles=s.fixture_cycles)
        return f"{report.fixture.total_ms:.2f} ms per test"

    _attempt(report, ctx, "fixture overhead", fixture)

    def client() -> str:
        report.client = inprocess.client_cost(cycles=s.fixture_cycles)
        return f"{report.client.total_ms:.3f} ms per test"

    _attempt(report, ctx, "in-process client overhead", client)
    for api in s.apis:
        _attempt(
            report, ctx, f"profile {api} (to the results file)", partial(_profile, report, api)
        )
    _attempt(report, ctx, "startup breakdown", partial(_add_startup_breakdown, report))


def _add_costs(report: Report, ctx: _Context, api: str) -> str:
    engine, app = inprocess.engine_cost(api), inprocess.wsgi_cost(api)
    rsgi = ctx.rsgi.get(api) or inprocess.rsgi_cost(api)
    report.engine.append(engine)
    report.wsgi.append(app)
    report.rsgi.append(rsgi)
    return (
        f"Engine.handle {engine.us_per_call:.0f} µs, RSGI app {rsgi.us_per_call:.0f} µs, "
        f"WSGI app {app.us_per_call:.0f} µs"
    )


def _profile(report: Report, api: str) -> str:
    report.profiles.append(inprocess.profile(api))
    report.profiles.append(inprocess.profile(api, wsgi=True))
    return "done"


def _add_startup_breakdown(report: Report) -> str:
    parts = inprocess.startup_breakdown()
    text = ", ".join(f"{k} {v:.0f}" for k, v in parts.items())
    report.notes.append(f"startup breakdown (fresh interpreter, ms): {text}")
    return text


def _attempt(report: Report, ctx: _Context, what: str, action: Callable[[], str]) -> None:
    try:
        outcome = action()
    except Exception as exc:
        report.errors.append(f"{what}: {type(exc).__name__}: {exc}")
        outcome = f"failed: {type(exc).__name__}: {exc}"
    ctx.progress.step(f"{what}: {outcome}")


def _load_average() -> str:
    """The machine's load averages: above the CPU count, other work shared the CPUs."""
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _environment(ctx: _Context) -> dict[str, object]:
    s = ctx.settings
    threads = f"{ctx.threads} threads" if ctx.kind == "gunicorn" else "its default threads"
    env: dict[str, object] = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "machine": f"{os.cpu_count()} CPUs, {platform.system()} {platform.release()}",
        "load average at start (1, 5, 15 min)": _load_average(),
        "python": platform.python_version(),
        "wrk": servers.tool_version([ctx.wrk_bin, "--version"]),
        "load": f"wrk -t{s.threads} -c{'/'.join(map(str, s.connections))} -d{s.duration_s}s "
        f"(each after a {s.warmup_s} s warm-up), {s.rounds} rounds, medians",
        "ours": f"mock-server on {ctx.kind}, 1 process, {threads}"
        + (f", extra args {' '.join(s.our_args)}" if s.our_args else ""),
    }
    if "prism" in s.peers:
        env["prism"] = servers.tool_version([str(servers.PRISM), "--version"])
    if "wiremock" in s.peers:
        jar = servers.ensure_npm_tools()[1]
        version = servers.tool_version(["java", "-jar", str(jar), "--version"])
        env["wiremock"] = (
            f"{version} standalone ({jar.name}), static stubs, "
            f"warmed up after launch (so is Prism) in {_WARM_STEP_S} s loads, at least "
            f"{_WARM_MIN_STEPS}, until one gains under {_WARM_GAIN:.0%}, at most "
            f"{s.jit_warmup_s} s"
        )
    if "ceiling" in s.peers:
        env["ceiling"] = f"bench.ceiling:app on {ctx.kind}, same worker settings as ours"
    if "loaded" in s.peers:
        env["loaded"] = (
            "the ceiling spinning in Python, per request, as long as ours' RSGI app takes "
            "in-process (measured just before that API's rounds)"
        )
    return env
