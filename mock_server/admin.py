"""The admin HTTP surface under ``/__mock/``: journal, reset, clock, webhooks, faults.

It is for tests written in any language; the pytest fixtures reach the same things
through Python. It is slow-path code, so it uses werkzeug's request and response objects.

A web page must not be able to drive it (see ``docs/SECURITY.md``). Before any handler
runs, :meth:`AdminSurface.refusal` answers:

- 401 without the admin key, when one is set;
- 403 for a request a browser sent on behalf of another site: an ``Origin`` that is not
  the request's own host, or ``Sec-Fetch-Site`` other than ``same-origin``/``none``;
- 403, without an admin key, for a ``Host`` that is not a loopback name (a DNS-rebinding
  page reaches a loopback server under its own host name);
- 415 for a body that is not JSON (a browser's "simple" cross-site request can only send
  ``text/plain`` or a form); 413 for a body over :data:`MAX_ADMIN_BODY_BYTES`.

Bodies are JSON objects without ``NaN``/``Infinity``, nested at most ``MAX_JSON_DEPTH``
levels; numbers are finite and bounded (latency, clock steps). :func:`check_bind` decides
whether an address may serve the surface without a key.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from werkzeug.wrappers import Request, Response

from mock_server.errors import ConfigError
from mock_server.faults import Fault
from mock_server.journal import EXPORT_BODY_BYTES, MAX_EXPORT_BODY_BYTES
from mock_server.media import to_werkzeug_response
from mock_server.types import ResponseData
from mock_server.validation._json import json_problem
from mock_server.webhooks import redacted_url

if TYPE_CHECKING:
    from mock_server.engine import Engine

__all__ = [
    "ADMIN_KEY_HEADER",
    "ADMIN_PREFIX",
    "MAX_ADMIN_BODY_BYTES",
    "MAX_CLOCK_STEP_SECONDS",
    "AdminHandler",
    "AdminSurface",
    "check_bind",
    "is_loopback",
]

ADMIN_PREFIX = "/__mock/"
ADMIN_KEY_HEADER = "x-mock-admin-key"
AdminHandler = Callable[[Request], Response]
"""An admin endpoint: takes the werkzeug request, returns the response."""

MAX_ADMIN_BODY_BYTES = 64 * 1024
MAX_CLOCK_STEP_SECONDS = 366 * 24 * 3600
"""The largest single ``clock/advance`` step: a year (and a day)."""
_MAX_WEBHOOK_HEADERS = 32
_MAX_URL_LENGTH = 2048
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_HEADER_VALUE = re.compile(r"[\t\x20-\x7e\x80-\xff]*")
_SAFE_FETCH_SITES = frozenset({"same-origin", "none"})


class _BadInput(Exception):
    """An admin request the surface refuses; carries the status and the sentence."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address, IPv6 with or without brackets) is loopback.

    >>> is_loopback("127.0.0.1"), is_loopback("[::1]"), is_loopback("localhost")
    (True, True, True)
    >>> is_loopback("0.0.0.0"), is_loopback("example.test"), is_loopback("")
    (False, False, False)
    """
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_bind(host: str, *, admin: bool, admin_key: str | None) -> None:
    """Refuse to serve the admin surface without a key on a non-loopback address.

    The admin surface resets state, injects faults and reads the journal; on an address
    other hosts reach, anyone on the network could do that. The CLI calls this before
    binding and exits with the message: pass ``--admin-key`` (or ``--no-admin``), or
    bind loopback. It refuses rather than warns because a warning scrolls by in CI logs
    while the surface stays open.

    Raises:
        ConfigError: ``host`` is not loopback, the surface is on and has no key.
    """
    if admin and admin_key is None and not is_loopback(host):
        raise ConfigError(
            f"refusing to serve the /__mock/ admin surface on {host!r} without a key: "
            "pass --admin-key KEY (or --no-admin), or bind 127.0.0.1"
        )


class AdminSurface:
    """The admin endpoints of one engine.

    Args:
        engine: The engine whose journal, clock, faults, webhooks and state they act on.
        key: If set, every admin request must send it in ``x-mock-admin-key`` (else 401).
    """

    def __init__(self, engine: Engine, *, key: str | None = None) -> None:
        self.engine = engine
        self.key = key
        self.routes: dict[tuple[str, str], AdminHandler] = {
            ("GET", "health"): self._health,
            ("GET", "journal"): self._journal,
            ("DELETE", "journal"): self._clear_journal,
            ("POST", "reset"): self._reset,
            ("GET", "faults"): self._faults,
            ("POST", "faults"): self._add_fault,
            ("DELETE", "faults"): self._clear_faults,
            ("GET", "clock"): self._clock,
            ("POST", "clock/advance"): self._advance,
            ("POST", "clock/complete"): self._complete,
            ("GET", "webhook"): self._webhook,
            ("PUT", "webhook"): self._set_webhook,
            ("DELETE", "webhook"): self._clear_webhook,
            ("GET", "scenarios"): self._scenarios,
        }

    def __call__(self, request: Request) -> Response:
        """Answer one admin request (see :meth:`refusal` for what is refused first)."""
        refused = self.refusal(request)
        if refused is not None:
            return refused
        name = request.path.removeprefix(ADMIN_PREFIX.rstrip("/")).strip("/")
        if name.startswith("scenarios/") and request.method == "POST":
            return self._run_scenario(request, name.removeprefix("scenarios/"))
        handler = self.routes.get((request.method, name))
        if handler is not None:
            try:
                return handler(request)
            except _BadInput as bad:
                return self._error(bad.status, bad.message)
        allowed = sorted(m for m, n in self.routes if n == name)
        if allowed:
            return self._error(405, "Method Not Allowed", headers={"allow": ", ".join(allowed)})
        return self._error(404, "Not Found")

    def refusal(self, request: Request) -> Response | None:
        """The answer to a request refused before routing (module docstring), or None."""
        supplied = request.headers.get(ADMIN_KEY_HEADER, "")
        if self.key is not None and not hmac.compare_digest(supplied.encode(), self.key.encode()):
            return self._error(401, f"Missing or invalid {ADMIN_KEY_HEADER}")
        problem = _cross_site(request, keyed=self.key is not None)
        if problem is not None:
            return self._error(403, problem)
        if request.content_length and request.content_length > MAX_ADMIN_BODY_BYTES:
            return self._error(413, f"Admin bodies are limited to {MAX_ADMIN_BODY_BYTES} bytes")
        mimetype = request.mimetype
        has_body = bool(request.content_length) or bool(mimetype)
        if has_body and not (mimetype == "application/json" or mimetype.endswith("+json")):
            return self._error(415, "Admin requests with a body must send application/json")
        return None

    def _error(
        self, status: int, message: str, headers: Mapping[str, str] | None = None
    ) -> Response:
        return to_werkzeug_response(
            self.engine.error_response(status=status, message=message, headers=headers)
        )

    def _health(self, _request: Request) -> Response:
        return _json_response({"status": "ok", "title": self.engine.title})

    def _journal(self, request: Request) -> Response:
        args = request.args
        total = len(self.engine.journal)
        offset = _count(args.get("offset"), "offset", most=total)
        body_bytes = _count(args.get("body_bytes"), "body_bytes", most=MAX_EXPORT_BODY_BYTES)
        chunks = self.engine.journal.export(
            operation_id=args.get("operation_id") or None,
            method=args.get("method") or None,
            path=args.get("path") or None,
            offset=offset or 0,
            limit=_count(args.get("limit"), "limit", most=total),
            body_bytes=EXPORT_BODY_BYTES if body_bytes is None else body_bytes,
        )
        return Response(chunks, status=200, content_type="application/json")

    def _clear_journal(self, _request: Request) -> Response:
        self.engine.journal.clear()
        return Response(status=204)

    def _reset(self, _request: Request) -> Response:
        self.engine.reset()
        return Response(status=204)

    def _faults(self, _request: Request) -> Response:
        return _json_response(self.engine.faults.to_dict())

    def _add_fault(self, request: Request) -> Response:
        data = _json_object(request)
        if data is None:
            return self._error(400, "Expected a JSON object")
        operation_id = data.pop("operation_id", None)
        if not isinstance(operation_id, str):
            operation_id = None
        if operation_id not in self.engine.operation_ids:
            known = ", ".join(self.engine.operation_ids)
            return self._error(400, f"'operation_id' must be one of: {known}")
        try:
            fault = Fault.from_dict(data)
        except ValueError as exc:
            return self._error(400, str(exc))
        self.engine.faults.set(operation_id, fault)
        return _json_response({operation_id: fault.to_dict()}, status=201)

    def _scenarios(self, _request: Request) -> Response:
        return _json_response(dict(self.engine.behaviour.scenario_names()))

    def _run_scenario(self, request: Request, name: str) -> Response:
        """Arm a vendor scenario: ``POST /__mock/scenarios/{name}`` with its arguments."""
        arguments = _json_object(request)
        if arguments is None:
            return self._error(400, "Expected a JSON object of the scenario's arguments")
        if name not in self.engine.behaviour.scenario_names():
            known = ", ".join(self.engine.behaviour.scenario_names()) or "none"
            return self._error(404, f"Unknown scenario {name!r}; known: {known}")
        try:
            self.engine.behaviour.run_scenario(name, arguments)
        except ConfigError as exc:
            return self._error(400, str(exc))
        except LookupError as exc:
            return self._error(404, f"Not found: {exc}")
        return Response(status=204)

    def _clear_faults(self, request: Request) -> Response:
        self.engine.faults.clear(request.args.get("operation_id") or None)
        return Response(status=204)

    def _clock(self, _request: Request) -> Response:
        clock = self.engine.clock
        return _json_response(
            {"now": clock.now(), "manual": clock.manual, "pending": clock.pending}
        )

    def _advance(self, request: Request) -> Response:
        data = _json_object(request)
        seconds = None if data is None else data.get("seconds")
        if (
            not isinstance(seconds, int | float)
            or isinstance(seconds, bool)
            or not 0 <= seconds <= MAX_CLOCK_STEP_SECONDS  # False for NaN and infinity
        ):
            most = MAX_CLOCK_STEP_SECONDS
            return self._error(400, f'Expected {{"seconds": <a number from 0 to {most}>}}')
        self.engine.clock.advance(float(seconds))
        return self._clock(request)

    def _complete(self, request: Request) -> Response:
        self.engine.clock.complete_all()
        return self._clock(request)

    def _webhook(self, _request: Request) -> Response:
        # A delivery in flight gets a moment to land, so a client that has just seen the
        # receiver answer also sees it here; a dead receiver delays this answer 1 s at most.
        self.engine.webhooks.flush(timeout=1.0)
        return self._webhook_view()

    def _webhook_view(self) -> Response:
        sender = self.engine.webhooks
        deliveries = [d.to_dict() for d in sender.recorded()]
        url = None if sender.url is None else redacted_url(sender.url)
        return _json_response({"url": url, "deliveries": deliveries})

    def _set_webhook(self, request: Request) -> Response:
        data = _json_object(request)
        url = None if data is None else data.get("url")
        headers = {} if data is None else data.get("headers", {})
        if (
            not isinstance(url, str)
            or not url.startswith(("http://", "https://"))
            or len(url) > _MAX_URL_LENGTH
        ):
            return self._error(400, 'Expected {"url": "http(s)://...", "headers": {...}}')
        if not _valid_headers(headers):
            return self._error(400, "'headers' must map header names to header values")
        try:
            self.engine.configure_webhook(url, headers=headers)
        except ConfigError as exc:
            return self._error(400, str(exc))
        return self._webhook_view()

    def _clear_webhook(self, _request: Request) -> Response:
        self.engine.configure_webhook(None)
        return Response(status=204)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


def _json_object(request: Request) -> dict[str, Any] | None:
    """The request body as a JSON object, or None if it is not one (or not a sane one)."""
    try:
        text = request.get_data(cache=True).decode("utf-8") or "{}"
        value = _DECODER.decode(text)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    if not isinstance(value, dict) or json_problem(text, value) is not None:
        return None
    return value


def _cross_site(request: Request, *, keyed: bool) -> str | None:
    """Why a request looks sent by a browser for another site, or None."""
    origin = request.headers.get("origin")
    host = request.host.lower()
    if origin is not None and urlsplit(origin.lower()).netloc != host:
        return "Cross-origin admin requests are refused"
    if request.headers.get("sec-fetch-site", "none").lower() not in _SAFE_FETCH_SITES:
        return "Cross-site admin requests are refused"
    hostname = urlsplit(f"//{host}").hostname or ""
    if not keyed and not is_loopback(hostname):
        return "Without an admin key the admin surface answers loopback host names only"
    return None


def _count(raw: str | None, name: str, *, most: int) -> int | None:
    """A non-negative integer query parameter capped at ``most``, or None if absent."""
    if raw is None or raw == "":
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 9):
        raise _BadInput(400, f"'{name}' must be a non-negative integer")
    return min(int(raw), most)


def _valid_headers(headers: object) -> bool:
    return (
        isinstance(headers, dict)
        and len(headers) <= _MAX_WEBHOOK_HEADERS
        and all(
            isinstance(k, str)
            and isinstance(v, str)
            and _TOKEN.fullmatch(k) is not None
            and _HEADER_VALUE.fullmatch(v) is not None
            for k, v in headers.items()
        )
    )


def _json_response(value: object, status: int = 200) -> Response:
    return to_werkzeug_response(ResponseData(status=status, json=value, has_json=True))
