from __future__ import annotations

import dataclasses
import logging
from typing import Any

import pytest

from mock_server.engine import BaseBehaviour, Call, Engine, EngineOptions
from mock_server.engine._responses import evolve
from mock_server.errors import ConfigError, RequestError, ResponseViolation
from mock_server.media import wire
from mock_server.spec import compile_spec
from mock_server.types import ConnectionFault, RequestData, ResponseData
from mock_server.webhooks import DEFAULT_TIMEOUT
from tests._core import PETS, pets_engine, pets_variant, request, upload


class Recorder(BaseBehaviour):
    """A behaviour that records calls and answers from a script."""

    def __init__(self, answer: Any = None, unrouted: ResponseData | None = None) -> None:
        self.answer = answer
        self.unrouted = unrouted
        self.calls: list[Call] = []
        self.resets = 0

    def handle(self, call: Call) -> ResponseData | None:
        self.calls.append(call)
        if isinstance(self.answer, Exception):
            raise self.answer
        answer: ResponseData | None = self.answer
        return answer

    def handle_unrouted(self, request: RequestData) -> ResponseData | None:
        return self.unrouted

    def reset(self) -> None:
        self.resets += 1


class QuirkyErrors(Recorder):
    """Re-renders request-validation failures, as a vendor behaviour would."""

    def handle_error(
        self, request: RequestData, operation_id: str, error: RequestError
    ) -> ResponseData | None:
        if (
            error.issues
            and error.issues[0].rule == "required"
            and error.issues[0].location == "files"
        ):
            return ResponseData(
                status=400,
                json={"type": "x", "title": "t", "status": 400, "detail": "http: no such file"},
                has_json=True,
                content_type="application/problem+json",
            )
        if error.check == "content_type":
            raise RequestError(status=400, message="request Content-Type isn't multipart/form-data")
        return None


@pytest.fixture
def engine_factory():
    return pets_engine


# --- construction -------------------------------------------------------------


def test_from_path_and_from_dict():
    engine = Engine.from_path(PETS)
    assert engine.title == "Pets API"
    assert engine.operation_ids[:2] == ("list_pets", "create_pet")
    assert engine.options == EngineOptions()
    assert Engine.from_dict(pets_variant()).operation_ids == engine.operation_ids
    assert engine.secret_parameters == (
        ("header", "authorization"),
        ("header", "x-api-key"),
        ("query", "api_key"),
    )


def test_options_are_checked():
    with pytest.raises(ConfigError, match="max_body_bytes"):
        EngineOptions(max_body_bytes=0)


def test_the_journal_names_the_routed_operation(engine_factory):
    engine = engine_factory()
    for method, path, expected in [
        ("GET", "/pets/1", "show_pet"),
        ("HEAD", "/pets/1", "show_pet"),
        ("PATCH", "/pets/1", None),
        ("GET", "/nope", None),
    ]:
        engine.handle(request(method, path))
        assert engine.journal.last.operation_id == expected, (method, path)


# --- routing outcomes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "body"),
    [
        (
            "problem",
            {
                "type": "about:blank",
                "title": "Not Found",
                "status": 404,
                "detail": "No operation matches GET /nope",
            },
        ),
        ("error-key", {"error": "not found", "key": "api_error_not_found"}),
        ("message-detail", {"message": "Not Found", "detail": {}}),
    ],
)
def test_not_found(engine_factory, style, body):
    response = engine_factory(style=style).handle(request("GET", "/nope"))
    assert (response.status, response.json) == (404, body)


def test_unrouted_requests_go_to_the_behaviour(engine_factory):
    answer = ResponseData(status=200, body=b"stored")
    engine = engine_factory(behaviour=Recorder(unrouted=answer))
    assert engine.handle(request("PUT", "/uploads/abc")) is answer
    assert engine_factory(behaviour=Recorder()).handle(request("PUT", "/uploads/abc")).status == 404


