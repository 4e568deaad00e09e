"""The soak run (``python -m bench --soak``): does a long-running mock stay bounded?

It starts the standalone Autoenhance mock (``mock-server --api autoenhance``, on the
CLI's default server) on a free loopback port and sends 100,000 requests over kept-alive
connections from a few client threads: 60 % valid (list orders, retrieve one order,
create an order) and 40 % invalid (broken JSON, a wrong key, an unknown path, a wrongly
typed field, an unknown method). After every 10,000 requests it samples the RSS of the
server's whole process group (VmRSS from ``/proc/<pid>/status``) and the journal's
length (from the admin surface, ``GET /__mock/journal``).

Then an upload-heavy load: 20 images created and a 40 MB PNG PUT to each upload URL,
with the server's RSS sampled every 50 ms (the peak is reported), and a timed export of
the full journal (``GET /__mock/journal``: its size and time are reported).

It fails (exit status 1) if the upload load leaves more than 100 MB behind, if the RSS
grew by more than the limit (50 MB by default) between the first sample (after the
first 10,000 requests, once caches are warm) and the last, or if the journal ever holds
more entries than its bound (``mock_server.journal.DEFAULT_MAX_ENTRIES``). Created
orders are kept by a stateful mock by design, so creates are only 10 % of the traffic,
and their count is reported.
"""

from __future__ import annotations

import http.client
import itertools
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import servers
from bench.procs import HOST, BenchError, Probe, free_port, group_rss_kib, launched, wait_ready
from bench.scenarios import API_KEY, create_order_probe, readiness_probe

_JSON = {"content-type": "application/json", "x-api-key": API_KEY}


@dataclass(frozen=True, kw_only=True)
class SoakSettings:
    """How many requests, how often to sample, and the limits."""

    requests: int = 100_000
    sample_every: int = 10_000
    clients: int = 4
    rss_limit_mb: float = 50.0
    our_server: str | None = None
    log_dir: Path = Path("bench/results/logs")


@dataclass(kw_only=True)
class Sample:
    """The state of the server after ``sent`` requests."""

    sent: int
    rss_kib: int
    journal_len: int | None
    seconds: float


@dataclass(kw_only=True)
class SoakResult:
    """Every sample, the statuses seen, and the verdicts."""

    samples: list[Sample] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    journal_bound: int = 0
    rss_limit_mb: float = 50.0
    failures: list[str] = field(default_factory=list)
    upload_rss_kib: tuple[int, int, int] = (0, 0, 0)
    """RSS before the upload load, its peak during it, and after it."""
    export: tuple[int, float] = (0, 0.0)
    """The journal export's size in bytes and its time in seconds."""

    def rss_growth_mb(self) -> float:
        """RSS growth from the first sample under load to the last, in MB.

        The baseline (0 requests) is shown but not used: the first 10,000 requests
        warm caches and allocator pools, which is not a leak.
        """
        loaded = [s for s in self.samples if s.sent > 0]
        if len(loaded) < 2:
            return 0.0
        return (loaded[-1].rss_kib - loaded[0].rss_kib) / 1024

    def markdown(self) -> str:
        """Render the samples and the verdict."""
        lines = ["# Soak results", "", "| requests | RSS MB | journal entries | elapsed s |"]
        lines.append("|---|---|---|---|")
        for s in self.samples:
            journal = "—" if s.journal_len is None else str(s.journal_len)
            lines.append(f"| {s.sent} | {s.rss_kib / 1024:.1f} | {journal} | {s.seconds:.1f} |")
        statuses = ", ".join(f"{k}x{v}" for k, v in sorted(self.statuses.items()))
        lines += [
            "",
            f"- statuses: {statuses}",
            f"- RSS growth from the first to the last sample under load: "
            f"{self.rss_growth_mb():.1f} MB "
            f"(limit {self.rss_limit_mb:g} MB); journal bound {self.journal_bound}",
            "- upload load ({} x {} MB PUTs): RSS {:.0f} MB before, {:.0f} MB peak, "
            "{:.0f} MB after".format(
                UPLOADS, UPLOAD_MB, *(kib / 1024 for kib in self.upload_rss_kib)
            ),
            f"- journal export: {self.export[0] / 1e6:.1f} MB in {self.export[1]:.2f} s",
            f"- verdict: {'FAIL: ' + '; '.join(self.failures) if self.failures else 'PASS'}",
        ]
        return "\n".join(lines) + "\n"


