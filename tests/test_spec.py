from __future__ import annotations

import json
from typing import Any

import pytest

from mock_server.errors import SpecError
from mock_server.spec import Operation, Spec, compile_spec, load_document, load_spec
from mock_server.spec._schema import normalize_document, resolve_pointer, schema_types
from tests._core import PETS, pets_document, pets_variant


def minimal(**operation: Any) -> dict[str, Any]:
    """A one-operation document; ``operation`` overrides parts of GET /things."""
    op: dict[str, Any] = {"responses": {"200": {"description": "ok"}}, **operation}
    return {
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "paths": {"/things": {"get": op}},
    }


@pytest.fixture(scope="module")
def pets():
    return load_spec(PETS)


def op(spec: Spec, operation_id: str) -> Operation:
    return next(o for o in spec.operations if o.operation_id == operation_id)


def test_load_yaml_and_json(tmp_path):
    as_json = tmp_path / "pets.json"
    as_json.write_text(json.dumps(pets_document()), encoding="utf-8")
    assert load_document(PETS) == load_document(as_json)
    assert load_spec(as_json).title == "Pets API"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- just\n- a list\n", "not a mapping"),
        ("openapi: [unclosed\n", r"spec\.yaml:2:1: invalid YAML"),
        ("{not json", r"spec\.json:1:2: invalid JSON"),
    ],
)
def test_unreadable_documents(tmp_path, content, message):
    path = tmp_path / ("spec.json" if content.startswith("{") else "spec.yaml")
    path.write_text(content, encoding="utf-8")
    with pytest.raises(SpecError, match=message):
        load_document(path)


def test_missing_file(tmp_path):
    with pytest.raises(SpecError, match="cannot read"):
        load_spec(tmp_path / "absent.yaml")


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"swagger": "2.0", "info": {}, "paths": {}}, "only OpenAPI 3.0 and 3.1"),
        ({"openapi": "3.1.0", "paths": {}}, "invalid OpenAPI document"),
        (
            minimal(responses={"200": {"$ref": "#/components/responses/Nope"}}),
            "invalid|unresolvable|points at nothing",
        ),
        ({**minimal(), "x-mock-error-style": "shouty"}, "x-mock-error-style"),
        ({**minimal(), "x-mock-trailing-slash": "redirect"}, "x-mock-trailing-slash"),
        (minimal(security=[{"Nope": []}]), "invalid|unknown scheme"),
    ],
)
def test_invalid_documents(document, message):
    with pytest.raises(SpecError, match=message):
        compile_spec(document)


def test_external_refs_are_refused():
    document = minimal(
        responses={
            "200": {
                "description": "ok",
                "content": {"application/json": {"schema": {"$ref": "https://example.com/s.json"}}},
            }
        }
    )
    with pytest.raises(SpecError, match="local"):
        compile_spec(document)


def test_duplicate_operation_ids():
    document = minimal(operationId="same")
    document["paths"]["/other"] = {
        "get": {"operationId": "same", "responses": {"200": {"description": "ok"}}}
    }
    with pytest.raises(SpecError, match=r"'same'.*not unique|duplicate operationId 'same'"):
        compile_spec(document)


def test_operations_and_root_settings(pets):
    assert pets.title == "Pets API"
    assert pets.error_style == "problem"
    assert pets.trailing_slash == "strict"
    assert pets.base_paths == ("/api",)
    assert [o.operation_id for o in pets.operations][:3] == [
        "list_pets",
        "create_pet",
        "list_my_pets",
    ]
    assert op(pets, "delete_pet").method == "DELETE"


def test_missing_operation_ids_are_derived():
    spec = compile_spec(minimal())
    assert spec.operations[0].operation_id == "get_things"


@pytest.mark.parametrize(
    ("codes", "default"),
    [
        (["200", "201"], 200),
        (["201", "200"], 200),
        (["204", "201", "400"], 201),
        (["202", "204"], 202),
        (["204"], 204),
        (["2XX", "400"], 200),
        (["default"], 200),
        (["302", "404"], 302),
    ],
)
def test_default_status(codes, default):
    spec = compile_spec(minimal(responses={c: {"description": c} for c in codes}))
    assert spec.operations[0].default_status == default


