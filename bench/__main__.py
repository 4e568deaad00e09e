"""Command line of the bench: ``python -m bench [--quick] [--soak] ...``."""

from __future__ import annotations

import argparse
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path

from bench.procs import ROOT, BenchError
from bench.report import PEERS
from bench.run import Settings, run
from bench.scenarios import APIS
from bench.soak import SoakSettings, soak

RESULTS = ROOT / "bench" / "results"


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``python -m bench``."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    add = parser.add_argument
    add("--quick", action="store_true", help="short run: 2 s loads, 1 round, 1 launch, c8 only")
    add("-t", "--threads", type=int, default=1, help="wrk threads (default 1)")
    add(
        "-c",
        "--connections",
        type=_counts,
        default=(8, 32),
        help="wrk connections, comma-separated (default 8,32)",
    )
    add("-d", "--duration", type=int, default=5, help="seconds per wrk load (default 5)")
    add("--warmup", type=int, default=1, help="seconds of warm-up before each load (default 1)")
    add(
        "--jit-warmup",
        type=int,
        default=45,
        help="at most this many seconds of warm-up for Prism and WireMock (default 45)",
    )
    add("--rounds", type=int, default=3, help="rounds per server, median kept (default 3)")
    add("--startup-runs", type=int, default=3, help="launches per server (default 3)")
    add("--fixture-cycles", type=int, default=200, help="fixture cycles (default 200)")
    add("--api", choices=(*APIS, "both"), default="both", help="which request(s) to load")
    add("--server", help="mock-server --server for ours and the ceiling (default: the CLI's)")
    add("--our-threads", type=int, help="threads for ours and the ceiling")
    add("--our-args", default="", help="extra mock-server arguments, e.g. '--log-level warning'")
    for peer in PEERS:
        add(f"--no-{peer}", action="store_true", help=f"skip {peer}")
    add("--strict", action="store_true", help="exit 1 when a target is missed")
    add("--output", type=Path, default=RESULTS, help="results directory")
    add("--soak", action="store_true", help="run the soak test instead")
    add("--soak-requests", type=int, default=100_000, help="soak requests (default 100000)")
    add("--rss-limit-mb", type=float, default=50.0, help="soak RSS growth limit (default 50)")
    return parser


def _counts(text: str) -> tuple[int, ...]:
    try:
        counts = tuple(int(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of counts: {text}") from None
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"counts must be positive: {text}")
    return counts


def settings_from(args: argparse.Namespace) -> Settings:
    """The run settings the parsed arguments ask for (``--quick`` shortens everything)."""
    quick = args.quick
    return Settings(
        connections=args.connections[:1] if quick else args.connections,
        threads=args.threads,
        duration_s=2 if quick else args.duration,
        warmup_s=1 if quick else args.warmup,
        jit_warmup_s=9 if quick else args.jit_warmup,
        rounds=1 if quick else max(args.rounds, 1),
        startup_runs=1 if quick else args.startup_runs,
        fixture_cycles=50 if quick else args.fixture_cycles,
        apis=APIS if args.api == "both" else (args.api,),
        peers=tuple(p for p in PEERS if not getattr(args, f"no_{p}")),
        our_server=args.server,
        our_threads=args.our_threads,
        our_args=shlex.split(args.our_args),
        log_dir=args.output / "logs",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the bench (or the soak) and return the exit status."""
    args = build_parser().parse_args(argv)
    if args.soak:
        return _soak(args)
    try:
        report = run(settings_from(args))
    except BenchError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        return 1
    md, js = report.write(args.output)
    print()
    print(report.markdown(profiles=False))
    print(f"written (with profiles): {_rel(md)}, {_rel(js)}")
    return 1 if report.failed() or (args.strict and report.missed()) else 0


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