def _mix(order_id: str) -> list[Probe]:
    """Ten requests, six valid and four invalid, cycled through by every client."""
    bad_key = {**_JSON, "x-api-key": "wrong-key"}
    return [
        Probe(method="GET", path="/v3/orders/", headers=_JSON),
        Probe(method="GET", path=f"/v3/orders/{order_id}", headers=_JSON),
        create_order_probe("soak"),
        Probe(method="GET", path="/v3/orders/", headers=_JSON),
        Probe(method="GET", path=f"/v3/orders/{order_id}", headers=_JSON),
        Probe(method="GET", path="/v3/orders/?per_page=2", headers=_JSON),
        Probe(method="POST", path="/v3/orders/", headers=_JSON, body=b'{"name": "tru'),
        Probe(method="POST", path="/v3/orders/", headers=bad_key, body=b'{"name": "x"}'),
        Probe(method="GET", path="/v3/no-such-path/../x", headers=_JSON),
        Probe(method="POST", path="/v3/orders/", headers=_JSON, body=b'{"name": 12345}'),
    ]


class _Client:
    """One kept-alive connection that reconnects whenever the server closes it."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=10)

    def send(self, probe: Probe) -> int:
        for attempt in range(2):
            try:
                self.conn.request(probe.method, probe.path, probe.body, dict(probe.headers))
                response = self.conn.getresponse()
                response.read()
                return response.status
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=10)
                if attempt:
                    raise
        raise AssertionError("unreachable")


def _batch(port: int, probes: list[Probe], count: int, clients: int) -> Counter[int]:
    """Send ``count`` requests from ``clients`` threads; return the statuses seen."""
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    errors: list[BaseException] = []

    def work(n: int, offset: int) -> None:
        client, seen = _Client(port), Counter[int]()
        try:
            for probe in itertools.islice(itertools.cycle(probes), offset, offset + n):
                seen[client.send(probe)] += 1
        except BaseException as exc:
            errors.append(exc)
        finally:
            client.conn.close()
        with lock:
            statuses.update(seen)

    share = [count // clients + (i < count % clients) for i in range(clients)]
    threads = [threading.Thread(target=work, args=(n, i)) for i, n in enumerate(share)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise BenchError(f"soak client failed: {errors[0]!r}")
    return statuses


UPLOADS = 20
UPLOAD_MB = 40
_UPLOAD_RETAINED_LIMIT_MB = 100
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _upload_load(port: int, pid: int) -> tuple[int, int, int]:
    """PUT ``UPLOADS`` images of ``UPLOAD_MB`` MB; RSS before, at its peak, and after."""
    before = group_rss_kib(pid)
    peak = [before]
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.05):
            peak.append(group_rss_kib(pid))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    data = _PNG_MAGIC + bytes(UPLOAD_MB * 1024 * 1024)
    conn = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        for index in range(UPLOADS):
            body = json.dumps({"image_name": f"soak-{index}.png", "content_type": "image/png"})
            conn.request("POST", "/v3/images/", body.encode(), _JSON)
            url = json.loads(conn.getresponse().read())["upload_url"]
            target = url.split(str(port), 1)[1]
            conn.request("PUT", target, data, {"content-type": "image/png"})
            conn.getresponse().read()
    finally:
        conn.close()
        done.set()
        watcher.join()
    return before, max(peak), group_rss_kib(pid)


def _timed_export(port: int) -> tuple[int, float]:
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=120)
    try:
        conn.request("GET", "/__mock/journal")
        size = len(conn.getresponse().read())
    finally:
        conn.close()
    return size, time.perf_counter() - started


def _journal_len(port: int) -> int | None:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request("GET", "/__mock/journal")
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    if response.status != 200:
        return None
    data: Any = json.loads(body)
    return len(data) if isinstance(data, list) else None


def _seed_order(port: int) -> str:
    client = _Client(port)
    probe = create_order_probe("soak seed")
    client.conn.request(probe.method, probe.path, probe.body, dict(probe.headers))
    body = client.conn.getresponse().read()
    client.conn.close()
    try:
        order_id = json.loads(body).get("order_id")
    except (ValueError, AttributeError):
        order_id = None
    return order_id if isinstance(order_id, str) else "unknown-order"


def soak(settings: SoakSettings) -> SoakResult:
    """Run the soak and return its samples and verdict."""
    from mock_server.journal import DEFAULT_MAX_ENTRIES

    result = SoakResult(journal_bound=DEFAULT_MAX_ENTRIES, rss_limit_mb=settings.rss_limit_mb)
    port = free_port()
    threads = servers.our_threads(None)
    argv = servers.ours("autoenhance", port, threads=threads, server=settings.our_server, extra=[])
    with launched("soak-ours", argv, port=port, log_dir=settings.log_dir) as server:
        wait_ready(server, readiness_probe("autoenhance"))
        probes = _mix(_seed_order(port))
        started, sent = time.perf_counter(), 0
        result.samples.append(
            Sample(
                sent=0,
                rss_kib=group_rss_kib(server.process.pid),
                journal_len=_journal_len(port),
                seconds=0.0,
            )
        )
        while sent < settings.requests:
            count = min(settings.sample_every, settings.requests - sent)
            result.statuses.update(_batch(port, probes, count, settings.clients))
            sent += count
            sample = Sample(
                sent=sent,
                rss_kib=group_rss_kib(server.process.pid),
                journal_len=_journal_len(port),
                seconds=time.perf_counter() - started,
            )
            result.samples.append(sample)
            print(
                f"soak: {sent} requests, RSS {sample.rss_kib / 1024:.1f} MB, "
                f"journal {sample.journal_len}",
                flush=True,
            )
            if server.process.poll() is not None:
                result.failures.append(f"server exited: {server.log_tail(5)}")
                break
        if server.process.poll() is None:
            result.upload_rss_kib = _upload_load(port, server.process.pid)
            result.export = _timed_export(port)
            print(f"soak: uploads {result.upload_rss_kib}, export {result.export}", flush=True)
    _judge(result)
    return result


def _judge(result: SoakResult) -> None:
    if result.rss_growth_mb() > result.rss_limit_mb:
        result.failures.append(
            f"RSS grew by {result.rss_growth_mb():.1f} MB (limit {result.rss_limit_mb:g} MB)"
        )
    before, _, after = result.upload_rss_kib
    if (after - before) / 1024 > _UPLOAD_RETAINED_LIMIT_MB:
        result.failures.append(
            f"the upload load left {(after - before) / 1024:.0f} MB behind "
            f"(limit {_UPLOAD_RETAINED_LIMIT_MB} MB): uploaded bytes are being kept"
        )
    lengths = [s.journal_len for s in result.samples]
    if any(n is None for n in lengths):
        result.failures.append("the journal length could not be read from /__mock/journal")
    elif any(n is not None and n > result.journal_bound for n in lengths):
        result.failures.append(f"the journal exceeded its bound of {result.journal_bound}")
    if result.statuses and any(s >= 500 for s in result.statuses):
        errors = sum(v for k, v in result.statuses.items() if k >= 500)
        result.failures.append(f"{errors} answers were 5xx")
