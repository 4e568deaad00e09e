"""A spec-driven mock server for the AI HomeDesign v1 and Autoenhance.ai v3 APIs.

Example:
    >>> from mock_server import MockServer, bundled_spec
    >>> with MockServer.from_spec(bundled_spec("autoenhance")) as mock:  # doctest: +SKIP
    ...     print(mock.url, mock.api_key)
"""

from __future__ import annotations

from mock_server.app import MockApp
from mock_server.clock import Clock
from mock_server.engine import Behaviour, Call, Engine, EngineOptions
from mock_server.errors import (
    ConfigError,
    MockServerError,
    RequestError,
    ResponseViolation,
    SpecError,
)
from mock_server.faults import Fault, Faults
from mock_server.journal import Calls, Journal, JournalEntry
from mock_server.server import MockServer, bundled_spec
from mock_server.types import RequestData, ResponseData, UploadedFile
from mock_server.webhooks import Delivery, WebhookSender

__all__ = [
    "Behaviour",
    "Call",
    "Calls",
    "Clock",
    "ConfigError",
    "Delivery",
    "Engine",
    "EngineOptions",
    "Fault",
    "Faults",
    "Journal",
    "JournalEntry",
    "MockApp",
    "MockServer",
    "MockServerError",
    "RequestData",
    "RequestError",
    "ResponseData",
    "ResponseViolation",
    "SpecError",
    "UploadedFile",
    "WebhookSender",
    "bundled_spec",
]
