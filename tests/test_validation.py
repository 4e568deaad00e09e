from __future__ import annotations

import base64
from functools import cache
from typing import Any

import pytest

from mock_server.errors import RequestError
from mock_server.spec import SecurityScheme, compile_spec, load_spec
from mock_server.spec._schema import SchemaStore
from mock_server.validation import (
    coerce_scalar,
    parse_cookies,
    run_validators,
    validate_body,
    validate_body_size,
    validate_content_type,
    validate_parameters,
    validate_security,
)
from mock_server.validation._messages import issues_from_errors
from tests._core import PETS, request, upload


@cache
def pets_spec():
    return load_spec(PETS)


def operation(operation_id: str):
    return next(o for o in pets_spec().operations if o.operation_id == operation_id)


@pytest.fixture
def run():
    """Run the whole pipeline for a pets operation; return the parsed request."""

    def run_(
        operation_id,
        req,
        *,
        path_params=None,
        keys=frozenset({"test-key"}),
        any_key=False,
        limit=1 << 20,
    ):
        return run_validators(
            operation=operation(operation_id),
            request=req,
            path_params=path_params
            or ({"petId": "1"} if "{petId}" in operation(operation_id).path else {}),
            accepted_keys=keys,
            accept_any_key=any_key,
            max_body_bytes=limit,
        )

    return run_


def fails(call, *args, **kwargs) -> RequestError:
    with pytest.raises(RequestError) as info:
        call(*args, **kwargs)
    return info.value


# --- coercion -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "types", "expected"),
    [
        ("15", {"integer"}, 15),
        ("-3", {"integer"}, -3),
        ("1.5", {"integer"}, "1.5"),
        ("1.5", {"number"}, 1.5),
        ("2", {"number"}, 2),
        ("1e3", {"number"}, 1000.0),
        ("nan", {"number"}, "nan"),
        ("1e999", {"number"}, "1e999"),
        ("9" * 5000, {"integer"}, "9" * 5000),
        ("true", {"boolean"}, True),
        ("False", {"boolean"}, False),
        ("yes", {"boolean"}, "yes"),
        ("", {"integer", "null"}, None),
        ("7", {"string"}, "7"),
        ("7", {"string", "integer"}, "7"),
        ("7", set(), "7"),
        ('{"a": 1}', {"object"}, {"a": 1}),
        ("[1", {"array"}, "[1"),
        ("\uff11", {"integer"}, "\uff11"),  # a fullwidth digit is no integer
        ("\u0661.5", {"number"}, "\u0661.5"),  # nor an Arabic-Indic one a number
    ],
)
def test_coerce_scalar(text, types, expected):
    assert coerce_scalar(text, frozenset(types)) == expected


def test_parse_cookies():
    assert parse_cookies('a=1; b="two"; junk; a=3') == {"a": "1", "b": "two"}
    assert parse_cookies("") == {}


# --- 1. security --------------------------------------------------------------

