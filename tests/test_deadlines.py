"""Tests for mock_server.site._deadlines: one sweep cuts the bodies that take too long."""

from __future__ import annotations

import asyncio

import pytest

from mock_server.site._deadlines import BodyDeadlines


def test_a_read_that_arrives_in_time_is_returned() -> None:
    async def main() -> bytes:
        deadlines = BodyDeadlines(asyncio.get_running_loop(), 5.0)
        return await deadlines.within(asyncio.sleep(0, result=b"body"))

    assert asyncio.run(main()) == b"body"


def test_a_stalled_read_is_cut_with_timeout_error_and_the_task_goes_on() -> None:
    async def main() -> tuple[bool, int, bool]:
        deadlines = BodyDeadlines(asyncio.get_running_loop(), 0.05)
        never = asyncio.get_running_loop().create_future()
        with pytest.raises(TimeoutError):
            await deadlines.within(never)
        task = asyncio.current_task()
        assert task is not None
        await asyncio.sleep(0)  # the task is not left cancelled: it keeps running
        return never.cancelled(), task.cancelling(), deadlines.tick < 0.05

    assert asyncio.run(main()) == (True, 0, True)


def test_only_the_late_reads_are_cut() -> None:
    async def main() -> list[object]:
        loop = asyncio.get_running_loop()
        deadlines = BodyDeadlines(loop, 0.1)

        async def read(delay: float) -> object:
            try:
                return await deadlines.within(asyncio.sleep(delay, result=delay))
            except TimeoutError:
                return "cut"

        return list(await asyncio.gather(read(0.0), read(0.01), read(30.0)))

    assert asyncio.run(main()) == [0.0, 0.01, "cut"]


def test_a_cancellation_from_elsewhere_stays_a_cancellation() -> None:
    async def main() -> None:
        deadlines = BodyDeadlines(asyncio.get_running_loop(), 30.0)
        reader = asyncio.create_task(deadlines.within(asyncio.sleep(30)))
        await asyncio.sleep(0.01)
        reader.cancel()  # the server stopping, say: not a late body
        with pytest.raises(asyncio.CancelledError):
            await reader

    asyncio.run(main())


def test_the_sweep_stops_when_nothing_is_read() -> None:
    async def main() -> int:
        loop = asyncio.get_running_loop()
        deadlines = BodyDeadlines(loop, 0.02)
        await deadlines.within(asyncio.sleep(0))
        await asyncio.sleep(0.05)  # one sweep runs, finds nothing and does not re-arm
        return len(loop._scheduled)  # type: ignore[attr-defined]

    assert asyncio.run(main()) == 0


def test_deadlines_fit_the_loop_running_here_with_their_timeout() -> None:
    async def main() -> tuple[BodyDeadlines, bool, bool]:
        deadlines = BodyDeadlines(asyncio.get_running_loop(), 1.0)
        return deadlines, deadlines.fit(1.0), deadlines.fit(2.0)

    deadlines, same, other_timeout = asyncio.run(main())
    assert (same, other_timeout) == (True, False)

    async def elsewhere() -> bool:
        return deadlines.fit(1.0)  # another loop runs now: these are not its deadlines

    assert asyncio.run(elsewhere()) is False
