"""A controllable clock with scheduled work, shared by the stateful vendor behaviours.

Vendor flows take time (an image is processed, an order's eta passes). The behaviours
never sleep: they schedule callbacks on this clock. On real time (the standalone server)
a daemon thread runs them when they fall due; on a manual clock (the test fixtures) time
only moves when a test calls ``advance`` or ``complete_all``, which run the due callbacks
in the caller's thread, so a test sees their effects (and their webhooks) at once.

A callback that raises does not stop the others. On a manual clock ``advance`` and
``complete_all`` raise :class:`~mock_server.errors.ServerFailure` once the due work has
run; on real time the failure is logged and kept until :meth:`Clock.take_failures`
(the engine's ``check()``) reports it.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from mock_server.errors import ServerFailure

logger = logging.getLogger("mock_server.clock")

Callback = Callable[[], None]


@dataclass(order=True)
class _Job:
    when: float
    sequence: int
    callback: Callback = field(compare=False)


class Clock:
    """Time source plus a queue of callbacks to run at given times.

    Args:
        manual: if true, time stands still until ``advance``/``complete_all``.
        start: the initial time of a manual clock (epoch seconds; default: now).
    """

    def __init__(self, *, manual: bool = False, start: float | None = None) -> None:
        self.manual = manual
        self._start = time.time() if start is None else start
        self._offset = 0.0
        self._jobs: list[_Job] = []
        self._sequence = itertools.count()
        self._lock = threading.Lock()
        self._wakeup = threading.Condition(self._lock)
        self._ticker: threading.Thread | None = None
        self._stopped = False
        self._failures: list[Exception] = []

    def now(self) -> float:
        """The current time in epoch seconds."""
        return (self._start if self.manual else time.time()) + self._offset

    def call_at(self, when: float, callback: Callback) -> None:
        """Run ``callback`` once the clock reaches ``when``."""
        job = _Job(when, next(self._sequence), callback)
        with self._wakeup:
            heapq.heappush(self._jobs, job)
            # The ticker sleeps until the earliest job: only a new earliest one needs it
            # awake. Waking it for every job made it take the GIL from the serving thread
            # on every scheduling request (AI HomeDesign's submit: about 6 % of its req/s).
            if self._jobs[0] is job:
                self._wakeup.notify()
        if not self.manual and self._ticker is None:
            self._ensure_ticker()

    def call_later(self, delay: float, callback: Callback) -> None:
        """Run ``callback`` ``delay`` seconds from now."""
        self.call_at(self.now() + delay, callback)

    def advance(self, seconds: float) -> None:
        """Move time forward, running each callback that falls due at its own time.

        A callback sees ``now()`` equal to the time it was scheduled for, so work it
        schedules in turn (a follow-up step) lands where it would on real time.

        Raises:
            ServerFailure: A callback raised (the others still ran).
        """
        target = self.now() + seconds
        while (job := self._pop_due(until=target)) is not None:
            self._move_to(job.when)
            self._run(job)
        self._move_to(target)
        self._raise_failures()

    def complete_all(self) -> None:
        """Move time past every scheduled callback (including ones they schedule) and run them.

        Raises:
            ServerFailure: A callback raised (the others still ran).
        """
        while (job := self._pop_due(until=float("inf"))) is not None:
            self._move_to(job.when)
            self._run(job)
        self._raise_failures()

    def take_failures(self) -> list[Exception]:
        """Return and forget the exceptions scheduled callbacks raised, oldest first."""
        with self._lock:
            found, self._failures = self._failures, []
        return found

    def _raise_failures(self) -> None:
        failures = self.take_failures()
        if failures:
            raise ServerFailure("scheduled work failed", failures)

    @property
    def pending(self) -> int:
        """How many callbacks are waiting."""
        with self._lock:
            return len(self._jobs)

    def run_pending(self) -> None:
        """Run the callbacks that are due now; a failing callback is logged and kept."""
        while (job := self._pop_due(until=self.now())) is not None:
            self._run(job)

    def _run(self, job: _Job) -> None:
        try:
            job.callback()
        except Exception as error:
            logger.exception("scheduled callback failed")
            with self._lock:
                self._failures.append(error)

    def _move_to(self, when: float) -> None:
        with self._lock:
            gap = when - self.now()
            if gap > 0:
                self._offset += gap

    def reset(self) -> None:
        """Drop every pending callback and return a manual clock to its start time."""
        with self._lock:
            self._jobs.clear()
            self._offset = 0.0
            self._failures.clear()

    def stop(self) -> None:
        """Stop the real-time ticker thread, if any."""
        with self._wakeup:
            self._stopped = True
            self._wakeup.notify()

    def _pop_due(self, *, until: float) -> _Job | None:
        with self._lock:
            if self._jobs and self._jobs[0].when <= until:
                return heapq.heappop(self._jobs)
        return None

    def _ensure_ticker(self) -> None:
        with self._lock:
            if self._ticker is not None or self._stopped:
                return
            self._ticker = threading.Thread(target=self._tick, name="mock-clock", daemon=True)
        self._ticker.start()

    def _tick(self) -> None:
        while True:
            with self._wakeup:
                if self._stopped:
                    return
                delay = self._jobs[0].when - self.now() if self._jobs else None
                if delay is None or delay > 0:
                    self._wakeup.wait(timeout=delay)
                    continue
            self.run_pending()
