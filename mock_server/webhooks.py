"""Webhook delivery: the mock POSTs the vendor's payloads to a URL a test configures.

Two ways to deliver, chosen when the sender is built:

- **inline** (``background=False``, for a manual clock): a delivery runs in the thread
  that fires it (a clock callback), so a test that advances time has its webhooks
  delivered before ``advance`` returns;
- **background** (``background=True``, for real time): deliveries wait in a bounded queue
  and one thread sends them in order, so a slow or dead receiver delays no request and no
  scheduled work. :meth:`WebhookSender.flush` waits for the queue to drain.

Where a webhook may go (:func:`check_webhook_url`): ``http`` or ``https``, never a path
under an admin surface (``/__mock/``, ``/__admin/``, on any host), never a port this
process serves the mock on (:func:`serving_on`) at a loopback or local address, never a
link-local address (``169.254.0.0/16``, ``fe80::/10``: cloud metadata services live
there), checked again on the resolved addresses at each delivery. Other loopback ports
are allowed: test receivers run there.

Every attempt is recorded with its outcome, failures included. Secrets never leave the
sender in clear: a recorded delivery carries the URL without its password or secret-looking
query values, and every configured header value as ``REDACTED``. Deliveries go out with
no ``User-Agent`` and without proxies from the environment.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from mock_server.errors import ConfigError
from mock_server.redaction import REDACTED, redacted_url, scrub_text, url_secrets

__all__ = [
    "DEFAULT_TIMEOUT",
    "MAX_PENDING",
    "Delivery",
    "WebhookSender",
    "check_webhook_url",
    "redacted_headers",
    "redacted_url",
    "serving_on",
]

DEFAULT_TIMEOUT = 5.0
MAX_PENDING = 1000
"""Background deliveries waiting beyond this many are dropped (and recorded as failed)."""

_PUBLIC_HEADERS = frozenset({"content-type"})
_ADMIN_PATHS = ("__mock", "__admin")
_OWN_PORTS: set[int] = set()
_OWN_PORTS_LOCK = threading.Lock()


def serving_on(port: int, *, serving: bool = True) -> None:
    """Note that this process serves the mock on ``port`` (or no longer does).

    A webhook aimed at such a port on this machine would let a configured URL drive the
    mock itself (``/__admin/reset``), so :func:`check_webhook_url` refuses it.
    """
    with _OWN_PORTS_LOCK:
        if serving:
            _OWN_PORTS.add(port)
        else:
            _OWN_PORTS.discard(port)


@dataclass(frozen=True, kw_only=True)
class Delivery:
    """One webhook delivery attempt and its outcome (URL and headers already redacted)."""

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


def check_webhook_url(url: str) -> None:
    """Refuse a webhook URL the mock must never call (see the module docstring).

    Raises:
        ConfigError: With a sentence saying why.
    """
    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise ConfigError("a webhook URL has an invalid host or port") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError("a webhook URL must be http(s)://host/...")
    path = unquote(parts.path).lower()
    if any(name in path for name in _ADMIN_PATHS):
        raise ConfigError("a webhook URL must not point at an admin surface (/__mock/, /__admin/)")
    if _link_local(parts.hostname):
        raise ConfigError("a webhook URL must not point at a link-local address")
    if _is_own(parts.hostname, port):
        raise ConfigError(
            f"a webhook URL must not point at the mock itself (port {port} on this machine)"
        )


def _is_own(host: str, port: int) -> bool:
    """Whether ``host:port`` is one of this process's mock servers on this machine."""
    with _OWN_PORTS_LOCK:
        if port not in _OWN_PORTS:
            return False
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost") or name == "":
        return True
    try:
        address = ipaddress.ip_address(name.partition("%")[0])
    except ValueError:
        return False  # a name: checked again on its resolved address at delivery
    mapped = getattr(address, "ipv4_mapped", None)
    return (
        address.is_loopback or address.is_unspecified or (mapped is not None and mapped.is_loopback)
    )


def redacted_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """Every configured header value is a credential as far as the record goes."""
    return {k: v if k.lower() in _PUBLIC_HEADERS else REDACTED for k, v in headers.items()}


def _link_local(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host.strip("[]").partition("%")[0])
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)
    return address.is_link_local or (mapped is not None and mapped.is_link_local)


@dataclass(frozen=True, kw_only=True)
class _Job:
    url: str
    headers: Mapping[str, str]
    event: str
    payload: Any
    timestamp: float
    generation: int