@pytest.mark.parametrize(
    ("style", "body"),
    [
        (
            "error-key",
            {
                "error": "method not allowed",
                "key": "api_error_method_not_allowed",
            },
        ),
        ("message-detail", {"message": "Method Not Allowed", "detail": {}}),
    ],
)
def test_method_not_allowed(engine_factory, style, body):
    response = engine_factory(style=style).handle(request("PATCH", "/pets/1"))
    assert (response.status, response.json) == (405, body)
    assert response.headers == {
        "Allow": "GET, HEAD, DELETE, OPTIONS",
        "x-mock-reason": "no route: method PATCH not allowed (allowed: GET, HEAD, DELETE, OPTIONS)",
    }


def test_options(engine_factory):
    response = engine_factory().handle(request("OPTIONS", "/pets", key=None))
    assert (response.status, response.headers, response.body) == (
        204,
        {"Allow": "GET, HEAD, POST, OPTIONS"},
        b"",
    )


def test_cors(engine_factory):
    preflight = request(
        "OPTIONS",
        "/pets",
        key=None,
        headers={
            "Origin": "https://app.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "x-api-key",
        },
    )
    headers = engine_factory(cors=True).handle(preflight).headers
    assert headers["Access-Control-Allow-Origin"] == "https://app.example"
    assert headers["Access-Control-Allow-Methods"] == "GET, HEAD, POST, OPTIONS"
    assert headers["Access-Control-Allow-Headers"] == "x-api-key"
    assert (
        engine_factory(cors=True)
        .handle(request("GET", "/pets"))
        .headers["Access-Control-Allow-Origin"]
        == "*"
    )
    assert "Access-Control-Allow-Origin" not in engine_factory().handle(preflight).headers


def test_trailing_slash_and_base_path(engine_factory):
    assert engine_factory().handle(request("GET", "/pets/")).status == 404
    assert engine_factory(trailing_slash="ignore").handle(request("GET", "/pets/")).status == 200
    assert engine_factory().handle(request("GET", "/api/pets/2")).json["name"] == "Tom"


def test_head_is_served_as_get(engine_factory):
    response = engine_factory().handle(request("HEAD", "/pets/2"))
    assert (response.status, response.json["name"]) == (200, "Tom")


# --- request errors -----------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "body"),
    [
        (
            "error-key",
            {"error": "unauthorized", "key": "api_error_unauthorized"},
        ),
        ("message-detail", {"message": "Unauthorized", "detail": {}}),
        (
            "problem",
            {
                "type": "about:blank",
                "title": "Unauthorized",
                "status": 401,
                "detail": "Missing API key: send it in the 'x-api-key' header",
            },
        ),
    ],
)
def test_unauthorized(engine_factory, style, body):
    response = engine_factory(style=style).handle(request("GET", "/pets", key=None))
    assert (response.status, response.json) == (401, body)


def test_any_key_and_custom_keys(engine_factory):
    assert (
        engine_factory(accept_any_key=True).handle(request("GET", "/pets", key="whatever")).status
        == 200
    )
    keys = frozenset({"k1", "k2"})
    assert (
        engine_factory(accepted_keys=keys).handle(request("GET", "/pets", key="k2")).status == 200
    )
    assert engine_factory(accepted_keys=keys).handle(request("GET", "/pets")).status == 401


def test_validation_errors_use_the_declared_status(engine_factory):
    engine = engine_factory(style="message-detail")
    query = engine.handle(request("GET", "/pets", query={"limit": "99"}))
    assert (query.status, query.json) == (
        400,
        {
            "message": "Validation error",
            "detail": {
                "query": {
                    "limit": ["Must be greater than or equal to 1 and less than or equal to 15."]
                }
            },
        },
    )
    body = engine.handle(request("POST", "/pets", json_body={"kind": "dog"}))
    assert (body.status, body.json) == (
        422,
        {
            "message": "Validation error",
            "detail": {"json": {"name": ["Missing data for required field."]}},
        },
    )


@pytest.mark.parametrize(
    ("req", "status", "key"),
    [
        (
            request("POST", "/pets", body=b"<pet/>", content_type="application/xml"),
            415,
            "api_error_unsupported_media_type",
        ),
        (
            request("POST", "/pets", json_body={"name": "x" * 200, "kind": "dog"}),
            413,
            "api_error_payload_too_large",
        ),
        (
            request("POST", "/pets", body=b"{oops", content_type="application/json"),
            422,
            "api_error_invalid_request",
        ),
    ],
)
def test_body_errors(engine_factory, req, status, key):
    response = engine_factory(style="error-key", max_body_bytes=100).handle(req)
    assert (response.status, response.json["key"]) == (status, key)


