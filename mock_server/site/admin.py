"""The mock's own admin surface under ``/__mock/``: journal, reset, clock, webhooks, faults.

It is for tests written in any language; the pytest fixtures reach the same things
through Python. It is one extension of the site's admin route table
(:meth:`AdminSurface.extension`): the gate in ``_gate`` refuses what a web page could
send (wrong key, cross-site, a foreign Host, a body that is not JSON or too large)
before any handler here runs, exactly as it does for WireMock's ``/__admin/``.

Bodies are JSON objects without ``NaN``/``Infinity``, nested at most ``MAX_JSON_DEPTH``
levels; numbers are finite and bounded (latency, clock steps). :func:`check_bind` decides
whether an address may serve the surface without a key.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from mock_server.errors import ConfigError
from mock_server.faults import Fault
from mock_server.journal import EXPORT_BODY_BYTES, MAX_EXPORT_BODY_BYTES
from mock_server.site._gate import ADMIN_KEY_HEADER, AdminExtension, is_loopback
from mock_server.types import RequestData, ResponseData
from mock_server.validation._json import json_problem
from mock_server.webhooks import redacted_url

if TYPE_CHECKING:
    from mock_server.engine import Engine
    from mock_server.site._mounts import Mounts

__all__ = [
    "ADMIN_KEY_HEADER",
    "ADMIN_PREFIX",
    "ENGINE_ROUTES",
    "MAX_ADMIN_BODY_BYTES",
    "MAX_CLOCK_STEP_SECONDS",
    "AdminHandler",
    "AdminSurface",
    "check_bind",
    "is_loopback",
]

ADMIN_PREFIX = "/__mock/"
AdminHandler = Callable[[RequestData], ResponseData]
"""An admin endpoint: takes the request record, returns the answer."""

ENGINE_ROUTES = frozenset({"health", "faults", "webhook", "scenarios"})
"""The endpoints a mounted engine has of its own (``/__mock/v3/faults``); the rest are
the port's."""

MAX_ADMIN_BODY_BYTES = 64 * 1024
MAX_CLOCK_STEP_SECONDS = 366 * 24 * 3600
"""The largest single ``clock/advance`` step: a year (and a day)."""
_MAX_WEBHOOK_HEADERS = 32
_MAX_URL_LENGTH = 2048
_TOKEN = re.compile(r"[!#$%&'*+.^_`|~0-9A-Za-z-]+")
_HEADER_VALUE = re.compile(r"[\t\x20-\x7e\x80-\xff]*")


