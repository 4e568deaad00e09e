"""Tests for mock_server.cli._collector: full collections wait for an idle server."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import textwrap

import pytest

from mock_server.cli._collector import IdleCollections


class _Requests:
    """A stand-in for the sites' last request time."""

    def __init__(self) -> None:
        self.last = 0.0


def _collector(requests: _Requests, **options: float) -> IdleCollections:
    collector = IdleCollections(lambda: requests.last, **options)
    collector._collected_at = 100.0  # the last full collection, on the perf_counter scale
    return collector


def test_nothing_is_due_while_no_request_came_since_the_last_collection() -> None:
    requests = _Requests()
    requests.last = 99.0
    collector = _collector(requests, idle=1.0, every=60.0)
    assert not collector.due(now=100.5)
    assert not collector.due(now=1_000.0)  # an idle server made no garbage


def test_a_collection_waits_until_the_server_is_idle() -> None:
    requests = _Requests()
    collector = _collector(requests, idle=1.0, every=60.0)
    requests.last = 110.0
    assert not collector.due(now=110.5)  # a request half a second ago: under load
    assert collector.due(now=111.0)  # a second without one


def test_under_steady_load_one_runs_every_so_often() -> None:
    requests = _Requests()
    collector = _collector(requests, idle=1.0, every=60.0)
    requests.last = 159.9
    assert not collector.due(now=159.95)
    requests.last = 160.0
    assert collector.due(now=160.0)  # 60 s since the last, though requests keep coming


def test_collect_moves_the_mark() -> None:
    requests = _Requests()
    collector = _collector(requests, idle=1.0, every=60.0)
    requests.last = 110.0
    assert collector.due(now=120.0)
    collector.collect()
    assert not collector.due(now=10**9)


@pytest.mark.subprocess
def test_start_freezes_what_exists_and_stops_automatic_full_collections() -> None:
    # In a child: the settings are process-wide, and this test process keeps its own.
    script = textwrap.dedent(
        """
        import gc, json, time
        from mock_server.cli._collector import IdleCollections
        marks = [time.perf_counter()]
        collector = IdleCollections(lambda: marks[0], idle=0.05, tick=0.01)
        before = gc.get_freeze_count()
        collector.start()
        frozen, threshold = gc.get_freeze_count(), gc.get_threshold()
        collections = gc.get_stats()[2]["collections"]
        marks[0] = time.perf_counter()  # a request came: once idle, a full collection runs
        deadline = time.monotonic() + 10
        while gc.get_stats()[2]["collections"] == collections and time.monotonic() < deadline:
            time.sleep(0.01)
        print(json.dumps({
            "before": before, "frozen": frozen, "threshold": threshold,
            "collected": gc.get_stats()[2]["collections"] > collections,
        }))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    out = json.loads(done.stdout)
    assert out["frozen"] > out["before"]
    assert out["threshold"][:2] == list(gc.get_threshold()[:2])  # the young ones as they were
    assert out["threshold"][2] >= 1 << 30  # no automatic full collection
    assert out["collected"]  # the thread ran one once the "server" was idle
