from __future__ import annotations

import random
import re
from typing import Any

import jsonschema_rs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mock_server.errors import ConfigError, RequestError
from mock_server.synthesis import Preference, choose_media, parse_prefer
from mock_server.synthesis._generator import SchemaGenerator
from mock_server.synthesis._regex import regex_sample
from mock_server.validation._selfcheck import check_response
from tests._core import pets_engine, request

# --- Prefer -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("code=404", Preference(code=404)),
        ("example=dog", Preference(example="dog")),
        ('example="big dog"', Preference(example="big dog")),
        ("dynamic=true", Preference(dynamic=True)),
        ("Code=201; dynamic=TRUE", Preference(code=201, dynamic=True)),
        ("code=200, example=cat, dynamic=false", Preference(code=200, example="cat")),
        ("respond-async, return=minimal, wait=5", Preference()),
        (" , ;", Preference()),
    ],
)
def test_parse_prefer(header, expected):
    assert parse_prefer(header, status=422) == expected


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("code=abc", "Prefer code must be an HTTP status code, got 'abc'"),
        ("code=99", "Prefer code must be an HTTP status code"),
        ("code=", "Prefer code must be an HTTP status code"),
        ("dynamic=maybe", "Prefer dynamic must be true or false, got 'maybe'"),
        ("example=", "Prefer example must name an example"),
        ("=5", "without a name"),
    ],
)
def test_parse_prefer_errors(header, message):
    with pytest.raises(RequestError) as info:
        parse_prefer(header, status=422)
    error = info.value
    assert message in error.message
    assert (error.status, error.field, error.location, error.check) == (
        422,
        "Prefer",
        "headers",
        "prefer",
    )


# --- media choice and binary samples --------------------------------------------


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("", "application/json"),
        ("*/*", "application/json"),
        ("application/xml", "application/xml"),
        ("text/html, application/xml;q=0.9", "application/xml"),
        ("application/json;q=0.1, application/xml", "application/xml"),
        ("application/xml;q=0, application/json", "application/json"),
        ("application/*", "application/json"),
        ("image/png", "application/json"),
    ],
)
def test_choose_media(accept, expected):
    show_pet = pets_engine().operation("show_pet")
    chosen = choose_media(show_pet.responses["200"].content, accept)
    assert chosen is not None and chosen.media_type == expected


# --- regex sampling -----------------------------------------------------------


@pytest.mark.parametrize(
    "pattern",
    [
        "^[a-z]+$",
        r"^\d{3}-\d{4}$",
        "^(foo|bar)[0-9]?$",
        "[^a-z]{2}",
        r"^\w+@\w+\.com$",
        r"^(ab)\1$",
        "^.{5}$",
        r"^[A-Z]{2,3}\s\S$",
        "^[a-f0-9]{24}$",
        "^node-[0-9]{2}$",
        "^(?:x|y)*z+?$",
        "colou?r",
    ],
)
def test_regex_sample(pattern):
    for seed in range(20):
        sample = regex_sample(pattern, random.Random(seed))
        assert sample is not None
        assert re.search(pattern, sample), (pattern, sample)


def test_regex_sample_gives_up_on_unsupported_syntax():
    assert regex_sample(r"\p{L}+", random.Random(0)) is None
    assert regex_sample("[unclosed", random.Random(0)) is None


# --- the data generator -------------------------------------------------------

DOCUMENT = {
    "components": {
        "schemas": {
            "Tree": {
                "type": "object",
                "required": ["value", "children"],
                "properties": {
                    "value": {"type": "integer"},
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}},
                },
            },
            "Base": {
                "type": "object",
                "required": ["id"],
                "properties": {"id": {"type": "string", "format": "uuid"}},
            },
        }
    }
}

