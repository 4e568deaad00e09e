"""A rolling-window counter: at most ``limit`` events per ``window`` seconds per key.

AI HomeDesign allows 10 order submissions per 10 minutes. The vendor's wording
("concurrent orders within 10 minutes") is ambiguous; the spec reads it as a rolling
count, which this is. Not thread-safe on its own: the behaviour's lock guards it.
"""

from __future__ import annotations

from collections import deque

__all__ = ["RollingLimit"]


class RollingLimit:
    """Counts events per key over a sliding window.

    Args:
        limit: Events allowed in any window.
        window: The window's length in seconds; an event stops counting exactly
            ``window`` seconds after it happened.
    """

    def __init__(self, *, limit: int, window: float) -> None:
        self.limit = limit
        self.window = window
        self._events: dict[str, deque[float]] = {}

    def allows(self, key: str, *, now: float) -> bool:
        """Whether one more event for ``key`` at ``now`` stays within the limit."""
        events = self._events.get(key)
        if events is None:
            return True
        while events and events[0] <= now - self.window:
            events.popleft()
        return len(events) < self.limit

    def record(self, key: str, *, now: float) -> None:
        """Count an event for ``key`` at ``now``."""
        self._events.setdefault(key, deque()).append(now)

    def clear(self) -> None:
        """Forget every event."""
        self._events.clear()