KEY = SecurityScheme(name="K", kind="apiKey", location="header", parameter="x-api-key")
QUERY = SecurityScheme(name="Q", kind="apiKey", location="query", parameter="api_key")
COOKIE = SecurityScheme(name="C", kind="apiKey", location="cookie", parameter="session")
BEARER = SecurityScheme(
    name="B", kind="http", location="header", parameter="authorization", http_scheme="bearer"
)
BASIC = SecurityScheme(
    name="A", kind="http", location="header", parameter="authorization", http_scheme="basic"
)


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.mark.parametrize(
    ("requirements", "headers", "query", "cookies", "outcome"),
    [
        ((), {}, {}, {}, None),
        (((KEY,),), {"x-api-key": "test-key"}, {}, {}, None),
        (((KEY,),), {}, {}, {}, "Missing API key: send it in the 'x-api-key' header"),
        (((KEY,),), {"x-api-key": "  "}, {}, {}, "Missing API key"),
        (((KEY,),), {"x-api-key": "nope"}, {}, {}, "Invalid API key in the 'x-api-key' header"),
        (((QUERY,),), {}, {"api_key": ("test-key",)}, {}, None),
        (((QUERY,),), {}, {"api_key": ("",)}, {}, "query parameter"),
        (((COOKIE,),), {}, {}, {"session": "test-key"}, None),
        (((BEARER,),), {"authorization": "Bearer test-key"}, {}, {}, None),
        (((BEARER,),), {"authorization": "bearer test-key"}, {}, {}, None),
        (((BEARER,),), {"authorization": "Token test-key"}, {}, {}, "Missing credentials"),
        (((BEARER,),), {"authorization": "Bearer other"}, {}, {}, "Invalid credentials"),
        (((BASIC,),), {"authorization": basic("user", "test-key")}, {}, {}, None),
        (((BASIC,),), {"authorization": basic("user", "bad")}, {}, {}, "Invalid credentials"),
        (((BASIC,),), {"authorization": "Basic !!!"}, {}, {}, "Invalid credentials"),
        # alternatives: either one is enough
        (((QUERY,), (BEARER,)), {"authorization": "Bearer test-key"}, {}, {}, None),
        # both schemes of one alternative are needed
        (((KEY, QUERY),), {"x-api-key": "test-key"}, {}, {}, "Missing API key"),
        # a wrong key is reported rather than another alternative's missing one
        (((QUERY,), (KEY,)), {"x-api-key": "bad"}, {}, {}, "Invalid API key"),
    ],
)
def test_validate_security(requirements, headers, query, cookies, outcome):
    def check() -> None:
        validate_security(
            requirements=requirements,
            headers=headers,
            query=query,
            cookies=cookies,
            accepted_keys=frozenset({"test-key"}),
            accept_any_key=False,
        )

    if outcome is None:
        check()
        return
    error = fails(check)
    assert error.status == 401
    assert outcome in error.message
    assert error.check == "security"


def test_accept_any_key_still_needs_a_key():
    kwargs: dict[str, Any] = {
        "requirements": ((KEY,),),
        "query": {},
        "cookies": {},
        "accepted_keys": frozenset(),
        "accept_any_key": True,
    }
    validate_security(headers={"x-api-key": "whatever"}, **kwargs)
    assert fails(validate_security, headers={}, **kwargs).status == 401


def test_bearer_challenge_header():
    error = fails(
        validate_security,
        requirements=((BEARER,),),
        headers={},
        query={},
        cookies={},
        accepted_keys=frozenset(),
        accept_any_key=False,
    )
    assert error.headers == {"WWW-Authenticate": "Bearer"}


# --- 2. parameters ------------------------------------------------------------


def check_parameters(
    operation_id: str,
    *,
    path: dict[str, str] | None = None,
    query: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
    cookies: dict[str, str] | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    return validate_parameters(
        parameters=operation(operation_id).parameters,
        path_params=path or {},
        query={k: tuple(v) if isinstance(v, list) else (v,) for k, v in (query or {}).items()},
        headers=headers or {},
        cookies=cookies or {},
        status=400,
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, {"limit": 5}),  # the schema's default
        ({"limit": "15"}, {"limit": 15}),
        ({"tags": ["cat", "dog"]}, {"limit": 5, "tags": ["cat", "dog"]}),
        ({"ids": "1,2,3"}, {"limit": 5, "ids": [1, 2, 3]}),
        ({"fat": "true"}, {"limit": 5, "fat": True}),
        ({"unknown": "kept"}, {"limit": 5, "unknown": "kept"}),
    ],
)
def test_valid_query(query, expected):
    _, coerced = check_parameters("list_pets", query=query)
    assert coerced == expected


