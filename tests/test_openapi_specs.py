"""The hand-written specs: valid OpenAPI 3.1, examples that fit, complete operations."""

from __future__ import annotations

import re
from typing import Any

import jsonschema_rs
import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator

from tests._specs import APIS, examples, load_spec, operations

SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


def _validator(document: dict[str, Any], schema: dict[str, Any]) -> Any:
    # Local $refs point into the whole document, so the document's components ride along.
    return jsonschema_rs.Draft202012Validator(
        {**schema, "components": document.get("components", {})}
    )


@pytest.mark.parametrize("api", APIS)
def test_spec_is_valid_openapi_3_1(api: str) -> None:
    document = load_spec(api)
    assert document["openapi"].startswith("3.1.")
    errors = [str(error) for error in OpenAPIV31SpecValidator(document).iter_errors()]
    assert errors == []


@pytest.mark.parametrize("api", APIS)
def test_every_example_validates_against_its_schema(api: str) -> None:
    document = load_spec(api)
    found = list(examples(document))
    assert len(found) >= len(list(operations(document)))
    failures = [
        f"{example.where}: {error.message}"
        for example in found
        for error in _validator(document, example.schema).iter_errors(example.value)
    ]
    assert failures == []


@pytest.mark.parametrize("api", APIS)
def test_every_operation_is_complete(api: str) -> None:
    document = load_spec(api)
    problems = []
    for method, path, op in operations(document):
        where = f"{method.upper()} {path}"
        if not SNAKE_CASE.match(op.get("operationId", "")):
            problems.append(f"{where}: operationId missing or not snake_case")
        if len(op.get("tags", [])) != 1:
            problems.append(f"{where}: needs exactly one tag")
        if not op.get("summary"):
            problems.append(f"{where}: no summary")
        if not any(str(status).startswith("4") for status in op.get("responses", {})):
            problems.append(f"{where}: no 4xx response")
        if "security" not in op:
            problems.append(f"{where}: security is not declared on the operation")
    assert problems == []


@pytest.mark.parametrize("api", APIS)
def test_operation_ids_are_unique(api: str) -> None:
    ids = [op["operationId"] for _, _, op in operations(load_spec(api))]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("api", APIS)
def test_request_bodies_and_success_responses_have_examples(api: str) -> None:
    document = load_spec(api)
    schemas = document.get("components", {}).get("schemas", {})

    def has_example(media: dict[str, Any]) -> bool:
        if "example" in media or "examples" in media:
            return True
        ref = media.get("schema", {}).get("$ref", "")
        schema = schemas.get(ref.rsplit("/", 1)[-1], {})
        return "example" in schema or "examples" in schema

    missing = []
    for method, path, op in operations(document):
        bodies = [("request", op.get("requestBody", {}))] + [
            (status, response)
            for status, response in op.get("responses", {}).items()
            if str(status).startswith("2")
        ]
        for label, holder in bodies:
            for ctype, media in holder.get("content", {}).items():
                binary = media.get("schema", {}).get("format") == "binary"
                if not binary and not has_example(media):
                    missing.append(f"{method.upper()} {path} {label} {ctype}")
    assert missing == []


@pytest.mark.parametrize("api", APIS)
def test_links_point_at_existing_operations(api: str) -> None:
    document = load_spec(api)
    ids = {op["operationId"] for _, _, op in operations(document)}
    links = [
        (op["operationId"], link)
        for _, _, op in operations(document)
        for response in op.get("responses", {}).values()
        for link in response.get("links", {}).values()
    ]
    assert links, "the creating operations must link to the operations that use their ids"
    assert [
        (source, link["operationId"])
        for source, link in links
        if link.get("operationId") not in ids
    ] == []


@pytest.mark.parametrize(
    ("api", "error_style", "trailing_slash"),
    [
        ("aihomedesign", "error-key", {"strict", "ignore"}),
        ("autoenhance", "message-detail", {"ignore"}),
    ],
)
def test_mock_extensions_declare_the_vendor_conventions(
    api: str, error_style: str, trailing_slash: set[str]
) -> None:
    document = load_spec(api)
    assert document["x-mock-error-style"] == error_style
    assert document["x-mock-trailing-slash"] in trailing_slash
