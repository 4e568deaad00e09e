"""When the standalone server collects cyclic garbage: when it is idle, not mid-load.

CPython's automatic full collection walks every object the process holds, and a stateful
mock's state only grows under load (it keeps every order it creates). Under wrk against
AI HomeDesign's submit, those pauses grew with the heap: p99 latency 25, 102, 160, 240 ms
in four 5 s rounds, against 2 ms with no full collections, and 1.1x the requests a second.
Requests leave no cyclic garbage of their own (none after 40,000 mixed valid and invalid
requests, in process), and the young generations still collect as usual. So here the full
collection waits until no request came for ``idle`` seconds, or ``every`` seconds passed
since the last one; what the server built before serving (specs, validators) is frozen,
never walked again.

Only the CLI's server does this: a test process that serves the mock in-process keeps
its own garbage collector settings.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable

__all__ = ["IdleCollections"]

# A full collection runs once this many young-generation collections have run: never.
_NEVER = 1 << 30


class IdleCollections:
    """Full garbage collections between loads.

    Args:
        last_request: When the last request came (``time.perf_counter()``), any site.
        idle: Seconds without a request after which a full collection runs.
        every: Seconds after which one runs even under load (cyclic garbage, such as a
            reset's, waits no longer than this).
        tick: How often the collector's thread looks.
    """

    def __init__(
        self,
        last_request: Callable[[], float],
        *,
        idle: float = 1.0,
        every: float = 60.0,
        tick: float = 0.5,
    ) -> None:
        """Collect when ``last_request`` says the server is idle; see the class docstring."""
        self._last_request = last_request
        self._idle = idle
        self._every = every
        self._tick = tick
        self._collected_at = time.perf_counter()

    def start(self) -> None:
        """Freeze what exists, stop automatic full collections, start the thread."""
        gc.freeze()
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, _NEVER)
        threading.Thread(target=self._run, name="mock-gc", daemon=True).start()

    def due(self, now: float) -> bool:
        """Whether a full collection should run at ``now`` (``time.perf_counter()``).

        Only after a request came since the last one (an idle server has made no
        garbage), and then once the server is idle or ``every`` seconds have passed.
        """
        last = self._last_request()
        if last <= self._collected_at:
            return False
        return now - last >= self._idle or now - self._collected_at >= self._every

    def collect(self) -> None:
        """Run a full collection now."""
        gc.collect()
        self._collected_at = time.perf_counter()

    def _run(self) -> None:  # a daemon thread: it ends with the process
        while True:
            time.sleep(self._tick)
            if self.due(time.perf_counter()):
                self.collect()
