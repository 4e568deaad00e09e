"""Hypothesis for this suite: settings, seeding, and values drawn from spec schemas.

Values come from schemathesis' own generator (the one that fuzzes the mock): a schema is
wrapped as the JSON request body of a one-operation document, and the body of each
generated case is the value. ``readOnly``/``writeOnly`` are dropped first, because a
request generator leaves readOnly properties out and those are exactly what responses
carry.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from typing import Any, TypeVar

import hypothesis
import schemathesis
from hypothesis import strategies as st

from contract_tests import _settings

T = TypeVar("T")
_DIRECTION_KEYWORDS = frozenset({"readOnly", "writeOnly"})


def property_settings(*, max_examples: int | None = None) -> hypothesis.settings:
    """Settings of a property test in this run (derandomized unless the run is seeded)."""
    settings = _settings.current()
    return hypothesis.settings(
        max_examples=max_examples or settings.property_examples,
        derandomize=not settings.randomized,
        database=None,
        deadline=None,
        # Requests go through a real server; fixtures hold it for the whole test on purpose.
        suppress_health_check=[
            hypothesis.HealthCheck.too_slow,
            hypothesis.HealthCheck.function_scoped_fixture,
        ],
        print_blob=False,
    )


def seeded(test: T) -> T:
    """Seed ``test`` (a test function or a state machine) with the run's seed, if seeded."""
    settings = _settings.current()
    if not settings.randomized:
        return test
    decorated: T = hypothesis.seed(settings.seed)(test)  # type: ignore[type-var]
    return decorated


def first_example(strategy: st.SearchStrategy[T]) -> T:
    """One value of ``strategy``, the same on every run."""
    found: list[T] = []

    @hypothesis.settings(max_examples=1, database=None, derandomize=True, deadline=None)
    @hypothesis.given(strategy)
    def first(value: T) -> None:
        found.append(value)

    first()
    return found[0]


def without_direction(node: Any) -> Any:
    """``node`` without ``readOnly``/``writeOnly`` anywhere."""
    if isinstance(node, list):
        return [without_direction(item) for item in node]
    if isinstance(node, dict):
        return {k: without_direction(v) for k, v in node.items() if k not in _DIRECTION_KEYWORDS}
    return node


def values(document: Mapping[str, Any], schema: Mapping[str, Any]) -> st.SearchStrategy[Any]:
    """Values valid against ``schema`` (which may ``$ref`` into ``document``'s components)."""
    components = json.dumps(document.get("components", {}), sort_keys=True)
    return _values(components, json.dumps(schema, sort_keys=True))


@cache
def _values(components: str, schema: str) -> st.SearchStrategy[Any]:
    document = {
        "openapi": "3.1.0",
        "info": {"title": "values", "version": "1"},
        "paths": {
            "/value": {
                "post": {
                    "operationId": "value",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": without_direction(json.loads(schema))}
                        },
                    },
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
        "components": without_direction(json.loads(components)),
    }
    config = schemathesis.Config.from_dict({"generation": {"database": "none"}})
    operation = schemathesis.openapi.from_dict(document, config=config).find_operation_by_id(
        "value"
    )
    return operation.as_strategy().map(lambda case: case.body)
