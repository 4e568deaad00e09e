from __future__ import annotations

import pytest

from mock_server._render import ErrorRenderer, default_key, reason
from mock_server.errors import (
    ConfigError,
    FieldIssue,
    MockServerError,
    RequestError,
    ResponseViolation,
    SpecError,
)


@pytest.mark.parametrize("cls", [SpecError, ConfigError, ResponseViolation, RequestError])
def test_one_root(cls):
    assert issubclass(cls, MockServerError)


def test_readable_strings():
    assert (
        str(ResponseViolation(operation_id="get_pet", status=200, message="body.id: bad"))
        == "get_pet -> 200: body.id: bad"
    )
    assert str(RequestError(status=404, message="Order not found")) == "404: Order not found"
    assert FieldIssue(location="json", path=("images", 0, "id"), message="x").field == "images.0.id"


def test_errors_are_hashable_and_raisable():
    error = RequestError(status=400, message="m")
    with pytest.raises(RequestError):
        raise error
    assert len({error, RequestError(status=400, message="m")}) == 2


@pytest.mark.parametrize(
    ("status", "key"),
    [
        (400, "api_error_invalid_request"),
        (401, "api_error_unauthorized"),
        (404, "api_error_not_found"),
        (405, "api_error_method_not_allowed"),
        (413, "api_error_payload_too_large"),
        (415, "api_error_unsupported_media_type"),
        (422, "api_error_invalid_request"),
        (418, "api_error_i_m_a_teapot"),
        (599, "api_error_error"),
    ],
)
def test_default_keys(status, key):
    assert default_key(status) == key


def test_reason():
    assert reason(422) == "Unprocessable Entity"
    assert reason(299) == "Error"


ISSUES = (
    FieldIssue(location="json", path=("name",), message="Missing data for required field."),
    FieldIssue(location="json", path=("images", 0, "id"), message="Not a valid string."),
    FieldIssue(location="json", path=("images", 0, "id"), message="Longer than maximum length 3."),
    FieldIssue(location="query", path=("per_page",), message="Must be less than or equal to 15."),
)
VALIDATION = RequestError(
    status=422, message="'name' is required", field="name", location="json", issues=ISSUES
)


@pytest.mark.parametrize(
    ("style", "error", "generic", "content_type", "body"),
    [
        (
            "error-key",
            VALIDATION,
            False,
            "application/json",
            {"error": "'name' is required", "key": "api_error_invalid_request"},
        ),
        (
            "error-key",
            RequestError(status=404, message="order not found", key="api_error_order_not_found"),
            False,
            "application/json",
            {"error": "order not found", "key": "api_error_order_not_found"},
        ),
        (
            "error-key",
            RequestError(status=401, message="Missing API key"),
            True,
            "application/json",
            {"error": "unauthorized", "key": "api_error_unauthorized"},
        ),
        (
            "message-detail",
            VALIDATION,
            False,
            "application/json",
            {
                "message": "Validation error",
                "detail": {
                    "json": {
                        "name": ["Missing data for required field."],
                        "images": ["Not a valid string.", "Longer than maximum length 3."],
                    },
                    "query": {"per_page": ["Must be less than or equal to 15."]},
                },
            },
        ),
        (
            "message-detail",
            RequestError(
                status=401, message="Missing API key", field="x-api-key", location="headers"
            ),
            True,
            "application/json",
            {"message": "Unauthorized", "detail": {}},
        ),
        (
            "message-detail",
            RequestError(status=404, message="Order not found"),
            False,
            "application/json",
            {"message": "Order not found", "detail": {}},
        ),
        (
            "message-detail",
            RequestError(status=422, message="Order id taken", field="order_id", location="json"),
            False,
            "application/json",
            {"message": "Validation error", "detail": {"json": {"order_id": ["Order id taken"]}}},
        ),
        (
            "problem",
            RequestError(status=415, message="Unsupported Content-Type 'text/plain'"),
            True,
            "application/problem+json",
            {
                "type": "about:blank",
                "title": "Unsupported Media Type",
                "status": 415,
                "detail": "Unsupported Content-Type 'text/plain'",
            },
        ),
        (
            "problem",
            RequestError(status=400, message="'limit' must be <= 15", issues=ISSUES[3:]),
            False,
            "application/problem+json",
            {
                "type": "about:blank",
                "title": "Bad Request",
                "status": 400,
                "detail": "'limit' must be <= 15",
                "errors": [
                    {
                        "location": "query",
                        "field": "per_page",
                        "message": "Must be less than or equal to 15.",
                    }
                ],
            },
        ),
    ],
)
def test_render(style, error, generic, content_type, body):
    response = ErrorRenderer(style).render(error, generic=generic)
    assert (response.status, response.content_type, response.has_json) == (
        error.status,
        content_type,
        True,
    )
    assert response.json == body


def test_render_keeps_headers():
    error = RequestError(status=405, message="no", headers={"Allow": "GET"})
    assert ErrorRenderer("error-key").render(error).headers == {"Allow": "GET"}


def test_detail_is_flat_under_the_top_level_field():
    issues = (
        FieldIssue(location="json", path=("owner",), message="Invalid value."),
        FieldIssue(location="json", path=("owner", "email"), message="Not a valid email address."),
        FieldIssue(location="json", path=("owner", "name"), message="Invalid value."),
    )
    error = RequestError(status=422, message="m", issues=issues)
    detail = ErrorRenderer("message-detail").render(error).json["detail"]
    assert detail == {"json": {"owner": ["Invalid value.", "Not a valid email address."]}}
