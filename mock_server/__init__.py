"""A spec-driven mock server for the AI HomeDesign and Autoenhance.ai v3 APIs.

Example:
    >>> from mock_server import AutoenhanceMock
    >>> with AutoenhanceMock() as mock:
    ...     print(mock.url.startswith("http://127.0.0.1:"), mock.api_key)
    True test-key
"""

from __future__ import annotations

from mock_server.app import MockApp
from mock_server.clock import Clock
from mock_server.engine import (
    BaseBehaviour,
    Behaviour,
    Call,
    Engine,
    EngineOptions,
    VendorContext,
)
from mock_server.errors import (
    Check,
    ConfigError,
    MockServerError,
    RequestError,
    ResponseViolation,
    Rule,
    ServerFailure,
    ServerStateError,
    SpecError,
)
from mock_server.faults import ConnectionFault, Fault, Faults
from mock_server.journal import Calls, Journal, JournalEntry, JsonValue
from mock_server.server import EngineTransport, MockServer
from mock_server.testing import (
    AIHomeDesignMock,
    AIHomeDesignScenarios,
    AutoenhanceMock,
    AutoenhanceScenarios,
)
from mock_server.types import RequestData, ResponseData, UploadedFile
from mock_server.vendors import build_engine, bundled_spec
from mock_server.webhooks import Delivery, WebhookSender

__all__ = [
    "AIHomeDesignMock",
    "AIHomeDesignScenarios",
    "AutoenhanceMock",
    "AutoenhanceScenarios",
    "BaseBehaviour",
    "Behaviour",
    "Call",
    "Calls",
    "Check",
    "Clock",
    "ConfigError",
    "ConnectionFault",
    "Delivery",
    "Engine",
    "EngineOptions",
    "EngineTransport",
    "Fault",
    "Faults",
    "Journal",
    "JournalEntry",
    "JsonValue",
    "MockApp",
    "MockServer",
    "MockServerError",
    "RequestData",
    "RequestError",
    "ResponseData",
    "ResponseViolation",
    "Rule",
    "ServerFailure",
    "ServerStateError",
    "SpecError",
    "UploadedFile",
    "VendorContext",
    "WebhookSender",
    "build_engine",
    "bundled_spec",
]
