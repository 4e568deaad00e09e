"""What tests use: typed vendor mocks, their scenarios, and the fixtures' server pools.

:class:`AutoenhanceMock` and :class:`AIHomeDesignMock` are what the ``autoenhance_mock``
and ``aihomedesign_mock`` fixtures return (both re-exported by :mod:`mock_server`).
"""

from __future__ import annotations

from mock_server.testing._mocks import AIHomeDesignMock, AutoenhanceMock, vendor_mock
from mock_server.testing._options import engine_option_names, split_options, vendor_option_names
from mock_server.testing._pool import MockServerFactory, MockServerPool
from mock_server.testing._scenarios import (
    AIHomeDesignScenarios,
    AutoenhanceScenarios,
    VendorScenarios,
)

__all__ = [
    "AIHomeDesignMock",
    "AIHomeDesignScenarios",
    "AutoenhanceMock",
    "AutoenhanceScenarios",
    "MockServerFactory",
    "MockServerPool",
    "VendorScenarios",
    "engine_option_names",
    "split_options",
    "vendor_mock",
    "vendor_option_names",
]
