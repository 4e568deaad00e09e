"""Mock against spec: schemathesis runs every operation of both specs against the mock.

Each operation runs the examples, coverage and fuzzing phases with every schemathesis
check on, in-process (the WSGI app) and over HTTP (a MockServer on port 0), plus this
suite's checks: schema-valid requests pass the mock's validation (the witness), and a
refused key is a 401. After each operation, ``observed`` proves the run gave the checks
material (an accepted positive, a rejected negative, a 401), and that its path's
undeclared methods were sent with it and answered with ``Allow``.

Then the same facts, stated directly: a missing or wrong key gets 401 with the spec's
body; ``security: []`` operations ignore the key; undeclared methods get 405 and an
``Allow`` listing exactly the declared methods (plus HEAD and OPTIONS).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import hypothesis
import pytest
from schemathesis.pytest.plugin import SchemaHandleMark
from schemathesis.specs.openapi.schemas import OpenApiSchema
from werkzeug.test import Client

from contract_tests import _settings
from contract_tests._clients import response_schema
from contract_tests._conformance import (
    API_KEY,
    IN_PROCESS_BASE_URL,
    AppSlot,
    Observed,
    call_and_validate,
    contract_schema,
    operations_by_label,
    prepare_case,
)
from contract_tests._generation import property_settings, seeded
from contract_tests._specs import (
    SpecOperation,
    load_document,
    operations,
    resolve,
    validator,
)
from contract_tests.conftest import witness_of
from mock_server import Engine, MockApp

if TYPE_CHECKING:
    from contract_tests._settings import ApiName
    from contract_tests.conftest import EngineFactory, ServerFactory


@pytest.fixture
def observed() -> Iterator[dict[str, Observed]]:
    """Per operation, what the run showed; checked once the operation's examples are done."""
    seen: dict[str, Observed] = {}
    yield seen
    for facts in seen.values():
        facts.assert_exercised()
        label = facts.op.label
        assert facts.undeclared_methods, f"{label}: no undeclared method was sent to its path"
        without_allow = sorted(m for m, status in facts.undeclared_methods.items() if status < 0)
        assert not without_allow, f"{label}: {facts.op.path} answered {without_allow} without Allow"


class _EveryOperation(set[tuple[str, str]]):
    """A ``seen`` set that never remembers: each operation gets its path's undeclared methods.

    schemathesis' coverage phase sends a path's undeclared methods once per schema, with the
    path's first operation. Sent with every operation instead (a few requests more), each
    test item can check them on its own, on whichever xdist worker it runs.
    """

    def add(self, element: tuple[str, str]) -> None:
        del element


_MOCK = pytest.StashKey[tuple[Engine, str]]()


def _conformance_test(api: ApiName, *, over_http: bool) -> Callable[..., None]:
    slot = AppSlot()
    settings = _settings.current()
    examples = settings.fuzz_examples_over_http if over_http else settings.fuzz_examples
    schema = contract_schema(api, app=None if over_http else slot, fuzz_examples=examples)
    ops = operations_by_label(api, load_document(_settings.current().contract_specs[api]))

    @pytest.mark.contract_api(api)
    @schema.parametrize()
    # The fixtures hold the mock for the whole item on purpose; each example resets it.
    @hypothesis.settings(suppress_health_check=[hypothesis.HealthCheck.function_scoped_fixture])
    def test(
        case: Any,
        engine_factory: EngineFactory,
        serve: ServerFactory,
        observed: dict[str, Observed],
        request: pytest.FixtureRequest,
    ) -> None:
        # One mock per test item (= per operation), built on its first example.
        if _MOCK not in request.node.stash:
            engine = engine_factory(api)
            if over_http:
                request.node.stash[_MOCK] = (engine, serve(engine).url)
            else:
                slot.target = MockApp(engine)
                request.node.stash[_MOCK] = (engine, IN_PROCESS_BASE_URL)
        engine, base_url = request.node.stash[_MOCK]
        # Every example starts from a fresh mock (state, rate limits, synthesis stream).
        engine.reset()
        op = ops[case.operation.label]
        call_and_validate(
            case,
            api=api,
            op=op,
            base_url=base_url,
            witness=witness_of(engine),
            observed=observed.setdefault(op.label, Observed(op=op)),
        )

    # parametrize() generates the items from a clone of the schema: the clone's set counts.
    parametrized = SchemaHandleMark.get(test)
    assert isinstance(parametrized, OpenApiSchema)
    parametrized.coverage_unexpected_methods_seen = _EveryOperation()
    collected: Callable[..., None] = test
    return collected


test_aihomedesign_in_process = _conformance_test("aihomedesign", over_http=False)
test_aihomedesign_over_http = _conformance_test("aihomedesign", over_http=True)
test_aihomedesign_v3_in_process = _conformance_test("aihomedesign-v3", over_http=False)
test_aihomedesign_v3_over_http = _conformance_test("aihomedesign-v3", over_http=True)
test_autoenhance_in_process = _conformance_test("autoenhance", over_http=False)
test_autoenhance_over_http = _conformance_test("autoenhance", over_http=True)


_DOCUMENTS = {api: load_document(_settings.current().contract_specs[api]) for api in _settings.APIS}
_STRATEGY_SCHEMAS = {api: contract_schema(api, app=AppSlot()) for api in _settings.APIS}


