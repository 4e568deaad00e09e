"""pytest fixtures for the mock servers (registered through the ``pytest11`` entry point).

Fixtures:
    ``autoenhance_mock`` / ``aihomedesign_mock``: a running, vendor-faithful (stateful)
    :class:`~mock_server.AutoenhanceMock` / :class:`~mock_server.AIHomeDesignMock` for
    the bundled spec, on a manual clock; one server per session and options, reset before
    each test. Time moves only with ``mock.clock.advance(s)`` / ``complete_all()``, and
    processing takes 0 clock seconds unless a test asks for more (the CLI: 10 s).
    ``mock_server_factory``: ``factory(spec_path, *, api=None, behaviour=None, **options)``
    serves any spec file, or with ``api`` an edited copy of a vendor's spec with that
    vendor's behaviour (as ``mock-server --spec FILE --api NAME``).
    ``mock_server_options``: the session-wide :class:`EngineOptions` (override it in a
    ``conftest.py``); strict by default, so a response that breaks the spec fails the test.
    ``make_mock_server``: the session's :class:`~mock_server.testing.MockServerPool`,
    which owns starting and stopping the shared servers.

Per-test options go through the marker: engine options and vendor options alike, e.g.
``@pytest.mark.mock_server(seed=7, processing_seconds=30, rate_limit=False)``. Each
vendor takes its own options (``processing_seconds``, ``merging_seconds`` for
Autoenhance; ``generation_seconds``, ``rate_limit`` for AI HomeDesign); a keyword no one
takes (a typo) is a ``ConfigError`` listing the valid ones.

Anything that goes wrong inside a server thread (a handler crash, a strict-mode
``ResponseViolation``) fails the test that caused it.
"""

from __future__ import annotations

from collections.abc import Generator, Iterator
from dataclasses import replace
from typing import Any

import pytest

# Eager here, though the serving path loads it lazily (and not at all when the parsed spec
# is cached): a suite that runs pytest in-process (pytester) drops the modules an inner run
# imported first, and PyYAML re-imported beside its already-loaded C extension builds nodes
# its new resolver does not know ("could not determine a constructor for the tag None").
import yaml  # noqa: F401

from mock_server.engine import EngineOptions
from mock_server.server import MockServer
from mock_server.testing import (
    AIHomeDesignMock,
    AutoenhanceMock,
    MockServerFactory,
    MockServerPool,
    split_options,
)
from mock_server.vendors import ApiName

__all__ = ["MakeMockServer", "MockServerFactory"]

MakeMockServer = MockServerPool
"""The type of the ``make_mock_server`` fixture."""

_USED_SERVERS = pytest.StashKey[list[MockServer]]()


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``mock_server`` marker."""
    config.addinivalue_line(
        "markers",
        "mock_server(**options): engine options (EngineOptions fields) and vendor options "
        "(processing_seconds, merging_seconds, generation_seconds, rate_limit...) for this "
        "test's mock servers",
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """After the test body, re-raise the first error its mock servers collected.

    If the test already failed, the server errors are attached to its exception as notes
    (they are often the cause) instead of being raised a second time at teardown.
    """
    try:
        result = yield
    except BaseException as failure:
        for error in _take_errors(item):
            failure.add_note(f"mock server error: {error!r}")
        raise
    errors = _take_errors(item)
    if errors:
        if len(errors) > 1:
            errors[0].add_note(f"({len(errors) - 1} more mock server error(s) followed)")
        raise errors[0]
    return result


def _take_errors(item: pytest.Item) -> list[Exception]:
    errors: list[Exception] = []
    for server in item.stash.get(_USED_SERVERS, []):
        errors.extend(server.engine.take_failures())
    return errors


@pytest.fixture(scope="session")
def mock_server_options() -> EngineOptions:
    """Session-wide engine options for the mock fixtures (strict by default)."""
    return EngineOptions(strict=True)


@pytest.fixture(scope="session")
def make_mock_server() -> Iterator[MockServerPool]:
    """The session's servers, one per configuration (spec content, options, behaviour).

    Every server runs on a manual clock: time moves only when a test moves it.
    """
    pool = MockServerPool()
    yield pool
    pool.close()


@pytest.fixture
def mock_server_factory(
    request: pytest.FixtureRequest,
    make_mock_server: MockServerPool,
    mock_server_options: EngineOptions,
) -> Iterator[MockServerFactory]:
    """Return ``factory(spec_path, *, api=None, behaviour=None, **options)``.

    Each call gives a running server, reset for this test: a session server when one has
    the configuration, otherwise one started for this test and stopped at its teardown.
    Specs count by content, so a copy in ``tmp_path`` is compiled once per session.
    """
    marked = _marked_options(request)
    split_options(marked, api=None, strict=False)  # a typo fails before the test runs
    used = request.node.stash.setdefault(_USED_SERVERS, [])
    factory = MockServerFactory(
        make_mock_server, options=mock_server_options, marked=marked, used=used.append
    )
    try:
        yield factory
        # Errors raised by fixture teardowns (after the test body) surface here.
        for server in used:
            server.check()
    finally:
        factory.close()


def _marked_options(request: pytest.FixtureRequest) -> dict[str, Any]:
    marker = request.node.get_closest_marker("mock_server")
    return dict(marker.kwargs) if marker else {}


def _vendor_mock(
    name: ApiName,
    request: pytest.FixtureRequest,
    make_mock_server: MockServerPool,
    mock_server_options: EngineOptions,
) -> MockServer:
    marked, vendor_options = split_options(_marked_options(request), api=name, strict=False)
    options = replace(mock_server_options, **marked)
    server = make_mock_server(api=name, options=options, vendor_options=vendor_options)
    server.reset()
    request.node.stash.setdefault(_USED_SERVERS, []).append(server)
    request.addfinalizer(server.check)
    return server


@pytest.fixture
def aihomedesign_mock(
    request: pytest.FixtureRequest,
    make_mock_server: MockServerPool,
    mock_server_options: EngineOptions,
) -> AIHomeDesignMock:
    """A running, stateful AI HomeDesign mock on a manual clock, reset for this test."""
    server = _vendor_mock("aihomedesign", request, make_mock_server, mock_server_options)
    assert isinstance(server, AIHomeDesignMock)  # the pool builds the vendor's class
    return server


@pytest.fixture
def autoenhance_mock(
    request: pytest.FixtureRequest,
    make_mock_server: MockServerPool,
    mock_server_options: EngineOptions,
) -> AutoenhanceMock:
    """A running, stateful Autoenhance mock on a manual clock, reset for this test."""
    server = _vendor_mock("autoenhance", request, make_mock_server, mock_server_options)
    assert isinstance(server, AutoenhanceMock)  # the pool builds the vendor's class
    return server
