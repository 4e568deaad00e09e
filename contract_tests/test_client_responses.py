"""Clients against spec: every declared response parses into the declared type.

For every operation and every declared status, Hypothesis draws bodies from that
response's schema (JSON) or bytes (binary media types); an in-process httpx transport
serves them to the generated function, sync and async, which must return the model the
spec names for that status (outside the deep pass, a body that is a ``components/schemas``
model gets a few examples: ``test_client_models`` round-trips that model's values in full
through the same ``from_dict``). The mock's own synthesized answers (``engine.synthesize``
with ``dynamic``, what ``Prefer: code=<status>, dynamic=true`` serves) must parse too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import httpx
import hypothesis
import pytest
from hypothesis import strategies as st

from contract_tests import _settings
from contract_tests._clients import (
    Clients,
    arguments,
    assert_parsed,
    endpoint,
    expected_parsed_type,
    response_schema,
)
from contract_tests._conformance import API_KEY, contract_schema
from contract_tests._generation import first_example, property_settings, seeded, values
from contract_tests._specs import SpecOperation, load_document, operations, resolve

if TYPE_CHECKING:
    from contract_tests._settings import ApiName
    from contract_tests.conftest import EngineFactory

_DOCUMENTS = {api: load_document(_settings.current().contract_specs[api]) for api in _settings.APIS}
_SCHEMAS = {api: contract_schema(api) for api in _settings.APIS}
RESPONSES = [
    pytest.param(api, op, status, id=f"{api}:{op.operation_id}:{status}")
    for api in _settings.APIS
    for op in operations(api, _DOCUMENTS[api])
    for status in op.raw_responses
    if status.isdigit()
]
_BASE_URL = "http://client.test"
_MODEL_REF = "#/components/schemas/"


def _media_types(document: Any, op: SpecOperation, status: str) -> list[str]:
    return list(resolve(document, op.raw_responses[status]).get("content", {}))


def _body_strategy(document: Any, op: SpecOperation, status: str) -> st.SearchStrategy[Any]:
    schema = response_schema(document, op, status)
    if schema is not None:
        return values(document, schema).map(lambda value: ("json", value))
    media = _media_types(document, op, status)
    if media:
        return st.tuples(st.sampled_from(media), st.binary(max_size=64))
    return st.just(("none", None))


def _examples(document: Any, op: SpecOperation, status: str) -> int:
    """Fewer examples where ``test_client_models`` already draws the body's model."""
    schema = response_schema(document, op, status) or {}
    name = str(schema.get("$ref", "")).removeprefix(_MODEL_REF)
    model = document.get("components", {}).get("schemas", {}).get(name, {})
    settings = _settings.current()
    if "/" not in name and model.get("type") == "object":
        return settings.model_response_examples
    return settings.property_examples


def _responder(status: int, kind: str, value: Any) -> Callable[[httpx.Request], httpx.Response]:
    def respond(request: httpx.Request) -> httpx.Response:
        del request
        if kind == "json":
            return httpx.Response(status, json=value)
        if kind == "none":
            return httpx.Response(status)
        return httpx.Response(status, content=value, headers={"content-type": kind})

    return respond


@pytest.mark.parametrize(("api", "op", "status"), RESPONSES)
def test_every_declared_response_parses_into_its_model(
    api: ApiName, op: SpecOperation, status: str
) -> None:
    document = _DOCUMENTS[api]
    module = endpoint(api, op)
    expected = expected_parsed_type(document, op, status)
    # The request only has to be valid; the answers are what is generated here.
    case = first_example(_SCHEMAS[api].find_operation_by_id(op.operation_id).as_strategy())
    served: list[Callable[[httpx.Request], httpx.Response]] = []
    transport = httpx.MockTransport(lambda request: served[-1](request))

    @property_settings(max_examples=_examples(document, op, status))
    @seeded
    @hypothesis.given(body=_body_strategy(document, op, status))
    def parses(body: tuple[str, Any]) -> None:
        served.append(_responder(int(status), *body))
        for send in (clients.sync, clients.asyncio):
            response = send(module, arguments(api, op, case))
            assert_parsed(response.parsed, expected, status)

    with Clients(api, base_url=_BASE_URL, key=API_KEY, transport=transport) as clients:
        parses()


@pytest.mark.parametrize(("api", "op", "status"), RESPONSES)
def test_the_mocks_synthesized_responses_parse(
    api: ApiName, op: SpecOperation, status: str, engine_factory: EngineFactory
) -> None:
    document = _DOCUMENTS[api]
    module = endpoint(api, op)
    expected = expected_parsed_type(document, op, status)
    engine = engine_factory(api)
    case = first_example(_SCHEMAS[api].find_operation_by_id(op.operation_id).as_strategy())
    answers = [engine.synthesize(op.operation_id, status=int(status))] + [
        engine.synthesize(op.operation_id, status=int(status), dynamic=True) for _ in range(5)
    ]
    served: list[Callable[[httpx.Request], httpx.Response]] = []
    transport = httpx.MockTransport(lambda request: served[-1](request))
    with Clients(api, base_url=_BASE_URL, key=API_KEY, transport=transport) as clients:
        for answer in answers:
            if answer.has_json:
                served.append(_responder(answer.status, "json", answer.json))
            elif answer.body:
                served.append(_responder(answer.status, answer.content_type or "", answer.body))
            else:
                served.append(_responder(answer.status, "none", None))
            assert_parsed(clients.sync(module, arguments(api, op, case)).parsed, expected, status)