@pytest.mark.parametrize(
    ("codes", "status"),
    [(["200", "400", "422"], 422), (["200", "400"], 400), (["200"], 400)],
)
def test_validation_status(codes, status):
    spec = compile_spec(minimal(responses={c: {"description": c} for c in codes}))
    assert spec.operations[0].validation_status == status


def test_response_for_falls_back_to_ranges_and_default():
    document = minimal(
        responses={
            "200": {"description": "ok"},
            "4XX": {"description": "x"},
            "default": {"description": "d"},
        }
    )
    operation = compile_spec(document).operations[0]
    keys = [operation.response_for(status) for status in (200, 404, 503)]
    assert [r.key if r else None for r in keys] == ["200", "4XX", "default"]


def test_security(pets):
    assert [s.name for alt in op(pets, "list_pets").security for s in alt] == ["ApiKeyAuth"]
    assert op(pets, "health").security == ()
    alternatives = op(pets, "query_key").security
    assert [[s.name for s in alt] for alt in alternatives] == [["QueryKey"], ["BearerAuth"]]
    header = alternatives[1][0]
    assert (header.kind, header.location, header.parameter) == ("http", "header", "authorization")
    api_key = op(pets, "list_pets").security[0][0]
    assert (api_key.location, api_key.parameter) == ("header", "x-api-key")


def test_optional_security_makes_an_operation_open():
    document = minimal(security=[{"Key": []}, {}])
    document["components"] = {
        "securitySchemes": {"Key": {"type": "apiKey", "in": "header", "name": "k"}}
    }
    assert compile_spec(document).operations[0].security == ()


def test_parameters(pets):
    params = {p.name: p for p in op(pets, "list_pets").parameters}
    assert set(params) == {"limit", "tags", "ids", "fat", "x-request-id"}
    assert params["limit"].types == {"integer"}
    assert params["tags"].types == {"array"}
    assert params["tags"].item_types == {"string"}
    assert (params["ids"].explode, params["tags"].explode) == (False, True)
    assert params["x-request-id"].location == "header"
    # path-level parameters are shared by the path's operations
    assert [p.name for p in op(pets, "delete_pet").parameters] == ["petId"]
    assert op(pets, "delete_pet").parameters[0].required


def test_reserved_header_parameters_are_ignored():
    params = [
        {"name": n, "in": "header", "schema": {"type": "string"}}
        for n in ("Accept", "Content-Type", "X-Trace")
    ]
    spec = compile_spec(minimal(parameters=params))
    assert [p.name for p in spec.operations[0].parameters] == ["x-trace"]


def test_multipart_body(pets):
    body = op(pets, "upload_photo").request_body
    assert body is not None and body.required
    media = body.media[0]
    assert media.kind == "multipart"
    assert set(media.files) == {"file"}
    assert media.files["file"].content_types == ("image/png", "image/jpeg")
    assert media.files["file"].max_bytes == 1024  # "at most 1 KB" in the description
    assert set(media.fields) == {"caption", "rating"}
    assert media.required == {"file"}


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("application/json", "application/json"),
        ("text/plain", "text/plain"),
        ("image/png", "image/*"),
        ("application/xml", None),
    ],
)
def test_request_body_media_matching(pets, content_type, expected):
    body = op(pets, "brew").request_body
    assert body is not None
    found = body.match(content_type)
    assert (found.media_type if found else None) == expected


def test_read_only_and_write_only_required(pets):
    request_pet = resolve_pointer(pets.requests.document, "#/components/schemas/Pet")
    response_pet = resolve_pointer(pets.responses.document, "#/components/schemas/Pet")
    assert "id" not in request_pet["required"]  # readOnly: never required in requests
    assert "id" in response_pet["required"]
    doc = pets_variant()
    doc["components"]["schemas"]["Pet"]["required"].append("secret")
    spec = compile_spec(doc)
    assert (
        "secret" in resolve_pointer(spec.requests.document, "#/components/schemas/Pet")["required"]
    )
    assert (
        "secret"
        not in resolve_pointer(spec.responses.document, "#/components/schemas/Pet")["required"]
    )


