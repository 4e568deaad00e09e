"""Process plumbing: free loopback ports, servers in their own process group, readiness.

Every server the bench starts runs in a new session (so in its own process group) and is
stopped through that group with SIGTERM, then SIGKILL, in a ``finally``: a crashed or
interrupted run leaves nothing listening. Only loopback addresses are ever used.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent


class BenchError(Exception):
    """A measurement could not be taken (a server did not start, a tool is missing)."""


@dataclass(frozen=True, kw_only=True)
class Probe:
    """One HTTP request, as sent by the readiness poll and the preflight checks."""

    method: str
    path: str
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass(frozen=True)
class Reply:
    """The status, headers and body of one response."""

    status: int
    headers: Mapping[str, str]
    body: bytes


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def send(port: int, probe: Probe, *, timeout: float = 5.0) -> Reply:
    """Send ``probe`` to 127.0.0.1:``port`` on a fresh connection and read the reply."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request(probe.method, probe.path, body=probe.body, headers=dict(probe.headers))
        response = conn.getresponse()
        body = response.read()
        headers = {k.lower(): v for k, v in response.getheaders()}
        return Reply(response.status, headers, body)
    finally:
        conn.close()


@dataclass
class Server:
    """A started server process: its argv, port, process and log file."""

    name: str
    argv: Sequence[str]
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path
    started_at: float

    def log_tail(self, lines: int = 20) -> str:
        """Return the last ``lines`` lines the server printed."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


@contextlib.contextmanager
def launched(
    name: str,
    argv: Sequence[str],
    *,
    port: int,
    log_dir: Path,
    env: Mapping[str, str] | None = None,
) -> Iterator[Server]:
    """Start ``argv`` in its own process group and always stop the whole group afterwards.

    Args:
        name: A label for the log file and error messages.
        argv: The command line; it must listen on 127.0.0.1:``port``.
        port: The port the command was told to use.
        log_dir: Where the server's combined stdout/stderr is written.
        env: Extra environment variables.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{name}.log"
    with log_path.open("wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            list(argv),
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, **(env or {})},
            start_new_session=True,
        )
        try:
            yield Server(name, argv, port, process, log_path, started)
        finally:
            stop(process)


def stop(process: subprocess.Popen[bytes], *, grace: float = 5.0) -> None:
    """Stop the process group led by ``process``: SIGTERM, then SIGKILL after ``grace``."""
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, grace)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            continue
        # The leader is gone; make sure no child of the group outlives it.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        return


def wait_ready(server: Server, probe: Probe, *, timeout: float = 60.0) -> float:
    """Poll ``probe`` until the server answers with a status below 500.

    Returns:
        Seconds from the process launch to the first such answer.

    Raises:
        BenchError: The process exited, or ``timeout`` passed.
    """
    deadline = server.started_at + timeout
    while time.perf_counter() < deadline:
        if server.process.poll() is not None:
            raise BenchError(
                f"{server.name} exited with {server.process.returncode}:\n{server.log_tail()}"
            )
        try:
            reply = send(server.port, probe, timeout=2.0)
        except OSError:
            time.sleep(0.005)
            continue
        if reply.status < 500:
            return time.perf_counter() - server.started_at
        time.sleep(0.005)
    raise BenchError(f"{server.name} did not answer within {timeout:.0f} s:\n{server.log_tail()}")


def group_rss_kib(pgid: int) -> int:
    """Sum VmRSS (KiB) over every process in process group ``pgid`` (from /proc)."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            # Field 5 (pgrp) follows the parenthesised command name, which may hold spaces.
            if int(stat.rsplit(")", 1)[1].split()[2]) != pgid:
                continue
            total += rss_kib(int(entry.name))
        except (OSError, IndexError, ValueError):
            continue
    return total


def rss_kib(pid: int | str = "self") -> int:
    """Return VmRSS of ``pid`` in KiB, read from /proc/<pid>/status."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0