def _ops(*, secured: bool) -> list[Any]:
    return [
        pytest.param(api, op, id=f"{api}:{op.operation_id}")
        for api in _settings.APIS
        for op in operations(api, _DOCUMENTS[api])
        if op.secured is secured
    ]


def _in_process(api: ApiName, engine_factory: EngineFactory) -> tuple[Engine, Any]:
    engine = engine_factory(api)
    schema = _STRATEGY_SCHEMAS[api]
    schema.app.target = MockApp(engine)
    return engine, schema


@pytest.mark.parametrize(("api", "op"), _ops(secured=True))
def test_a_missing_or_wrong_key_gets_401(
    api: ApiName, op: SpecOperation, engine_factory: EngineFactory
) -> None:
    engine, schema = _in_process(api, engine_factory)
    document = _DOCUMENTS[api]
    refusal = validator(resolve(document, response_schema(document, op, "401")))

    @property_settings()
    @seeded
    @hypothesis.given(case=schema.find_operation_by_id(op.operation_id).as_strategy())
    def refused_without_a_valid_key(case: Any) -> None:
        prepare_case(case, op)
        assert case.headers.get("x-api-key") == API_KEY
        for key in (None, "wrong-" + API_KEY):
            engine.reset()
            if key is None:
                del case.headers["x-api-key"]
            else:
                case.headers["x-api-key"] = key
            response = case.call(base_url=IN_PROCESS_BASE_URL)
            assert response.status_code == 401, f"key {key!r}: {response.status_code}"
            assert not list(refusal.iter_errors(response.json())), response.text

    refused_without_a_valid_key()


@pytest.mark.parametrize(("api", "op"), _ops(secured=False))
def test_an_open_operation_ignores_the_key(
    api: ApiName, op: SpecOperation, engine_factory: EngineFactory
) -> None:
    engine, schema = _in_process(api, engine_factory)

    @property_settings()
    @seeded
    @hypothesis.given(case=schema.find_operation_by_id(op.operation_id).as_strategy())
    def same_answer_with_any_key(case: Any) -> None:
        prepare_case(case, op)
        answers = []
        for key in (None, API_KEY, "wrong-" + API_KEY):
            engine.reset()
            case.headers.pop("x-api-key", None)
            if key is not None:
                case.headers["x-api-key"] = key
            answers.append(case.call(base_url=IN_PROCESS_BASE_URL).status_code)
        assert len(set(answers)) == 1, f"no key / valid key / wrong key: {answers}"
        assert 401 not in answers

    same_answer_with_any_key()


_MALFORMED = {
    "application/json": b"{not json",
    "multipart/form-data": b"--b\r\nnot a part",
    "application/x-www-form-urlencoded": b"%zz=&",
}


def _bodies_of_secured_ops() -> list[Any]:
    found = []
    for api in _settings.APIS:
        for op in operations(api, _DOCUMENTS[api]):
            for media in (op.request_body or {}).get("content", {}) if op.secured else ():
                name = f"{api}:{op.operation_id}:{media}"
                found.append(pytest.param(api, op, media, id=name))
    return found


@pytest.mark.parametrize(("api", "op", "media"), _bodies_of_secured_ops())
def test_the_key_is_checked_before_the_body(
    api: ApiName, op: SpecOperation, media: str, engine_factory: EngineFactory
) -> None:
    client = Client(MockApp(engine_factory(api)))
    content_type = f"{media}; boundary=b" if media.startswith("multipart/") else media
    answer = client.open(
        re.sub(r"\{[^{}/]+\}", "an-id", op.path),
        method=op.method.upper(),
        data=_MALFORMED[media],
        headers={"content-type": content_type},
    )
    assert answer.status_code == 401, answer.get_data(as_text=True)


def _paths() -> list[Any]:
    found = []
    for api in _settings.APIS:
        by_path: dict[str, set[str]] = {}
        for op in operations(api, _DOCUMENTS[api]):
            by_path.setdefault(op.path, set()).add(op.method.upper())
        for path, methods in by_path.items():
            found.append(pytest.param(api, path, methods, id=f"{api}:{path}"))
    return found


@pytest.mark.parametrize(("api", "path", "declared"), _paths())
def test_undeclared_methods_get_405_with_allow(
    api: ApiName, path: str, declared: set[str], engine_factory: EngineFactory
) -> None:
    client = Client(MockApp(engine_factory(api)))
    concrete = re.sub(r"\{[^{}/]+\}", "an-id", path)
    allowed = declared | {"OPTIONS"} | ({"HEAD"} if "GET" in declared else set())
    for method in sorted({"GET", "PUT", "POST", "PATCH", "DELETE"} - declared):
        answer = client.open(concrete, method=method, headers={"x-api-key": API_KEY})
        assert answer.status_code == 405, f"{method} {path}: {answer.status_code}"
        assert _allow(answer.headers) == allowed, f"{method} {path}: {answer.headers}"
    answer = client.open(concrete, method="OPTIONS", headers={"x-api-key": API_KEY})
    assert _allow(answer.headers) == allowed, f"OPTIONS {path}: {answer.headers}"


def _allow(headers: Any) -> set[str]:
    return {m.strip().upper() for m in headers.get("Allow", "").split(",") if m.strip()}