@pytest.mark.parametrize(
    ("query", "headers", "field", "message", "sentence"),
    [
        (
            {"limit": "16"},
            {},
            "limit",
            "Must be greater than or equal to 1 and less than or equal to 15.",
            "'limit' must be <= 15",
        ),
        (
            {"limit": "0"},
            {},
            "limit",
            "Must be greater than or equal to 1 and less than or equal to 15.",
            "'limit' must be >= 1",
        ),
        ({"limit": "ten"}, {}, "limit", "Not a valid integer.", "'limit' must be an integer"),
        ({"limit": ""}, {}, "limit", "Not a valid integer.", "'limit' must be an integer"),
        (
            {"tags": ["cat", "fox"]},
            {},
            "tags.1",
            "Must be one of: cat, dog, bird.",
            "'tags.1' must be one of: cat, dog, bird",
        ),
        ({"ids": "1,x"}, {}, "ids.1", "Not a valid integer.", "'ids.1' must be an integer"),
        ({"fat": "maybe"}, {}, "fat", "Not a valid boolean.", "'fat' must be a boolean"),
        # A scalar given twice is not one value: no copy is silently picked.
        ({"limit": ["2", "3"]}, {}, "limit", "Not a valid integer.", "'limit' must be an integer"),
        ({"fat": ["true", "true"]}, {}, "fat", "Not a valid boolean.", "'fat' must be a boolean"),
        (
            {},
            {"x-request-id": "XYZ"},
            "x-request-id",
            "String does not match expected pattern.",
            "'x-request-id' must match the pattern ^[a-f0-9]{8}$",
        ),
    ],
)
def test_invalid_parameters(query, headers, field, message, sentence):
    error = fails(check_parameters, "list_pets", query=query, headers=headers)
    assert (error.status, error.field, error.message) == (400, field, sentence)
    assert error.issues[0].message == message
    assert error.check == "parameters"


def test_path_parameters_are_coerced_and_validated():
    path, _ = check_parameters("show_pet", path={"petId": "42"})
    assert path == {"petId": 42}
    error = fails(check_parameters, "show_pet", path={"petId": "0"})
    assert (error.location, error.field, error.message) == ("path", "petId", "'petId' must be >= 1")
    assert error.issues[0].message == "Must be greater than or equal to 1."
    error = fails(check_parameters, "show_pet", path={"petId": "abc"})
    assert error.message == "'petId' must be an integer"


def test_every_parameter_problem_is_reported():
    error = fails(check_parameters, "list_pets", query={"limit": "99", "fat": "x"})
    assert [i.field for i in error.issues] == ["limit", "fat"]


def test_required_parameters(run):
    # path parameters are always required; a missing one cannot be routed, so test directly
    error = fails(check_parameters, "show_pet")
    assert error.issues[0].message == "Missing data for required field."
    assert error.message == "'petId' is required"


# --- 3. content type ----------------------------------------------------------


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("application/json", "application/json"),
        ("text/plain", "text/plain"),
        ("image/webp", "image/*"),
    ],
)
def test_content_type_accepted(content_type, expected):
    media = validate_content_type(
        request_body=operation("brew").request_body,
        content_type=content_type,
        has_body=True,
        status=400,
    )
    assert media is not None and media.media_type == expected


@pytest.mark.parametrize(
    ("content_type", "message"),
    [
        (
            "application/xml",
            "Unsupported Content-Type 'application/xml'; expected one of: application/json",
        ),
        ("", "Missing Content-Type header; expected one of: application/json"),
    ],
)
def test_content_type_refused(content_type, message):
    error = fails(
        validate_content_type,
        request_body=operation("create_pet").request_body,
        content_type=content_type,
        has_body=True,
        status=422,
    )
    assert (error.status, error.message, error.check) == (415, message, "content_type")


def test_no_body():
    args: dict[str, Any] = {"content_type": "", "has_body": False, "status": 400}
    assert validate_content_type(request_body=operation("brew").request_body, **args) is None
    assert validate_content_type(request_body=None, **args) is None
    required = validate_content_type(request_body=operation("create_pet").request_body, **args)
    assert required is not None and required.media_type == "application/json"


def test_body_sent_to_an_operation_without_one_is_ignored(run):
    valid = run("health", request("GET", "/health", body=b"junk", content_type="text/html"))
    assert valid.body is None


# --- 4. size ------------------------------------------------------------------


def test_body_size():
    validate_body_size(size=10, limit=10)
    error = fails(validate_body_size, size=11, limit=10)
    assert (error.status, error.message) == (413, "Request body too large: 11 bytes (limit 10)")


# --- 5. body ------------------------------------------------------------------

VALID_PET = {"name": "Rex", "kind": "dog", "tags": ["good"], "owner": {"email": "a@example.com"}}


def test_json_body(run):
    valid = run("create_pet", request("POST", "/pets", json_body=VALID_PET))
    assert valid.body == VALID_PET
    assert valid.media_type == "application/json"


