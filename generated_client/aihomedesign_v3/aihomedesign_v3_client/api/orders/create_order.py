from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.create_order_form import CreateOrderForm
from ...models.order_envelope import OrderEnvelope
from ...types import Response


def _get_kwargs(
    *,
    body: CreateOrderForm,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/order",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | OrderEnvelope | None:
    if response.status_code == 201:
        response_201 = OrderEnvelope.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ApiError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ApiError.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ApiError.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiError | OrderEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateOrderForm,
) -> Response[ApiError | OrderEnvelope]:
    """Create an order (upload images)

     Uploads one or more photos in one `multipart/form-data` request and creates an
    order. Send one `asset_file` part per image, and per image its role, positionally:
    the live API takes the singular `asset_role` (what the official client sends);
    the docs' plural `asset_roles` is accepted too (AHD3-Q2). An image without a role
    is `primary_angle`.

    Roles: `primary_angle` (exactly one per order), `secondary_angle` (at most one),
    `mask` (binary mask for mask tools: blue `#7878CD` = remove, black = keep).

    `project_id` is optional; without it the order goes to the caller's default
    project, created on first use with `default: true` (AHD3-Q3).

    Checks, in this order: key → `401`; no `asset_file` part, a part that is not
    JPEG, PNG or WEBP, an unknown role, more roles than files, both `asset_role` and
    `asset_roles`, or a role count breaking the rule above → `400`; an unknown
    `project_id` → `404`.

    Args:
        body (CreateOrderForm): The upload form; parts may repeat, roles align with files by
            position.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | OrderEnvelope]
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
    body: CreateOrderForm,
) -> ApiError | OrderEnvelope | None:
    """Create an order (upload images)

     Uploads one or more photos in one `multipart/form-data` request and creates an
    order. Send one `asset_file` part per image, and per image its role, positionally:
    the live API takes the singular `asset_role` (what the official client sends);
    the docs' plural `asset_roles` is accepted too (AHD3-Q2). An image without a role
    is `primary_angle`.

    Roles: `primary_angle` (exactly one per order), `secondary_angle` (at most one),
    `mask` (binary mask for mask tools: blue `#7878CD` = remove, black = keep).

    `project_id` is optional; without it the order goes to the caller's default
    project, created on first use with `default: true` (AHD3-Q3).

    Checks, in this order: key → `401`; no `asset_file` part, a part that is not
    JPEG, PNG or WEBP, an unknown role, more roles than files, both `asset_role` and
    `asset_roles`, or a role count breaking the rule above → `400`; an unknown
    `project_id` → `404`.

    Args:
        body (CreateOrderForm): The upload form; parts may repeat, roles align with files by
            position.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | OrderEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateOrderForm,
) -> Response[ApiError | OrderEnvelope]:
    """Create an order (upload images)

     Uploads one or more photos in one `multipart/form-data` request and creates an
    order. Send one `asset_file` part per image, and per image its role, positionally:
    the live API takes the singular `asset_role` (what the official client sends);
    the docs' plural `asset_roles` is accepted too (AHD3-Q2). An image without a role
    is `primary_angle`.

    Roles: `primary_angle` (exactly one per order), `secondary_angle` (at most one),
    `mask` (binary mask for mask tools: blue `#7878CD` = remove, black = keep).

    `project_id` is optional; without it the order goes to the caller's default
    project, created on first use with `default: true` (AHD3-Q3).

    Checks, in this order: key → `401`; no `asset_file` part, a part that is not
    JPEG, PNG or WEBP, an unknown role, more roles than files, both `asset_role` and
    `asset_roles`, or a role count breaking the rule above → `400`; an unknown
    `project_id` → `404`.

    Args:
        body (CreateOrderForm): The upload form; parts may repeat, roles align with files by
            position.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | OrderEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateOrderForm,
) -> ApiError | OrderEnvelope | None:
    """Create an order (upload images)

     Uploads one or more photos in one `multipart/form-data` request and creates an
    order. Send one `asset_file` part per image, and per image its role, positionally:
    the live API takes the singular `asset_role` (what the official client sends);
    the docs' plural `asset_roles` is accepted too (AHD3-Q2). An image without a role
    is `primary_angle`.

    Roles: `primary_angle` (exactly one per order), `secondary_angle` (at most one),
    `mask` (binary mask for mask tools: blue `#7878CD` = remove, black = keep).

    `project_id` is optional; without it the order goes to the caller's default
    project, created on first use with `default: true` (AHD3-Q3).

    Checks, in this order: key → `401`; no `asset_file` part, a part that is not
    JPEG, PNG or WEBP, an unknown role, more roles than files, both `asset_role` and
    `asset_roles`, or a role count breaking the rule above → `400`; an unknown
    `project_id` → `404`.

    Args:
        body (CreateOrderForm): The upload form; parts may repeat, roles align with files by
            position.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | OrderEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
