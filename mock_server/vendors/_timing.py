"""Vendor time: when scheduled work runs (on the engine's clock, or at once), how times read."""

from __future__ import annotations

import functools
import math
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mock_server.clock import Callback, Clock

__all__ = ["eta_seconds", "run_after", "utc_parts"]


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


def utc_parts(epoch: float) -> tuple[str, int]:
    """``epoch`` as ``YYYY-MM-DDTHH:MM:SS`` in UTC and its microseconds, as datetime has them.

    The same as ``datetime.fromtimestamp(epoch, UTC)`` (microseconds rounded half to
    even) read with ``strftime``, at a fraction of its cost: the vendors stamp every
    record they show, and the seconds' text is formatted once per second.

    >>> utc_parts(1746699330.1234567)
    ('2025-05-08T10:15:30', 123457)
    """
    if epoch < 0:
        moment = datetime.fromtimestamp(epoch, UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%S"), moment.microsecond
    # As datetime.fromtimestamp does it (and its C version, with the same rounding).
    fraction, whole = math.modf(epoch)
    micro = round(fraction * 1e6)
    if micro >= 1_000_000:
        whole += 1
        micro -= 1_000_000
    return _seconds_text(int(whole)), micro


@functools.lru_cache(maxsize=64)
def _seconds_text(whole: int) -> str:
    return datetime.fromtimestamp(whole, UTC).strftime("%Y-%m-%dT%H:%M:%S")
