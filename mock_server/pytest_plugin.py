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
``@pytest.mark.mock_server(seed=7, accept_any_key=True)``; ``rate_limit=False`` turns
AI HomeDesign's submission limit off.

Anything that goes wrong inside a server thread (a handler crash, a strict-mode
``ResponseViolation``) fails the test that caused it.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import pytest

from mock_server.clock import Clock
from mock_server.engine import Engine, EngineOptions
from mock_server.server import ApiName, MockServer, bundled_spec, is_bundled_spec
from mock_server.spec import Spec, load_spec
from mock_server.vendors import behaviour_for

if TYPE_CHECKING:
    from mock_server.engine import Behaviour

__all__ = ["MakeMockServer", "MockServerFactory"]

_USED_SERVERS = pytest.StashKey[list[MockServer]]()


class MakeMockServer(Protocol):
    """The ``make_mock_server`` fixture: a started, cached server per configuration."""

    def __call__(
        self,
        spec_path: str | os.PathLike[str],
        /,
        *,
        options: EngineOptions,
        behaviour: Behaviour | None = None,
    ) -> MockServer:
        """Return the running server for this spec, options and behaviour."""
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
        errors.extend(server.handler_errors)
        server.clear_handler_errors()
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
    servers: dict[tuple[Path, EngineOptions, object], MockServer] = {}
    specs: dict[Path, Spec] = {}  # compiled once per file: loading is the slow part

    def make(
        spec_path: str | os.PathLike[str],
        /,
        *,
        options: EngineOptions,
        behaviour: Behaviour | None = None,
    ) -> MockServer:
        path = Path(spec_path).resolve()
        key = (path, options, behaviour)
        if key not in servers:
            if path not in specs:
                specs[path] = load_spec(path, validate=not is_bundled_spec(path))
            engine = Engine(
                specs[path], options=options, behaviour=behaviour, clock=Clock(manual=True)
            )
            servers[key] = MockServer(engine)
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
    marked = _marked_options(request)
    marked.pop("rate_limit", None)  # a behaviour option, read by the vendor fixtures
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


@pytest.fixture(scope="session")
def mock_server_behaviours() -> dict[tuple[ApiName, bool], Behaviour]:
    # One behaviour per (API, rate limit) for the session, so the servers are shared too.
    return {}


def _vendor_mock(
    name: ApiName,
    request: pytest.FixtureRequest,
    factory: MockServerFactory,
    behaviours: dict[tuple[ApiName, bool], Behaviour],
) -> MockServer:
    key = (name, bool(_marked_options(request).get("rate_limit", True)))
    if key not in behaviours:
        behaviours[key] = behaviour_for(name, rate_limit=key[1])
    return factory(bundled_spec(name), behaviour=behaviours[key])


@pytest.fixture
def aihomedesign_mock(
    request: pytest.FixtureRequest,
    mock_server_factory: MockServerFactory,
    mock_server_behaviours: dict[tuple[ApiName, bool], Behaviour],
) -> MockServer:
    """A running, stateful AI HomeDesign mock on a manual clock, reset for this test."""
    return _vendor_mock("aihomedesign", request, mock_server_factory, mock_server_behaviours)


@pytest.fixture
def autoenhance_mock(
    request: pytest.FixtureRequest,
    mock_server_factory: MockServerFactory,
    mock_server_behaviours: dict[tuple[ApiName, bool], Behaviour],
) -> MockServer:
    """A running, stateful Autoenhance mock on a manual clock, reset for this test."""
    return _vendor_mock("autoenhance", request, mock_server_factory, mock_server_behaviours)