SCHEMAS = [
    {"type": "integer", "minimum": 5, "maximum": 5},
    {"type": "integer", "exclusiveMinimum": 0, "exclusiveMaximum": 3},
    {"type": "integer", "multipleOf": 7, "minimum": 10, "maximum": 30},
    {"type": "integer", "maximum": -1000},
    {"type": "number", "minimum": 0.1, "maximum": 0.2},
    {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
    {"type": "number", "multipleOf": 0.5, "maximum": 3},
    {"type": "string", "minLength": 30},
    {"type": "string", "maxLength": 2},
    {"type": "string", "minLength": 3, "maxLength": 3},
    {"type": "string", "format": "date-time"},
    {"type": "string", "format": "date"},
    {"type": "string", "format": "uuid"},
    {"type": "string", "format": "email"},
    {"type": "string", "format": "uri"},
    {"type": "string", "format": "ipv4"},
    {"type": "string", "format": "ipv6"},
    {"type": "string", "format": "hostname"},
    {"type": "string", "format": "byte"},
    {"type": "string", "contentEncoding": "base64"},
    {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{2}$"},
    {"enum": ["a", 1, None]},
    {"const": {"fixed": [1, 2]}},
    {"type": ["string", "null"]},
    {"type": "null"},
    {"type": "boolean"},
    {
        "type": "array",
        "minItems": 2,
        "maxItems": 4,
        "uniqueItems": True,
        "items": {"type": "integer", "minimum": 0, "maximum": 3},
    },
    {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}], "items": False},
    {"type": "object", "additionalProperties": {"type": "boolean"}, "minProperties": 3},
    {"type": "object", "properties": {"a": {}, "b": {}, "c": {}}, "maxProperties": 1},
    {
        "type": "object",
        "required": ["x"],
        "additionalProperties": False,
        "properties": {"x": {"type": "integer"}},
    },
    {"required": ["loose"]},
    {
        "allOf": [
            {"$ref": "#/components/schemas/Base"},
            {
                "type": "object",
                "required": ["n"],
                "properties": {"n": {"type": "integer", "minimum": 3}},
            },
        ]
    },
    {"allOf": [{"type": "integer", "minimum": 0}, {"maximum": 4}]},
    {"oneOf": [{"type": "string", "maxLength": 3}, {"type": "integer"}, {"type": "null"}]},
    {
        "anyOf": [
            {"type": "object", "required": ["a"], "properties": {"a": {"const": 1}}},
            {"type": "boolean"},
        ]
    },
    {
        "type": "object",
        "properties": {
            "shape": {
                "oneOf": [
                    {
                        "type": "object",
                        "required": ["r"],
                        "additionalProperties": False,
                        "properties": {"r": {"type": "number"}},
                    },
                    {
                        "type": "object",
                        "required": ["s"],
                        "additionalProperties": False,
                        "properties": {"s": {"type": "integer"}},
                    },
                ]
            }
        },
    },
    {"$ref": "#/components/schemas/Tree"},
    {
        "type": "object",
        "required": ["w"],
        "properties": {
            "w": {"type": "string", "writeOnly": True},
            "r": {"type": "string", "writeOnly": True},
        },
    },
    {},
    True,
]


def _validator(schema: Any) -> jsonschema_rs.Validator:
    return jsonschema_rs.validator_for(
        {"$defs": {}, **schema, "components": DOCUMENT["components"]}
        if isinstance(schema, dict)
        else schema,
        validate_formats=True,
    )


@pytest.mark.parametrize("schema", SCHEMAS, ids=[str(s)[:60] for s in SCHEMAS])
def test_generated_values_validate(schema):
    generator = SchemaGenerator(DOCUMENT)
    validator = _validator(schema)
    for seed in range(40):
        for use_examples in (True, False):
            value = generator.generate(schema, random.Random(seed), use_examples=use_examples)
            assert validator.is_valid(value), (seed, value)


def test_generation_is_deterministic_per_seed():
    generator = SchemaGenerator(DOCUMENT)
    schema = {"$ref": "#/components/schemas/Tree"}
    values = [
        generator.generate(schema, random.Random(seed), use_examples=False) for seed in range(10)
    ]
    again = [
        generator.generate(schema, random.Random(seed), use_examples=False) for seed in range(10)
    ]
    assert values == again
    assert len({str(v) for v in values}) > 5


def test_schema_examples_are_preferred_unless_dynamic():
    generator = SchemaGenerator({})
    schema = {
        "type": "object",
        "properties": {
            "a": {"type": "string", "example": "hello"},
            "b": {"type": "integer", "examples": [7]},
            "c": {"type": "integer", "default": 3},
        },
    }
    assert generator.generate(schema, random.Random(0)) == {"a": "hello", "b": 7, "c": 3}
    assert generator.generate(schema, random.Random(0), use_examples=False) != {
        "a": "hello",
        "b": 7,
        "c": 3,
    }


def test_invalid_schema_examples_are_replaced_when_a_validator_is_given():
    schema = {"type": "integer", "minimum": 10, "example": 3}
    validator = jsonschema_rs.validator_for(schema)
    value = SchemaGenerator({}).generate(schema, random.Random(0), validator=validator)
    assert isinstance(value, int) and value >= 10


