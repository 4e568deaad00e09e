"""The results of one bench run: the numbers, the targets with PASS/MISS, and rendering.

The same :class:`Report` is printed to the terminal and written as Markdown
(``bench/results/latest.md``) and JSON (``bench/results/latest.json``).
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.inprocess import EngineCost, FixtureCost, describe_statuses
from bench.wrk import WrkResult

SERVERS = ("ours", "prism", "ceiling")
LABELS = {
    "autoenhance": "Autoenhance create_order (POST /v3/orders/)",
    "aihomedesign": "AI HomeDesign submit_order (POST /v1/order)",
}


@dataclass(kw_only=True)
class Throughput:
    """One wrk measurement of one server on one API (or why it could not be taken)."""

    api: str
    server: str
    result: WrkResult | None = None
    error: str | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "api": self.api,
            "server": self.server,
            "result": self.result.to_dict() if self.result else None,
            "error": self.error,
            "notes": self.notes,
        }


@dataclass(kw_only=True)
class Startup:
    """Seconds from launch to first answer, for each launch of one server."""

    server: str
    api: str
    seconds: list[float] = field(default_factory=list)
    error: str | None = None

    @property
    def median_ms(self) -> float | None:
        """The median launch time in milliseconds, if any launch succeeded."""
        return statistics.median(self.seconds) * 1000 if self.seconds else None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "server": self.server,
            "api": self.api,
            "seconds": [round(s, 4) for s in self.seconds],
            "median_ms": round(self.median_ms, 1) if self.median_ms is not None else None,
            "error": self.error,
        }


@dataclass(frozen=True, kw_only=True)
class Target:
    """One goal: what was measured against what was wanted."""

    name: str
    measured: float | None
    goal: float
    higher_is_better: bool = True
    unit: str = "x"

    @property
    def verdict(self) -> str:
        """``PASS``, ``MISS``, or ``N/A`` when the measurement is missing."""
        if self.measured is None:
            return "N/A"
        ok = self.measured >= self.goal if self.higher_is_better else self.measured <= self.goal
        return "PASS" if ok else "MISS"

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        measured = round(self.measured, 3) if self.measured is not None else None
        return {
            "name": self.name,
            "measured": measured,
            "goal": self.goal,
            "unit": self.unit,
            "verdict": self.verdict,
        }


@dataclass(kw_only=True)
class Report:
    """Everything one ``python -m bench`` run measured."""

    environment: dict[str, Any]
    throughput: list[Throughput] = field(default_factory=list)
    startup: list[Startup] = field(default_factory=list)
    engine: list[EngineCost] = field(default_factory=list)
    wsgi: list[EngineCost] = field(default_factory=list)
    fixture: FixtureCost | None = None
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    profiles: list[str] = field(default_factory=list)

    def rps(self, api: str, server: str) -> float | None:
        """Requests per second of ``server`` on ``api``, if measured."""
        for row in self.throughput:
            if row.api == api and row.server == server and row.result is not None:
                return row.result.rps
        return None

    def startup_ms(self, server: str) -> float | None:
        """Median launch time of ``server`` in milliseconds, if measured."""
        return next((s.median_ms for s in self.startup if s.server == server), None)

    def targets(self) -> list[Target]:
        """The goals of the issue, evaluated against this run."""
        out: list[Target] = []
        for api in dict.fromkeys(row.api for row in self.throughput):
            ours, prism, ceiling = (self.rps(api, s) for s in SERVERS)
            out.append(
                Target(name=f"{api}: throughput ours/Prism", measured=_ratio(ours, prism), goal=2.0)
            )
            out.append(
                Target(
                    name=f"{api}: throughput ours/raw ceiling",
                    measured=_ratio(ours, ceiling),
                    goal=0.6,
                    unit="",
                )
            )
        if self.startup:
            speedup = _ratio(self.startup_ms("prism"), self.startup_ms("ours"))
            out.append(Target(name="startup: Prism time / ours", measured=speedup, goal=3.0))
        if self.fixture is not None or self.errors:
            total = self.fixture.total_ms if self.fixture else None
            out.append(
                Target(
                    name="fixture overhead per test",
                    measured=total,
                    goal=5.0,
                    higher_is_better=False,
                    unit=" ms",
                )
            )
        return out

    def missed(self) -> bool:
        """Whether any target was missed (or could not be measured)."""
        return any(t.verdict != "PASS" for t in self.targets())

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of the whole run."""
        return {
            "environment": self.environment,
            "throughput": [t.to_dict() for t in self.throughput],
            "startup": [s.to_dict() for s in self.startup],
            "engine": [e.to_dict() for e in self.engine],
            "wsgi": [e.to_dict() for e in self.wsgi],
            "fixture": self.fixture.to_dict() if self.fixture else None,
            "targets": [t.to_dict() for t in self.targets()],
            "errors": self.errors,
            "notes": self.notes,
            "profiles": self.profiles,
        }

    def markdown(self) -> str:
        """Render the run as Markdown (also readable as plain terminal text)."""
        return "\n".join(_markdown(self)) + "\n"

    def write(self, directory: Path) -> tuple[Path, Path]:
        """Write ``latest.md`` and ``latest.json`` into ``directory``; return both paths."""
        directory.mkdir(parents=True, exist_ok=True)
        md, js = directory / "latest.md", directory / "latest.json"
        md.write_text(self.markdown(), encoding="utf-8")
        js.write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")
        return md, js


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _fmt(value: float | None, spec: str = ".0f", suffix: str = "") -> str:
    return "—" if value is None else f"{value:{spec}}{suffix}"


