from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...models.organization_in import OrganizationIn
from ...models.organization_out import OrganizationOut
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: OrganizationIn | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/organizations/",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPError | OrganizationOut | ValidationError | None:
    if response.status_code == 200:
        response_200 = OrganizationOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = HTTPError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = HTTPError.from_dict(response.json())

        return response_401

    if response.status_code == 422:
        response_422 = ValidationError.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = HTTPError.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[HTTPError | OrganizationOut | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: OrganizationIn | Unset = UNSET,
) -> Response[HTTPError | OrganizationOut | ValidationError]:
    """Create Organization

     Creates an organization owned by the caller's account. The API reference's
    "Organizations" page (https://docs.autoenhance.ai/api/organizations, OpenAPI
    `info.version` `2026-10-01`) documents `POST /v3/organizations/` with `x-api-key`
    auth, the body `OrganizationIn` (`additionalProperties: false`; `name`: "Unique
    (case-insensitive) organization name."; `billing_user_id`: nullable, default
    `null`, "User ID to act as billing user; defaults to owner.") and the answer
    `OrganizationOut`.

    Decisions where the page is silent (the stored copy stops before the page's
    response map):
    * Success is `200` with the organization (`OrganizationOut`), as every other
      create of this API (and APIFlask's default status).
    * `organization_id` is a server-generated UUIDv4 (the API's ID format for
      orders, images and brackets); `is_deleted` is `false`; `owner_id` is the
      account's user ID (the `user_id` of its images); `billing_user_id` is the one
      sent, or `owner_id` when it is absent or `null` (the mock has no user
      directory, so any string is accepted); `users` lists the members' user IDs,
      the owner alone at creation.
    * `name` is not required (the page's schema has no `required` list); without
      it the name is `""`, as for orders. So the body itself may be left out: it is
      validated as `{}` (webargs reads a missing JSON body so), which is valid.
    * Names are unique case-insensitively (the page's words): a name already used by
      an organization of the mock, in any case, answers `422`
      `{"detail": {"json": {"name": ["Organization name already exists."]}}, "message": "Validation
    error"}`,
      like a duplicate `order_id` (AE-Q1); `409` is not used.
    * Unknown body fields answer `422` `"Unknown field."` (`additionalProperties:
      false`); a wrong type answers marshmallow's message (`Not a valid string.`).
    * Organizations live in the mock's memory: a reset forgets them, and each
      session has its own. No other organization operation is modelled (the page
      shows only this one).

    Args:
        body (OrganizationIn | Unset): Body of Create Organization, as the vendor's page shows it:
            no field is required, unknown fields are refused. Example: {'name': 'Acme Realty'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | OrganizationOut | ValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: OrganizationIn | Unset = UNSET,
) -> HTTPError | OrganizationOut | ValidationError | None:
    """Create Organization

     Creates an organization owned by the caller's account. The API reference's
    "Organizations" page (https://docs.autoenhance.ai/api/organizations, OpenAPI
    `info.version` `2026-10-01`) documents `POST /v3/organizations/` with `x-api-key`
    auth, the body `OrganizationIn` (`additionalProperties: false`; `name`: "Unique
    (case-insensitive) organization name."; `billing_user_id`: nullable, default
    `null`, "User ID to act as billing user; defaults to owner.") and the answer
    `OrganizationOut`.

    Decisions where the page is silent (the stored copy stops before the page's
    response map):
    * Success is `200` with the organization (`OrganizationOut`), as every other
      create of this API (and APIFlask's default status).
    * `organization_id` is a server-generated UUIDv4 (the API's ID format for
      orders, images and brackets); `is_deleted` is `false`; `owner_id` is the
      account's user ID (the `user_id` of its images); `billing_user_id` is the one
      sent, or `owner_id` when it is absent or `null` (the mock has no user
      directory, so any string is accepted); `users` lists the members' user IDs,
      the owner alone at creation.
    * `name` is not required (the page's schema has no `required` list); without
      it the name is `""`, as for orders. So the body itself may be left out: it is
      validated as `{}` (webargs reads a missing JSON body so), which is valid.
    * Names are unique case-insensitively (the page's words): a name already used by
      an organization of the mock, in any case, answers `422`
      `{"detail": {"json": {"name": ["Organization name already exists."]}}, "message": "Validation
    error"}`,
      like a duplicate `order_id` (AE-Q1); `409` is not used.
    * Unknown body fields answer `422` `"Unknown field."` (`additionalProperties:
      false`); a wrong type answers marshmallow's message (`Not a valid string.`).
    * Organizations live in the mock's memory: a reset forgets them, and each
      session has its own. No other organization operation is modelled (the page
      shows only this one).

    Args:
        body (OrganizationIn | Unset): Body of Create Organization, as the vendor's page shows it:
            no field is required, unknown fields are refused. Example: {'name': 'Acme Realty'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | OrganizationOut | ValidationError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: OrganizationIn | Unset = UNSET,
) -> Response[HTTPError | OrganizationOut | ValidationError]:
    """Create Organization

     Creates an organization owned by the caller's account. The API reference's
    "Organizations" page (https://docs.autoenhance.ai/api/organizations, OpenAPI
    `info.version` `2026-10-01`) documents `POST /v3/organizations/` with `x-api-key`
    auth, the body `OrganizationIn` (`additionalProperties: false`; `name`: "Unique
    (case-insensitive) organization name."; `billing_user_id`: nullable, default
    `null`, "User ID to act as billing user; defaults to owner.") and the answer
    `OrganizationOut`.

    Decisions where the page is silent (the stored copy stops before the page's
    response map):
    * Success is `200` with the organization (`OrganizationOut`), as every other
      create of this API (and APIFlask's default status).
    * `organization_id` is a server-generated UUIDv4 (the API's ID format for
      orders, images and brackets); `is_deleted` is `false`; `owner_id` is the
      account's user ID (the `user_id` of its images); `billing_user_id` is the one
      sent, or `owner_id` when it is absent or `null` (the mock has no user
      directory, so any string is accepted); `users` lists the members' user IDs,
      the owner alone at creation.
    * `name` is not required (the page's schema has no `required` list); without
      it the name is `""`, as for orders. So the body itself may be left out: it is
      validated as `{}` (webargs reads a missing JSON body so), which is valid.
    * Names are unique case-insensitively (the page's words): a name already used by
      an organization of the mock, in any case, answers `422`
      `{"detail": {"json": {"name": ["Organization name already exists."]}}, "message": "Validation
    error"}`,
      like a duplicate `order_id` (AE-Q1); `409` is not used.
    * Unknown body fields answer `422` `"Unknown field."` (`additionalProperties:
      false`); a wrong type answers marshmallow's message (`Not a valid string.`).
    * Organizations live in the mock's memory: a reset forgets them, and each
      session has its own. No other organization operation is modelled (the page
      shows only this one).

    Args:
        body (OrganizationIn | Unset): Body of Create Organization, as the vendor's page shows it:
            no field is required, unknown fields are refused. Example: {'name': 'Acme Realty'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | OrganizationOut | ValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: OrganizationIn | Unset = UNSET,
) -> HTTPError | OrganizationOut | ValidationError | None:
    """Create Organization

     Creates an organization owned by the caller's account. The API reference's
    "Organizations" page (https://docs.autoenhance.ai/api/organizations, OpenAPI
    `info.version` `2026-10-01`) documents `POST /v3/organizations/` with `x-api-key`
    auth, the body `OrganizationIn` (`additionalProperties: false`; `name`: "Unique
    (case-insensitive) organization name."; `billing_user_id`: nullable, default
    `null`, "User ID to act as billing user; defaults to owner.") and the answer
    `OrganizationOut`.

    Decisions where the page is silent (the stored copy stops before the page's
    response map):
    * Success is `200` with the organization (`OrganizationOut`), as every other
      create of this API (and APIFlask's default status).
    * `organization_id` is a server-generated UUIDv4 (the API's ID format for
      orders, images and brackets); `is_deleted` is `false`; `owner_id` is the
      account's user ID (the `user_id` of its images); `billing_user_id` is the one
      sent, or `owner_id` when it is absent or `null` (the mock has no user
      directory, so any string is accepted); `users` lists the members' user IDs,
      the owner alone at creation.
    * `name` is not required (the page's schema has no `required` list); without
      it the name is `""`, as for orders. So the body itself may be left out: it is
      validated as `{}` (webargs reads a missing JSON body so), which is valid.
    * Names are unique case-insensitively (the page's words): a name already used by
      an organization of the mock, in any case, answers `422`
      `{"detail": {"json": {"name": ["Organization name already exists."]}}, "message": "Validation
    error"}`,
      like a duplicate `order_id` (AE-Q1); `409` is not used.
    * Unknown body fields answer `422` `"Unknown field."` (`additionalProperties:
      false`); a wrong type answers marshmallow's message (`Not a valid string.`).
    * Organizations live in the mock's memory: a reset forgets them, and each
      session has its own. No other organization operation is modelled (the page
      shows only this one).

    Args:
        body (OrganizationIn | Unset): Body of Create Organization, as the vendor's page shows it:
            no field is required, unknown fields are refused. Example: {'name': 'Acme Realty'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | OrganizationOut | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
