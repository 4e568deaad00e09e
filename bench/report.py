"""The results of one bench run: the numbers, the targets with PASS/MISS, and rendering.

The same :class:`Report` is written as Markdown (``bench/results/latest.md``, profiles
included) and JSON (``bench/results/latest.json``), and printed without the profiles.
Throughput is the median over the rounds, and every ratio is a ratio of medians.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.inprocess import EngineCost, FixtureCost, describe_statuses
from bench.wrk import WrkResult

SERVERS = ("ours", "prism", "wiremock", "ceiling", "loaded")
PEERS = {"prism": "Prism", "wiremock": "WireMock", "ceiling": "ceiling", "loaded": "loaded"}
LABELS = {
    "autoenhance": "Autoenhance create_order (POST /v3/orders/)",
    "aihomedesign": "AI HomeDesign submit_order (POST /v1/order)",
}
OPERATIONS = {"autoenhance": "create_order", "aihomedesign": "submit_order"}


@dataclass(kw_only=True)
class Throughput:
    """Every wrk round of one server on one API at one concurrency, and what went wrong."""

    api: str
    server: str
    connections: int
    rounds: list[WrkResult] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def median_rps(self) -> float | None:
        """The median req/s over the rounds measured (not the best round)."""
        return median([r.rps for r in self.rounds])

    def median_of(self, metric: str) -> float | None:
        """The median over the rounds of one :class:`WrkResult` field, e.g. ``p99_ms``."""
        return median([float(getattr(r, metric)) for r in self.rounds])

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        rps = self.median_rps
        return {
            "api": self.api,
            "server": self.server,
            "connections": self.connections,
            "median_rps": round(rps, 1) if rps is not None else None,
            "rounds": [r.to_dict() for r in self.rounds],
            "errors": self.errors,
            "notes": self.notes,
        }


def median(values: list[float]) -> float | None:
    """The median of ``values``, or None when there are none."""
    return statistics.median(values) if values else None


def ratio(a: float | None, b: float | None) -> float | None:
    """``a / b``, or None when either is missing or ``b`` is zero."""
    return a / b if a is not None and b else None


@dataclass(kw_only=True)
class Startup:
    """Each launch of one server: seconds to its first answer and its idle RSS after it."""

    server: str
    api: str
    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)
    error: str | None = None

    @property
    def median_ms(self) -> float | None:
        """The median launch time in milliseconds, if any launch succeeded."""
        value = median(self.seconds)
        return value * 1000 if value is not None else None

    @property
    def median_rss_mb(self) -> float | None:
        """The median idle RSS in MB (the whole process group), if any launch succeeded."""
        return median(self.rss_mb)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "server": self.server,
            "api": self.api,
            "seconds": [round(s, 4) for s in self.seconds],
            "median_ms": _round(self.median_ms),
            "rss_mb": [round(m, 1) for m in self.rss_mb],
            "median_rss_mb": _round(self.median_rss_mb),
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
        return {
            "name": self.name,
            "measured": _round(self.measured, 3),
            "goal": self.goal,
            "unit": self.unit,
            "verdict": self.verdict,
        }


@dataclass(frozen=True, kw_only=True)
class Budget:
    """How much Python per request the server allows for a throughput, from two ceilings.

    The raw ceiling answers in ``t0`` µs per request; the loaded one, which spins ``spin``
    µs of Python more, in ``t1``. Between them each µs of Python costs
    ``(t1 - t0) / spin`` µs per request (more than one: the server's own threads wait
    for the interpreter meanwhile), so a server time ``t`` leaves ``(t - t0) / slope`` µs
    of Python. Read with care beyond the two points: it is a straight line through them.
    """

    spin_us: float
    ceiling_rps: float
    loaded_rps: float

    @property
    def slope(self) -> float:
        """µs per request that each µs of Python adds on this server."""
        return (1e6 / self.loaded_rps - 1e6 / self.ceiling_rps) / self.spin_us

    def python_us_at(self, rps: float) -> float:
        """The µs of Python per request a server answering ``rps`` req/s may spend."""
        return (1e6 / rps - 1e6 / self.ceiling_rps) / self.slope


def budget(
    spin_us: float | None, ceiling_rps: float | None, loaded_rps: float | None
) -> Budget | None:
    """The :class:`Budget` of one case, or None when a part is missing or degenerate."""
    if not spin_us or not ceiling_rps or not loaded_rps or loaded_rps >= ceiling_rps:
        return None
    return Budget(spin_us=spin_us, ceiling_rps=ceiling_rps, loaded_rps=loaded_rps)


@dataclass(kw_only=True)
class Report:
    """Everything one ``python -m bench`` run measured."""

    environment: dict[str, Any]
    throughput: list[Throughput] = field(default_factory=list)
    startup: list[Startup] = field(default_factory=list)
    engine: list[EngineCost] = field(default_factory=list)
    wsgi: list[EngineCost] = field(default_factory=list)
    rsgi: list[EngineCost] = field(default_factory=list)
    fixture: FixtureCost | None = None
    client: FixtureCost | None = None
    # The loaded ceiling's spin per API (µs): ours' RSGI app, measured before the rounds.
    spin_us: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    profiles: list[str] = field(default_factory=list)

    def rps(self, api: str, server: str, connections: int) -> float | None:
        """Median requests per second of ``server`` on ``api`` at ``connections``."""
        for row in self.throughput:
            if (row.api, row.server, row.connections) == (api, server, connections):
                return row.median_rps
        return None

    def cases(self) -> list[tuple[str, int]]:
        """Each (API, concurrency) measured, in run order."""
        return list(dict.fromkeys((row.api, row.connections) for row in self.throughput))

    def startup_ms(self, server: str) -> float | None:
        """Median launch time of ``server`` in milliseconds, if measured."""
        return next((s.median_ms for s in self.startup if s.server == server), None)

    def targets(self) -> list[Target]:
        """The goals of issue #9, evaluated against this run's medians."""
        out: list[Target] = []
        for api, conns in self.cases():
            ours, prism, wiremock = (self.rps(api, s, conns) for s in ("ours", "prism", "wiremock"))
            if "prism" in self.servers():
                name = f"{api} c{conns}: throughput ours/Prism"
                out.append(Target(name=name, measured=ratio(ours, prism), goal=4.0))
            if "wiremock" in self.servers():
                name = f"{api} c{conns}: throughput ours/WireMock static stub"
                out.append(Target(name=name, measured=ratio(ours, wiremock), goal=1.0))
        ours_startup = next((s for s in self.startup if s.server == "ours"), None)
        if ours_startup is not None:
            out.append(
                Target(
                    name="ours: launch to first answer",
                    measured=ours_startup.median_ms,
                    goal=200.0,
                    higher_is_better=False,
                    unit=" ms",
                )
            )
            out.append(
                Target(
                    name="ours: idle RSS",
                    measured=ours_startup.median_rss_mb,
                    goal=60.0,
                    higher_is_better=False,
                    unit=" MB",
                )
            )
        for costs, what, goal in (
            (self.rsgi, "whole app (RSGI, as the CLI serves it)", 60.0),
            (self.engine, "Engine.handle", 30.0),
        ):
            for cost in costs:
                out.append(
                    Target(
                        name=f"{cost.api} {cost.operation}: {what} per request",
                        measured=cost.us_per_call,
                        goal=goal,
                        higher_is_better=False,
                        unit=" µs",
                    )
                )
        if self.client is not None or self.errors:
            total = self.client.total_ms if self.client else None
            name = "in-process client overhead per test"
            out.append(
                Target(name=name, measured=total, goal=0.3, higher_is_better=False, unit=" ms")
            )
        if self.fixture is not None or self.errors:
            total = self.fixture.total_ms if self.fixture else None
            name = "HTTP fixture overhead per test"
            out.append(
                Target(name=name, measured=total, goal=5.0, higher_is_better=False, unit=" ms")
            )
        return out

    def servers(self) -> list[str]:
        """The servers this run measured (or tried to), in :data:`SERVERS` order."""
        present = {row.server for row in self.throughput}
        return [s for s in SERVERS if s in present]

    def missed(self) -> bool:
        """Whether any target was missed (or could not be measured)."""
        return any(t.verdict != "PASS" for t in self.targets())

    def failed(self) -> bool:
        """Whether any measurement failed."""
        return bool(self.errors) or any(row.errors for row in self.throughput)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of the whole run."""
        return {
            "environment": self.environment,
            "throughput": [t.to_dict() for t in self.throughput],
            "startup": [s.to_dict() for s in self.startup],
            "engine": [e.to_dict() for e in self.engine],
            "wsgi": [e.to_dict() for e in self.wsgi],
            "rsgi": [e.to_dict() for e in self.rsgi],
            "fixture": self.fixture.to_dict() if self.fixture else None,
            "client": self.client.to_dict() if self.client else None,
            "spin_us": {api: round(us, 1) for api, us in self.spin_us.items()},
            "budgets": self.budgets(),
            "targets": [t.to_dict() for t in self.targets()],
            "errors": self.errors,
            "notes": self.notes,
            "profiles": self.profiles,
        }

    def budget(self, api: str, connections: int) -> Budget | None:
        """What the loaded ceiling says about ``api`` at ``connections``, if measured."""
        return budget(
            self.spin_us.get(api),
            self.rps(api, "ceiling", connections),
            self.rps(api, "loaded", connections),
        )

    def budgets(self) -> list[dict[str, Any]]:
        """Per case: the spin, the slope, ours' effective Python µs, WireMock's budget."""
        out = []
        for api, conns in self.cases():
            b = self.budget(api, conns)
            if b is None:
                continue
            ours, wiremock = self.rps(api, "ours", conns), self.rps(api, "wiremock", conns)
            out.append(
                {
                    "api": api,
                    "connections": conns,
                    "spin_us": round(b.spin_us, 1),
                    "slope": round(b.slope, 3),
                    "ours_python_us": _round(b.python_us_at(ours) if ours else None),
                    "python_us_for_wiremock": _round(
                        b.python_us_at(wiremock) if wiremock else None
                    ),
                }
            )
        return out

    def markdown(self, *, profiles: bool = True) -> str:
        """Render the run as Markdown (also readable as terminal text).

        Args:
            profiles: Include the profiles (the results file does; the terminal does not).
        """
        lines = _markdown(self)
        if profiles and self.profiles:
            lines += ["", "## Profiles of the in-process hot path (cProfile)", ""]
            for text in self.profiles:
                lines += ["```", text.rstrip(), "```", ""]
        return "\n".join(lines) + "\n"

    def write(self, directory: Path) -> tuple[Path, Path]:
        """Write ``latest.md`` and ``latest.json`` into ``directory``; return both paths."""
        directory.mkdir(parents=True, exist_ok=True)
        md, js = directory / "latest.md", directory / "latest.json"
        md.write_text(self.markdown(), encoding="utf-8")
        js.write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")
        return md, js


def _round(value: float | None, digits: int = 1) -> float | None:
    return round(value, digits) if value is not None else None


def _fmt(value: float | None, spec: str = ",.0f", suffix: str = "") -> str:
    return "—" if value is None else f"{value:{spec}}{suffix}"


def _markdown(r: Report) -> list[str]:
    lines = ["# Benchmark results", ""]
    lines += [f"- {k}: {v}" for k, v in r.environment.items()]
    lines += _summary_lines(r)
    lines += ["", "## Targets", "", "| Target | Measured | Goal | Verdict |", "|---|---|---|---|"]
    for t in r.targets():
        goal = f"{'≥' if t.higher_is_better else '≤'} {t.goal:g}{t.unit}"
        lines.append(f"| {t.name} | {_fmt(t.measured, '.2f', t.unit)} | {goal} | {t.verdict} |")
    lines += _budget_lines(r) + _round_lines(r) + _startup_lines(r) + _inprocess_lines(r)
    notes = [
        f"{row.server}/{row.api} c{row.connections}: {n}" for row in r.throughput for n in row.notes
    ]
    if r.notes or notes:
        lines += ["", "## Notes", ""] + [f"- {n}" for n in [*r.notes, *notes]]
    errors = [
        *r.errors,
        *(f"{t.server}/{t.api} c{t.connections}: {e}" for t in r.throughput for e in t.errors),
    ]
    if errors:
        lines += ["", "## Errors", ""] + [f"- {e}" for e in errors]
    return lines


def _summary_lines(r: Report) -> list[str]:
    """The headline: median req/s per server and ours' ratio to each peer."""
    if not r.throughput:
        return []
    names = r.servers()
    peers = [p for p in names if p != "ours"]
    head = ["Request", "c", *names, *(f"ours/{PEERS[p]}" for p in peers)]
    lines = ["", "## Summary: median req/s over the rounds, and ratios of medians", ""]
    lines += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for api, conns in r.cases():
        values = {n: r.rps(api, n, conns) for n in names}
        cells = [OPERATIONS[api], str(conns), *(_fmt(values[n]) for n in names)]
        cells += [_fmt(ratio(values["ours"], values[p]), ".2f", "x") for p in peers]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _budget_lines(r: Report) -> list[str]:
    """Which stage holds ours: Python time per request against what the server allows."""
    rows = [
        f"| {OPERATIONS[b['api']]} | {b['connections']} | {b['spin_us']:.1f} | {b['slope']:.2f} "
        f"| {_fmt(b['ours_python_us'], '.1f')} | {_fmt(b['python_us_for_wiremock'], '.1f')} |"
        for b in r.budgets()
    ]
    if not rows:
        return []
    return [
        "",
        "## Python per request: ours, and what the server allows for WireMock's req/s",
        "",
        "From the raw ceiling and the loaded one (the same app spinning as long as ours' RSGI",
        "app takes in-process): each µs of Python costs *slope* µs per request on this",
        "server. Ours' effective µs is what its req/s implies (above the in-process figure:",
        "the caches and the interpreter are shared with the server's threads under load);",
        "a budget below it is a cut that WireMock's req/s needs on this server.",
        "",
        "| Request | c | spin (ours in-process) µs | slope | ours effective µs "
        "| budget for 1x WireMock µs |",
        "|---|---|---|---|---|---|",
        *rows,
    ]


