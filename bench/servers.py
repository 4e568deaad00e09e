"""Command lines for the servers the bench compares, and the tools they need.

- **ours**: the ``mock-server`` CLI serving one API, on whatever server the CLI runs by
  default (or the one ``--server`` names), so a change of server is measured as it is.
- **prism**: Stoplight Prism (``node_modules/.bin/prism mock``) on the same spec file.
- **wiremock**: WireMock standalone, the jar the npm package ``wiremock`` ships, run by
  ``java -jar`` with a static stub for the benchmarked request (:mod:`bench.stubs`).
- **ceiling**: :mod:`bench.ceiling` on the same server kind ours runs on (gunicorn,
  granian, uvicorn or werkzeug), with the same worker settings; the *loaded* ceiling is
  the same command with ``BENCH_CEILING_SPIN_US`` in its environment.

``npm ci`` runs first when node_modules lacks Prism or WireMock.
"""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.procs import HOST, ROOT, BenchError

PRISM = ROOT / "node_modules" / ".bin" / "prism"
WIREMOCK_DIR = ROOT / "node_modules" / "wiremock" / "build"
# Used only when the CLI's own thread count cannot be found out.
FALLBACK_THREADS = 8
# Used only when mock_server no longer says how many requests its journal keeps.
FALLBACK_JOURNAL = 1000
CEILING_KINDS = ("gunicorn", "granian", "uvicorn", "werkzeug")


@dataclass(frozen=True, kw_only=True)
class CliShape:
    """What the mock CLI's ``--help`` says it accepts, as far as the bench needs it."""

    help_text: str

    def has(self, option: str) -> bool:
        """Whether ``option`` (e.g. ``--threads``) appears as an option in the help."""
        return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", self.help_text) is not None

    def default_threads(self) -> int | None:
        """The default thread count if the help states one."""
        match = re.search(r"--threads[^\n]*(?:\n[^-\n][^\n]*)*?default[:= ]+(\d+)", self.help_text)
        return int(match.group(1)) if match else None


def _mock_server() -> list[str]:
    """The ``mock-server`` entry point of this interpreter's environment."""
    script = Path(sys.executable).parent / "mock-server"
    return [str(script)] if script.exists() else [sys.executable, "-m", "mock_server.cli"]


@functools.cache
def cli_shape() -> CliShape:
    """Read the mock CLI's ``--help`` once.

    Raises:
        BenchError: The CLI is missing or its help fails.
    """
    argv = [*_mock_server(), "--help"]
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    if done.returncode != 0:
        raise BenchError(f"`mock-server --help` failed:\n{done.stderr[-2000:]}")
    return CliShape(help_text=done.stdout)


def our_server_kind(requested: str | None) -> str:
    """The server ours runs on: the one asked for, else the CLI's default ``--server``."""
    if requested:
        return requested
    from mock_server.cli import build_parser

    kind = getattr(build_parser().parse_args([]), "server", None)
    return kind if isinstance(kind, str) else "unknown"


def ours(api: str, port: int, *, threads: int, server: str | None, extra: list[str]) -> list[str]:
    """The ``mock-server`` command line that serves ``api`` alone on 127.0.0.1:``port``.

    ``--server`` is passed only when one was asked for, and ``--threads`` only if the CLI
    offers it; otherwise ours runs as ``mock-server`` does by default.

    Raises:
        BenchError: The CLI's ``--help`` fails.
    """
    argv = [*_mock_server(), "--api", api, "--host", HOST, f"--{api}-port", str(port)]
    if server:
        argv += ["--server", server]
    if cli_shape().has("--threads"):
        argv += ["--threads", str(threads)]
    return argv + extra


def our_threads(requested: int | None) -> int:
    """The thread count for ours and the ceiling.

    The one asked for if the CLI accepts ``--threads``; else the CLI's default, from its
    help text, its ``DEFAULT_THREADS`` (or, until it has one, private ``_THREADS``).
    """
    try:
        shape = cli_shape()
    except BenchError:
        return requested or FALLBACK_THREADS
    if requested and shape.has("--threads"):
        return requested
    if requested:
        print(f"mock-server has no --threads option; --our-threads {requested} ignored")
    from_help = shape.default_threads()
    if from_help:
        return from_help
    import mock_server.cli as cli

    value = getattr(cli, "DEFAULT_THREADS", getattr(cli, "_THREADS", FALLBACK_THREADS))
    return value if isinstance(value, int) else FALLBACK_THREADS


