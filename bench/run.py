"""One full benchmark run: throughput, startup, in-process costs, targets, profiles.

Each server (ours, Prism, the raw ceiling) is started on a free 127.0.0.1 port, warmed
up, loaded by wrk for a fixed time at a fixed concurrency, and stopped; then the next one
starts, so they never compete for the CPU. A server that cannot be measured becomes an
error row and the run goes on.
"""

from __future__ import annotations

import os
import platform
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from bench import inprocess, scenarios, servers, wrk
from bench.procs import BenchError, Probe, free_port, launched, wait_ready
from bench.report import Report, Startup, Throughput


@dataclass(frozen=True, kw_only=True)
class Settings:
    """What a run measures and how hard (see ``python -m bench --help``)."""

    load: wrk.Load
    warmup_s: int
    startup_runs: int
    fixture_cycles: int
    apis: tuple[str, ...]
    our_server: str = "gunicorn"
    our_threads: int | None = None
    our_args: list[str] = field(default_factory=list)
    prism: bool = True
    rounds: int = 2
    log_dir: Path = Path("bench/results/logs")


def run(settings: Settings) -> Report:
    """Measure everything ``settings`` asks for and return the report."""
    wrk_bin = wrk.ensure_wrk()
    threads = servers.our_threads(settings.our_threads)
    report = Report(environment=_environment(settings, wrk_bin, threads))
    names = [n for n in ("ours", "prism", "ceiling") if settings.prism or n != "prism"]
    rounds: dict[tuple[str, str], list[Throughput]] = {}
    for index in range(settings.rounds):
        # Rotate the order each round so no server always runs first (or last).
        turn = names[index % len(names) :] + names[: index % len(names)]
        for api in settings.apis:
            for name in turn:
                row = _throughput(api, name, settings, wrk_bin, threads)
                rounds.setdefault((api, name), []).append(row)
    report.throughput = [_best(rows) for rows in rounds.values()]
    report.throughput.sort(key=lambda r: (settings.apis.index(r.api), names.index(r.server)))
    _note_backends(report)
    _startups(report, settings, threads)
    _in_process(report, settings)
    if report.missed():
        for api in settings.apis:
            _attempt(report, f"profile {api}", partial(_add_profiles, report, api))
        _attempt(report, "startup breakdown", partial(_add_startup_breakdown, report))
    return report


def _best(rows: list[Throughput]) -> Throughput:
    """Keep the round with the highest throughput; note every round's req/s."""
    measured = [r for r in rows if r.result is not None]
    if not measured:
        return rows[-1]
    best = max(measured, key=lambda r: r.result.rps if r.result else 0.0)
    if len(rows) > 1:
        each = ", ".join(f"{r.result.rps:.0f}" if r.result else "failed" for r in rows)
        best.notes.append(f"req/s per round: {each} (best kept)")
    return best


def _add_profiles(report: Report, api: str) -> None:
    report.profiles.append(inprocess.profile(api))
    report.profiles.append(inprocess.profile(api, wsgi=True))


def _add_startup_breakdown(report: Report) -> None:
    parts = inprocess.startup_breakdown()
    text = ", ".join(f"{k} {v:.0f}" for k, v in parts.items())
    report.notes.append(f"startup breakdown (fresh interpreter, ms): {text}")


def _add_engine_cost(report: Report, api: str) -> None:
    report.engine.append(inprocess.engine_cost(api))
    report.wsgi.append(inprocess.wsgi_cost(api))


def _command(name: str, api: str, port: int, settings: Settings, threads: int) -> list[str]:
    if name == "ours":
        return servers.ours(
            api, port, threads=threads, server=settings.our_server, extra=settings.our_args
        )
    if name == "prism":
        return servers.prism(api, port)
    return servers.ceiling(port, threads=threads)


