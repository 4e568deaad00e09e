"""Starting the ``mock-server`` CLI as a child process, for the CLI, standalone and hardening tests.

Two ways in: the ``start_cli`` fixture (a test module loads it with
``pytest_plugins = ["tests._processes"]``; it starts the CLI with any arguments and stops
every child at teardown), and ``spawn_cli``/``stop_cli`` for a fixture of wider scope that
needs both APIs on free loopback ports, with the hardening key.
"""

from __future__ import annotations

import os
import selectors
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests._raw_http import KEY

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


def free_port() -> int:
    """A loopback port free at the time of asking."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def spawn_cli(*extra: str) -> tuple[subprocess.Popen[bytes], dict[str, int]]:
    """``mock-server`` on two free loopback ports, as a child process; stop it with ``stop_cli``."""
    ports = {"aihomedesign": free_port(), "autoenhance": free_port()}
    argv = ["--api-key", KEY, "--no-rate-limit", "--log-level", "warning", *extra]
    argv += [f"--{api}-port={port}" for api, port in ports.items()]
    proc = subprocess.Popen(
        [sys.executable, "-m", "mock_server.cli", *argv],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    _read_until(proc, "accepted x-api-key", timeout=15)
    return proc, ports


def stop_cli(proc: subprocess.Popen[bytes]) -> None:
    """Stop a child of ``spawn_cli``: SIGTERM, then SIGKILL after ten seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if proc.stdout is not None:
        proc.stdout.close()
