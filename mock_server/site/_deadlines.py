"""Body deadlines of an event-driven edge: one coarse timer for every body being read.

``asyncio.timeout`` arms and cancels a loop timer per request, a fifth of the RSGI edge's
own work, though nearly every body has arrived before it is awaited. Here a reading task
is only noted with its deadline, and one sweep, every ``tick``, cancels the tasks past
theirs: a stalled body gets its 408 at most one tick late. The sweep is armed while
bodies are being read and stops when none are.
"""

from __future__ import annotations

import asyncio
import math
import threading
from collections.abc import Awaitable
from typing import Any, TypeVar

__all__ = ["BodyDeadlines"]

T = TypeVar("T")

_MAX_TICK = 1.0
_MIN_TICK = 0.005
_TICKS_PER_TIMEOUT = 4
# What a task's deadline becomes once the sweep cancelled it (never due again).
_EXPIRED = math.inf


class BodyDeadlines:
    """Deadlines for reading request bodies on one asyncio loop.

    Args:
        loop: The loop the bodies are read on (its tasks are the ones cut).
        timeout: Seconds a body may take; it is cut between ``timeout`` and ``timeout``
            plus a tick (a quarter of it, at most a second).
    """

    def __init__(self, loop: asyncio.AbstractEventLoop, timeout: float) -> None:
        """Cut bodies read on ``loop`` that take longer than ``timeout`` seconds."""
        self.loop = loop
        self.timeout = timeout
        self.tick = min(_MAX_TICK, max(_MIN_TICK, timeout / _TICKS_PER_TIMEOUT))
        self._reading: dict[asyncio.Task[Any], float] = {}
        self._armed = False
        self._thread = threading.get_ident()

    def fit(self, timeout: float) -> bool:
        """Whether these deadlines cut at ``timeout`` and serve the loop running here.

        Asked per request, so without ``asyncio.get_running_loop`` (a system call on
        Python 3.11): in this thread, :attr:`loop` has a current task only while it runs.
        """
        return (
            timeout == self.timeout
            and self._thread == threading.get_ident()
            and asyncio.current_task(self.loop) is not None
        )

    async def within(self, read: Awaitable[T]) -> T:
        """Await ``read`` in the current task of :attr:`loop`, cut once it takes too long.

        Raises:
            TimeoutError: The deadline passed first (``read`` was cancelled).
            RuntimeError: Not awaited inside a task.
        """
        task = asyncio.current_task(self.loop)
        if task is None:
            raise RuntimeError("a body deadline needs an asyncio task")
        self._reading[task] = self.loop.time() + self.timeout
        if not self._armed:
            self._armed = True
            self.loop.call_later(self.tick, self._sweep)
        try:
            return await read
        except asyncio.CancelledError:
            if self._reading.get(task) != _EXPIRED:
                raise  # cancelled by someone else (the server stopping): not ours to turn
            task.uncancel()
            raise TimeoutError from None
        finally:
            del self._reading[task]

    def _sweep(self) -> None:
        now = self.loop.time()
        for task, deadline in list(self._reading.items()):
            if deadline <= now:
                self._reading[task] = _EXPIRED
                task.cancel()
        self._armed = bool(self._reading)
        if self._armed:
            self.loop.call_later(self.tick, self._sweep)
