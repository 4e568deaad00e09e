"""Autoenhance organizations: Create Organization as the API reference's page shows it.

https://docs.autoenhance.ai/api/organizations (OpenAPI ``info.version`` 2026-10-01)
documents ``POST /v3/organizations/`` with ``x-api-key`` auth, ``OrganizationIn``
(``additionalProperties: false``; ``name``, "Unique (case-insensitive) organization
name."; ``billing_user_id``, nullable, "defaults to owner") and ``OrganizationOut``.
What the page leaves open is decided in the spec (``openapi/DECISIONS.md``, the rows
"Organizations: ..."). Requests go through ``Engine.handle`` in strict mode, so every answer
is also checked against the spec; the generated client runs in-process.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
import pytest
from autoenhance_client import AuthenticatedClient
from autoenhance_client.api.organizations import create_organization
from autoenhance_client.models import HTTPError, OrganizationIn, OrganizationOut, ValidationError

from mock_server import AutoenhanceMock, Fault
from mock_server.clock import Clock
from mock_server.engine import Engine, EngineOptions
from mock_server.server import EngineTransport
from mock_server.site import Site
from mock_server.types import RequestData, ResponseData
from mock_server.vendors import build_engine
from mock_server.vendors.autoenhance._store import USER_ID
from tests._core import KEY

PAGE = "https://docs.autoenhance.ai/api/organizations"
PATH = "/v3/organizations/"
UNAUTHORIZED = {"detail": {}, "message": "Unauthorized"}


def _engine(seed: int | None = 0) -> Engine:
    return build_engine(
        "autoenhance",
        clock=Clock(manual=True),
        options=EngineOptions(strict=True, accepted_keys=frozenset({KEY}), seed=seed),
    )


@pytest.fixture
def engine() -> Engine:
    return _engine()


def post(engine: Engine, body: Any, *, headers: dict[str, str] | None = None) -> ResponseData:
    """POST the body as JSON, with the key unless ``headers`` replace it."""
    sent = {"x-api-key": KEY} if headers is None else headers
    return engine.handle(
        RequestData(
            method="POST",
            path=PATH,
            headers={**sent, "content-type": "application/json"},
            body=json.dumps(body).encode(),
        )
    )


def invalid(field: str, message: str) -> dict[str, Any]:
    return {"detail": {"json": {field: [message]}}, "message": "Validation error"}


# --- the page's request ---------------------------------------------------------------


def test_the_pages_request_creates_an_organization_billed_to_its_owner(engine: Engine) -> None:
    """PAGE: POST /v3/organizations/ with x-api-key and OrganizationIn's two fields."""
    response = post(engine, {"name": "Acme Realty", "billing_user_id": None})
    assert response.status == 200, response.json
    body = response.json
    assert uuid.UUID(body.pop("organization_id")).version == 4
    assert body == {
        "billing_user_id": USER_ID,
        "is_deleted": False,
        "name": "Acme Realty",
        "owner_id": USER_ID,
        "users": [USER_ID],
    }
    engine.check()


def test_a_named_billing_user_is_kept_and_the_name_is_optional(engine: Engine) -> None:
    billed = post(engine, {"name": "Lettings", "billing_user_id": "user-2"}).json
    assert (billed["billing_user_id"], billed["owner_id"]) == ("user-2", USER_ID)
    bodiless = engine.handle(RequestData(method="POST", path=PATH, headers={"x-api-key": KEY}))
    assert (bodiless.status, bodiless.json["name"]) == (200, "")
    assert post(engine, {}).json == invalid("name", "Organization name already exists.")
    engine.check()


# --- uniqueness ------------------------------------------------------------------------


@pytest.mark.parametrize("again", ["Acme Realty", "ACME REALTY", "acme realty", "Acme realty"])
def test_a_name_is_unique_whatever_its_case(engine: Engine, again: str) -> None:
    """PAGE: "Unique (case-insensitive) organization name."."""
    assert post(engine, {"name": "Acme Realty"}).status == 200
    refused = post(engine, {"name": again})
    assert (refused.status, refused.json) == (
        422,
        invalid("name", "Organization name already exists."),
    )
    assert post(engine, {"name": "Acme Realty 2"}).status == 200
    engine.check()


def test_ids_are_distinct_and_seeded(engine: Engine) -> None:
    first = [post(engine, {"name": f"org {n}"}).json["organization_id"] for n in range(3)]
    again = _engine()
    assert [post(again, {"name": f"org {n}"}).json["organization_id"] for n in range(3)] == first
    assert len(set(first)) == 3
    other = _engine(seed=7)
    assert post(other, {"name": "org 0"}).json["organization_id"] != first[0]


