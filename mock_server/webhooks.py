"""Webhook delivery: the mock POSTs the vendor's payloads to a URL a test configures.

Deliveries run synchronously in the thread that fires them (a clock callback), so on a
manual clock a test that advances time has its webhooks delivered before ``advance``
returns. Every attempt is recorded with its outcome.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

DEFAULT_TIMEOUT = 5.0


@dataclass(frozen=True, kw_only=True)
class Delivery:
    """One webhook delivery attempt and its outcome."""

    url: str
    event: str
    payload: Any
    timestamp: float
    status: int | None = None
    error: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the receiver answered 2xx."""
        return self.status is not None and 200 <= self.status < 300

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready view for the admin surface and the journal."""
        return {
            "url": self.url,
            "event": self.event,
            "payload": self.payload,
            "timestamp": self.timestamp,
            "status": self.status,
            "error": self.error,
            "ok": self.ok,
        }


class WebhookSender:
    """Sends webhook payloads to the configured URL and keeps a bounded delivery log.

    Args:
        url: where to POST; ``None`` disables delivery (nothing is recorded).
        headers: extra request headers (e.g. the vendor's authentication value).
        timeout: per-attempt timeout in seconds.
        on_delivery: called with each ``Delivery`` (the app journals it).
        maxlen: how many deliveries to keep.
    """

    def __init__(
        self,
        *,
        url: str | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        on_delivery: Callable[[Delivery], None] | None = None,
        maxlen: int = 1000,
    ) -> None:
        self.url = url
        self.headers = dict(headers or {})
        self.timeout = timeout
        self.on_delivery = on_delivery
        self._deliveries: deque[Delivery] = deque(maxlen=maxlen)
        self._lock = threading.Lock()

    def configure(self, *, url: str | None, headers: Mapping[str, str] | None = None) -> None:
        """Point deliveries at ``url`` (None disables them) with these extra headers."""
        with self._lock:
            self.url = url
            self.headers = dict(headers or {})

    @property
    def deliveries(self) -> list[Delivery]:
        """Every recorded delivery, oldest first."""
        with self._lock:
            return list(self._deliveries)

    def clear(self) -> None:
        """Forget past deliveries (the URL stays configured)."""
        with self._lock:
            self._deliveries.clear()

    def send(self, event: str, payload: Any) -> Delivery | None:
        """POST ``payload`` as JSON; never raises for a failing receiver."""
        if self.url is None:
            return None
        body = json.dumps(payload, separators=(",", ":")).encode()
        headers = {"content-type": "application/json", **self.headers}
        stamp = time.time()
        import httpx  # imported on first delivery: it costs a tenth of a cold start

        try:
            response = httpx.post(self.url, content=body, headers=headers, timeout=self.timeout)
            delivery = Delivery(
                url=self.url,
                event=event,
                payload=payload,
                timestamp=stamp,
                status=response.status_code,
                headers=headers,
            )
        except httpx.HTTPError as error:
            delivery = Delivery(
                url=self.url,
                event=event,
                payload=payload,
                timestamp=stamp,
                error=f"{type(error).__name__}: {error}",
                headers=headers,
            )
        with self._lock:
            self._deliveries.append(delivery)
        if self.on_delivery is not None:
            self.on_delivery(delivery)
        return delivery
