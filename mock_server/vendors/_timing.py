"""When the vendors' scheduled work runs: on the engine's clock, or at once."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mock_server.clock import Callback, Clock

__all__ = ["eta_seconds", "run_after"]


def run_after(clock: Clock, delay: float, callback: Callback) -> None:
    """Run ``callback`` ``delay`` clock seconds from now.

    On real time a delay of 0 (``--processing-delay 0``, ``--generation-delay 0``) runs it
    at once, in the request's thread: the answer to the request that started the work,
    and every later one, already shows it done. Left to the clock's ticker thread, it
    would land a moment later, after a client that asks straight away (a schemathesis
    scenario does, within milliseconds) has seen it pending. A manual clock still waits
    for ``advance`` or ``complete_all``, as tests expect.
    """
    if delay <= 0 and not clock.manual:
        callback()
    else:
        clock.call_later(delay, callback)


def eta_seconds(delay: float) -> int:
    """A delay as the whole seconds an ``eta`` field announces (rounded up).

    >>> eta_seconds(0), eta_seconds(0.2), eta_seconds(45)
    (0, 1, 45)
    """
    return max(0, math.ceil(delay))
