"""The bench's arithmetic: the loaded ceiling's Python budget, and how a report shows it."""

from __future__ import annotations

import asyncio
import time

import pytest

from bench import ceiling
from bench.report import Budget, Report, Throughput, budget
from bench.wrk import WrkResult


def _rounds(rps: float) -> list[WrkResult]:
    return [
        WrkResult(
            requests=int(rps * 5),
            duration_s=5.0,
            p50_ms=1.0,
            p90_ms=1.5,
            p99_ms=2.0,
            max_ms=3.0,
            socket_errors=0,
            non_2xx=0,
        )
    ]


def _report(**rps: float) -> Report:
    report = Report(environment={})
    report.throughput = [
        Throughput(api="autoenhance", server=name, connections=8, rounds=_rounds(value))
        for name, value in rps.items()
    ]
    return report


def test_each_us_of_python_costs_the_slope_between_the_two_ceilings() -> None:
    # 25 µs per request raw, 100 µs with 50 µs of spin: each µs of Python costs 1.5 µs.
    b = Budget(spin_us=50.0, ceiling_rps=40_000, loaded_rps=10_000)
    assert b.slope == pytest.approx(1.5)
    assert b.python_us_at(10_000) == pytest.approx(50.0)  # the loaded ceiling itself
    assert b.python_us_at(12_500) == pytest.approx((80 - 25) / 1.5)
    assert b.python_us_at(40_000) == pytest.approx(0.0)


@pytest.mark.parametrize(
    ("spin", "raw", "loaded"),
    [(None, 40_000, 10_000), (50.0, None, 10_000), (50.0, 40_000, None), (50.0, 10_000, 10_000)],
)
def test_no_budget_without_both_ceilings_and_a_spin_that_cost_something(
    spin: float | None, raw: float | None, loaded: float | None
) -> None:
    assert budget(spin, raw, loaded) is None


def test_a_report_gives_ours_effective_python_and_wiremocks_budget() -> None:
    report = _report(ours=8_000, wiremock=12_500, ceiling=40_000, loaded=10_000)
    report.spin_us = {"autoenhance": 50.0}
    [row] = report.budgets()
    assert row["slope"] == pytest.approx(1.5)
    assert row["ours_python_us"] == pytest.approx((125 - 25) / 1.5, abs=0.05)
    assert row["python_us_for_wiremock"] == pytest.approx((80 - 25) / 1.5, abs=0.05)
    text = report.markdown()
    assert "| create_order | 8 | 50.0 | 1.50 | 66.7 | 36.7 |" in text
    assert "ours/loaded" in text  # the loaded ceiling is a peer of the summary too


def test_a_report_without_the_loaded_ceiling_has_no_budget_table() -> None:
    report = _report(ours=8_000, wiremock=12_500, ceiling=40_000)
    report.spin_us = {"autoenhance": 50.0}
    assert report.budgets() == []
    assert "Python per request" not in report.markdown()


def test_the_loaded_ceiling_holds_the_interpreter_as_long_as_told(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ceiling, "_SPIN_S", 0.002)
    statuses: list[str] = []
    started = time.perf_counter()
    body = ceiling.app({"CONTENT_LENGTH": ""}, lambda status, headers: statuses.append(status))
    assert time.perf_counter() - started >= 0.002
    assert statuses == ["200 OK"]
    assert b"".join(body).startswith(b'{"order_id"')


def test_the_loaded_rsgi_ceiling_answers_after_the_other_ready_requests(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As ours does: answers handed over back to back.
    monkeypatch.setattr(ceiling, "_SPIN_S", 1e-6)
    events: list[str] = []

    class Protocol:
        def __init__(self, name: str) -> None:
            self.name = name

        async def __call__(self) -> bytes:
            await asyncio.sleep(0)  # the body arrives from granian's thread
            events.append(f"read {self.name}")
            return b""

        def response_bytes(self, status: int, headers: object, body: bytes) -> None:
            events.append(f"answer {self.name}")

    async def both() -> None:
        app = ceiling._RSGIApp()
        await asyncio.gather(app.__rsgi__(None, Protocol("a")), app.__rsgi__(None, Protocol("b")))

    asyncio.run(both())
    assert events == ["read a", "read b", "answer a", "answer b"]
