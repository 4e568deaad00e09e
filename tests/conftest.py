"""Options and markers shared by the tests of ``tests/``.

A test that uses the ``start_cli`` fixture (``tests/_processes.py``) starts the
``mock-server`` CLI as a child process, so it is marked ``subprocess`` here, wherever it
is defined; ``make test-fast`` leaves those out. Tests that start children another way
carry the marker themselves.

The hostile corpus (generated requests that must never crash, hang or write) is sized by
``--corpus-examples=N``: ``make test`` runs the default, ``make check-deep`` the full size.
(Write it with ``=``: before this file is loaded pytest does not know the option, and
would take a separate ``N`` for a path.)
A corpus test takes its Hypothesis settings from the profile registered here, by name::

    @settings(settings.get_profile("hostile-corpus"))
    @given(case=requests())
    def test_hostile_requests_never_crash_hang_or_write(...): ...

and is marked ``corpus`` (``pytestmark``), so ``make check-deep`` selects it.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

CLI_FIXTURE = "start_cli"
CORPUS_PROFILE = "hostile-corpus"
QUICK_CORPUS_EXAMPLES = 100
"""Examples of a corpus test in ``make test``."""
FULL_CORPUS_EXAMPLES = 400
"""Examples of a corpus test in ``make check-deep`` (the Makefile passes this number)."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--corpus-examples",
        type=int,
        default=QUICK_CORPUS_EXAMPLES,
        metavar="N",
        help=f"Examples per hostile-corpus test (default {QUICK_CORPUS_EXAMPLES}; "
        f"make check-deep: {FULL_CORPUS_EXAMPLES}).",
    )


def pytest_configure(config: pytest.Config) -> None:
    examples: int = config.getoption("--corpus-examples")
    if examples < 1:
        raise pytest.UsageError(f"--corpus-examples must be at least 1, got {examples}")
    # Registered before any test module is imported: decorators read it at import time.
    settings.register_profile(
        CORPUS_PROFILE,
        max_examples=examples,
        deadline=None,
        database=None,
        # The corpus runs against one CLI process held by a module fixture, on purpose.
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # First, so that ``-m "not subprocess"`` (applied by pytest's own hook) sees the marker.
    for item in items:
        if CLI_FIXTURE in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.subprocess)


def pytest_report_header(config: pytest.Config) -> str:
    return f"hostile corpus: {config.getoption('--corpus-examples')} examples per test"