def _round_lines(r: Report) -> list[str]:
    lines = ["", "## Throughput, every round (request validation on)", ""]
    lines += [
        "| Request | c | Server | median req/s | each round req/s | p50 ms | p99 ms | non-2xx "
        "| socket errors |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in r.throughput:
        each = ", ".join(f"{x.rps:,.0f}" for x in row.rounds) or "failed"
        requests = sum(x.requests for x in row.rounds)
        non_2xx = sum(x.non_2xx for x in row.rounds)
        sockets = sum(x.socket_errors for x in row.rounds)
        lines.append(
            f"| {LABELS[row.api]} | {row.connections} | {row.server} | {_fmt(row.median_rps)} "
            f"| {each} | {_fmt(row.median_of('p50_ms'), '.2f')} "
            f"| {_fmt(row.median_of('p99_ms'), '.2f')} | {non_2xx:,} of {requests:,} | {sockets} |"
        )
    return lines


def _startup_lines(r: Report) -> list[str]:
    if not r.startup:
        return []
    lines = ["", "## Launch to first answered request, and idle memory", ""]
    lines += [
        "| Server | API | median ms | runs (ms) | idle RSS MB (median) |",
        "|---|---|---|---|---|",
    ]
    for s in r.startup:
        runs = ", ".join(f"{x * 1000:,.0f}" for x in s.seconds) or f"failed: {s.error}"
        lines.append(
            f"| {s.server} | {s.api} | {_fmt(s.median_ms)} | {runs} | {_fmt(s.median_rss_mb)} |"
        )
    return lines


def _inprocess_lines(r: Report) -> list[str]:
    lines: list[str] = []
    if r.engine:
        lines += [
            "",
            "## In-process cost per request (median of 5 timeit rounds)",
            "",
            "Engine.handle alone; the RSGI app the CLI serves (edge, site, admin gate, access",
            "log to stderr, engine), in a fresh interpreter set up as the CLI sets itself up,",
            "with a stand-in for granian's protocol object (no socket); the WSGI app the",
            "fixtures serve (werkzeug); then 1e6 / ours' standalone req/s at the lowest",
            "concurrency. Per stage: edge + site = RSGI app - engine; granian + socket =",
            "standalone - RSGI app (wrk shares the 2 cores, so this stage carries its load too).",
            "",
            "| Request | Engine.handle µs | edge + site µs | RSGI app µs | granian + socket µs "
            "| standalone µs | WSGI app µs | statuses |",
            "|---|---|---|---|---|---|---|---|",
        ]
        wsgi = {w.api: w.us_per_call for w in r.wsgi}
        rsgi = {w.api: w.us_per_call for w in r.rsgi}
        for e in r.engine:
            conns = min((c for a, c in r.cases() if a == e.api), default=0)
            rps = r.rps(e.api, "ours", conns)
            standalone = 1e6 / rps if rps else None
            app = rsgi.get(e.api)
            edge = app - e.us_per_call if app is not None else None
            server = standalone - app if standalone is not None and app is not None else None
            lines.append(
                f"| {LABELS[e.api]} | {e.us_per_call:.1f} | {_fmt(edge, '.1f')} | "
                f"{_fmt(app, '.1f')} | {_fmt(server, '.0f')} | {_fmt(standalone)} | "
                f"{_fmt(wsgi.get(e.api), '.1f')} | {describe_statuses(e.statuses)} |"
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
    if r.client is not None:
        c = r.client
        lines += [
            "",
            "## In-process client overhead per test (median of "
            f"{c.cycles} cycles: reset + MockServer.client() + one create_order + check)",
            "",
            f"- total {c.total_ms:.3f} ms = reset {c.reset_ms:.3f} ms + client and request "
            f"{c.request_ms:.3f} ms + check {c.check_ms:.3f} ms",
        ]
    return lines
