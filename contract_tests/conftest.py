"""Options, the one mock factory, and the fixtures of the contract suite.

Every engine in this suite comes from :func:`build_engine`, so the suite checks the mock
exactly as it is assembled for users: the compiled spec, strict mode (a response that
breaks the spec raises instead of being served), a fixed seed, the vendor behaviour from
:func:`mock_server.vendors.behaviour_for` (stateful when one exists), and a manual clock,
as the pytest fixtures use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from contract_tests import _settings
from contract_tests._settings import ApiName, ContractSettings
from contract_tests._witness import ValidationWitness
from mock_server import Engine, EngineOptions, MockServer, vendors
from mock_server.clock import Clock

if TYPE_CHECKING:
    from _pytest.config.argparsing import Parser
    from _pytest.terminal import TerminalReporter

EngineFactory = Callable[..., Engine]
ServerFactory = Callable[[Engine], MockServer]


def pytest_addoption(parser: Parser) -> None:
    group = parser.getgroup("contract", "contract tests (contract_tests/)")
    group.addoption(
        "--contract-deep",
        action="store_true",
        default=False,
        help="Deeper randomized pass: many more examples, a fresh seed (printed) per run.",
    )
    group.addoption(
        "--contract-seed",
        type=int,
        default=None,
        metavar="N",
        help="Seed every generator with N (reproduces a run; default 0, or random with deep).",
    )
    group.addoption(
        "--contract-spec",
        action="append",
        default=[],
        metavar="API=PATH",
        help="Check API against the spec at PATH (also CONTRACT_SPEC_<API>); repeatable.",
    )
    group.addoption(
        "--contract-mock-spec",
        action="append",
        default=[],
        metavar="API=PATH",
        help="Have the mock of API serve PATH (also CONTRACT_MOCK_SPEC_<API>; default: the "
        "contract spec).",
    )


def pytest_configure(config: pytest.Config) -> None:
    try:
        settings = _settings.from_options(
            deep=config.getoption("--contract-deep"),
            seed=config.getoption("--contract-seed"),
            spec_options=config.getoption("--contract-spec"),
            mock_spec_options=config.getoption("--contract-mock-spec"),
        )
    except _settings.ContractSettingsError as exc:
        raise pytest.UsageError(str(exc)) from None
    _settings.install(settings)
    config.addinivalue_line("markers", "contract_api(name): the vendor API a contract test checks")


def pytest_report_header(config: pytest.Config) -> str:
    del config
    return _settings.current().describe()


def pytest_terminal_summary(terminalreporter: TerminalReporter) -> None:
    # Repeated at the end, next to the failures, so the seed survives a long log.
    terminalreporter.write_line(_settings.current().describe())


def build_engine(api: ApiName, *, spec: Path | None = None) -> Engine:
    """The mock engine for ``api``, as the suite checks it.

    Args:
        api: Which vendor API.
        spec: Serve this spec instead of the run's mock spec for ``api`` (drift tests).

    The vendor behaviour is wrapped in a :class:`ValidationWitness`, which changes no
    answer but records which requests passed validation (``engine.behaviour``).
    """
    settings = _settings.current()
    return vendors.build_engine(
        api,
        spec=spec or settings.mock_specs[api],
        options=EngineOptions(strict=True, seed=settings.seed),
        behaviour=ValidationWitness(vendors.behaviour_for(api)),
        # Time moves only when a test moves it: on real time a ticker thread would finish
        # work (processing, eta) between requests at its own pace, and runs would differ.
        clock=Clock(manual=True),
    )


def witness_of(engine: Engine) -> ValidationWitness:
    """The witness :func:`build_engine` plugged into ``engine``."""
    witness = engine.behaviour
    assert isinstance(witness, ValidationWitness), "engines must come from build_engine()"
    return witness


@pytest.fixture(scope="session")
def contract_settings() -> ContractSettings:
    return _settings.current()


@pytest.fixture(scope="session")
def engine_factory() -> EngineFactory:
    return build_engine


@pytest.fixture
def serve(request: pytest.FixtureRequest) -> Iterator[ServerFactory]:
    """Start a MockServer (port 0) for an engine; stopped, and checked, at teardown."""
    servers: list[MockServer] = []

    def start(engine: Engine) -> MockServer:
        server = MockServer(engine, port=0)
        server.start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
    for server in servers:
        # Crashes and strict-mode violations inside the server thread fail the test.
        server.check()