@pytest.mark.parametrize(
    ("body", "field", "detail", "sentence"),
    [
        ({"kind": "dog"}, "name", "Missing data for required field.", "'name' is required"),
        (
            {**VALID_PET, "name": ""},
            "name",
            "Length must be between 1 and 50.",
            "'name' must be at least 1 characters long",
        ),
        (
            {**VALID_PET, "kind": "fox"},
            "kind",
            "Must be one of: cat, dog, bird.",
            "'kind' must be one of: cat, dog, bird",
        ),
        (
            {**VALID_PET, "age": 41},
            "age",
            "Must be greater than or equal to 0 and less than or equal to 40.",
            "'age' must be <= 40",
        ),
        ({**VALID_PET, "age": "3"}, "age", "Not a valid integer.", "'age' must be an integer"),
        ({**VALID_PET, "age": None}, "age", "Field may not be null.", "'age' may not be null"),
        (
            {**VALID_PET, "birthday": "yesterday"},
            "birthday",
            "Not a valid date.",
            "'birthday' must be a valid date",
        ),
        (
            {**VALID_PET, "tags": ["a", "a"]},
            "tags",
            "Items must be unique.",
            "'tags' must not contain duplicate items",
        ),
        (
            {**VALID_PET, "tags": ["a", "b", "c", "d"]},
            "tags",
            "Longer than maximum length 3.",
            "'tags' must have at most 3 items",
        ),
        (
            {**VALID_PET, "owner": {}},
            "owner.email",
            "Missing data for required field.",
            "'owner.email' is required",
        ),
        (
            {**VALID_PET, "owner": {"email": "nope"}},
            "owner.email",
            "Not a valid email address.",
            "'owner.email' must be a valid email address",
        ),
        (
            {**VALID_PET, "colour": "red"},
            "colour",
            "Unknown field.",
            "'colour' is not an allowed field",
        ),
        ([], "_schema", "Invalid input type.", "request body must be an object"),
    ],
)
def test_json_body_schema_errors(run, body, field, detail, sentence):
    error = fails(run, "create_pet", request("POST", "/pets", json_body=body))
    assert (error.status, error.location, error.field, error.message) == (
        422,
        "json",
        field,
        sentence,
    )
    assert error.issues[0].message == detail


@pytest.mark.parametrize(
    ("body", "rule", "fragment"),
    [
        (b"{", "json", "is not valid JSON"),
        (b"\xff\xfe{}", "utf-8", "is not valid UTF-8"),
        (b'{"name": NaN, "kind": "dog"}', "json", "NaN is not valid JSON"),
        (b"[" * 100_000, "json", "is not valid JSON"),
    ],
)
def test_undecodable_json(run, body, rule, fragment):
    error = fails(
        run, "create_pet", request("POST", "/pets", body=body, content_type="application/json")
    )
    assert error.status == 422
    assert error.issues[0].rule == rule
    assert fragment.lower() in (error.message + error.issues[0].message).lower()


def test_missing_required_body_names_the_missing_fields(run):
    error = fails(run, "create_pet", request("POST", "/pets"))
    assert error.message == "'name' is required"
    assert [i.field for i in error.issues] == ["name", "kind"]


def test_optional_body_may_be_absent(run):
    assert run("brew", request("POST", "/teapot", key=None)).body is None


def test_text_and_binary_bodies(run):
    assert (
        run(
            "brew",
            request("POST", "/teapot", body=b"weak", content_type="text/plain; charset=utf-8"),
        ).body
        == "weak"
    )
    error = fails(
        run, "brew", request("POST", "/teapot", body=b"strong", content_type="text/plain")
    )
    assert error.message == "request body must be at most 5 characters long"
    assert (
        run("brew", request("POST", "/teapot", body=b"\x89PNG", content_type="image/png")).body
        == b"\x89PNG"
    )