class _BadInput(Exception):
    """An admin request the surface refuses; carries the status and the sentence."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


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
    """The ``/__mock/`` endpoints of a site's engines.

    The journal, the clock and reset are the port's (its engines share one journal and
    one clock; reset resets them all). Faults, webhooks, scenarios and health are an
    engine's: ``/__mock/faults`` addresses the primary engine (v1 of AI HomeDesign),
    ``/__mock/v3/faults`` the engine mounted at ``/v3``, since two versions can name
    operations alike (``create_order``).

    Args:
        engine: The primary engine: its journal, clock, faults, webhooks and state.
        mounts: The site's engines, when it has more than the primary.
    """

    def __init__(self, engine: Engine, *, mounts: Mounts | None = None) -> None:
        self.engine = engine
        self._mounts = mounts
        self._beside: dict[str, AdminSurface] = {}
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

    def extension(self) -> AdminExtension:
        """This surface as an extension of the site's admin route table."""
        return AdminExtension(
            prefix=ADMIN_PREFIX.rstrip("/"),
            handle=self,
            refuse=self._error,
            max_body_bytes=MAX_ADMIN_BODY_BYTES,
        )

    def __call__(self, request: RequestData) -> ResponseData:
        """Answer one admin request the gate let through."""
        name = request.path.removeprefix(ADMIN_PREFIX.rstrip("/")).strip("/")
        beside = self._surface_beside(name)
        if beside is not None:
            surface, rest = beside
            return surface._answer(request, rest, engine_only=True)
        return self._answer(request, name, engine_only=False)

    def _surface_beside(self, name: str) -> tuple[AdminSurface, str] | None:
        """The surface of the mounted engine ``name`` addresses, and the name under it."""
        if self._mounts is None:
            return None
        for mount in self._mounts.mounted:
            segment = mount.base.lstrip("/")
            if name == segment or name.startswith(segment + "/"):
                if segment not in self._beside:
                    self._beside[segment] = AdminSurface(mount.engine)
                return self._beside[segment], name.removeprefix(segment).strip("/")
        return None

    def _answer(self, request: RequestData, name: str, *, engine_only: bool) -> ResponseData:
        method = request.method.upper()
        routes = self.routes
        if engine_only:
            routes = {key: h for key, h in routes.items() if key[1] in ENGINE_ROUTES}
        if name.startswith("scenarios/") and method == "POST":
            return self._run_scenario(request, name.removeprefix("scenarios/"))
        handler = routes.get((method, name))
        if handler is not None:
            try:
                return handler(request)
            except _BadInput as bad:
                return self._error(bad.status, bad.message)
        allowed = sorted(m for m, n in routes if n == name)
        if allowed:
            return self._error(405, "Method Not Allowed", headers={"allow": ", ".join(allowed)})
        if engine_only and any(n == name for _, n in self.routes):
            return self._error(404, f"'{name}' is the port's: {ADMIN_PREFIX}{name}")
        return self._error(404, "Not Found")

    def _error(
        self, status: int, message: str, headers: Mapping[str, str] | None = None
    ) -> ResponseData:
        return self.engine.error_response(status=status, message=message, headers=headers)

    def _health(self, _request: RequestData) -> ResponseData:
        return _json_response({"status": "ok", "title": self.engine.title})

    def _journal(self, request: RequestData) -> ResponseData:
        total = len(self.engine.journal)
        offset = _count(_arg(request, "offset"), "offset", most=total)
        raw_bytes = _arg(request, "body_bytes")
        body_bytes = _count(raw_bytes, "body_bytes", most=MAX_EXPORT_BODY_BYTES)
        chunks = self.engine.journal.export(
            operation_id=_arg(request, "operation_id") or None,
            method=_arg(request, "method") or None,
            path=_arg(request, "path") or None,
            offset=offset or 0,
            limit=_count(_arg(request, "limit"), "limit", most=total),
            body_bytes=EXPORT_BODY_BYTES if body_bytes is None else body_bytes,
        )
        # Bounded: at most the journal's entries, each with bodies cut to body_bytes.
        return ResponseData(status=200, body=b"".join(chunks), content_type="application/json")

    def _clear_journal(self, _request: RequestData) -> ResponseData:
        self.engine.journal.clear()
        return ResponseData(status=204)

    def _reset(self, _request: RequestData) -> ResponseData:
        if self._mounts is not None:
            self._mounts.reset()
        else:
            self.engine.reset()
        return ResponseData(status=204)

    def _faults(self, _request: RequestData) -> ResponseData:
        return _json_response(self.engine.faults.to_dict())

    def _add_fault(self, request: RequestData) -> ResponseData:
        data = _json_object(request)
        if data is None:
            return self._error(400, "Expected a JSON object")
        operation_id = data.pop("operation_id", None)
        if not isinstance(operation_id, str):
            operation_id = None
        # Operation ids, the behaviour's URL targets ("upload"...) and "unrouted".
        targets = self.engine.fault_targets()
        if operation_id not in targets:
            known = ", ".join(targets)
            return self._error(400, f"'operation_id' must be one of: {known}")
        try:
            fault = Fault.from_dict(data)
        except ValueError as exc:
            return self._error(400, str(exc))
        self.engine.faults.set(operation_id, fault)
        return _json_response({operation_id: fault.to_dict()}, status=201)

    def _scenarios(self, _request: RequestData) -> ResponseData:
        return _json_response(dict(self.engine.behaviour.scenario_names()))

    def _run_scenario(self, request: RequestData, name: str) -> ResponseData:
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
        return ResponseData(status=204)

    def _clear_faults(self, request: RequestData) -> ResponseData:
        self.engine.faults.clear(_arg(request, "operation_id") or None)
        return ResponseData(status=204)

    def _clock(self, _request: RequestData) -> ResponseData:
        clock = self.engine.clock
        return _json_response(
            {"now": clock.now(), "manual": clock.manual, "pending": clock.pending}
        )

    def _advance(self, request: RequestData) -> ResponseData:
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

    def _complete(self, request: RequestData) -> ResponseData:
        self.engine.clock.complete_all()
        return self._clock(request)

    def _webhook(self, _request: RequestData) -> ResponseData:
        # A delivery in flight gets a moment to land, so a client that has just seen the
        # receiver answer also sees it here; a dead receiver delays this answer 1 s at most.
        self.engine.webhooks.flush(timeout=1.0)
        return self._webhook_view()

    def _webhook_view(self) -> ResponseData:
        sender = self.engine.webhooks
        deliveries = [d.to_dict() for d in sender.recorded()]
        url = None if sender.url is None else redacted_url(sender.url)
        return _json_response({"url": url, "deliveries": deliveries})

    def _set_webhook(self, request: RequestData) -> ResponseData:
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

    def _clear_webhook(self, _request: RequestData) -> ResponseData:
        self.engine.configure_webhook(None)
        return ResponseData(status=204)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


def _arg(request: RequestData, name: str) -> str | None:
    values = request.query.get(name)
    return values[0] if values else None


def _json_object(request: RequestData) -> dict[str, Any] | None:
    """The request body as a JSON object, or None if it is not one (or not a sane one)."""
    try:
        text = request.body.decode("utf-8") or "{}"
        value = _DECODER.decode(text)
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None
    if not isinstance(value, dict) or json_problem(text, value) is not None:
        return None
    return value


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


def _json_response(value: object, status: int = 200) -> ResponseData:
    return ResponseData(status=status, json=value, has_json=True)
