"""Failure scenarios of the AI HomeDesign mock: generations that fail on purpose.

No generation fails on its own. A test (or an admin route) arms a failure with
:meth:`Scenarios.fail_next_generation`; the next generation of that order (or of any
order) to finish then ends in ``failed`` with the reason in its ``comment``, and no
generated-image webhook is sent.
"""

from __future__ import annotations

import threading

__all__ = ["DEFAULT_FAILURE_REASON", "Scenarios"]

DEFAULT_FAILURE_REASON = "generation failed"
"""The ``comment`` of a failed generation when the scenario names no reason."""

_ANY_ORDER = ""


class Scenarios:
    """Armed generation failures, queued per order; cleared with the behaviour's reset."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._failures: dict[str, list[str]] = {}

    def fail_next_generation(
        self, *, order_id: str | None = None, reason: str | None = None
    ) -> None:
        """Make the next generation of ``order_id`` (any order if None) fail.

        Args:
            order_id: The order whose next finishing generation fails; None for any.
            reason: The failed image's ``comment`` (default :data:`DEFAULT_FAILURE_REASON`).
        """
        with self._lock:
            key = _ANY_ORDER if order_id is None else order_id
            self._failures.setdefault(key, []).append(reason or DEFAULT_FAILURE_REASON)

    def take_failure(self, order_id: str) -> str | None:
        """The reason armed for ``order_id``'s finishing generation, consumed; or None."""
        with self._lock:
            for key in (order_id, _ANY_ORDER):
                queued = self._failures.get(key)
                if queued:
                    return queued.pop(0)
            return None

    def clear(self) -> None:
        """Disarm every failure."""
        with self._lock:
            self._failures.clear()
