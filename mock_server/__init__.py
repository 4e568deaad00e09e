"""A spec-driven mock server for the AI HomeDesign and Autoenhance.ai v3 APIs.

Example:
    >>> from mock_server import AutoenhanceMock
    >>> with AutoenhanceMock() as mock:
    ...     print(mock.url.startswith("http://127.0.0.1:"), mock.api_key)
    True test-key
"""

from __future__ import annotations

import importlib
import typing

if typing.TYPE_CHECKING:
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

# Where each public name lives: imported on first use (PEP 562), so ``mock-server``
# starts without what only the fixtures and the in-process client need (httpx,
# werkzeug, pytest-httpserver: a fifth of a second).
_HOMES = {
    "AIHomeDesignMock": "mock_server.testing",
    "AIHomeDesignScenarios": "mock_server.testing",
    "AutoenhanceMock": "mock_server.testing",
    "AutoenhanceScenarios": "mock_server.testing",
    "BaseBehaviour": "mock_server.engine",
    "Behaviour": "mock_server.engine",
    "Call": "mock_server.engine",
    "Calls": "mock_server.journal",
    "Check": "mock_server.errors",
    "Clock": "mock_server.clock",
    "ConfigError": "mock_server.errors",
    "ConnectionFault": "mock_server.faults",
    "Delivery": "mock_server.webhooks",
    "Engine": "mock_server.engine",
    "EngineOptions": "mock_server.engine",
    "EngineTransport": "mock_server.server",
    "Fault": "mock_server.faults",
    "Faults": "mock_server.faults",
    "Journal": "mock_server.journal",
    "JournalEntry": "mock_server.journal",
    "JsonValue": "mock_server.journal",
    "MockApp": "mock_server.app",
    "MockServer": "mock_server.server",
    "MockServerError": "mock_server.errors",
    "RequestData": "mock_server.types",
    "RequestError": "mock_server.errors",
    "ResponseData": "mock_server.types",
    "ResponseViolation": "mock_server.errors",
    "Rule": "mock_server.errors",
    "ServerFailure": "mock_server.errors",
    "ServerStateError": "mock_server.errors",
    "SpecError": "mock_server.errors",
    "UploadedFile": "mock_server.types",
    "VendorContext": "mock_server.engine",
    "WebhookSender": "mock_server.webhooks",
    "build_engine": "mock_server.vendors",
    "bundled_spec": "mock_server.vendors",
}


def __getattr__(name: str) -> object:
    """Import a public name from its module on first use."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_HOMES[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
