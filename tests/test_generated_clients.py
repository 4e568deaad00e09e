"""Smoke test of the generated clients: every spec example builds a model that round-trips."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

import pytest

from tests._specs import APIS, Example, examples, load_spec, operations

CLIENT_PACKAGES = {api: f"{api}_client" for api in APIS}


def _models(api: str) -> ModuleType:
    return importlib.import_module(f"{CLIENT_PACKAGES[api]}.models")


def _model_class(models: ModuleType, schema_name: str) -> Any:
    """The generated class for a component schema (the generator PascalCases names)."""
    wanted = schema_name.replace("_", "").replace("-", "").lower()
    for name in models.__all__:
        if name.lower() == wanted:
            return getattr(models, name)
    raise LookupError(f"no generated model for schema {schema_name!r}")


def _modelled_examples(api: str) -> list[tuple[str, Example]]:
    """The JSON object examples whose schema is a named component."""
    found = []
    for example in examples(load_spec(api)):
        ref = example.schema.get("$ref", "")
        if ref.startswith("#/components/schemas/") and isinstance(example.value, dict):
            found.append((ref.rsplit("/", 1)[-1], example))
    return found


CASES = [
    pytest.param(api, name, example, id=f"{api}:{example.where}")
    for api in APIS
    for name, example in _modelled_examples(api)
]


@pytest.mark.parametrize("api", APIS)
def test_the_client_exposes_sync_and_async_calls_for_every_operation(api: str) -> None:
    package = CLIENT_PACKAGES[api]
    for _, _, op in operations(load_spec(api)):
        tag = op["tags"][0].lower().replace(" ", "_").replace("-", "_")
        module = importlib.import_module(f"{package}.api.{tag}.{op['operationId']}")
        for function in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"):
            assert callable(getattr(module, function)), f"{module.__name__}.{function}"


@pytest.mark.parametrize(("api", "schema_name", "example"), CASES)
def test_spec_examples_round_trip_through_the_models(
    api: str, schema_name: str, example: Example
) -> None:
    model_class = _model_class(_models(api), schema_name)
    model = model_class.from_dict(example.value)
    serialized = model.to_dict()
    assert set(serialized) == set(example.value)
    assert model_class.from_dict(serialized) == model


def test_every_api_has_modelled_examples() -> None:
    for api in APIS:
        assert len(_modelled_examples(api)) >= 5, api
