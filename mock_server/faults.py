"""Fault injection per operation: latency, an error status for N calls, a dropped connection.

The engine consults ``Faults.take`` once the request is routed; the edge carries out
a drop (closing the socket) because only it owns the connection.

Latency is bounded by :data:`MAX_LATENCY_MS`: the delay holds the serving thread, so an
unbounded one would let a single admin call stall every request in flight.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

MAX_LATENCY_MS = 10_000
"""The longest injected delay (10 s): long enough for any client timeout test."""


@dataclass(frozen=True, kw_only=True)
class Fault:
    """What to do to the next calls of one operation.

    Attributes:
        latency_ms: delay added before answering (every call while the fault lasts).
        status: answer this error status (in the vendor's error shape) instead.
        drop: close the connection without answering.
        times: how many calls the fault applies to; ``None`` means until cleared.
    """

    latency_ms: float = 0.0
    status: int | None = None
    drop: bool = False
    times: int | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fault:
        """Build a fault from admin JSON; raises ``ValueError`` with a readable message."""
        unknown = set(data) - {"latency_ms", "status", "drop", "times"}
        if unknown:
            raise ValueError(f"unknown fault fields: {', '.join(sorted(unknown))}")
        latency = data.get("latency_ms", 0.0)
        status = data.get("status")
        drop = data.get("drop", False)
        times = data.get("times")
        if (
            not isinstance(latency, int | float)
            or isinstance(latency, bool)
            or not 0 <= latency <= MAX_LATENCY_MS  # False for NaN and infinity too
        ):
            raise ValueError(f"'latency_ms' must be a number from 0 to {MAX_LATENCY_MS}")
        if status is not None and (
            not isinstance(status, int) or isinstance(status, bool) or not 400 <= status <= 599
        ):
            raise ValueError("'status' must be an integer from 400 to 599")
        if not isinstance(drop, bool):
            raise ValueError("'drop' must be a boolean")
        if times is not None and (
            not isinstance(times, int) or isinstance(times, bool) or times < 1
        ):
            raise ValueError("'times' must be a positive integer")
        return cls(latency_ms=float(latency), status=status, drop=drop, times=times)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "latency_ms": self.latency_ms,
            "status": self.status,
            "drop": self.drop,
            "times": self.times,
        }


class Faults:
    """Thread-safe registry of faults keyed by operationId."""

    def __init__(self) -> None:
        self._faults: dict[str, Fault] = {}
        self._lock = threading.Lock()

    def set(self, operation_id: str, fault: Fault) -> None:
        """Inject ``fault`` into ``operation_id`` (replacing any previous one)."""
        with self._lock:
            self._faults[operation_id] = fault

    def clear(self, operation_id: str | None = None) -> None:
        """Remove the fault of one operation, or all faults."""
        with self._lock:
            if operation_id is None:
                self._faults.clear()
            else:
                self._faults.pop(operation_id, None)

    def take(self, operation_id: str) -> Fault | None:
        """The fault to apply to this call, counting it against ``times``."""
        if not self._faults:  # the common case stays lock-free
            return None
        with self._lock:
            fault = self._faults.get(operation_id)
            if fault is None or fault.times is None:
                return fault
            if fault.times <= 1:
                del self._faults[operation_id]
            else:
                self._faults[operation_id] = replace(fault, times=fault.times - 1)
            return fault

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view of every active fault."""
        with self._lock:
            return {op: fault.to_dict() for op, fault in sorted(self._faults.items())}
