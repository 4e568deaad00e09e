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

from mock_server import types as _types
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


class WireMock(_Registry):
    """Stubs, scenarios and the request journal, with WireMock's admin API on top.

    The admin routes (``_admin``) take the registry; this class joins the two so that
    neither module imports the other.
    """

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