@pytest.mark.parametrize(
    ("schema", "normalized"),
    [
        ({"type": "string", "nullable": True}, {"type": ["string", "null"]}),
        ({"type": "string", "nullable": False}, {"type": "string"}),
        (
            {"type": "string", "enum": ["a"], "nullable": True},
            {"type": ["string", "null"], "enum": ["a", None]},
        ),
        (
            {"$ref": "#/components/schemas/X", "nullable": True},
            {"anyOf": [{"$ref": "#/components/schemas/X"}, {"type": "null"}]},
        ),
        (
            {"allOf": [{"type": "integer"}], "nullable": True},
            {"anyOf": [{"allOf": [{"type": "integer"}]}, {"type": "null"}]},
        ),
        ({"minimum": 1, "exclusiveMinimum": True}, {"exclusiveMinimum": 1}),
        ({"maximum": 9, "exclusiveMaximum": False}, {"maximum": 9}),
        (
            {"type": "object", "properties": {"a": {"type": "integer", "nullable": True}}},
            {"type": "object", "properties": {"a": {"type": ["integer", "null"]}}},
        ),
        (
            {"type": "array", "items": {"type": "string", "nullable": True}},
            {"type": "array", "items": {"type": ["string", "null"]}},
        ),
        # a property literally named "nullable" is data, not the keyword
        (
            {"type": "object", "properties": {"nullable": {"type": "boolean"}}},
            {"type": "object", "properties": {"nullable": {"type": "boolean"}}},
        ),
    ],
)
def test_openapi_30_normalization(schema, normalized):
    document = {"components": {"schemas": {"S": schema, "X": {"type": "string"}}}}
    assert normalize_document(document)["components"]["schemas"]["S"] == normalized
    assert document["components"]["schemas"]["S"] == schema  # the input is not modified


def test_openapi_30_document_compiles_and_accepts_null():
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Old", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "N": {"type": "integer", "nullable": True, "minimum": 0, "exclusiveMinimum": True}
            }
        },
    }
    spec = compile_spec(document)
    validator = spec.requests.validator("#/components/schemas/N")
    assert validator.is_valid(None)
    assert validator.is_valid(1)
    assert not validator.is_valid(0)


@pytest.mark.parametrize(
    ("schema", "types"),
    [
        ({"type": "integer"}, {"integer"}),
        ({"type": ["string", "null"]}, {"string", "null"}),
        ({"enum": [1, "a", None]}, {"integer", "string", "null"}),
        ({"const": True}, {"boolean"}),
        ({"oneOf": [{"type": "integer"}, {"type": "boolean"}]}, {"integer", "boolean"}),
        ({"$ref": "#/components/schemas/X"}, {"string"}),
        ({"properties": {}}, {"object"}),
        ({"items": {}}, {"array"}),
        ({}, set()),
    ],
)
def test_schema_types(schema, types):
    document = {"components": {"schemas": {"X": {"type": "string"}}}}
    assert schema_types(document, schema) == types


@pytest.mark.parametrize(
    ("pointer", "message"),
    [
        ("other.yaml#/a", "only local"),
        ("#/components/schemas/Nope", "unresolvable"),
        ("#/paths/0", "unresolvable"),
    ],
)
def test_resolve_pointer_errors(pointer, message):
    with pytest.raises(SpecError, match=message):
        resolve_pointer({"components": {"schemas": {}}, "paths": {}}, pointer)


def test_resolve_pointer_escapes():
    document = {"paths": {"/a/{b}": {"get": {"x": [10, 20]}}}, "t~": 1}
    assert resolve_pointer(document, "#/paths/~1a~1%7Bb%7D/get/x/1") == 20
    assert resolve_pointer(document, "#/t~0") == 1
    assert resolve_pointer(document, "#") is document


def test_the_webhook_timeout_is_a_root_setting(pets):
    assert pets.webhook_timeout is None  # the sender's default
    document = minimal()
    document["x-mock-webhook-timeout"] = 10
    assert compile_spec(document).webhook_timeout == 10.0
    for bad in (0, -1, 301, "10", True):
        document["x-mock-webhook-timeout"] = bad
        with pytest.raises(SpecError, match="x-mock-webhook-timeout"):
            compile_spec(document)