def prism(api: str, port: int) -> list[str]:
    """The command line that serves ``openapi/<api>.yaml`` with Prism on ``port``."""
    return [str(ensure_npm_tools()[0]), "mock", "-h", HOST, "-p", str(port), f"openapi/{api}.yaml"]


def wiremock(port: int, root_dir: Path) -> list[str]:
    """The command line of WireMock standalone on ``port``, stubs read from ``root_dir``.

    Its request journal is bounded like ours (unbounded, it would grow for the whole run).

    Raises:
        BenchError: Java or the jar is missing.
    """
    java = shutil.which("java")
    if java is None:
        raise BenchError("java is not on PATH (WireMock needs Java 11 or newer)")
    from mock_server import journal

    entries = getattr(journal, "DEFAULT_MAX_ENTRIES", FALLBACK_JOURNAL)
    return [
        java,
        "-jar",
        str(ensure_npm_tools()[1]),
        "--bind-address",
        HOST,
        "--port",
        str(port),
        "--root-dir",
        str(root_dir),
        "--disable-banner",
        "--max-request-journal-entries",
        str(entries),
    ]


def ceiling(port: int, *, kind: str, threads: int, configurable_threads: bool) -> list[str]:
    """The command line that serves :mod:`bench.ceiling` the way ``kind`` serves ours.

    Args:
        port: Where to listen on 127.0.0.1.
        kind: The server ours runs on (one of :data:`CEILING_KINDS`).
        threads: ours' thread count (gunicorn's gthread, granian's blocking threads).
        configurable_threads: Whether ours was given ``threads`` explicitly; if not, an
            event-driven server keeps its own default, as ours does.

    Raises:
        BenchError: ``kind`` is not one the ceiling can run on.
    """
    app = "bench.ceiling:app"
    bind = ["--host", HOST, "--port", str(port)]
    if kind == "gunicorn":
        workers = ["--workers", "1", "--worker-class", "gthread", "--threads", str(threads)]
        quiet = ["--log-level", "warning"]
        return [sys.executable, "-m", "gunicorn", *workers, "--bind", f"{HOST}:{port}", *quiet, app]
    if kind == "granian":
        # ours runs RSGI on one granian worker (embedded in its process): the same here.
        rsgi = ["--interface", "rsgi", "--workers", "1", "--no-ws", "--http", "1"]
        quiet = ["--log-level", "warning"]
        return [sys.executable, "-m", "granian", *rsgi, *bind, *quiet, "bench.ceiling:rsgi_app"]
    if kind == "uvicorn":
        quiet = ["--log-level", "warning", "--no-access-log"]
        return [sys.executable, "-m", "uvicorn", "--interface", "wsgi", *bind, *quiet, app]
    if kind == "werkzeug":
        return [sys.executable, "-m", "bench.ceiling", str(port)]
    raise BenchError(f"no ceiling for server kind {kind!r} (known: {', '.join(CEILING_KINDS)})")


def ensure_npm_tools() -> tuple[Path, Path]:
    """Return Prism's executable and WireMock's jar, running ``npm ci`` if one is missing.

    Raises:
        BenchError: One is still missing afterwards.
    """
    if not PRISM.exists() or _wiremock_jar() is None:
        print("prism or wiremock not found: npm ci", flush=True)
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT, check=False
        )
    jar = _wiremock_jar()
    if not PRISM.exists() or jar is None:
        raise BenchError(
            f"{PRISM} or {WIREMOCK_DIR}/wiremock-standalone-*.jar missing after npm ci"
        )
    return PRISM, jar


def _wiremock_jar() -> Path | None:
    return max(WIREMOCK_DIR.glob("wiremock-standalone-*.jar"), default=None)


def tool_version(argv: list[str]) -> str:
    """The first line ``argv`` prints (a ``--version`` call), or why there is none."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return "unavailable"
    text = (done.stdout or done.stderr).strip().splitlines()
    return text[0] if text else "unknown"