def test_urlencoded_form(run):
    valid = run("search_pets", request("POST", "/pets/search", form={"q": "rex", "limit": "3"}))
    assert valid.body == {"q": "rex", "limit": 3}
    # parsed from the raw body when the edge left the form empty
    raw = request(
        "POST",
        "/pets/search",
        body=b"q=rex&limit=4",
        content_type="application/x-www-form-urlencoded",
    )
    assert run("search_pets", raw).body == {"q": "rex", "limit": 4}
    error = fails(
        run, "search_pets", request("POST", "/pets/search", form={"q": "r", "limit": "11"})
    )
    assert [(i.location, i.field) for i in error.issues] == [("form", "q"), ("form", "limit")]


def test_multipart(run):
    photo = upload()
    valid = run(
        "upload_photo",
        request(
            "PUT", "/pets/1/photo", form={"caption": "hi", "rating": "5"}, files={"file": photo}
        ),
    )
    assert valid.body == {"caption": "hi", "rating": 5, "file": photo}


@pytest.mark.parametrize(
    ("form", "files", "location", "field", "rule"),
    [
        ({"caption": "hi"}, {}, "files", "file", "required"),
        ({"file": "not a file"}, {}, "files", "file", "file"),
        ({}, {"file": upload(b"x" * 1025)}, "files", "file", "file_size"),
        ({}, {"file": upload(content_type="image/gif")}, "files", "file", "file_type"),
        ({"rating": "6"}, {"file": upload()}, "form", "rating", "maximum"),
        ({"caption": "x" * 21}, {"file": upload()}, "form", "caption", "maxLength"),
        ({"colour": "red"}, {"file": upload()}, "form", "colour", "additionalProperties"),
        ({}, {"file": upload(), "extra": upload()}, "form", "extra", "additionalProperties"),
        # a scalar field sent twice is not one value; no copy is silently picked
        ({"rating": ["5", "5"]}, {"file": upload()}, "form", "rating", "type"),
        ({"caption": ["a", "b"]}, {"file": upload()}, "form", "caption", "type"),
    ],
)
def test_multipart_errors(run, form, files, location, field, rule):
    error = fails(run, "upload_photo", request("PUT", "/pets/1/photo", form=form, files=files))
    assert (error.status, error.location, error.field, error.issues[0].rule) == (
        400,
        location,
        field,
        rule,
    )


def test_multipart_checks_in_vendor_order(run):
    """A missing file is reported before field errors, which come before size and type."""
    req = request("PUT", "/pets/1/photo", form={"rating": "9"}, files={})
    assert [i.rule for i in fails(run, "upload_photo", req).issues] == ["required", "maximum"]
    req = request(
        "PUT",
        "/pets/1/photo",
        form={"rating": "9"},
        files={"file": upload(b"x" * 2000, "text/plain")},
    )
    assert [i.rule for i in fails(run, "upload_photo", req).issues] == [
        "maximum",
        "file_size",
        "file_type",
    ]


def test_file_size_falls_back_to_files_when_the_body_is_gone(run):
    req = request("PUT", "/pets/1/photo", files={"file": upload(b"x" * 600)})
    assert fails(run, "upload_photo", req, limit=500).status == 413


# --- the pipeline -------------------------------------------------------------


@pytest.mark.parametrize(
    ("req", "check", "status"),
    [
        # wrong key + bad parameter + bad body: security wins
        (request("POST", "/pets", key="bad", json_body=[]), "security", 401),
        # bad content type + bad body: the content type wins
        (request("POST", "/pets", body=b"{", content_type="text/plain"), "content_type", 415),
        # too big + malformed: size wins (the edge refuses big bodies before reading them)
        (
            request("POST", "/pets", body=b"{" * 2000, content_type="application/json"),
            "body_size",
            413,
        ),
        (request("POST", "/pets", body=b"{", content_type="application/json"), "body", 422),
    ],
)
def test_first_failure_wins(run, req, check, status):
    error = fails(run, "create_pet", req, limit=1000)
    assert (error.check, error.status) == (check, status)


def test_validate_body_returns_raw_bytes_for_binary():
    media = operation("brew").request_body.match("image/png")
    req = request("POST", "/teapot", body=b"\x00\x01", content_type="image/png")
    assert validate_body(media=media, request=req, has_body=True, status=400) == b"\x00\x01"
    error = fails(
        validate_body, media=media, request=request("POST", "/teapot"), has_body=False, status=400
    )
    assert error.issues[0].message == "Missing request body."