def test_optional_properties_are_sometimes_left_out_when_dynamic():
    schema = {"type": "object", "properties": {name: {"type": "integer"} for name in "abcdef"}}
    generator = SchemaGenerator({})
    sizes = {
        len(generator.generate(schema, random.Random(seed), use_examples=False))
        for seed in range(30)
    }
    assert len(sizes) > 2
    assert len(generator.generate(schema, random.Random(0))) == 6


_LEAVES = st.one_of(
    st.builds(
        lambda lo, span: {"type": "integer", "minimum": lo, "maximum": lo + span},
        st.integers(-1000, 1000),
        st.integers(0, 50),
    ),
    st.builds(
        lambda lo: {"type": "number", "exclusiveMinimum": lo}, st.floats(-100, 100, allow_nan=False)
    ),
    st.builds(
        lambda lo, span: {"type": "string", "minLength": lo, "maxLength": lo + span},
        st.integers(0, 20),
        st.integers(0, 10),
    ),
    st.sampled_from(
        [
            {"type": "string", "format": f}
            for f in ("date-time", "date", "uuid", "email", "uri", "ipv4")
        ]
    ),
    st.sampled_from(
        [{"type": "string", "pattern": p} for p in ("^[a-z]{2,5}$", r"^\d+$", "^(on|off)$")]
    ),
    st.lists(
        st.one_of(st.integers(), st.text(max_size=5), st.none()),
        min_size=1,
        max_size=4,
        unique=True,
    ).map(lambda v: {"enum": v}),
    st.just({"type": "boolean"}),
    st.just({"type": ["integer", "null"]}),
)


def _objects(children: Any, *, may_close: bool = True, prefix: str = "") -> Any:
    names = st.from_regex(r"\A[a-z]{1,6}\Z").map(lambda name: prefix + name)
    return st.dictionaries(names, children, max_size=4).flatmap(
        lambda props: st.builds(
            lambda required, closed: {
                "type": "object",
                "properties": props,
                "required": sorted(required),
                **({"additionalProperties": False} if closed else {}),
            },
            st.sets(st.sampled_from(sorted(props))) if props else st.just(set()),
            st.booleans() if may_close else st.just(False),
        )
    )


_SCHEMA_TREES = st.recursive(
    _LEAVES,
    lambda children: st.one_of(
        _objects(children),
        st.builds(
            lambda items, lo, span: {
                "type": "array",
                "items": items,
                "minItems": lo,
                "maxItems": lo + span,
            },
            children,
            st.integers(0, 3),
            st.integers(0, 3),
        ),
        st.builds(
            lambda a, b: {
                "oneOf": [
                    {"type": "object", "required": ["k"], "properties": {"k": a}},
                    {"type": "array", "items": b},
                ]
            },
            children,
            children,
        ),
        # closed members or shared property names easily make an allOf unsatisfiable
        st.builds(
            lambda a, b: {"allOf": [a, b]},
            _objects(children, may_close=False, prefix="p"),
            _objects(children, may_close=False, prefix="q"),
        ),
    ),
    max_leaves=8,
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schema=_SCHEMA_TREES, seed=st.integers(0, 2**32))
def test_generated_values_validate_property(schema, seed):
    validator = jsonschema_rs.validator_for(schema, validate_formats=True)
    value = SchemaGenerator({}).generate(
        schema, random.Random(seed), use_examples=False, validator=validator
    )
    assert validator.is_valid(value), value


# --- response synthesis through the engine ----------------------------------------


def test_default_response_is_generated_from_the_schema():
    engine = pets_engine()
    response = engine.handle(request("GET", "/pets"))
    assert response.status == 200
    assert response.content_type == "application/json"
    assert set(response.json) >= {"data", "total"}
    assert int(response.headers["X-Total-Count"]) >= 0
    assert check_response(engine.operation("list_pets"), response) is None


def test_media_example_comes_first():
    response = pets_engine().handle(
        request("POST", "/pets", json_body={"name": "Rex", "kind": "dog"})
    )
    assert (response.status, response.json) == (
        201,
        {"id": 1, "name": "Rex", "kind": "dog", "tags": ["good"]},
    )


def test_first_named_example_then_prefer_example():
    engine = pets_engine()
    assert engine.handle(request("GET", "/pets/2")).json == {"id": 2, "name": "Tom", "kind": "cat"}
    dog = engine.handle(request("GET", "/pets/2", headers={"Prefer": "example=dog"}))
    assert dog.json == {"id": 3, "name": "Rex", "kind": "dog"}