# --- refusals --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"name": "A", "owner_id": USER_ID}, invalid("owner_id", "Unknown field.")),
        ({"name": "A", "users": []}, invalid("users", "Unknown field.")),
        ({"name": 5}, invalid("name", "Not a valid string.")),
        ({"name": "A", "billing_user_id": 7}, invalid("billing_user_id", "Not a valid string.")),
        (["Acme"], invalid("_schema", "Invalid input type.")),
    ],
    ids=["owner_id", "users", "name-type", "billing-type", "array"],
)
def test_what_organization_in_does_not_allow_is_refused(
    engine: Engine, body: Any, expected: dict[str, Any]
) -> None:
    """PAGE: OrganizationIn is additionalProperties: false with two string fields."""
    response = post(engine, body)
    assert (response.status, response.json) == (422, expected)
    assert post(engine, {"name": "A"}).status == 200  # nothing was stored
    engine.check()


@pytest.mark.parametrize("headers", [{}, {"x-api-key": "wrong"}], ids=["none", "wrong"])
def test_the_key_is_required_and_checked_first(engine: Engine, headers: dict[str, str]) -> None:
    """PAGE: security ApiKeyAuth (x-api-key); 401 wins over 422."""
    for body in ({"name": "Acme"}, {"name": 5}):
        response = post(engine, body, headers=headers)
        assert (response.status, response.json) == (401, UNAUTHORIZED)
    assert post(engine, {"name": "Acme"}).status == 200
    engine.check()


def test_malformed_json_is_a_bad_request(engine: Engine) -> None:
    response = engine.handle(
        RequestData(
            method="POST",
            path=PATH,
            headers={"x-api-key": KEY, "content-type": "application/json"},
            body=b'{"name": ',
        )
    )
    assert (response.status, response.json) == (400, {"detail": {}, "message": "Bad Request"})


# --- state -----------------------------------------------------------------------------


def test_a_reset_forgets_organizations_and_restarts_the_ids(engine: Engine) -> None:
    first = post(engine, {"name": "Acme"}).json["organization_id"]
    engine.reset()
    again = post(engine, {"name": "ACME"})
    assert again.status == 200
    assert again.json["organization_id"] == first


def test_each_session_has_its_own_organizations() -> None:
    site = Site(_engine(seed=None))
    site.serve_sessions(lambda name: Site(_engine(seed=None), name=name), max_sessions=2)
    with httpx.Client(transport=EngineTransport(site), base_url="http://mock.test") as client:
        for prefix in ("/~one", "/~two", ""):
            created = client.post(
                f"{prefix}{PATH}", json={"name": "Acme"}, headers={"x-api-key": KEY}
            )
            assert created.status_code == 200, (prefix, created.text)
        refused = client.post(f"/~one{PATH}", json={"name": "acme"}, headers={"x-api-key": KEY})
        assert refused.status_code == 422


# --- the generated client --------------------------------------------------------------


def test_the_generated_client_creates_organizations() -> None:
    options = EngineOptions(strict=True, accepted_keys=frozenset({KEY}))
    with AutoenhanceMock(options=options) as mock:
        client = mock.client()
        made = create_organization.sync(client=client, body=OrganizationIn(name="Acme Realty"))
        assert isinstance(made, OrganizationOut)
        assert (made.name, made.owner_id, made.users) == ("Acme Realty", USER_ID, [USER_ID])
        assert made.billing_user_id == USER_ID and made.is_deleted is False
        taken = create_organization.sync(client=client, body=OrganizationIn(name="acme REALTY"))
        assert isinstance(taken, ValidationError)
        assert taken.detail.to_dict() == {"json": {"name": ["Organization name already exists."]}}
        anonymous = create_organization.sync_detailed(
            client=AuthenticatedClient(
                base_url=mock.in_process_url,
                token="wrong",
                prefix="",
                auth_header_name="x-api-key",
                httpx_args={"transport": mock.transport},
            ),
            body=OrganizationIn(name="Other"),
        )
        assert anonymous.status_code == 401 and isinstance(anonymous.parsed, HTTPError)
        mock.engine.reset()
        again = create_organization.sync(client=client, body=OrganizationIn(name="ACME REALTY"))
        assert isinstance(again, OrganizationOut) and again.organization_id == made.organization_id
        mock.check()


def test_the_generated_client_parses_an_injected_429() -> None:
    """https://docs.autoenhance.ai/rate-limits: any request may get 429; the spec declares
    it, so the client (which raises on undeclared statuses) parses the vendor's body.
    """
    with AutoenhanceMock() as mock:
        mock.faults.set("create_organization", Fault(status=429, times=1))
        limited = create_organization.sync_detailed(
            client=mock.client(), body=OrganizationIn(name="Acme")
        )
        assert limited.status_code == 429 and isinstance(limited.parsed, HTTPError)
        assert limited.parsed.message == "Too Many Requests"
        assert isinstance(
            create_organization.sync(client=mock.client(), body=OrganizationIn(name="Acme")),
            OrganizationOut,
        )