def _markdown(r: Report) -> list[str]:
    env = r.environment
    lines = ["# Benchmark results", ""]
    lines += [f"- {k}: {v}" for k, v in env.items()]
    lines += ["", "## Targets", "", "| Target | Measured | Goal | Verdict |", "|---|---|---|---|"]
    for t in r.targets():
        goal = f"{'≥' if t.higher_is_better else '≤'} {t.goal:g}{t.unit}"
        lines.append(f"| {t.name} | {_fmt(t.measured, '.2f', t.unit)} | {goal} | {t.verdict} |")
    lines += ["", f"## Throughput ({env.get('load', '')}, request validation on)", ""]
    lines += [
        "| Request | Server | req/s | p50 ms | p90 ms | p99 ms | non-2xx | socket errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in r.throughput:
        res = row.result
        if res is None:
            lines.append(f"| {LABELS[row.api]} | {row.server} | failed: {row.error} | | | | | |")
            continue
        lines.append(
            f"| {LABELS[row.api]} | {row.server} | {res.rps:.0f} | {res.p50_ms:.2f} | "
            f"{res.p90_ms:.2f} | {res.p99_ms:.2f} | {res.non_2xx} of {res.requests} | "
            f"{res.socket_errors} |"
        )
    lines += _startup_lines(r) + _inprocess_lines(r)
    notes = [n for row in r.throughput for n in (f"{row.server}/{row.api}: {x}" for x in row.notes)]
    if r.notes or notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in [*r.notes, *notes]]
    if r.errors:
        lines += ["", "## Errors", ""] + [f"- {e}" for e in r.errors]
    if r.profiles:
        lines += ["", "## Profiles (a target was missed)", ""]
        for text in r.profiles:
            lines += ["```", text.rstrip(), "```", ""]
    return lines


def _startup_lines(r: Report) -> list[str]:
    if not r.startup:
        return []
    lines = ["", "## Startup: launch to first answered request", ""]
    lines += ["| Server | API | median ms | runs (ms) |", "|---|---|---|---|"]
    for s in r.startup:
        runs = ", ".join(f"{x * 1000:.0f}" for x in s.seconds) or f"failed: {s.error}"
        lines.append(f"| {s.server} | {s.api} | {_fmt(s.median_ms)} | {runs} |")
    return lines


def _inprocess_lines(r: Report) -> list[str]:
    lines: list[str] = []
    if r.engine:
        lines += [
            "",
            "## In-process cost per request (best of 5 timeit rounds)",
            "",
            "Engine.handle alone; then the whole WSGI app the CLI serves (werkzeug, journal,",
            "access log, engine) without a server; then 1e6 / ours' standalone req/s.",
            "",
            "| Request | Engine.handle µs | WSGI app µs | standalone µs | statuses |",
            "|---|---|---|---|---|",
        ]
        wsgi = {w.api: w.us_per_call for w in r.wsgi}
        for e in r.engine:
            rps = r.rps(e.api, "ours")
            lines.append(
                f"| {LABELS[e.api]} | {e.us_per_call:.1f} | {_fmt(wsgi.get(e.api), '.1f')} | "
                f"{_fmt(1e6 / rps if rps else None, '.0f')} | {describe_statuses(e.statuses)} |"
            )
    if r.fixture is not None:
        f = r.fixture
        lines += [
            "",
            "## Fixture overhead per test (median of "
            f"{f.cycles} cycles: reset + one create_order over HTTP + check)",
            "",
            f"- total {f.total_ms:.2f} ms = reset {f.reset_ms:.2f} ms + request "
            f"{f.request_ms:.2f} ms + check {f.check_ms:.2f} ms",
        ]
    return lines