class WebhookSender:
    """Sends webhook payloads to the configured URL and keeps a bounded delivery log.

    Args:
        url: where to POST; ``None`` disables delivery (nothing is recorded).
        headers: extra request headers (e.g. the vendor's authentication value).
        timeout: per-attempt timeout in seconds (connect, and each read).
        on_delivery: called with each ``Delivery`` (the engine journals it).
        maxlen: how many deliveries to keep.
        background: deliver from a background thread instead of the caller's.

    Raises:
        ConfigError: ``url`` is one the mock must not call (:func:`check_webhook_url`).
    """

    def __init__(
        self,
        *,
        url: str | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        on_delivery: Callable[[Delivery], None] | None = None,
        maxlen: int = 1000,
        background: bool = False,
    ) -> None:
        self.timeout = timeout
        self.on_delivery = on_delivery
        self.background = background
        self._deliveries: deque[Delivery] = deque(maxlen=maxlen)
        self._queue: deque[_Job] = deque()
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)
        self._worker: threading.Thread | None = None
        self._generation = 0
        self.url: str | None = None
        self.headers: dict[str, str] = {}
        self.configure(url=url, headers=headers)

    def configure(self, *, url: str | None, headers: Mapping[str, str] | None = None) -> None:
        """Point deliveries at ``url`` (None disables them); drop deliveries not yet sent.

        Raises:
            ConfigError: ``url`` is one the mock must not call.
        """
        if url is not None:
            check_webhook_url(url)
        with self._lock:
            self.url = url
            self.headers = dict(headers or {})
            self._forget_queue()

    @property
    def deliveries(self) -> list[Delivery]:
        """Every recorded delivery, oldest first, once pending ones are sent (bounded wait)."""
        self.flush(timeout=self.timeout + 1)
        return self.recorded()

    def recorded(self) -> list[Delivery]:
        """Every delivery recorded so far, oldest first, without waiting."""
        with self._lock:
            return list(self._deliveries)

    def clear(self) -> None:
        """Forget past and pending deliveries (the URL stays configured)."""
        with self._lock:
            self._deliveries.clear()
            self._forget_queue()

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every queued delivery is sent and recorded; False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: self._worker is None, timeout)

    def send(self, event: str, payload: Any) -> Delivery | None:
        """POST ``payload`` as JSON; never raises for a failing receiver.

        Returns:
            The delivery when sent inline; None in the background (or without a URL).
        """
        with self._lock:
            if self.url is None:
                return None
            job = _Job(
                url=self.url,
                headers=self.headers,
                event=event,
                payload=payload,
                timestamp=time.time(),
                generation=self._generation,
            )
            if self.background and len(self._queue) < MAX_PENDING:
                self._queue.append(job)
                if self._worker is None:
                    self._worker = threading.Thread(
                        target=self._drain, name="webhook-sender", daemon=True
                    )
                    self._worker.start()
                return None
        if self.background:
            return self._finish(job, _failed(job, "QueueFull: too many deliveries pending"))
        return self._finish(job, _post(job, timeout=self.timeout))

    def _forget_queue(self) -> None:
        # Called with the lock held: what is queued or in flight is no longer recorded.
        self._queue.clear()
        self._generation += 1

    def _drain(self) -> None:
        while True:
            with self._lock:
                if not self._queue:
                    self._worker = None
                    self._idle.notify_all()
                    return
                job = self._queue.popleft()
            self._finish(job, _post(job, timeout=self.timeout))

    def _finish(self, job: _Job, delivery: Delivery) -> Delivery:
        with self._lock:
            current = job.generation == self._generation
            if current:
                self._deliveries.append(delivery)
        if current and self.on_delivery is not None:
            self.on_delivery(delivery)
        return delivery


def _post(job: _Job, *, timeout: float) -> Delivery:
    """Send one delivery (to an address checked after resolving) and record the outcome."""
    body = json.dumps(job.payload, separators=(",", ":")).encode()
    parts = urlsplit(job.url)
    # The Host is the URL's: the connection goes to the address checked for it.
    extra = {k: v for k, v in job.headers.items() if k.lower() != "host"}
    headers = {"content-type": "application/json", **extra, "host": parts.netloc.rpartition("@")[2]}
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = _checked_address(host, port)
        target = urlunsplit(("", "", parts.path or "/", parts.query, ""))
        connection: http.client.HTTPConnection
        if parts.scheme == "https":
            connection = http.client.HTTPSConnection(host, port, timeout=timeout)
        else:  # connect to the address just checked, not to a second lookup's answer
            connection = http.client.HTTPConnection(address, port, timeout=timeout)
        try:
            connection.request("POST", target, body=body, headers=headers)
            status = connection.getresponse().status
        finally:
            connection.close()
    except (OSError, http.client.HTTPException, ValueError) as error:
        return _failed(job, f"{type(error).__name__}: {error}")
    return _delivery(job, status=status)


def _checked_address(host: str, port: int) -> str:
    """The first address ``host`` resolves to; refuses link-local ones."""
    found = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    addresses = [str(info[4][0]) for info in found]
    if any(_link_local(a) for a in addresses):
        raise ConnectionRefusedError(f"{host} resolves to a link-local address; not sent")
    if any(_is_own(a, port) for a in addresses):
        raise ConnectionRefusedError(f"{host} resolves to the mock itself; not sent")
    return addresses[0]


def _failed(job: _Job, error: str) -> Delivery:
    # An error may quote the URL (http.client does for a space in it): scrub its secrets.
    secrets = url_secrets(job.url) | {v for v in job.headers.values() if len(v) >= 4}
    return _delivery(job, error=scrub_text(error, secrets))


def _delivery(job: _Job, *, status: int | None = None, error: str | None = None) -> Delivery:
    return Delivery(
        url=redacted_url(job.url),
        event=job.event,
        payload=job.payload,
        timestamp=job.timestamp,
        status=status,
        error=error,
        headers={"content-type": "application/json", **redacted_headers(job.headers)},
    )
