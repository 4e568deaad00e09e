"""How this run of the contract suite is configured: depth, seed and which specs.

The conftest builds one :class:`ContractSettings` from the command line and the
environment in ``pytest_configure``; test modules read it with :func:`current` when they
are imported (schemathesis needs the schema at collection time).
"""

from __future__ import annotations

import os
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mock_server import bundled_spec

ApiName = Literal["aihomedesign", "aihomedesign-v3", "autoenhance"]
APIS: tuple[ApiName, ...] = ("aihomedesign", "aihomedesign-v3", "autoenhance")
DEFAULT_SEED = 0
SPEC_ENV = "CONTRACT_SPEC_{api}"
MOCK_SPEC_ENV = "CONTRACT_MOCK_SPEC_{api}"


class ContractSettingsError(Exception):
    """A contract-suite option or environment variable is malformed."""


@dataclass(frozen=True, kw_only=True)
class ContractSettings:
    """One run's configuration.

    Attributes:
        deep: The deeper randomized pass (``--contract-deep``).
        seed: Seed of every generator (schemathesis, Hypothesis, the mock's synthesis).
        randomized: Hypothesis draws from ``seed`` instead of derandomizing per test.
        contract_specs: The spec each API is checked against.
        mock_specs: The spec each mock serves (the contract spec unless overridden).
    """

    deep: bool
    seed: int
    randomized: bool
    contract_specs: Mapping[ApiName, Path]
    mock_specs: Mapping[ApiName, Path]

    @property
    def fuzz_examples(self) -> int:
        """Examples per operation in schemathesis' fuzzing phase."""
        return 100 if self.deep else 8

    @property
    def fuzz_examples_over_http(self) -> int:
        """Examples per operation in the fuzzing phase of the runs over HTTP.

        The in-process run of the same operations fuzzes them with :attr:`fuzz_examples`
        and the same checks; what HTTP adds is the socket edge, and the examples and
        coverage phases (which do not shrink) already send every request shape through it.
        """
        return self.fuzz_examples if self.deep else 3

    @property
    def property_examples(self) -> int:
        """Examples per Hypothesis property test of the clients."""
        return 100 if self.deep else 12

    @property
    def model_response_examples(self) -> int:
        """Examples per client response test whose body is a ``components/schemas`` model.

        The models' round trip (``test_client_models``) draws :attr:`property_examples`
        values of every such model through the same ``from_dict`` the endpoint calls; what
        the response test adds (the status picks the model, sync and async parse alike)
        needs only a few bodies outside the deep pass.
        """
        return self.property_examples if self.deep else 3

    @property
    def stateful_scenarios(self) -> int:
        """Scenarios (Hypothesis examples) of each state machine run."""
        return 80 if self.deep else 12

    @property
    def stateful_scenarios_over_http(self) -> int:
        """Scenarios of the state machine runs over HTTP (the in-process run has the rest)."""
        return self.stateful_scenarios if self.deep else 6

    @property
    def stateful_steps(self) -> int:
        """Most steps in one stateful scenario."""
        return 10 if self.deep else 6

    def describe(self) -> str:
        """One line for the report header, with what reproduces the run."""
        mode = "deep" if self.deep else "default"
        again = [f"--contract-seed={self.seed}"]
        if self.deep:
            again.insert(0, "--contract-deep")
        line = f"contract tests: {mode} pass, seed {self.seed} (reproduce: {' '.join(again)})"
        moved = {
            api: str(path) for api, path in self.contract_specs.items() if path != bundled(api)
        }
        if moved or self.mock_specs != self.contract_specs:
            line += (
                f"; contract specs {dict(self.contract_specs)}, mock specs {dict(self.mock_specs)}"
            )
        return line


def bundled(api: ApiName) -> Path:
    """The spec shipped with the mock for ``api``."""
    return Path(bundled_spec(api)).resolve()


def from_options(
    *,
    deep: bool,
    seed: int | None,
    spec_options: Sequence[str],
    mock_spec_options: Sequence[str],
    environ: Mapping[str, str] | None = None,
) -> ContractSettings:
    """Build the settings; options win over ``CONTRACT_SPEC_<API>`` environment variables.

    Raises:
        ContractSettingsError: A malformed ``API=PATH`` or a missing spec file.
    """
    env = os.environ if environ is None else environ
    contract = _specs(spec_options, env, SPEC_ENV, defaults={api: bundled(api) for api in APIS})
    mock = _specs(mock_spec_options, env, MOCK_SPEC_ENV, defaults=contract)
    if seed is None:
        # A deep pass explores: a fresh seed each run, printed so a failure can be replayed.
        seed = random.SystemRandom().randrange(2**32) if deep else DEFAULT_SEED
    return ContractSettings(
        deep=deep,
        seed=seed,
        randomized=deep or seed != DEFAULT_SEED,
        contract_specs=contract,
        mock_specs=mock,
    )


def _specs(
    options: Sequence[str],
    env: Mapping[str, str],
    env_name: str,
    *,
    defaults: Mapping[ApiName, Path],
) -> dict[ApiName, Path]:
    found = dict(defaults)
    for api in APIS:
        name = env_name.format(api=api.upper().replace("-", "_"))  # CONTRACT_SPEC_AIHOMEDESIGN_V3
        value = env.get(name)
        if value:
            found[api] = _existing(Path(value), name)
    for option in options:
        name, sep, value = option.partition("=")
        named = _api(name.strip().lower())
        if not sep or named is None or not value:
            msg = f"expected API=PATH with API one of {', '.join(APIS)}, got {option!r}"
            raise ContractSettingsError(msg)
        found[named] = _existing(Path(value), option)
    return found


def _api(name: str) -> ApiName | None:
    for api in APIS:
        if api == name:
            return api
    return None


def _existing(path: Path, origin: str) -> Path:
    if not path.is_file():
        msg = f"{origin}: no spec file at {str(path)!r}"
        raise ContractSettingsError(msg)
    return path.resolve()


_CURRENT: list[ContractSettings] = []


def install(settings: ContractSettings) -> None:
    """Make ``settings`` the run's settings (called from ``pytest_configure``)."""
    _CURRENT[:] = [settings]


def current() -> ContractSettings:
    """The run's settings.

    Raises:
        ContractSettingsError: Called outside a pytest run of this suite.
    """
    if not _CURRENT:
        msg = "contract settings are installed by contract_tests/conftest.py; run through pytest"
        raise ContractSettingsError(msg)
    return _CURRENT[0]
