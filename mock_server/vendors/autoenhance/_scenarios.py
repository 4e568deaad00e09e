"""Failure scenarios of the Autoenhance mock: what a test asks to go wrong, on purpose.

Nothing fails on its own in the mock; a test (or an admin route) arms a scenario and the
behaviour consults it when an image starts or finishes processing:

- :meth:`Scenarios.fail_next_image`: the next image of an order (or of any order) that
  finishes processing ends in ``error`` with the given ``status_reason``, and its
  ``image_processed`` webhook carries ``error: true``.
- The daily enhancement quota (the vendor's default is 500 a day): an image that starts
  processing past it goes straight to ``error`` with :data:`QUOTA_REASON` (rate-limits
  page: "newly submitted images go into the error state"). :meth:`use_daily_quota`
  spends it, :meth:`set_daily_quota` changes it.
- :meth:`Scenarios.expire_image` puts an image in ``expired``.

The scenarios have their own lock; :meth:`expire_image` hands over to the behaviour, which
takes the store lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["DAILY_QUOTA", "DEFAULT_FAILURE_REASON", "QUOTA_REASON", "Scenarios"]

DAILY_QUOTA = 500
"""Enhancements a day before new images go to ``error`` (the vendor's default)."""

QUOTA_REASON = "Daily enhancement limit reached."
"""``status_reason`` of an image refused by the daily quota (the mock's wording)."""

DEFAULT_FAILURE_REASON = "Image processing failed."
"""``status_reason`` of a failed image when the scenario names none."""

_ANY_ORDER = ""
_DAY_SECONDS = 86_400


@dataclass
class _Quota:
    limit: int = DAILY_QUOTA
    day: int = -1
    used: int = 0


class Scenarios:
    """Armed failures, the daily quota and expiry; cleared by the behaviour's reset.

    Args:
        now: The behaviour's clock (epoch seconds).
        expire: Puts an image in ``expired`` (the behaviour owns the images).
    """

    def __init__(self, *, now: Callable[[], float], expire: Callable[[str], None]) -> None:
        self.lock = threading.RLock()
        self._now = now
        self._expire = expire
        self._failures: dict[str, list[str]] = {}
        self._quota = _Quota()

    def fail_next_image(self, *, order_id: str | None = None, reason: str | None = None) -> None:
        """Make the next image of ``order_id`` (of any order if None) fail processing.

        Armed failures queue up: calling it twice fails the next two images.

        Args:
            order_id: The order whose next finishing image fails; None for any order.
            reason: The image's ``status_reason`` (default :data:`DEFAULT_FAILURE_REASON`).
        """
        with self.lock:
            key = _ANY_ORDER if order_id is None else order_id
            self._failures.setdefault(key, []).append(reason or DEFAULT_FAILURE_REASON)

    def expire_image(self, image_id: str) -> None:
        """Put an image in ``expired`` (its enhanced download then answers ``404``).

        Raises:
            KeyError: No such image.
        """
        self._expire(image_id)

    def use_daily_quota(self, *, remaining: int = 0) -> None:
        """Spend today's quota so that only ``remaining`` more images may start."""
        with self.lock:
            self._roll(self._now())
            self._quota.used = max(self._quota.limit - remaining, 0)

    def set_daily_quota(self, limit: int) -> None:
        """Change the daily quota (the vendor sets custom limits per account)."""
        with self.lock:
            self._quota.limit = limit

    def clear(self) -> None:
        """Disarm every failure and restore the default quota."""
        with self.lock:
            self._failures.clear()
            self._quota = _Quota()

    def take_failure(self, order_id: str) -> str | None:
        """The reason of the failure armed for an image of ``order_id``, consumed; or None."""
        with self.lock:
            for key in (order_id, _ANY_ORDER):
                queued = self._failures.get(key)
                if queued:
                    return queued.pop(0)
            return None

    def spend_enhancement(self, *, now: float) -> bool:
        """Count one enhancement today; False when the quota is already used up."""
        with self.lock:
            self._roll(now)
            if self._quota.used >= self._quota.limit:
                return False
            self._quota.used += 1
            return True

    def _roll(self, now: float) -> None:
        day = int(now // _DAY_SECONDS)
        if day != self._quota.day:
            self._quota.day, self._quota.used = day, 0
