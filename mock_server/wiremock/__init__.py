"""A WireMock-compatible admin API, stub matcher and request journal (library-neutral).

The edge mounts ``WireMock.admin`` at ``/__admin/``, asks ``WireMock.match`` before its
own behaviour answers a request, and logs every exchange with ``WireMock.record``. See
``docs/WIREMOCK.md``.

Example:
    >>> from mock_server.types import RequestData
    >>> wm = WireMock()
    >>> _ = wm.stub({"request": {"method": "GET", "url": "/hi"},
    ...              "response": {"status": 200, "body": "hello"}})
    >>> wm.match(RequestData(method="GET", path="/hi")).response.status
    200
"""

from __future__ import annotations

import dataclasses as _dataclasses
import json as _json
import typing as _typing

from mock_server import types as _types
from mock_server.media import is_json as _is_json
from mock_server.wiremock._admin import handle as _handle
from mock_server.wiremock._errors import AdminError, InvalidMappingError, WireMockError
from mock_server.wiremock._journal import ServeEvent
from mock_server.wiremock._mapping import DEFAULT_PRIORITY, METADATA_KEY, StubMapping
from mock_server.wiremock._registry import Registry as _Registry
from mock_server.wiremock._request_pattern import RequestPattern
from mock_server.wiremock._response import StubFault, StubMatch
from mock_server.wiremock._scenarios import STARTED

__all__ = [
    "DEFAULT_PRIORITY",
    "METADATA_KEY",
    "STARTED",
    "AdminError",
    "InvalidMappingError",
    "RequestPattern",
    "ServeEvent",
    "StubFault",
    "StubMapping",
    "StubMatch",
    "WireMock",
    "WireMockError",
]


if _typing.TYPE_CHECKING:
    from mock_server.journal import Journal as _SiteJournal

_STUB_HEADER = "Matched-Stub-Id"
# The longest fixedDelayMilliseconds served (the site's bound too); a longer one waits this long.
_MAX_STUB_DELAY_MS = 60_000
# A stub's answer comes from the mock's own origin: a browser must not run it as a page
# of that origin (a script there would pass the admin gate's same-origin checks).
_STUB_SAFETY_HEADERS = {
    "Content-Security-Policy": "sandbox",
    "X-Content-Type-Options": "nosniff",
}


class WireMock(_Registry):
    """Stubs, scenarios and the request journal, with WireMock's admin API on top.

    The admin routes (``_admin``) take the registry; this class joins the two so that
    neither module imports the other. It is also the engine's stub hook
    (:class:`~mock_server.engine.StubHook`): the engine asks :meth:`early` and
    :meth:`answer`, and knows nothing else of WireMock.
    """

    # -- the engine's hook ------------------------------------------------------------

    def early(self, request: _types.RequestData, *, routed: bool) -> _types.ResponseData | None:
        """The answer before validation, or None.

        Any stub may answer a request no operation matches; for a routed one, only a
        stub that opts out of validation.
        """
        if not self.has_stubs:
            return None
        return self._served(self.match(request, only=None if not routed else _skips_validation))

    def answer(self, request: _types.RequestData) -> _types.ResponseData | None:
        """The answer of the stub matching a valid request, or None."""
        if not self.has_stubs:
            return None
        return self._served(self.match(request))

    def tag(self, response: _types.ResponseData) -> object:
        """The stub that answered (for the journal), or None."""
        stub_id = response.headers.get(_STUB_HEADER)
        return None if stub_id is None else self.stub_of(stub_id)

    def bind_journal(self, journal: _SiteJournal) -> None:
        """Keep the request journal in the site's journal (``/__admin/requests`` is a view)."""
        self.share_journal(journal)

    @staticmethod
    def _served(match: StubMatch | None) -> _types.ResponseData | None:
        if match is None:
            return None
        response = _typed(match.response)
        headers = {**response.headers, **_STUB_SAFETY_HEADERS}
        delay = min(max(match.delay_ms, 0), _MAX_STUB_DELAY_MS) / 1000
        return _dataclasses.replace(response, headers=headers, delay_seconds=delay)

    def admin(self, request: _types.RequestData) -> _types.ResponseData:
        """Answer a request under ``/__admin`` (never raises; errors become 4xx answers).

        Args:
            request: Any request whose path starts with ``/__admin``.

        Returns:
            WireMock's answer: JSON data, an empty 404 for unknown paths, or
            ``{"errors": [...]}`` with a 4xx status for malformed input.
        """
        with self._lock:  # one admin call is one atomic change (e.g. remove-by-metadata)
            return _handle(self, request)


def _skips_validation(stub: StubMapping) -> bool:
    return not stub.validate


def _typed(response: _types.ResponseData) -> _types.ResponseData:
    """A stub's answer with its media type known, and JSON decoded, for the self-check.

    A JSON object or array without a ``Content-Type`` (a ``jsonBody`` stub) is sent as
    ``application/json``.
    """
    declared = next((v for k, v in response.headers.items() if k.lower() == "content-type"), None)
    essence = (declared or "").split(";", 1)[0].strip().lower()
    if (declared is None or _is_json(essence)) and response.body[:1] in (b"{", b"["):
        try:
            value = _json.loads(response.body)
        except (ValueError, RecursionError):
            return _dataclasses.replace(response, content_type=declared)
        return _dataclasses.replace(
            response,
            json=value,
            has_json=True,
            body=b"",
            content_type=declared or "application/json",
        )
    return _dataclasses.replace(response, content_type=declared)