def test_error_response(engine_factory):
    engine = engine_factory(style="error-key")
    response = engine.error_response(
        status=413, message="Request body too large", headers={"connection": "close"}
    )
    assert (response.status, response.json, response.headers) == (
        413,
        {"error": "Request body too large", "key": "api_error_payload_too_large"},
        {"connection": "close"},
    )
    response = engine_factory(style="message-detail").error_response(
        status=400, message="Malformed multipart/form-data body", location="body"
    )
    assert response.json == {"message": "Malformed multipart/form-data body", "detail": {}}
    response = engine_factory(style="message-detail").error_response(
        status=422, message="Not a valid file.", field="image", location="files"
    )
    assert response.json == {
        "message": "Validation error",
        "detail": {"files": {"image": ["Not a valid file."]}},
    }


def _with_declared_401(example: dict[str, Any]) -> Engine:
    document = pets_variant(**{"x-mock-error-style": "error-key"})
    document["components"]["responses"]["Unauthorized"] = {
        "description": "Bad key.",
        "content": {"application/json": {"schema": {"type": "object"}, "example": example}},
    }
    document["paths"]["/pets"]["get"]["responses"]["401"] = {
        "$ref": "#/components/responses/Unauthorized"
    }
    return Engine.from_dict(document, options=EngineOptions(strict=True))


def test_a_single_declared_example_is_the_vendor_body_for_engine_errors():
    engine = _with_declared_401({"error": "unauthorized", "key": "api_error_unauthorized"})
    response = engine.handle(request("GET", "/pets", key="wrong"))
    assert (response.status, response.json) == (
        401,
        {"error": "unauthorized", "key": "api_error_unauthorized"},
    )
    response.json["error"] = "changed"
    assert engine.handle(request("GET", "/pets", key=None)).json["error"] == "unauthorized"
    assert (
        engine.error_response(status=401, message="x", operation_id="list_pets").json["error"]
        == "x"
    )


# --- behaviours ---------------------------------------------------------------


def test_behaviour_receives_a_parsed_call(engine_factory):
    recorder = Recorder()
    engine = engine_factory(behaviour=recorder)
    engine.handle(
        request(
            "GET",
            "/pets",
            query={"limit": "3", "tags": ["cat", "dog"], "extra": "x"},
            headers={"Cookie": "session=abc"},
        )
    )
    call = recorder.calls[-1]
    assert (call.operation_id, call.query, call.body, call.media_type) == (
        "list_pets",
        {"limit": 3, "tags": ["cat", "dog"], "extra": "x"},
        None,
        None,
    )
    assert call.cookies == {"session": "abc"}
    engine.handle(request("PUT", "/pets/7/photo", form={"rating": "4"}, files={"file": upload()}))
    call = recorder.calls[-1]
    assert call.path_params == {"petId": 7}
    assert call.body == {"rating": 4, "file": upload()}
    assert call.media_type == "multipart/form-data"
    assert call.headers["x-api-key"] == "test-key"


def test_behaviour_answers_and_errors(engine_factory):
    answer = ResponseData(
        status=200,
        json={"id": 9, "name": "Bo", "kind": "bird"},
        has_json=True,
        content_type="application/json",
    )
    assert engine_factory(behaviour=Recorder(answer)).handle(request("GET", "/pets/9")) is answer
    failing = Recorder(
        RequestError(status=404, message="Pet 9 not found", key="api_error_pet_not_found")
    )
    response = engine_factory(style="error-key", behaviour=failing).handle(
        request("GET", "/pets/9")
    )
    assert (response.status, response.json) == (
        404,
        {"error": "Pet 9 not found", "key": "api_error_pet_not_found"},
    )
    response = engine_factory(style="message-detail", behaviour=failing).handle(
        request("GET", "/pets/9")
    )
    assert response.json == {"message": "Pet 9 not found", "detail": {}}


