"""Failure scenarios of the v3 mock: what a test arms to see the vendor's failures.

Nothing fails on its own. A test (or ``/__mock/scenarios/{name}``) arms:

- ``fail-next-process``: the next process of an order (or of any order) to finish ends
  ``failed`` with a reason, and the webhook says so;
- ``deny-tool``: the API key's plan lacks a tool, so creating a process with it answers
  ``403`` until the behaviour is reset;
- ``rate-limit``: the next ``count`` process creations answer ``429``, whatever the
  rolling count says.
"""

from __future__ import annotations

import threading

__all__ = ["DEFAULT_FAILURE_REASON", "Scenarios"]

DEFAULT_FAILURE_REASON = "process failed"
"""The ``error`` of a failed process when the scenario names no reason."""

_ANY = ""


class Scenarios:
    """Armed failures; cleared with the behaviour's reset."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[str, list[str]] = {}
        self._denied: set[tuple[str, str]] = set()
        self._limited = 0

    def fail_next_process(self, *, order_id: str | None = None, reason: str | None = None) -> None:
        """Make the next process of ``order_id`` (any order if None) to finish fail."""
        with self._lock:
            key = _ANY if order_id is None else order_id
            self._failures.setdefault(key, []).append(reason or DEFAULT_FAILURE_REASON)

    def take_failure(self, order_id: str) -> str | None:
        """The reason armed for ``order_id``'s finishing process, consumed; or None."""
        with self._lock:
            for key in (order_id, _ANY):
                queued = self._failures.get(key)
                if queued:
                    return queued.pop(0)
            return None

    def deny_tool(self, tool: str, *, api_key: str | None = None) -> None:
        """Take ``tool`` out of the plan of ``api_key`` (every key if None)."""
        with self._lock:
            self._denied.add((_ANY if api_key is None else api_key, tool))

    def denies(self, api_key: str, tool: str) -> bool:
        """Whether the plan of ``api_key`` lacks ``tool``."""
        with self._lock:
            return (api_key, tool) in self._denied or (_ANY, tool) in self._denied

    def rate_limit(self, count: int) -> None:
        """Answer the next ``count`` process creations with 429."""
        with self._lock:
            self._limited += count

    def take_rate_limit(self) -> bool:
        """Whether this process creation is rate-limited by the scenario (consumes one)."""
        with self._lock:
            if self._limited <= 0:
                return False
            self._limited -= 1
            return True

    def clear(self) -> None:
        """Disarm everything."""
        with self._lock:
            self._failures.clear()
            self._denied.clear()
            self._limited = 0
