"""Drive wrk: install it if missing, script the request in Lua, parse its summary.

wrk is the Debian package ``wrk`` (4.x). The request (method, headers, body) goes into a
generated Lua script; its ``done`` hook prints one ``BENCH_JSON`` line with the counts and
the latency percentiles (microseconds), so nothing depends on wrk's human-readable output.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bench.procs import HOST, BenchError, Probe

_MARKER = "BENCH_JSON "

_DONE_HOOK = r"""
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"p50_us":%d,"p90_us":%d,' ..
    '"p99_us":%d,"max_us":%d,"mean_us":%.1f,"connect":%d,"read":%d,"write":%d,' ..
    '"non_2xx_3xx":%d,"timeout":%d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean, e.connect, e.read, e.write, e.status, e.timeout))
end
"""


@dataclass(frozen=True, kw_only=True)
class Load:
    """How hard and how long wrk pushes: threads, connections, seconds."""

    threads: int = 2
    connections: int = 32
    duration_s: int = 5
    timeout_s: int = 5


@dataclass(frozen=True, kw_only=True)
class WrkResult:
    """What one wrk run measured."""

    requests: int
    duration_s: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    socket_errors: int
    non_2xx: int

    @property
    def rps(self) -> float:
        """Completed requests per second."""
        return self.requests / self.duration_s if self.duration_s else 0.0

    def to_dict(self) -> dict[str, float | int]:
        """Return a JSON-ready dict, ``rps`` included."""
        return {
            "requests": self.requests,
            "duration_s": round(self.duration_s, 3),
            "rps": round(self.rps, 1),
            "p50_ms": self.p50_ms,
            "p90_ms": self.p90_ms,
            "p99_ms": self.p99_ms,
            "max_ms": self.max_ms,
            "socket_errors": self.socket_errors,
            "non_2xx": self.non_2xx,
        }


def ensure_wrk() -> str:
    """Return the path of ``wrk``, installing the Debian package first if it is missing.

    Raises:
        BenchError: wrk is missing and apt-get could not install it.
    """
    found = shutil.which("wrk")
    if found:
        return found
    print("wrk not found: apt-get update && apt-get install -y wrk", flush=True)
    try:
        subprocess.run(["apt-get", "update"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, stdout=subprocess.DEVNULL)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise BenchError(f"could not install wrk ({exc}); install the Debian package") from exc
    found = shutil.which("wrk")
    if not found:
        raise BenchError("apt-get installed wrk but it is not on PATH")
    return found


def _lua_string(text: str) -> str:
    """Quote ``text`` as a Lua long string whose bracket level does not occur in it."""
    level = 0
    while f"]{'=' * level}]" in text:
        level += 1
    eq = "=" * level
    # A long string drops a newline that directly follows the opening bracket.
    return f"[{eq}[\n{text}]{eq}]"


def lua_script(probe: Probe) -> str:
    """Return a wrk Lua script that sends ``probe`` and reports through ``done``."""
    lines = [f"wrk.method = {_lua_string(probe.method)}"]
    lines.append(f"wrk.path = {_lua_string(probe.path)}")
    if probe.body:
        lines.append(f"wrk.body = {_lua_string(probe.body.decode('utf-8'))}")
    for name, value in probe.headers.items():
        lines.append(f"wrk.headers[ {_lua_string(name)} ] = {_lua_string(value)}")
    return "\n".join(lines) + "\n" + _DONE_HOOK


def run(wrk: str, port: int, probe: Probe, load: Load) -> WrkResult:
    """Run wrk against 127.0.0.1:``port`` with ``probe`` and return its measurements.

    Raises:
        BenchError: wrk failed or printed no summary.
    """
    with tempfile.TemporaryDirectory(prefix="bench-wrk-") as tmp:
        script = Path(tmp, "request.lua")
        script.write_text(lua_script(probe), encoding="utf-8")
        argv = [
            wrk,
            f"-t{load.threads}",
            f"-c{max(load.connections, load.threads)}",
            f"-d{load.duration_s}s",
            f"--timeout={load.timeout_s}s",
            "-s",
            str(script),
            f"http://{HOST}:{port}{probe.path}",
        ]
        done = subprocess.run(
            argv, capture_output=True, text=True, timeout=load.duration_s + 60, check=False
        )
    return parse(done.stdout, f"{done.stderr}\nexit {done.returncode}")


def parse(output: str, context: str = "") -> WrkResult:
    """Parse the ``BENCH_JSON`` line of a wrk run's output.

    Raises:
        BenchError: No such line.
    """
    for line in output.splitlines():
        if line.startswith(_MARKER):
            data = json.loads(line[len(_MARKER) :])
            return WrkResult(
                requests=data["requests"],
                duration_s=data["duration_us"] / 1e6,
                p50_ms=data["p50_us"] / 1000,
                p90_ms=data["p90_us"] / 1000,
                p99_ms=data["p99_us"] / 1000,
                max_ms=data["max_us"] / 1000,
                socket_errors=data["connect"] + data["read"] + data["write"] + data["timeout"],
                non_2xx=data["non_2xx_3xx"],
            )
    raise BenchError(f"wrk printed no summary:\n{output}\n{context}")