def test_behaviour_is_skipped_for_invalid_requests_and_prefer(engine_factory):
    recorder = Recorder(ResponseData(status=500))
    engine = engine_factory(behaviour=recorder)
    assert engine.handle(request("GET", "/pets/0")).status == 400
    assert (
        engine.handle(request("GET", "/pets/2", headers={"Prefer": "example=dog"})).json["name"]
        == "Rex"
    )
    assert recorder.calls == []


def test_reset(engine_factory):
    recorder = Recorder()
    engine_factory(behaviour=recorder).reset()
    assert recorder.resets == 1
    engine_factory().reset()  # no behaviour: nothing to reset but the random stream


def test_handle_error_hook(engine_factory):
    engine = engine_factory(behaviour=QuirkyErrors())
    missing_file = engine.handle(request("PUT", "/pets/1/photo", files={}))
    assert (missing_file.status, missing_file.json["detail"]) == (400, "http: no such file")
    wrong_type = engine.handle(
        request("PUT", "/pets/1/photo", body=b"{}", content_type="application/json")
    )
    assert (wrong_type.status, wrong_type.json["detail"]) == (
        400,
        "request Content-Type isn't multipart/form-data",
    )
    too_big = engine.handle(request("PUT", "/pets/1/photo", files={"file": upload(b"x" * 2000)}))
    assert (too_big.status, too_big.json["errors"][0]["message"]) == (
        400,
        "File larger than 1024 bytes.",
    )


# --- self-check ---------------------------------------------------------------

BAD_PET = ResponseData(
    status=200, json={"id": "nine"}, has_json=True, content_type="application/json"
)


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (BAD_PET, 'body: "name" is a required property'),
        (
            ResponseData(status=200, json={"id": 0, "name": "x", "kind": "cat"}, has_json=True),
            "body.id: 0 is less than the minimum of 1",
        ),
        (
            ResponseData(status=201, json={}, has_json=True),
            "status 201 is not declared (declared: 200, 404)",
        ),
        (
            ResponseData(status=200, body=b"<x/>", content_type="text/xml"),
            "media type 'text/xml' is not declared for 200",
        ),
        (ResponseData(status=200), "status 200 declares a body but none was sent"),
    ],
)
def test_strict_self_check_raises(engine_factory, answer, message):
    engine = engine_factory(strict=True, behaviour=Recorder(answer))
    assert engine.handle(request("GET", "/pets/9")).status == 500
    with pytest.raises(ResponseViolation) as info:
        engine.check()
    assert (info.value.operation_id, info.value.status) == ("show_pet", answer.status)
    assert message in info.value.message
    engine.check()  # reported once


def test_self_check_warns_when_not_strict(engine_factory, caplog):
    engine = engine_factory(behaviour=Recorder(BAD_PET))
    with caplog.at_level(logging.WARNING, logger="mock_server"):
        answer = engine.handle(request("GET", "/pets/9"))
    assert answer == BAD_PET  # served as the behaviour gave it
    assert answer.note == 'response breaks the spec: body: "name" is a required property'
    assert "does not match the spec: show_pet -> 200" in caplog.text
    engine.check()  # not strict: a warning, not a failure


def test_self_check_of_other_responses(engine_factory):
    engine = engine_factory(strict=True, behaviour=Recorder(ResponseData(status=204, body=b"gone")))
    engine.handle(request("DELETE", "/pets/1"))
    with pytest.raises(ResponseViolation, match="declares no body"):
        engine.check()
    headerless = ResponseData(status=200, json={"data": [], "total": 0}, has_json=True)
    other = engine_factory(strict=True, behaviour=Recorder(headerless))
    other.handle(request("GET", "/pets"))
    with pytest.raises(ResponseViolation, match="required header 'X-Total-Count' is missing"):
        other.check()


def test_engine_errors_for_undeclared_statuses_are_not_violations(engine_factory):
    # search_pets declares no 400 or 401: the engine's own errors still answer, unchecked
    engine = engine_factory(strict=True)
    json_body = request("POST", "/pets/search", body=b"{}", content_type="application/json")
    assert engine.handle(json_body).status == 400
    assert engine.handle(request("POST", "/pets/search", key=None, form={"q": "rex"})).status == 401


