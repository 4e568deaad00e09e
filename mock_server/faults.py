"""Fault injection per operation or URL target: latency, an error status, a broken connection.

The engine consults ``Faults.take`` once the request is routed (or, for a URL outside
the spec, once it knows which target the path falls under); the edge carries out a
broken connection because only it owns the socket.

An injected status answers what the vendor answers for it: the operation's declared
response for that status, else the vendor's error shape, unless the fault brings its
own ``body``. ``headers`` (e.g. ``Retry-After``) go on top.

Latency is bounded by :data:`MAX_LATENCY_MS`: the delay holds the serving thread, so an
unbounded one would let a single admin call stall every request in flight.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from mock_server.errors import ConfigError
from mock_server.types import JSON, ConnectionFault

__all__ = ["MAX_LATENCY_MS", "UNROUTED", "ConnectionFault", "Fault", "Faults"]

MAX_LATENCY_MS = 10_000
"""The longest injected delay (10 s): long enough for any client timeout test."""
UNROUTED = "unrouted"
"""The target of every request no operation matches and no named target claims."""

_FIELDS = frozenset({"latency_ms", "status", "drop", "connection", "body", "headers", "times"})
# RFC 9110 token characters; a value is visible ASCII and spaces (no CR/LF to inject with).
_HEADER_NAME = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_HEADER_VALUE = re.compile(r"[\x20-\x7e]*")


@dataclass(frozen=True, kw_only=True)
class Fault:
    """What to do to the next calls of one operation (or URL target).

    Attributes:
        latency_ms: delay added before answering (every call while the fault lasts).
        status: answer this error status instead: the operation's declared response for
            it, else the vendor's error shape (``Prefer: code=N`` answers the same).
        drop: reset the connection without answering (``connection=RESET``).
        connection: break the connection this way instead of answering.
        body: the JSON body of the injected status, instead of the vendor's.
        headers: headers added to the injected status (e.g. ``{"Retry-After": "2"}``).
        times: how many calls the fault applies to; ``None`` means until cleared.

    Example:
        >>> Fault(status=429, headers={"Retry-After": "2"}, times=1).to_dict()["headers"]
        {'Retry-After': '2'}
        >>> Fault(drop=True).connection_fault
        <ConnectionFault.RESET: 'reset'>
    """

    latency_ms: float = 0.0
    status: int | None = None
    drop: bool = False
    connection: ConnectionFault | None = None
    body: JSON = None
    headers: Mapping[str, str] = field(default_factory=dict)
    times: int | None = None

    def __post_init__(self) -> None:
        if (self.body is not None or self.headers) and self.status is None:
            raise ConfigError("a fault's 'body' and 'headers' need a 'status'")
        for name, value in self.headers.items():
            _check_header(name, value)

    @property
    def connection_fault(self) -> ConnectionFault | None:
        """How the connection breaks, if it does (``drop`` is a reset)."""
        if self.connection is not None:
            return self.connection
        return ConnectionFault.RESET if self.drop else None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Fault:
        """Build a fault from admin JSON; raises ``ValueError`` with a readable message."""
        unknown = set(data) - _FIELDS
        if unknown:
            raise ValueError(f"unknown fault fields: {', '.join(sorted(unknown))}")
        drop = data.get("drop", False)
        if not isinstance(drop, bool):
            raise ValueError("'drop' must be a boolean")
        try:
            return cls(
                latency_ms=_latency(data.get("latency_ms", 0.0)),
                status=_status(data.get("status")),
                drop=drop,
                connection=_connection(data.get("connection")),
                body=data.get("body"),
                headers=_headers(data.get("headers", {})),
                times=_times(data.get("times")),
            )
        except ConfigError as exc:
            raise ValueError(str(exc)) from None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view (the fields left at their default are left out)."""
        view: dict[str, Any] = {
            "latency_ms": self.latency_ms,
            "status": self.status,
            "drop": self.drop,
            "times": self.times,
        }
        if self.connection is not None:
            view["connection"] = self.connection.value
        if self.body is not None:
            view["body"] = self.body
        if self.headers:
            view["headers"] = dict(self.headers)
        return view


class Faults:
    """Thread-safe registry of faults keyed by operationId or URL target name.

    Args:
        names: The names a fault may be set for (an engine's operation ids and URL
            targets); None accepts any name.
    """

    def __init__(self, names: Callable[[], Iterable[str]] | None = None) -> None:
        """An empty registry; see the class docstring."""
        self._faults: dict[str, Fault] = {}
        self._lock = threading.Lock()
        self._names = names

    def __len__(self) -> int:
        """How many faults are set (read without the lock: a hint for the hot path)."""
        return len(self._faults)

    def set(self, operation_id: str, fault: Fault) -> None:
        """Inject ``fault`` into ``operation_id`` or a URL target (replacing any previous one).

        Raises:
            ConfigError: The name is neither an operation id nor a URL target; the
                message lists the valid ones.
        """
        self._check(operation_id)
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

    def _check(self, name: str) -> None:
        if self._names is None:
            return
        known = tuple(self._names())
        if name not in known:
            valid = ", ".join(known)
            raise ConfigError(f"unknown operation id or fault target {name!r}; valid: {valid}")


def _latency(value: object) -> float:
    if (
        not isinstance(value, int | float)
        or isinstance(value, bool)
        or not 0 <= value <= MAX_LATENCY_MS  # False for NaN and infinity too
    ):
        raise ConfigError(f"'latency_ms' must be a number from 0 to {MAX_LATENCY_MS}")
    return float(value)


def _status(value: object) -> int | None:
    if value is not None and (
        not isinstance(value, int) or isinstance(value, bool) or not 400 <= value <= 599
    ):
        raise ConfigError("'status' must be an integer from 400 to 599")
    return value


def _connection(value: object) -> ConnectionFault | None:
    if value is None:
        return None
    try:
        return ConnectionFault(value)
    except ValueError:
        valid = ", ".join(kind.value for kind in ConnectionFault)
        raise ConfigError(f"'connection' must be one of: {valid}") from None


def _headers(value: object) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ConfigError("'headers' must be an object of strings")
    return dict(value)


def _times(value: object) -> int | None:
    if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
        raise ConfigError("'times' must be a positive integer")
    return value


def _check_header(name: str, value: str) -> None:
    if not _HEADER_NAME.fullmatch(name):
        raise ConfigError(f"fault header name {name!r} is not a valid HTTP header name")
    if not _HEADER_VALUE.fullmatch(value):
        raise ConfigError(f"fault header {name!r} has characters HTTP cannot send")