def test_undeclared_415_is_a_validation_error(run):
    """Operations that declare no 415 answer an undeclared media type as an invalid body."""
    req = request("POST", "/teapot", key=None, body=b"<tea/>", content_type="application/xml")
    error = fails(run, "brew", req)
    assert (error.status, error.check, error.location, error.field) == (
        400,
        "content_type",
        "json",
        "_schema",
    )
    assert error.issues[0].message == "Invalid JSON body."
    req = request("POST", "/pets/search", body=b"{}", content_type="application/json")
    error = fails(run, "search_pets", req)
    assert (error.status, error.location, error.issues[0].message) == (
        400,
        "form",
        "Unsupported media type.",
    )


# --- parameter styles and form fields -----------------------------------------

STYLES: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Styles", "version": "1"},
    "paths": {
        "/styles/{ids}": {
            "get": {
                "operationId": "styles",
                "parameters": [
                    {
                        "name": "ids",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "array", "items": {"type": "integer"}},
                    },
                    {
                        "name": "filter",
                        "in": "query",
                        "style": "deepObject",
                        "schema": {"type": "object", "properties": {"color": {"type": "string"}}},
                    },
                    {
                        "name": "point",
                        "in": "query",
                        "explode": False,
                        "schema": {"type": "object"},
                    },
                    {
                        "name": "where",
                        "in": "query",
                        "content": {
                            "application/json": {"schema": {"type": "object", "required": ["a"]}}
                        },
                    },
                    {
                        "name": "X-Tags",
                        "in": "header",
                        "schema": {"type": "array", "items": {"type": "string"}},
                    },
                    {
                        "name": "session",
                        "in": "cookie",
                        "required": True,
                        "schema": {"type": "string", "minLength": 3},
                    },
                    {
                        "name": "pipes",
                        "in": "query",
                        "style": "pipeDelimited",
                        "schema": {"type": "array", "items": {"type": "number"}},
                    },
                ],
                "responses": {"200": {"description": "ok"}},
            }
        },
        "/forms": {
            "post": {
                "operationId": "forms",
                "requestBody": {
                    "content": {
                        "multipart/form-data": {
                            "schema": {
                                "allOf": [
                                    {
                                        "type": "object",
                                        "properties": {
                                            "nums": {"type": "array", "items": {"type": "integer"}}
                                        },
                                    },
                                    {
                                        "type": "object",
                                        "properties": {
                                            "meta": {
                                                "type": "object",
                                                "properties": {"a": {"type": "integer"}},
                                            },
                                            "doc": {"type": "string"},
                                            "scans": {
                                                "type": "array",
                                                "items": {
                                                    "type": "string",
                                                    "contentMediaType": "image/png",
                                                    "maxLength": 4,
                                                },
                                            },
                                        },
                                    },
                                ]
                            },
                            "encoding": {"doc": {"contentType": "application/json"}},
                        }
                    }
                },
                "responses": {"200": {"description": "ok"}},
            }
        },
    },
}


@cache
def styles_operation(operation_id: str) -> Any:
    spec = compile_spec(STYLES)
    return next(o for o in spec.operations if o.operation_id == operation_id)


def test_parameter_styles():
    params = styles_operation("styles").parameters
    path, query = validate_parameters(
        parameters=params,
        path_params={"ids": "1,2"},
        query={
            "filter[color]": ("red",),
            "point": ("x,1,y,2",),
            "where": ('{"a": 1}',),
            "pipes": ("1.5|2",),
        },
        headers={"x-tags": "a,b"},
        cookies={"session": "abc"},
        status=400,
    )
    assert path == {"ids": [1, 2]}
    assert query["filter"] == {"color": "red"}
    assert query["point"] == {"x": "1", "y": "2"}
    assert query["where"] == {"a": 1}
    assert query["pipes"] == [1.5, 2]


def test_parameter_style_errors():
    error = fails(
        validate_parameters,
        parameters=styles_operation("styles").parameters,
        path_params={"ids": "1,x"},
        query={"where": ("{bad",)},
        headers={},
        cookies={"session": "ab"},
        status=400,
    )
    assert [(i.location, i.field) for i in error.issues] == [
        ("path", "ids.1"),
        ("query", "where"),
        ("cookies", "session"),
    ]


