"""Starting the ``mock-server`` CLI as a child process, for the CLI and standalone tests."""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _read_until(proc: subprocess.Popen[bytes], marker: str, timeout: float) -> str:
    """Collect the child's stdout until it contains ``marker`` (raw reads: no buffering)."""
    assert proc.stdout is not None
    fd = proc.stdout.fileno()
    selector = selectors.DefaultSelector()
    selector.register(fd, selectors.EVENT_READ)
    deadline = time.monotonic() + timeout
    out = b""
    with selector:
        while marker.encode() not in out:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                pytest.fail(f"no {marker!r} within {timeout}s; got {out!r}")
            chunk = os.read(fd, 4096)
            if not chunk:
                pytest.fail(f"mock-server exited early ({proc.poll()}); got {out!r}")
            out += chunk
    return out.decode()


Started = tuple[subprocess.Popen[bytes], str]


@pytest.fixture
def start_cli() -> Iterator[Callable[..., Started]]:
    """Start ``python -m mock_server.cli ARGS``; return it and its stdout up to the key line."""
    procs: list[subprocess.Popen[bytes]] = []

    def start(*argv: str) -> Started:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        proc = subprocess.Popen(
            [sys.executable, "-m", "mock_server.cli", *argv],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        procs.append(proc)
        return proc, _read_until(proc, "accepted x-api-key", timeout=10)

    yield start
    for proc in procs:
        if proc.poll() is None:
            proc.terminate()  # SIGTERM: a clean exit, so coverage of the child is saved
        try:
            proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
