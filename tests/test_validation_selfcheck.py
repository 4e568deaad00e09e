"""The self-check's precompiled tables judge every response as the generic search did."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mock_server.media import best_match
from mock_server.spec import Operation, Response, Spec, compile_spec, load_spec
from mock_server.types import ResponseData
from mock_server.validation._selfcheck import check_response
from mock_server.vendors import bundled_spec


def reference_check(operation: Operation, response: ResponseData) -> str | None:
    """The self-check as written before its tables: a media search and a header scan."""
    status = response.status
    declared = operation.response_for(status)
    if declared is None:
        codes = ", ".join(operation.responses) or "none"
        return f"status {status} is not declared (declared: {codes})"
    has_body = response.has_json or bool(response.body)
    if not declared.content:
        return f"status {status} declares no body but one was sent" if has_body else None
    if not has_body:
        return f"status {status} declares a body but none was sent"
    content_type = response.content_type or ("application/json" if response.has_json else "")
    essence = content_type.split(";", 1)[0].strip().lower()
    media = best_match(declared.content, essence, key=lambda m: m.essence)
    if media is None:
        types = ", ".join(m.media_type for m in declared.content)
        return f"media type {essence or 'none'!r} is not declared for {status} (declared: {types})"
    if (
        response.has_json
        and media.validator is not None
        and not media.validator.is_valid(response.json)
    ):
        error = next(iter(media.validator.iter_errors(response.json)))
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.instance_path)
        return f"body{where}: {error.message}"
    present = {name.lower() for name in response.headers}
    for header in declared.headers:
        if header.required and header.name.lower() not in present:
            return f"required header {header.name!r} is missing"
    return None


def _pets() -> Spec:
    return compile_spec(
        {
            "openapi": "3.1.0",
            "info": {"title": "Pets", "version": "1"},
            "paths": {
                "/pets": {
                    "get": {
                        "operationId": "list_pets",
                        "responses": {
                            "200": {
                                "description": "ok",
                                "headers": {
                                    "X-Total-Count": {
                                        "required": True,
                                        "schema": {"type": "integer"},
                                    },
                                },
                                "content": {
                                    "application/json": {
                                        "schema": {"type": "array", "items": {"type": "string"}}
                                    },
                                    "image/*": {},
                                    "text/plain; charset=utf-8": {},
                                },
                            },
                            "204": {"description": "none"},
                            "4XX": {
                                "description": "error",
                                "content": {"application/problem+json": {}},
                            },
                        },
                    }
                }
            },
        }
    )


SPECS = [_pets(), load_spec(bundled_spec("autoenhance")), load_spec(bundled_spec("aihomedesign"))]
OPERATIONS = [op for spec in SPECS for op in spec.operations]
CONTENT_TYPES = st.sampled_from(
    [
        None,
        "application/json",
        "APPLICATION/JSON; charset=utf-8",
        "application/problem+json",
        "image/png",
        "image/jpeg",
        "text/plain",
        "text/html",
        "application/octet-stream",
        "",
    ]
)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)


@st.composite
def responses(draw: Any) -> tuple[Operation, ResponseData]:
    operation = draw(st.sampled_from(OPERATIONS))
    declared = [int(k) for k in operation.responses if k.isdigit()]
    status = draw(st.sampled_from([*declared, 200, 204, 404, 418, 500]))
    examples = [
        value
        for response in operation.responses.values()
        for media in response.content
        for value in (*media.example, *media.examples.values())
    ]
    body_json = (
        draw(st.sampled_from(examples) if examples else JSON) if draw(st.booleans()) else draw(JSON)
    )
    has_json = draw(st.booleans())
    names = [h.name for r in operation.responses.values() for h in r.headers]
    headers = draw(st.lists(st.sampled_from([*names, "X-Other"]), max_size=3, unique=True))
    return operation, ResponseData(
        status=status,
        headers={draw(st.sampled_from([n, n.lower(), n.upper()])): "1" for n in headers},
        json=body_json if has_json else None,
        has_json=has_json,
        body=b"" if has_json or draw(st.booleans()) else b"raw",
        content_type=draw(CONTENT_TYPES),
    )


@settings(max_examples=400)
@given(responses())
def test_the_self_check_agrees_with_the_generic_search(
    case: tuple[Operation, ResponseData],
) -> None:
    operation, response = case
    assert check_response(operation, response) == reference_check(operation, response)


@pytest.mark.parametrize(
    ("essence", "expected"),
    [
        ("application/json", "application/json"),
        ("image/png", "image/*"),
        ("text/plain", "text/plain; charset=utf-8"),
        ("text/html", None),
    ],
)
def test_media_for_prefers_an_exact_type_then_a_range(essence: str, expected: str | None) -> None:
    response = _pets().operations[0].responses["200"]
    assert isinstance(response, Response)
    found = response.media_for(essence)
    assert (found.media_type if found is not None else None) == expected


def test_a_missing_required_header_is_named_as_declared() -> None:
    operation = _pets().operations[0]
    response = ResponseData(status=200, json=["a"], has_json=True)
    assert check_response(operation, response) == "required header 'X-Total-Count' is missing"
    ok = ResponseData(status=200, json=["a"], has_json=True, headers={"x-total-count": "1"})
    assert check_response(operation, ok) is None
