"""The suite's own machinery: options, the validation witness, failure names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from schemathesis.core.failures import CustomFailure, FailureGroup, ServerError

from contract_tests import _settings
from contract_tests._conformance import failure_name
from contract_tests._specs import SpecOperation
from contract_tests._witness import ValidationWitness
from mock_server import BaseBehaviour, Call, RequestData, RequestError, ResponseData


def _settings_from(*specs: str, deep: bool = False, seed: int | None = None, **env: str) -> Any:
    return _settings.from_options(
        deep=deep, seed=seed, spec_options=list(specs), mock_spec_options=[], environ=env
    )


def test_the_default_run_is_derandomized_with_the_bundled_specs() -> None:
    settings = _settings_from()
    assert (settings.seed, settings.randomized, settings.deep) == (0, False, False)
    assert settings.contract_specs == settings.mock_specs
    assert settings.contract_specs["autoenhance"] == _settings.bundled("autoenhance")


def test_a_deep_run_picks_a_seed_and_says_how_to_replay_it() -> None:
    settings = _settings_from(deep=True)
    assert settings.randomized
    assert f"--contract-deep --contract-seed={settings.seed}" in settings.describe()
    assert _settings_from(deep=True, seed=7).seed == 7


def test_specs_come_from_options_then_the_environment(tmp_path: Path) -> None:
    option, env = tmp_path / "option.yaml", tmp_path / "env.yaml"
    option.write_text("{}")
    env.write_text("{}")
    settings = _settings_from(
        f"autoenhance={option}",
        CONTRACT_SPEC_AUTOENHANCE=str(env),
        CONTRACT_SPEC_AIHOMEDESIGN=str(env),
        CONTRACT_SPEC_AIHOMEDESIGN_V3=str(env),
    )
    assert settings.contract_specs == {
        "aihomedesign": env,
        "aihomedesign-v3": env,
        "autoenhance": option,
    }
    assert settings.mock_specs == settings.contract_specs  # the mock serves the contract
    assert str(option) in settings.describe()


@pytest.mark.parametrize("option", ["autoenhance", "nope=x.yaml", "autoenhance=/no/such.yaml"])
def test_malformed_spec_options_are_usage_errors(option: str) -> None:
    with pytest.raises(_settings.ContractSettingsError):
        _settings_from(option)


class _Vendor(BaseBehaviour):
    def __init__(self) -> None:
        self.resets = 0

    def handle(self, call: Call) -> ResponseData | None:
        return ResponseData(status=204)

    def reset(self) -> None:
        self.resets += 1


def _call(operation_id: str) -> Any:
    return Call(
        operation_id=operation_id,
        request=RequestData(method="GET", path="/"),
        path_params={},
        query={},
        headers={},
        body=None,
    )


def test_the_witness_records_and_forwards_without_changing_answers() -> None:
    vendor = _Vendor()
    witness = ValidationWitness(vendor)
    mark = witness.mark()
    assert witness.handle(_call("a")) == ResponseData(status=204)
    witness.reset()
    assert witness.since(mark) == ["a"]  # the record survives a reset
    assert vendor.resets == 1
    request = RequestData(method="GET", path="/")
    assert witness.handle_error(request, "a", RequestError(status=400, message="x")) is None
    generic = ValidationWitness(None)
    assert generic.handle(_call("b")) is None
    assert generic.handle_error(request, "b", RequestError(status=400, message="x")) is None


_OP = SpecOperation(
    api="x",
    operation_id="op",
    method="post",
    path="/p",
    tag="t",
    parameters=(),
    request_body=None,
    responses={},
    raw_responses={},
    secured=True,
    links=(),
)


def _group(*names: str) -> FailureGroup:
    failures = [
        ServerError(operation="POST /p", status_code=500)
        if name == "not_a_server_error"
        else CustomFailure(
            operation="POST /p",
            title=f"Custom check failed: `{name}`",
            message="m",
            exception=AssertionError(),
        )
        for name in names
    ]
    return FailureGroup(failures, "boom")


def test_failures_are_named_after_their_check() -> None:
    assert [failure_name(f) for f in _group("not_a_server_error", "mine").exceptions] == [
        "not_a_server_error",
        "mine",
    ]
