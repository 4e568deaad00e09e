"""The ``mock-server`` CLI as a child process, as the README tells a user to run it for ``st``.

Both vendors' ports on free ports of 127.0.0.1 (AI HomeDesign v3 under ``/v3`` on
AI HomeDesign's), with ``--processing-delay 0 --merging-delay 0
--generation-delay 0`` (work finishes before the request that started it is answered, so
the stateful phase finds images done) and ``--no-rate-limit``.
"""

from __future__ import annotations

import os
import selectors
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from contract_tests._settings import ApiName
from contract_tests._st_run import ROOT

MOCK_SERVER = Path(sys.executable).parent / "mock-server"
READY = b"accepted x-api-key"
"""The CLI's last start-up line: both APIs are listening."""


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on (yet)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running_mock(*, seed: int) -> Iterator[dict[ApiName, str]]:
    """Serve both APIs with the ``mock-server`` CLI; yield each API's base URL.

    Args:
        seed: The mock's ``--seed``: with the ``st`` seed fixed too, a run sends and
            receives the same exchanges each time, so its reach does not vary.
    """
    ports: dict[ApiName, int] = {api: free_port() for api in ("aihomedesign", "autoenhance")}
    proc = subprocess.Popen(
        [
            str(MOCK_SERVER),
            "--aihomedesign-port",
            str(ports["aihomedesign"]),
            "--autoenhance-port",
            str(ports["autoenhance"]),
            "--no-rate-limit",
            "--seed",
            str(seed),
            "--processing-delay",
            "0",
            "--merging-delay",
            "0",
            "--generation-delay",
            "0",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(proc, READY, timeout=20)
        urls: dict[ApiName, str] = {api: f"http://127.0.0.1:{port}" for api, port in ports.items()}
        # AI HomeDesign v3 answers under /v3 on AI HomeDesign's port, as on the vendor's host.
        urls["aihomedesign-v3"] = urls["aihomedesign"]
        yield urls
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        assert proc.stdout is not None
        proc.stdout.close()


def _wait_for(proc: subprocess.Popen[bytes], marker: bytes, timeout: float) -> bytes:
    assert proc.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout.fileno(), selectors.EVENT_READ)
    deadline, out = time.monotonic() + timeout, b""
    with selector:
        while marker not in out:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                pytest.fail(f"mock-server printed no {marker!r} within {timeout}s: {out!r}")
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                pytest.fail(f"mock-server exited ({proc.poll()}): {out!r}")
            out += chunk
    return out