def test_form_fields_are_coerced_by_schema():
    media = styles_operation("forms").request_body.media[0]
    req = request(
        "POST",
        "/forms",
        form={"nums": ["1", "2"], "meta": '{"a": 3}', "doc": '"text"'},
        files={"scans": (upload(b"png"), upload(b"png2"))},
    )
    body = validate_body(media=media, request=req, has_body=True, status=400)
    assert body["nums"] == [1, 2] and body["meta"] == {"a": 3} and body["doc"] == "text"
    assert len(body["scans"]) == 2
    error = fails(
        validate_body,
        media=media,
        request=request("POST", "/forms", form={"nums": "1,x"}, files={"scans": upload(b"12345")}),
        has_body=True,
        status=400,
    )
    assert [(i.field, i.rule) for i in error.issues] == [
        ("nums.1", "type"),
        ("scans.0", "file_size"),
    ]


def test_an_empty_multipart_part_of_an_array_is_one_empty_item():
    # `nums=` sent as a part is the item "" (refused by the item schema), not an empty list
    # that a schema without minItems would accept.
    media = styles_operation("forms").request_body.media[0]
    error = fails(
        validate_body,
        media=media,
        request=request("POST", "/forms", form={"nums": ""}, files={"scans": upload(b"png")}),
        has_body=True,
        status=400,
    )
    assert [(i.field, i.rule) for i in error.issues] == [("nums.0", "type")]


@pytest.mark.parametrize(
    ("schema", "instance", "message", "sentence"),
    [
        (
            {"type": "number", "exclusiveMinimum": 0},
            0,
            "Must be greater than 0.",
            "'v' must be > 0",
        ),
        ({"type": "number", "exclusiveMaximum": 9}, 9, "Must be less than 9.", "'v' must be < 9"),
        (
            {"type": "number", "exclusiveMinimum": 0, "maximum": 9},
            10,
            "Must be greater than 0 and less than or equal to 9.",
            "'v' must be <= 9",
        ),
        (
            {"type": "integer", "multipleOf": 5},
            7,
            "Must be a multiple of 5.",
            "'v' must be a multiple of 5",
        ),
        ({"const": "x"}, "y", "Must be equal to x.", "'v' must be equal to x"),
        (
            {"type": "string", "minLength": 2, "maxLength": 2},
            "abc",
            "Length must be 2.",
            "'v' must be at most 2 characters long",
        ),
        (
            {"type": "string", "minLength": 2},
            "a",
            "Shorter than minimum length 2.",
            "'v' must be at least 2 characters long",
        ),
        (
            {"type": "array", "minItems": 2},
            [1],
            "Shorter than minimum length 2.",
            "'v' must have at least 2 items",
        ),
        (
            {"type": "object", "minProperties": 1},
            {},
            "Must have at least 1 fields.",
            "'v' must have at least 1 fields",
        ),
        (
            {"type": "object", "maxProperties": 0},
            {"a": 1},
            "Must have at most 0 fields.",
            "'v' must have at most 0 fields",
        ),
        (
            {"type": "string", "format": "uuid"},
            "x",
            "Not a valid UUID.",
            "'v' must be a valid UUID",
        ),
        (
            {"type": "string", "format": "date-time"},
            "x",
            "Not a valid datetime.",
            "'v' must be a valid datetime",
        ),
        (
            {"anyOf": [{"type": "string"}, {"type": "integer"}]},
            None,
            "Invalid value.",
            "'v' is not valid",
        ),
        ({"type": "null"}, 1, "Field must be null.", "'v' must be null"),
        ({"type": "boolean"}, "x", "Not a valid boolean.", "'v' must be a boolean"),
        ({"not": {}}, 1, "Invalid value.", "'v' is not valid"),
    ],
)
def test_messages(schema, instance, message, sentence):
    # through a store, so that messages can read the failing schema's other bounds
    store = SchemaStore({"s": schema}, name="test")
    validator = store.validator("#/s")
    found, said = issues_from_errors(
        validator.iter_errors(instance), location="query", prefix=("v",)
    )[0]
    assert (found.message, said) == (message, sentence)
