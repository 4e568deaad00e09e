"""Near misses: the stubs closest to a request, or the requests closest to a pattern.

Distance is WireMock's idea, simplified: each criterion of a request pattern scores 0
(holds) to 1 (fails) and the scores are averaged with weights (URL 10, method 3, every
header, parameter, cookie and body pattern 1). ``equalTo``-style criteria, including
``url`` and ``urlPath``, score a normalised Levenshtein distance, so ``/users`` is nearer
to ``/user`` than to ``/orders``; every other criterion scores 0 or 1. The exact figures
differ from WireMock's, the ranking mostly agrees.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from mock_server.types import RequestData
from mock_server.wiremock._errors import InvalidMappingError
from mock_server.wiremock._journal import ServeEvent, logged_request
from mock_server.wiremock._limits import checked_json
from mock_server.wiremock._mapping import StubMapping
from mock_server.wiremock._request_pattern import RequestPattern

NEAR_MISS_COUNT = 3
"""How many near misses WireMock reports for one request or pattern."""


def nearest_stubs(event: ServeEvent, stubs: Iterable[StubMapping]) -> list[dict[str, Any]]:
    """The stubs nearest to a logged request, nearest first, in WireMock's shape."""
    ranked = sorted(((stub.request.distance(event.request), stub) for stub in stubs), key=_first)
    return [
        {
            "request": logged_request(event),
            "stubMapping": stub.source,
            "matchResult": {"distance": d},
        }
        for d, stub in ranked[:NEAR_MISS_COUNT]
    ]


def nearest_requests(pattern: RequestPattern, events: Iterable[ServeEvent]) -> list[dict[str, Any]]:
    """The logged requests nearest to a pattern, nearest first, in WireMock's shape."""
    ranked = sorted(((pattern.distance(event.request), event) for event in events), key=_first)
    return [
        {
            "request": logged_request(event),
            "requestPattern": pattern.source,
            "matchResult": {"distance": d},
        }
        for d, event in ranked[:NEAR_MISS_COUNT]
    ]


def _first(pair: tuple[float, object]) -> float:
    return pair[0]


def request_from_logged(data: Any) -> RequestData:
    """A ``LoggedRequest`` JSON object (``POST /__admin/near-misses/request``) as a request.

    Raises:
        InvalidMappingError: It is not an object with a ``url``.
    """
    if not isinstance(data, dict) or not isinstance(data.get("url"), str):
        raise InvalidMappingError(pointer="/url", detail="a logged request needs a url")
    data = checked_json(data)
    parts = urlsplit(data["url"])
    headers = data.get("headers") or {}
    if not isinstance(headers, Mapping):
        raise InvalidMappingError(pointer="/headers", detail="headers must be an object")
    return RequestData(
        method=str(data.get("method", "GET")).upper(),
        path=parts.path or "/",
        query={k: tuple(v) for k, v in parse_qs(parts.query, keep_blank_values=True).items()},
        headers={str(k).lower(): str(v) for k, v in headers.items()},
        body=_body(data),
    )


def _body(data: dict[str, Any]) -> bytes:
    if data.get("bodyAsBase64"):
        try:
            return base64.b64decode(str(data["bodyAsBase64"]), validate=True)
        except binascii.Error as exc:
            raise InvalidMappingError(pointer="/bodyAsBase64", detail=str(exc)) from exc
    return str(data.get("body") or "").encode()
