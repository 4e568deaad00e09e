"""Catching drift: breaking changes to a copy of a spec make the suite's checks fail.

Each case mutates a copy of a bundled spec (rename a required field, narrow an enum,
drop a response), runs the relevant checks of this suite in-process against the
mutated copy, and asserts they fail, while the same checks pass on the unmutated spec
(so the failure is the mutation's doing). The mock keeps serving the bundled spec: it
plays an implementation that did not follow the contract's change; the generated client
plays a client built from the old contract.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import hypothesis
import pytest
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup

from contract_tests import _settings
from contract_tests._clients import enum_drift, model_class
from contract_tests._conformance import (
    IN_PROCESS_BASE_URL,
    AppSlot,
    contract_schema,
    failure_name,
    operations_by_label,
    prepare_case,
)
from contract_tests._generation import values
from contract_tests._specs import load_document, mutated
from mock_server import MockApp

if TYPE_CHECKING:
    from contract_tests._settings import ApiName
    from contract_tests.conftest import EngineFactory

_EXAMPLES = 25


def _rename_required(schema: str, old: str, new: str) -> Callable[[dict[str, Any]], None]:
    def mutate(document: dict[str, Any]) -> None:
        target = document["components"]["schemas"][schema]
        assert old in target["required"], f"{schema}.{old} is not required any more"
        target["required"] = [new if name == old else name for name in target["required"]]
        target["properties"][new] = target["properties"].pop(old)

    return mutate


def _narrow_enum(schema: str, dropped: str) -> Callable[[dict[str, Any]], None]:
    def mutate(document: dict[str, Any]) -> None:
        target = document["components"]["schemas"][schema]
        assert dropped in target["enum"], f"{schema} no longer has {dropped!r}"
        target["enum"].remove(dropped)

    return mutate


def _drop_response(path: str, method: str, status: str) -> Callable[[dict[str, Any]], None]:
    def mutate(document: dict[str, Any]) -> None:
        del document["paths"][path][method]["responses"][status]

    return mutate


def mock_failures(
    api: ApiName,
    document: dict[str, Any],
    operation_id: str,
    *,
    mode: GenerationMode,
    engine_factory: EngineFactory,
) -> set[str]:
    """The names of the checks that fail when the bundled mock meets ``document``."""
    slot = AppSlot()
    schema = contract_schema(api, document=document, app=slot)
    ops = operations_by_label(api, document)
    engine = engine_factory(api, spec=_settings.bundled(api))
    slot.target = MockApp(engine)
    failed: set[str] = set()

    @hypothesis.settings(max_examples=_EXAMPLES, derandomize=True, database=None, deadline=None)
    @hypothesis.given(schema.find_operation_by_id(operation_id).as_strategy(generation_mode=mode))
    def run(case: Any) -> None:
        engine.reset()
        prepare_case(case, ops[case.operation.label])
        try:
            case.call_and_validate(base_url=IN_PROCESS_BASE_URL)
        except FailureGroup as group:
            failed.update(failure_name(failure) for failure in group.exceptions)

    run()
    return failed


def client_parse_errors(api: ApiName, document: dict[str, Any], schema_name: str) -> set[str]:
    """Errors of the generated model loading values of ``schema_name`` from ``document``."""
    model = model_class(api, schema_name)
    errors: set[str] = set()

    @hypothesis.settings(max_examples=_EXAMPLES, derandomize=True, database=None, deadline=None)
    @hypothesis.given(values(document, {"$ref": f"#/components/schemas/{schema_name}"}))
    def run(value: Any) -> None:
        try:
            model.from_dict(value).to_dict()
        except (KeyError, TypeError, ValueError) as exc:
            errors.add(type(exc).__name__)

    run()
    return errors


MOCK_DRIFT = [
    pytest.param(
        "aihomedesign",
        _rename_required("UploadImageResponse", "order_id", "order_ref"),
        "upload_image",
        GenerationMode.POSITIVE,
        "response_schema_conformance",
        id="rename-required-field:UploadImageResponse.order_id",
    ),
    pytest.param(
        "autoenhance",
        _narrow_enum("OrderStatus", "waiting"),
        "create_order",
        GenerationMode.POSITIVE,
        "response_schema_conformance",
        id="narrow-enum:OrderStatus-waiting",
    ),
    pytest.param(
        "autoenhance",
        _drop_response("/v3/orders/", "post", "422"),
        "create_order",
        GenerationMode.NEGATIVE,
        "status_code_conformance",
        id="drop-response:create_order-422",
    ),
]


@pytest.mark.parametrize(("api", "mutation", "operation_id", "mode", "check"), MOCK_DRIFT)
def test_the_mock_checks_catch_a_breaking_change(
    api: ApiName,
    mutation: Callable[[dict[str, Any]], None],
    operation_id: str,
    mode: GenerationMode,
    check: str,
    engine_factory: EngineFactory,
) -> None:
    original = load_document(_settings.bundled(api))
    before = mock_failures(api, original, operation_id, mode=mode, engine_factory=engine_factory)
    assert check not in before, f"{check} fails even without the change: {before}"
    after = mock_failures(
        api, mutated(original, mutation), operation_id, mode=mode, engine_factory=engine_factory
    )
    assert check in after, f"the change went unnoticed; failing checks: {after or 'none'}"


def test_the_client_checks_catch_a_renamed_required_field() -> None:
    original = load_document(_settings.bundled("autoenhance"))
    renamed = mutated(original, _rename_required("ReportIn", "categories", "category_list"))
    assert not client_parse_errors("autoenhance", original, "ReportIn")
    assert "KeyError" in client_parse_errors("autoenhance", renamed, "ReportIn")


def test_the_client_checks_catch_a_narrowed_enum() -> None:
    original = load_document(_settings.bundled("aihomedesign"))
    narrowed = mutated(original, _narrow_enum("ServiceName", "service-day-to-dusk"))
    assert enum_drift("aihomedesign", original, "ServiceName") == (set(), set())
    assert enum_drift("aihomedesign", narrowed, "ServiceName") == (
        set(),
        {"service-day-to-dusk"},
    )


def test_mutations_leave_the_original_untouched() -> None:
    original = load_document(_settings.bundled("autoenhance"))
    copy = mutated(original, _drop_response("/v3/orders/", "post", "422"))
    assert "422" in original["paths"]["/v3/orders/"]["post"]["responses"]
    assert "422" not in copy["paths"]["/v3/orders/"]["post"]["responses"]
