"""Clients against spec: the generated models round-trip, and say what the spec says.

For every object schema in ``components/schemas``: any valid value loads with
``from_dict``; ``to_dict`` gives back a value the schema accepts; and
``from_dict(x.to_dict()) == x``. Every enum schema's generated Enum has exactly the
spec's values (a narrowed or widened enum is drift).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import hypothesis
import pytest

from contract_tests import _settings
from contract_tests._clients import enum_drift, model_class
from contract_tests._generation import property_settings, seeded, values, without_direction
from contract_tests._specs import load_document, resolve, validator

if TYPE_CHECKING:
    from contract_tests._settings import ApiName

_DOCUMENTS = {api: load_document(_settings.current().contract_specs[api]) for api in _settings.APIS}


def _schemas(*, enums: bool) -> list[Any]:
    """Object schemas (models) that travel as JSON, or enum schemas (Enums).

    A multipart form with file parts (AI HomeDesign v3's ``CreateOrderForm``) is no JSON
    model: its client class holds ``File`` objects and is sent with ``to_multipart()``;
    the request tests cover it.
    """
    return [
        pytest.param(api, name, id=f"{api}:{name}")
        for api in _settings.APIS
        for name, schema in _DOCUMENTS[api].get("components", {}).get("schemas", {}).items()
        if (
            "enum" in schema
            if enums
            else schema.get("type") == "object" and not _has_file_parts(_DOCUMENTS[api], schema)
        )
    ]


def _has_file_parts(document: Any, schema: Any) -> bool:
    return '"format": "binary"' in json.dumps(resolve(document, schema))


@pytest.mark.parametrize(("api", "name"), _schemas(enums=False))
def test_models_round_trip(api: ApiName, name: str) -> None:
    document = _DOCUMENTS[api]
    model = model_class(api, name)
    schema = validator(
        without_direction(resolve(document, {"$ref": f"#/components/schemas/{name}"}))
    )

    @property_settings()
    @seeded
    @hypothesis.given(value=values(document, {"$ref": f"#/components/schemas/{name}"}))
    def round_trips(value: Any) -> None:
        loaded = model.from_dict(value)
        dumped = loaded.to_dict()
        assert set(dumped) == set(value), "to_dict() lost or invented fields"
        problems = [e.message for e in schema.iter_errors(dumped)]
        assert not problems, f"to_dict() breaks the schema: {problems}"
        again = model.from_dict(dumped)
        assert again == loaded
        assert again.to_dict() == dumped

    round_trips()


@pytest.mark.parametrize(("api", "name"), _schemas(enums=True))
def test_enums_have_exactly_the_specs_values(api: ApiName, name: str) -> None:
    assert enum_drift(api, _DOCUMENTS[api], name) == (set(), set())
