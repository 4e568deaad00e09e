"""Command line of the bench: ``python -m bench [--quick] [--soak] ...``."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.procs import ROOT, BenchError
from bench.run import Settings, run
from bench.scenarios import APIS
from bench.soak import SoakSettings, soak
from bench.wrk import Load

RESULTS = ROOT / "bench" / "results"


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``python -m bench``."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    add = parser.add_argument
    add("--quick", action="store_true", help="short run: 2 s loads, 1 launch, fewer cycles")
    add("-t", "--threads", type=int, default=2, help="wrk threads (default 2)")
    add("-c", "--connections", type=int, default=32, help="wrk connections (default 32)")
    add("-d", "--duration", type=int, default=5, help="seconds per wrk load (default 5)")
    add("--warmup", type=int, default=1, help="seconds of warm-up load (default 1)")
    add("--rounds", type=int, default=2, help="wrk rounds per server, best kept (default 2)")
    add("--startup-runs", type=int, default=3, help="launches per server (default 3)")
    add("--fixture-cycles", type=int, default=200, help="fixture cycles (default 200)")
    add("--api", choices=(*APIS, "both"), default="both", help="which request(s) to load")
    add(
        "--server",
        choices=("gunicorn", "werkzeug"),
        default="gunicorn",
        help="WSGI server for ours (default gunicorn)",
    )
    add("--our-threads", type=int, help="gunicorn threads for ours and the ceiling")
    add("--our-args", default="", help="extra mock-server arguments, e.g. '--log-level warning'")
    add("--no-prism", action="store_true", help="skip Prism")
    add("--strict", action="store_true", help="exit 1 when a target is missed")
    add("--output", type=Path, default=RESULTS, help="results directory")
    add("--soak", action="store_true", help="run the soak test instead")
    add("--soak-requests", type=int, default=100_000, help="soak requests (default 100000)")
    add("--rss-limit-mb", type=float, default=50.0, help="soak RSS growth limit (default 50)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bench (or the soak) and return the exit status."""
    args = build_parser().parse_args(argv)
    if args.soak:
        return _soak(args)
    quick = args.quick
    settings = Settings(
        load=Load(
            threads=args.threads,
            connections=args.connections,
            duration_s=2 if quick else args.duration,
        ),
        warmup_s=1 if quick else args.warmup,
        startup_runs=1 if quick else args.startup_runs,
        fixture_cycles=50 if quick else args.fixture_cycles,
        apis=APIS if args.api == "both" else (args.api,),
        our_server=args.server,
        our_threads=args.our_threads,
        our_args=shlex.split(args.our_args),
        prism=not args.no_prism,
        rounds=1 if quick else max(args.rounds, 1),
        log_dir=args.output / "logs",
    )
    try:
        report = run(settings)
    except BenchError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        return 1
    md, js = report.write(args.output)
    print(report.markdown())
    print(f"written: {_rel(md)}, {_rel(js)}")
    failed = bool(report.errors) or any(row.error for row in report.throughput)
    return 1 if failed or (args.strict and report.missed()) else 0


def _soak(args: argparse.Namespace) -> int:
    settings = SoakSettings(
        requests=args.soak_requests,
        rss_limit_mb=args.rss_limit_mb,
        our_server=args.server,
        log_dir=args.output / "logs",
    )
    try:
        result = soak(settings)
    except BenchError as exc:
        print(f"soak: error: {exc}", file=sys.stderr)
        return 1
    text = result.markdown()
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "soak.md").write_text(text, encoding="utf-8")
    print(text)
    return 1 if result.failures else 0


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
