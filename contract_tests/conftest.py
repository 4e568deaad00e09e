"""Options, the one mock factory, and the fixtures of the contract suite.

Every engine in this suite comes from :func:`build_engine`, so the suite checks the mock
exactly as it is assembled for users: the compiled spec, strict mode (a response that
breaks the spec raises instead of being served), a fixed seed, the vendor behaviour from
:func:`mock_server.vendors.behaviour_for` (stateful when one exists), and a manual clock,
as the pytest fixtures use.

Every test collected here is marked ``contract``, so ``make check-deep`` can select the
suite's in-process tests by marker (``contract and not subprocess``) next to the deep
tests of ``tests/``. Under pytest-xdist the controller picks the seed of a deep pass and
hands it to every worker: one run, one seed to replay it with.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from contract_tests import _settings
from contract_tests._mock_cli import running_mock
from contract_tests._settings import ApiName, ContractSettings
from contract_tests._witness import ValidationWitness
from mock_server import Engine, EngineOptions, MockServer, vendors
from mock_server.clock import Clock

if TYPE_CHECKING:
    from _pytest.config.argparsing import Parser
    from _pytest.terminal import TerminalReporter

EngineFactory = Callable[..., Engine]
ServerFactory = Callable[[Engine], MockServer]

SUITE = Path(__file__).resolve().parent
_WORKER_SEED = "contract_seed"
"""The key under which an xdist worker receives the controller's seed."""


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
    seed = config.getoption("--contract-seed")
    worker_input: dict[str, Any] | None = getattr(config, "workerinput", None)
    if seed is None and worker_input is not None:
        seed = worker_input.get(_WORKER_SEED)
    try:
        settings = _settings.from_options(
            deep=config.getoption("--contract-deep"),
            seed=seed,
            spec_options=config.getoption("--contract-spec"),
            mock_spec_options=config.getoption("--contract-mock-spec"),
        )
    except _settings.ContractSettingsError as exc:
        raise pytest.UsageError(str(exc)) from None
    _settings.install(settings)
    config.addinivalue_line("markers", "contract_api(name): the vendor API a contract test checks")


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    # pytest-xdist, on the controller, for each worker it starts: a deep pass draws its
    # seed once, here, instead of once per worker.
    node.workerinput[_WORKER_SEED] = _settings.current().seed


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # First, so that ``-m contract`` (applied by pytest's own hook) sees the marker.
    for item in items:
        if item.path.is_relative_to(SUITE):
            item.add_marker(pytest.mark.contract)


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


@pytest.fixture(scope="session")
def mock_urls(contract_settings: ContractSettings) -> Iterator[dict[ApiName, str]]:
    """Both APIs served by the ``mock-server`` CLI (zero delays, no rate limit), by API.

    One child process per session (per xdist worker): the tests that use it reset it
    (``POST /__mock/reset``) before a run that needs a fresh mock.
    """
    with running_mock(seed=contract_settings.seed) as urls:
        yield urls
