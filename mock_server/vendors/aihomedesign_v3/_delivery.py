"""The ``process.completed`` webhook with the platform's retries, on the engine's clock.

The webhook reference: the receiver must answer 2xx (within 10 s) and the platform retries
on anything else. How often and how long is undocumented; the mock retries
:data:`RETRY_DELAYS` clock seconds after each failed attempt (AHD3-Q12). Every attempt is
journaled by the engine's sender, failures included.

Inline (manual clock) the sender answers with the attempt's outcome at once. In the
background (real time) it does not, so the retry timer looks the attempt up in the sender's
record when it fires, and looks again a second later while it is still queued.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mock_server.clock import Clock
    from mock_server.webhooks import Delivery, WebhookSender

__all__ = ["EVENT", "RETRY_DELAYS", "WebhookRetries"]

EVENT = "processCompleted"
"""The delivery's event name: the spec's ``webhooks`` key."""

RETRY_DELAYS = (10.0, 60.0, 300.0)
"""Clock seconds from a failed attempt to the next one: four attempts in all."""

_RECHECK_SECONDS = 1.0
_MAX_RECHECKS = 60  # a queued attempt not recorded after a minute was dropped (reset, reconfigure)


class WebhookRetries:
    """Sends a payload and retries it until a 2xx or the attempts run out.

    Args:
        clock: Times the retries.
        sender: The engine's webhook sender.
    """

    def __init__(self, *, clock: Clock, sender: WebhookSender) -> None:
        self.clock = clock
        self.sender = sender

    def send(self, payload: dict[str, Any]) -> None:
        """Deliver ``payload``; failed attempts are retried on the clock."""
        self._attempt(payload, attempt=0)

    def _attempt(self, payload: dict[str, Any], *, attempt: int) -> None:
        if self.sender.url is None:
            return  # no receiver configured (or it was removed): nothing to retry
        delivery = self.sender.send(EVENT, payload)
        if attempt >= len(RETRY_DELAYS):
            return
        delay = RETRY_DELAYS[attempt]
        if delivery is not None:
            if not delivery.ok:
                self.clock.call_later(delay, lambda: self._attempt(payload, attempt=attempt + 1))
            return
        self.clock.call_later(delay, lambda: self._after(payload, attempt=attempt, rechecks=0))

    def _after(self, payload: dict[str, Any], *, attempt: int, rechecks: int) -> None:
        """Background mode: retry if the last attempt for ``payload`` failed."""
        if self.sender.url is None:
            return
        outcome = self._outcome(payload, attempts=attempt + 1)
        if outcome is None:
            if rechecks < _MAX_RECHECKS:
                self.clock.call_later(
                    _RECHECK_SECONDS,
                    lambda: self._after(payload, attempt=attempt, rechecks=rechecks + 1),
                )
        elif not outcome.ok:
            self._attempt(payload, attempt=attempt + 1)

    def _outcome(self, payload: dict[str, Any], *, attempts: int) -> Delivery | None:
        mine = [d for d in self.sender.recorded() if d.payload is payload]
        return mine[-1] if len(mine) >= attempts else None
