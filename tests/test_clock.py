from __future__ import annotations

import threading
import time

import pytest

from mock_server.clock import Clock
from mock_server.errors import ServerFailure


@pytest.fixture
def manual_clock() -> Clock:
    return Clock(manual=True, start=1_000.0)


def test_manual_time_stands_still_until_advanced(manual_clock: Clock) -> None:
    assert manual_clock.now() == 1_000.0
    manual_clock.advance(2.5)
    assert manual_clock.now() == 1_002.5


def test_advance_runs_due_callbacks_in_time_order(manual_clock: Clock) -> None:
    ran: list[str] = []
    manual_clock.call_later(10, lambda: ran.append("late"))
    manual_clock.call_later(5, lambda: ran.append("early"))
    manual_clock.advance(4)
    assert ran == []
    manual_clock.advance(6)
    assert ran == ["early", "late"]
    assert manual_clock.pending == 0


def test_complete_all_follows_callbacks_that_schedule_more(manual_clock: Clock) -> None:
    ran: list[float] = []

    def first() -> None:
        ran.append(manual_clock.now())
        manual_clock.call_later(30, lambda: ran.append(manual_clock.now()))

    manual_clock.call_later(60, first)
    manual_clock.complete_all()
    assert ran == [1_060.0, 1_090.0]


def test_a_failing_callback_does_not_stop_the_others(manual_clock: Clock) -> None:
    ran: list[int] = []

    def boom() -> None:
        raise RuntimeError("boom")

    manual_clock.call_later(1, boom)
    manual_clock.call_later(2, lambda: ran.append(2))
    with pytest.raises(ServerFailure, match="boom") as info:
        manual_clock.advance(3)
    assert ran == [2]
    assert isinstance(info.value.__cause__, RuntimeError)
    assert manual_clock.take_failures() == []  # raised once


def test_complete_all_raises_failed_work_and_real_time_keeps_it() -> None:
    def fail() -> None:
        raise ZeroDivisionError

    clock = Clock(manual=True)
    clock.call_later(5, fail)
    with pytest.raises(ServerFailure, match="ZeroDivisionError"):
        clock.complete_all()
    real = Clock()
    real.call_at(0, fail)  # already due: the ticker thread runs it
    deadline = time.monotonic() + 5
    while real.pending and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.05)
    real.stop()
    assert [type(e) for e in real.take_failures()] == [ZeroDivisionError]


def test_reset_drops_pending_work_and_rewinds(manual_clock: Clock) -> None:
    manual_clock.call_later(1, lambda: None)
    manual_clock.advance(0.5)
    manual_clock.reset()
    assert (manual_clock.pending, manual_clock.now()) == (0, 1_000.0)


def test_real_time_callbacks_run_on_the_ticker_thread() -> None:
    clock = Clock()
    done = threading.Event()
    try:
        clock.call_later(0.01, done.set)
        assert done.wait(timeout=2)
    finally:
        clock.stop()


def test_real_time_runs_a_job_sooner_than_the_one_the_ticker_waits_for() -> None:
    clock = Clock()
    ran = threading.Event()
    clock.call_later(3600, lambda: None)  # the ticker now sleeps for an hour
    clock.call_later(0.01, ran.set)
    try:
        assert ran.wait(timeout=5), "the sooner job waited behind the later one"
    finally:
        clock.stop()


def test_scheduling_wakes_the_ticker_only_for_a_new_earliest_job(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = Clock(manual=True)  # no ticker thread: only the notifications are counted
    notified: list[float] = []
    notify = clock._wakeup.notify

    def counting_notify(n: int = 1) -> None:
        notified.append(clock._jobs[0].when)
        notify(n)

    monkeypatch.setattr(clock._wakeup, "notify", counting_notify)
    start = clock.now()
    clock.call_later(30, lambda: None)
    clock.call_later(40, lambda: None)  # later than what the ticker waits for: no wake
    clock.call_later(30, lambda: None)  # as late as the earliest: no wake either
    clock.call_later(10, lambda: None)
    assert notified == [start + 30, start + 10]