def test_invalid_spec_example_is_a_violation_in_strict_mode():
    document = pets_variant()
    document["paths"]["/pets"]["post"]["responses"]["201"]["content"]["application/json"][
        "example"
    ] = {"id": "one"}
    req = request("POST", "/pets", json_body={"name": "Rex", "kind": "dog"})
    strict = Engine.from_dict(document, options=EngineOptions(strict=True))
    assert strict.handle(req).status == 500
    with pytest.raises(ResponseViolation, match="body"):
        strict.check()
    assert Engine.from_dict(document).handle(req).json == {"id": "one"}


def test_every_operation_answers_valid_requests_in_strict_mode(engine_factory):
    engine = engine_factory(strict=True)
    requests = [
        request("GET", "/pets"),
        request("POST", "/pets", json_body={"name": "Rex", "kind": "dog"}),
        request("GET", "/pets/mine"),
        request("GET", "/pets/1"),
        request("DELETE", "/pets/1"),
        request("PUT", "/pets/1/photo", files={"file": upload()}),
        request("GET", "/pets/1/photo"),
        request("POST", "/pets/search", form={"q": "rex"}),
        request("GET", "/health", key=None),
        request("GET", "/tree", key=None),
        request("GET", "/composed", key=None),
        request("GET", "/bearer", key=None, headers={"Authorization": "Bearer test-key"}),
        request("GET", "/query-key", key=None, query={"api_key": "test-key"}),
        request("POST", "/teapot", key=None, json_body={"strength": 3}),
    ]
    statuses = [engine.handle(r).status for r in requests]
    assert statuses == [200, 201, 200, 200, 204, 200, 200, 200, 200, 200, 200, 200, 200, 418]
    assert len(requests) == len(engine.operation_ids)


def test_unknown_preferences_do_not_bypass_the_behaviour(engine_factory):
    recorder = Recorder()
    engine_factory(behaviour=recorder).handle(
        request("GET", "/pets/2", headers={"Prefer": "return=minimal"})
    )
    assert len(recorder.calls) == 1


def _pets(name: str) -> dict[str, Any]:
    ok = {"description": "ok", "content": {"application/json": {"example": [{"name": name}]}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": f"Pets {name}", "version": "1"},
        "paths": {"/pets": {"get": {"operationId": "list_pets", "responses": {"200": ok}}}},
    }


def test_reload_is_atomic_a_request_in_flight_finishes_on_its_spec() -> None:
    class ReloadsMidRequest(BaseBehaviour):
        def handle(self, call: Call) -> ResponseData | None:
            engine.reload(compile_spec(_pets("Max")))  # lands while this request runs
            return None  # the synthesized answer: from the spec the request started on

    engine = Engine.from_dict(_pets("Rex"), behaviour=ReloadsMidRequest())
    assert engine.handle(RequestData(method="GET", path="/pets")).json == [{"name": "Rex"}]
    assert engine.title == "Pets Max"
    engine.behaviour = BaseBehaviour()
    assert engine.handle(RequestData(method="GET", path="/pets")).json == [{"name": "Max"}]


@pytest.mark.parametrize(
    "changes",
    [
        {"headers": {"X-A": "1"}},
        {"note": "why"},
        {"delay_seconds": 0.25},
        {"headers": {}, "note": "both", "delay_seconds": 1.0},
    ],
)
def test_evolve_is_dataclasses_replace_without_the_wire_form(changes: dict[str, Any]) -> None:
    original = ResponseData(
        status=418,
        headers={"X-Old": "1"},
        json={"a": [1]},
        has_json=True,
        content_type="application/json",
        connection_fault=ConnectionFault.RESET,
        note="before",
    )
    wire(original)  # memoized on the original: a new header list must not reuse it
    changed = evolve(original, **changes)
    expected = dataclasses.replace(original, **changes)
    assert changed == expected
    assert changed.note == expected.note
    assert changed.encoded is None
    assert original.encoded is not None
    assert original.headers == {"X-Old": "1"}


def test_the_webhook_timeout_follows_the_spec_and_its_reloads():
    engine = pets_engine()
    assert engine.webhooks.timeout == DEFAULT_TIMEOUT
    engine.reload(compile_spec(pets_variant(**{"x-mock-webhook-timeout": 10})))
    assert engine.webhooks.timeout == 10.0
