"""pytest fixtures for the mock servers (registered through the ``pytest11`` entry point).

Fixtures:
    ``aihomedesign_mock`` / ``autoenhance_mock``: a running, vendor-faithful (stateful)
    :class:`MockServer` for the bundled spec on a manual clock; one server per session,
    reset before each test. Move time with ``mock.clock.advance(s)`` / ``complete_all()``.
    ``mock_server_factory``: ``factory(spec_path, **engine_options)`` for any spec file.
    ``mock_server_options``: the session-wide :class:`EngineOptions` (override it in a
    ``conftest.py``); strict by default, so a response that breaks the spec fails the test.
    ``make_mock_server``: the session-scoped factory that owns starting and stopping.

Per-test engine options go through the marker, e.g.
``@pytest.mark.mock_server(seed=7, accept_any_key=True)``; a keyword that is not an
``EngineOptions`` field is a vendor option for the vendor fixtures (``rate_limit=False``
turns AI HomeDesign's submission limit off).

Anything that goes wrong inside a server thread (a handler crash, a strict-mode
``ResponseViolation``) fails the test that caused it.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator, Mapping
from dataclasses import fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pytest

from mock_server.clock import Clock
from mock_server.engine import EngineOptions
from mock_server.server import MockServer
from mock_server.vendors import ApiName, build_engine

if TYPE_CHECKING:
    from mock_server.engine import Behaviour

__all__ = ["MakeMockServer", "MockServerFactory"]

_USED_SERVERS = pytest.StashKey[list[MockServer]]()


class MakeMockServer(Protocol):
    """The ``make_mock_server`` fixture: a started, cached server per configuration."""

    def __call__(
        self,
        spec_path: str | os.PathLike[str] | None = None,
        /,
        *,
        api: ApiName | None = None,
        options: EngineOptions,
        behaviour: Behaviour | None = None,
        vendor_options: Mapping[str, Any] | None = None,
    ) -> MockServer:
        """Return the running server for this spec or API, options and behaviour."""
        ...


class MockServerFactory(Protocol):
    """The ``mock_server_factory`` fixture: a reset server for the current test."""

    def __call__(
        self,
        spec_path: str | os.PathLike[str],
        /,
        *,
        behaviour: Behaviour | None = None,
        **options: Any,  # EngineOptions fields
    ) -> MockServer:
        """Return a running, freshly reset server; ``options`` override EngineOptions."""
        ...


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``mock_server`` marker."""
    config.addinivalue_line(
        "markers",
        "mock_server(**engine_options): EngineOptions overrides for this test's mock servers",
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
def make_mock_server() -> Iterator[MakeMockServer]:
    """Start servers on demand (one per spec/options/behaviour) and stop them at the end.

    Every server runs on a manual clock: time moves only when a test moves it.
    """
    servers: dict[tuple[object, ...], MockServer] = {}

    def make(
        spec_path: str | os.PathLike[str] | None = None,
        /,
        *,
        api: ApiName | None = None,
        options: EngineOptions,
        behaviour: Behaviour | None = None,
        vendor_options: Mapping[str, Any] | None = None,
    ) -> MockServer:
        path = None if spec_path is None else Path(spec_path).resolve()
        vendor = tuple(sorted((vendor_options or {}).items()))
        key = (path, api, options, behaviour, vendor)
        if key not in servers:
            engine = build_engine(
                api,
                spec=path,
                clock=Clock(manual=True),
                options=options,
                behaviour=behaviour,
                vendor_options=dict(vendor),
            )
            servers[key] = MockServer(engine, api=api)
            servers[key].start()
        return servers[key]

    yield make
    for server in servers.values():
        if server.is_running():
            server.stop()


@pytest.fixture
def mock_server_factory(
    request: pytest.FixtureRequest,
    make_mock_server: MakeMockServer,
    mock_server_options: EngineOptions,
) -> Iterator[MockServerFactory]:
    """Return ``factory(spec_path, *, behaviour=None, **engine_options)``.

    Each call gives a running server, reset for this test. Servers are shared across the
    session per (spec, options, behaviour), so pass behaviours created once per session.
    """
    marked, _vendor = _split(_marked_options(request))  # vendor options: vendor fixtures
    used = request.node.stash.setdefault(_USED_SERVERS, [])

    def factory(
        spec_path: str | os.PathLike[str],
        /,
        *,
        behaviour: Behaviour | None = None,
        **options: Any,  # EngineOptions fields
    ) -> MockServer:
        merged = replace(mock_server_options, **{**marked, **options})
        server = make_mock_server(spec_path, options=merged, behaviour=behaviour)
        server.reset()
        used.append(server)
        return server

    yield factory
    # Errors raised by fixture teardowns (after the test body) surface here.
    for server in used:
        server.check()


def _marked_options(request: pytest.FixtureRequest) -> dict[str, Any]:
    marker = request.node.get_closest_marker("mock_server")
    return dict(marker.kwargs) if marker else {}


def _split(marked: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The marker's keywords as (EngineOptions fields, vendor options)."""
    engine_fields = {f.name for f in fields(EngineOptions)}
    engine = {k: v for k, v in marked.items() if k in engine_fields}
    return engine, {k: v for k, v in marked.items() if k not in engine_fields}


def _vendor_mock(
    name: ApiName,
    request: pytest.FixtureRequest,
    make_mock_server: MakeMockServer,
    mock_server_options: EngineOptions,
) -> MockServer:
    marked, vendor_options = _split(_marked_options(request))
    options = replace(mock_server_options, **marked)
    server = make_mock_server(api=name, options=options, vendor_options=vendor_options)
    server.reset()
    request.node.stash.setdefault(_USED_SERVERS, []).append(server)
    request.addfinalizer(server.check)
    return server


@pytest.fixture
def aihomedesign_mock(
    request: pytest.FixtureRequest,
    make_mock_server: MakeMockServer,
    mock_server_options: EngineOptions,
) -> MockServer:
    """A running, stateful AI HomeDesign mock on a manual clock, reset for this test."""
    return _vendor_mock("aihomedesign", request, make_mock_server, mock_server_options)


@pytest.fixture
def autoenhance_mock(
    request: pytest.FixtureRequest,
    make_mock_server: MakeMockServer,
    mock_server_options: EngineOptions,
) -> MockServer:
    """A running, stateful Autoenhance mock on a manual clock, reset for this test."""
    return _vendor_mock("autoenhance", request, make_mock_server, mock_server_options)
