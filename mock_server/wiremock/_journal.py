"""The request journal: a bounded log of served requests in WireMock's shapes."""

from __future__ import annotations

import base64
import json
from collections import deque
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from mock_server.types import RequestData, ResponseData
from mock_server.wiremock._http import cookies_of, display_header, url_of
from mock_server.wiremock._mapping import StubMapping

if TYPE_CHECKING:
    from mock_server.journal import Journal as SiteJournal


@dataclass(frozen=True, kw_only=True)
class ServeEvent:
    """One request the server answered, and how.

    Attributes:
        id: The event's UUID (WireMock's request id).
        request: The request as the edge received it.
        response: The response the edge sent, whoever produced it.
        logged_at: When it was logged, in seconds since the epoch.
        stub: The stub that answered, as it was then; ``None`` when no stub did (the
            vendor behaviour answered), which WireMock calls unmatched.
    """

    id: str
    request: RequestData
    response: ResponseData
    logged_at: float
    stub: StubMapping | None


class Journal:
    """The newest ``size`` serve events. Not thread-safe alone: ``WireMock``'s lock guards it."""

    def __init__(self, *, size: int) -> None:
        self._events: deque[ServeEvent] = deque(maxlen=size)

    def add(self, event: ServeEvent) -> None:
        """Log an event, dropping the oldest one when full."""
        self._events.append(event)

    def events(self) -> list[ServeEvent]:
        """Every logged event, newest first (WireMock's order)."""
        return list(reversed(self._events))

    def get(self, event_id: str) -> ServeEvent | None:
        """The event with that id, if still logged."""
        return next((event for event in self._events if event.id == event_id), None)

    def remove(self, events: list[ServeEvent]) -> None:
        """Forget these events."""
        ids = {event.id for event in events}
        self._events = deque(
            (e for e in self._events if e.id not in ids), maxlen=self._events.maxlen
        )

    def clear(self) -> None:
        """Forget every event."""
        self._events.clear()


class SharedJournal:
    """WireMock's view of the site's journal: the same exchanges, redacted and cut.

    Events are the site journal's served exchanges, newest first; forgetting one removes
    it from the site's journal (both views), and clearing clears it. The site's journal
    redacts an exchange the first time any view reads it, once for both views.
    """

    def __init__(self, journal: SiteJournal) -> None:
        self._journal = journal

    def add(self, event: ServeEvent) -> None:
        """Nothing: the site's journal records every exchange itself."""

    def events(self) -> list[ServeEvent]:
        """Every served exchange still kept, newest first (WireMock's order)."""
        return [
            ServeEvent(
                id=exchange.id,
                request=exchange.request,
                response=exchange.response,
                logged_at=exchange.logged_at,
                stub=exchange.tag if isinstance(exchange.tag, StubMapping) else None,
            )
            for exchange in reversed(self._journal.exchanges())
        ]

    def get(self, event_id: str) -> ServeEvent | None:
        """The event with that id, if still kept."""
        return next((event for event in self.events() if event.id == event_id), None)

    def remove(self, events: list[ServeEvent]) -> None:
        """Forget these events (in both views)."""
        self._journal.forget(event.id for event in events)

    def clear(self) -> None:
        """Forget every exchange (in both views)."""
        self._journal.clear()


def logged_request(event: ServeEvent) -> dict[str, Any]:
    """The event's request in WireMock's ``LoggedRequest`` shape (member order included)."""
    request = event.request
    host, port = _host_and_port(request.headers.get("host", ""))
    url = url_of(request)
    return {
        "url": url,
        "absoluteUrl": f"http://{request.headers.get('host', host)}{url}",
        "method": request.method,
        "headers": {display_header(name): value for name, value in request.headers.items()},
        "cookies": cookies_of(request),
        "browserProxyRequest": False,
        "loggedDate": int(event.logged_at * 1000),
        "bodyAsBase64": base64.b64encode(request.body).decode(),
        "body": request.body.decode("utf-8", errors="replace"),
        "protocol": "HTTP/1.1",
        "scheme": "http",
        "host": host,
        "port": port,
        "loggedDateString": date_string(event.logged_at),
        "queryParams": _params(request.query),
        "formParams": _params(request.form),
    }


def serve_event(event: ServeEvent) -> dict[str, Any]:
    """The event in WireMock's ``ServeEvent`` shape, as ``GET /__admin/requests`` lists it."""
    rendered: dict[str, Any] = {
        "id": event.id,
        "request": logged_request(event),
        "responseDefinition": _response_definition(event),
        "response": _logged_response(event.response),
        "wasMatched": event.stub is not None,
        "timing": {"addedDelay": event.stub.response.delay_ms if event.stub else 0},
    }
    if event.stub is not None:
        rendered["stubMapping"] = event.stub.source
    return rendered


def date_string(seconds: float) -> str:
    """An instant as WireMock writes ``loggedDateString``: ISO 8601 in UTC."""
    instant = datetime.fromtimestamp(seconds, tz=UTC)
    # WireMock drops trailing zeros of the milliseconds: .820 is written .82, .000 not at all.
    millis = f".{instant.microsecond // 1000:03d}".rstrip("0").rstrip(".")
    return instant.strftime("%Y-%m-%dT%H:%M:%S") + millis + "Z"


def _response_definition(event: ServeEvent) -> dict[str, Any]:
    if event.stub is None:
        return {"status": event.response.status, "fromConfiguredStub": False}
    definition: dict[str, Any] = event.stub.source["response"]
    return definition


def _logged_response(response: ResponseData) -> dict[str, Any]:
    headers = dict(response.headers)
    if response.content_type is not None or response.has_json:
        headers.setdefault("Content-Type", response.content_type or "application/json")
    body = json.dumps(response.json).encode() if response.has_json else response.body
    logged: dict[str, Any] = {"status": response.status}
    if headers:
        logged["headers"] = headers
    logged["bodyAsBase64"] = base64.b64encode(body).decode()
    logged["body"] = body.decode("utf-8", errors="replace")
    return logged


def _params(values: Any) -> dict[str, Any]:
    return {name: {"key": name, "values": list(items)} for name, items in values.items()}


def _host_and_port(host_header: str) -> tuple[str, int]:
    name, sep, port = host_header.rpartition(":")
    if sep and port.isdigit():
        return name, int(port)
    return host_header or "localhost", 80
