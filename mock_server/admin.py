"""The admin HTTP surface under ``/__mock/``: journal, reset, clock, webhooks, faults.

It is for tests written in any language; the pytest fixtures reach the same things
through Python. It is slow-path code, so it uses werkzeug's request and response objects.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from werkzeug.wrappers import Request, Response

from mock_server.faults import Fault
from mock_server.media import to_werkzeug_response
from mock_server.types import ResponseData

if TYPE_CHECKING:
    from mock_server.engine import Engine

__all__ = ["ADMIN_KEY_HEADER", "ADMIN_PREFIX", "AdminHandler", "AdminSurface"]

ADMIN_PREFIX = "/__mock/"
ADMIN_KEY_HEADER = "x-mock-admin-key"
AdminHandler = Callable[[Request], Response]
"""An admin endpoint: takes the werkzeug request, returns the response."""


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
        }

    def __call__(self, request: Request) -> Response:
        """Answer one admin request (the key is checked first when one is set)."""
        supplied = request.headers.get(ADMIN_KEY_HEADER, "")
        if self.key is not None and not hmac.compare_digest(supplied.encode(), self.key.encode()):
            return self._error(401, f"Missing or invalid {ADMIN_KEY_HEADER}")
        name = request.path.removeprefix(ADMIN_PREFIX.rstrip("/")).strip("/")
        handler = self.routes.get((request.method, name))
        if handler is not None:
            return handler(request)
        allowed = sorted(m for m, n in self.routes if n == name)
        if allowed:
            return self._error(405, "Method Not Allowed", headers={"allow": ", ".join(allowed)})
        return self._error(404, "Not Found")

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
        body = self.engine.journal.to_json(
            operation_id=args.get("operation_id") or None,
            method=args.get("method") or None,
            path=args.get("path") or None,
        )
        return Response(body, status=200, content_type="application/json")

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
        if operation_id not in self.engine.operation_ids:
            known = ", ".join(self.engine.operation_ids)
            return self._error(400, f"'operation_id' must be one of: {known}")
        try:
            fault = Fault.from_dict(data)
        except ValueError as exc:
            return self._error(400, str(exc))
        self.engine.faults.set(operation_id, fault)
        return _json_response({operation_id: fault.to_dict()}, status=201)

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
        if not isinstance(seconds, int | float) or isinstance(seconds, bool) or seconds < 0:
            return self._error(400, 'Expected {"seconds": <non-negative number>}')
        self.engine.clock.advance(float(seconds))
        return self._clock(request)

    def _complete(self, request: Request) -> Response:
        self.engine.clock.complete_all()
        return self._clock(request)

    def _webhook(self, _request: Request) -> Response:
        sender = self.engine.webhooks
        deliveries = [d.to_dict() for d in sender.deliveries]
        return _json_response({"url": sender.url, "deliveries": deliveries})

    def _set_webhook(self, request: Request) -> Response:
        data = _json_object(request)
        url = None if data is None else data.get("url")
        headers = {} if data is None else data.get("headers", {})
        valid_headers = isinstance(headers, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
        )
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            return self._error(400, 'Expected {"url": "http(s)://...", "headers": {...}}')
        if not valid_headers:
            return self._error(400, "'headers' must map strings to strings")
        self.engine.configure_webhook(url, headers=headers)
        return self._webhook(request)

    def _clear_webhook(self, _request: Request) -> Response:
        self.engine.configure_webhook(None)
        return Response(status=204)


def _json_object(request: Request) -> dict[str, Any] | None:
    """The request body as a JSON object, or None if it is not one."""
    try:
        value = json.loads(request.get_data(cache=True) or b"{}")
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _json_response(value: object, status: int = 200) -> Response:
    return to_werkzeug_response(ResponseData(status=status, json=value, has_json=True))