def _throughput(api: str, name: str, s: Settings, wrk_bin: str, threads: int) -> Throughput:
    row = Throughput(api=api, server=name)
    port = free_port()
    try:
        argv = _command(name, api, port, s, threads)
        with launched(f"{name}-{api}", argv, port=port, log_dir=s.log_dir) as server:
            ready = scenarios.readiness_probe(api)
            wait_ready(server, ready)
            probe = _prepare(row, api, port) if name != "ceiling" else _ceiling_probe(api)
            if s.warmup_s:
                wrk.run(wrk_bin, port, probe, _with_duration(s.load, s.warmup_s))
            row.result = wrk.run(wrk_bin, port, probe, s.load)
            if server.process.poll() is not None:
                row.notes.append(f"server exited during the run: {server.log_tail(5)}")
    except (BenchError, OSError, subprocess.SubprocessError) as exc:
        row.error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        row.notes.append(str(exc))
    return row


def _prepare(row: Throughput, api: str, port: int) -> Probe:
    prepared = scenarios.prepare(api, port)
    row.notes.extend(prepared.notes)
    if prepared.stateful is None:
        kind = "unknown (no id returned)"
    else:
        kind = (
            "stateful (vendor behaviour)" if prepared.stateful else "generic engine (synthesized)"
        )
    row.notes.append(f"served by: {kind}")
    return prepared.probe


def _ceiling_probe(api: str) -> Probe:
    # The ceiling answers anything; send it the same bytes ours gets.
    if api == "autoenhance":
        return scenarios.create_order_probe()
    return scenarios.submit_order_probe("0123456789abcdef01234567")


def _with_duration(load: wrk.Load, seconds: int) -> wrk.Load:
    return wrk.Load(
        threads=load.threads,
        connections=load.connections,
        duration_s=seconds,
        timeout_s=load.timeout_s,
    )


def _note_backends(report: Report) -> None:
    for row in report.throughput:
        if row.server == "ours" and row.result is not None and row.result.non_2xx:
            share = row.result.non_2xx / max(row.result.requests, 1)
            report.notes.append(
                f"ours/{row.api}: {share:.0%} of answers were not 2xx (see the preflight "
                "note), so part of this throughput is an error path"
            )


def _startups(report: Report, s: Settings, threads: int) -> None:
    # Autoenhance is the API both servers start with; ours serves only it (--api).
    names = ("ours", "prism") if s.prism else ("ours",)
    for name in names:
        entry = Startup(server=name, api="autoenhance")
        report.startup.append(entry)
        for attempt in range(s.startup_runs):
            port = free_port()
            try:
                argv = _command(name, "autoenhance", port, s, threads)
                label = f"startup-{name}-{attempt}"
                with launched(label, argv, port=port, log_dir=s.log_dir) as server:
                    probe = scenarios.readiness_probe("autoenhance")
                    entry.seconds.append(wait_ready(server, probe))
            except (BenchError, OSError) as exc:
                entry.error = str(exc).splitlines()[0]
                report.errors.append(f"startup {name}: {exc}")
                break


def _in_process(report: Report, s: Settings) -> None:
    for api in s.apis:
        _attempt(report, f"engine cost {api}", partial(_add_engine_cost, report, api))

    def fixture() -> None:
        report.fixture = inprocess.fixture_cost(cycles=s.fixture_cycles)

    _attempt(report, "fixture overhead", fixture)


def _attempt(report: Report, what: str, action: Callable[[], None]) -> None:
    try:
        action()
    except Exception as exc:
        report.errors.append(f"{what}: {type(exc).__name__}: {exc}")


def _version(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return "unavailable"
    text = (done.stdout or done.stderr).strip().splitlines()
    return text[0] if text else "unknown"


def _environment(s: Settings, wrk_bin: str, threads: int) -> dict[str, object]:
    load = s.load
    env: dict[str, object] = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "machine": f"{os.cpu_count()} CPUs, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "wrk": _version([wrk_bin, "--version"]),
        "load": f"wrk -t{load.threads} -c{load.connections} -d{load.duration_s}s "
        f"(after a {s.warmup_s}s warm-up)",
        "ours": f"mock-server --server {s.our_server}, 1 process gthread x {threads} threads"
        + (f", extra args {' '.join(s.our_args)}" if s.our_args else ""),
        "ceiling": f"bench.ceiling:app on gunicorn, 1 process gthread x {threads} threads",
    }
    if s.prism:
        env["prism"] = _version([str(servers.PRISM), "--version"])
    return env