def test_prefer_code_uses_the_declared_response():
    engine = pets_engine()
    response = engine.handle(request("GET", "/pets/2", headers={"Prefer": "code=404"}))
    assert response.status == 404
    assert response.content_type == "application/problem+json"
    assert check_response(engine.operation("show_pet"), response) is None


@pytest.mark.parametrize(
    ("prefer", "message"),
    [
        ("code=500", "Prefer code=500 is not declared for show_pet (declared: 200, 404)"),
        (
            "example=fish",
            "Prefer example='fish' is not declared for show_pet 200 application/json "
            "(declared: cat, dog)",
        ),
        (
            "code=404, example=x",
            "Prefer example='x' is not declared for show_pet 404 application/problem+json "
            "(declared: none)",
        ),
        ("code=x", "Prefer code must be an HTTP status code, got 'x'"),
    ],
)
def test_prefer_errors_are_vendor_shaped(prefer, message):
    response = pets_engine().handle(request("GET", "/pets/2", headers={"Prefer": prefer}))
    assert response.status == 400
    assert response.json["detail"] == message
    assert response.json["errors"] == [
        {"location": "headers", "field": "Prefer", "message": message}
    ]


def test_dynamic_responses_vary_validate_and_follow_the_seed():
    engine = pets_engine(seed=7)
    operation = engine.operation("list_pets")
    dynamic = request("GET", "/pets", headers={"Prefer": "dynamic=true"})
    bodies = [engine.handle(dynamic) for _ in range(25)]
    assert all(check_response(operation, b) is None for b in bodies)
    assert len({str(b.json) for b in bodies}) > 20
    again = pets_engine(seed=7)
    assert [again.handle(dynamic).json for _ in range(3)] == [b.json for b in bodies[:3]]
    engine.reset()
    assert engine.handle(dynamic).json == bodies[0].json
    assert pets_engine(seed=8).handle(dynamic).json != bodies[0].json


def test_static_responses_are_stable_and_fresh_objects():
    engine = pets_engine()
    first = engine.handle(request("GET", "/pets"))
    first.json["total"] = -1
    assert engine.handle(request("GET", "/pets")).json != first.json
    assert (
        pets_engine().handle(request("GET", "/pets")).json
        == engine.handle(request("GET", "/pets")).json
    )


@pytest.mark.parametrize(
    ("accept", "content_type", "magic"),
    [
        ("", "image/jpeg", b"\xff\xd8"),
        ("image/png", "image/png", b"\x89PNG"),
        ("image/webp, */*;q=0.1", "image/jpeg", b"\xff\xd8"),
    ],
)
def test_binary_responses(accept, content_type, magic):
    response = pets_engine().handle(request("GET", "/pets/1/photo", headers={"Accept": accept}))
    assert (response.status, response.content_type, response.has_json) == (200, content_type, False)
    assert response.body.startswith(magic)
    assert response.headers == {"Cache-Control": "max-age=60"}


def test_no_content_and_text():
    engine = pets_engine()
    deleted = engine.handle(request("DELETE", "/pets/1"))
    assert (deleted.status, deleted.body, deleted.has_json, deleted.content_type) == (
        204,
        b"",
        False,
        None,
    )
    health = engine.handle(request("GET", "/health", key=None))
    assert (health.content_type, health.body) == ("text/plain", b"ok")


def test_recursive_and_composed_schemas():
    engine = pets_engine()
    for path, operation_id in (("/tree", "get_tree"), ("/composed", "get_composed")):
        for prefer in ("", "dynamic=true"):
            for _ in range(10):
                response = engine.handle(
                    request("GET", path, key=None, headers={"Prefer": prefer} if prefer else None)
                )
                assert check_response(engine.operation(operation_id), response) is None, (
                    response.json
                )


def test_synthesize():
    engine = pets_engine()
    assert engine.synthesize("show_pet", example="dog").json["name"] == "Rex"
    assert engine.synthesize("show_pet", status=404).status == 404
    assert engine.synthesize("show_pet", accept="application/xml").content_type == "application/xml"
    with pytest.raises(ConfigError, match="not declared"):
        engine.synthesize("show_pet", status=418)
    with pytest.raises(ConfigError, match="unknown operationId"):
        engine.synthesize("nope")


def test_operation_without_success_response():
    response = pets_engine().handle(request("POST", "/teapot", key=None))
    assert (response.status, response.json) == (418, {})
