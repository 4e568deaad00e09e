"""Command lines for the three servers the bench compares, and the tools they need.

- **ours**: the ``mock-server`` CLI (``python -m mock_server.cli``) serving one API on
  gunicorn (one process, gthread) or, with ``--server werkzeug``, werkzeug.
- **prism**: Stoplight Prism (``node_modules/.bin/prism mock``) on the same spec file;
  ``npm ci`` runs first if node_modules lacks it.
- **ceiling**: :mod:`bench.ceiling` on gunicorn with exactly the worker settings ours uses.
"""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from dataclasses import dataclass

from bench.procs import HOST, ROOT, BenchError

PRISM = ROOT / "node_modules" / ".bin" / "prism"
# Used only when the CLI's own thread count cannot be found out.
FALLBACK_THREADS = 8


@dataclass(frozen=True, kw_only=True)
class CliShape:
    """What the mock CLI's ``--help`` says it accepts, as far as the bench needs it."""

    help_text: str

    def has(self, option: str) -> bool:
        """Whether ``option`` (e.g. ``--threads``) appears as an option in the help."""
        return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", self.help_text) is not None

    def default_threads(self) -> int | None:
        """The default gunicorn thread count if the help states one."""
        match = re.search(r"--threads[^\n]*(?:\n[^-\n][^\n]*)*?default[:= ]+(\d+)", self.help_text)
        return int(match.group(1)) if match else None


@functools.cache
def cli_shape() -> CliShape:
    """Read the mock CLI's ``--help`` once.

    Raises:
        BenchError: The CLI is missing or its help fails.
    """
    done = subprocess.run(
        [sys.executable, "-m", "mock_server.cli", "--help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"`python -m mock_server.cli --help` failed:\n{done.stderr[-2000:]}")
    return CliShape(help_text=done.stdout)


def ours(api: str, port: int, *, threads: int, server: str, extra: list[str]) -> list[str]:
    """The command line that serves ``api`` alone on 127.0.0.1:``port``.

    ``--threads`` is passed only if the CLI offers it; otherwise ours runs with the CLI's
    own thread count, which :func:`our_threads` reads so the ceiling can match it.

    Raises:
        BenchError: The CLI's ``--help`` fails.
    """
    argv = [sys.executable, "-m", "mock_server.cli", "--api", api, "--host", HOST]
    argv += [f"--{api}-port", str(port), "--server", server]
    if server == "gunicorn" and cli_shape().has("--threads"):
        argv += ["--threads", str(threads)]
    return argv + extra


def our_threads(requested: int | None) -> int:
    """The gunicorn thread count for ours and the ceiling.

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
    return [str(ensure_prism()), "mock", "-h", HOST, "-p", str(port), f"openapi/{api}.yaml"]


def ceiling(port: int, *, threads: int) -> list[str]:
    """The command line that serves :mod:`bench.ceiling` like gunicorn serves ours."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        "1",
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--bind",
        f"{HOST}:{port}",
        "--log-level",
        "warning",
        "bench.ceiling:app",
    ]


def ensure_prism() -> str:
    """Return the Prism executable, running ``npm ci`` first if it is missing.

    Raises:
        BenchError: Prism is still missing afterwards.
    """
    if not PRISM.exists():
        print("prism not found: npm ci", flush=True)
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT, check=False
        )
    if not PRISM.exists():
        raise BenchError(f"{PRISM} is missing after `npm ci`")
    return str(PRISM)
