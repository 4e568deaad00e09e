from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.create_process_envelope import CreateProcessEnvelope
from ...models.create_process_request import CreateProcessRequest
from ...types import Response


def _get_kwargs(
    *,
    body: CreateProcessRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/process",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | CreateProcessEnvelope | None:
    if response.status_code == 201:
        response_201 = CreateProcessEnvelope.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ApiError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ApiError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ApiError.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ApiError.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = ApiError.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = ApiError.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiError | CreateProcessEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateProcessRequest,
) -> Response[ApiError | CreateProcessEnvelope]:
    """Create a process (run a tool)

     Starts one AI job: `tool` on the order's assets. `asset_map` maps each input slot
    of the tool (`<tool>-input-image`, ...) to an asset id of the order; `widgets`
    lists `{slug, item_slugs}` per widget (`widget-<purpose>-<tool>`,
    `item-<value>-<widget>`). See `GET /api/tools` and the tool reference for each
    tool's slots, widgets and items (the mock's catalog is the official client's
    `app/catalog.py`, AHD3-Q5).

    The process starts `pending`, turns `processing`, and ends `done` (with
    `final_assets`) or `failed`; then the `process.completed` webhook is sent.

    Checks, in this order (first failure wins): key → `401`; a missing or mistyped
    field → `400`; unknown `order_id` → `404`; unknown or unavailable `tool` →
    `422 api_error_tool_not_found`; a tool the plan lacks → `403`; `asset_map`
    without every slot of the tool, or with another key → `422
    api_error_invalid_asset_map`; an asset id not in the order → `404`; a mask slot
    not mapped to a `mask` asset → `422`; an unknown widget, an item not of its
    widget, two items on a single-select widget, a required widget missing → `422`;
    the rate limit (10 processes per 10 minutes per key, AHD3-Q11) → `429`.

    `process_group_id` links a process to an earlier one of the same order (mask
    tools); unknown → `404`. Item Removal Mask processes answer a new group id when
    none is given.

    Args:
        body (CreateProcessRequest): A tool to run on an order's assets.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | CreateProcessEnvelope]
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
    body: CreateProcessRequest,
) -> ApiError | CreateProcessEnvelope | None:
    """Create a process (run a tool)

     Starts one AI job: `tool` on the order's assets. `asset_map` maps each input slot
    of the tool (`<tool>-input-image`, ...) to an asset id of the order; `widgets`
    lists `{slug, item_slugs}` per widget (`widget-<purpose>-<tool>`,
    `item-<value>-<widget>`). See `GET /api/tools` and the tool reference for each
    tool's slots, widgets and items (the mock's catalog is the official client's
    `app/catalog.py`, AHD3-Q5).

    The process starts `pending`, turns `processing`, and ends `done` (with
    `final_assets`) or `failed`; then the `process.completed` webhook is sent.

    Checks, in this order (first failure wins): key → `401`; a missing or mistyped
    field → `400`; unknown `order_id` → `404`; unknown or unavailable `tool` →
    `422 api_error_tool_not_found`; a tool the plan lacks → `403`; `asset_map`
    without every slot of the tool, or with another key → `422
    api_error_invalid_asset_map`; an asset id not in the order → `404`; a mask slot
    not mapped to a `mask` asset → `422`; an unknown widget, an item not of its
    widget, two items on a single-select widget, a required widget missing → `422`;
    the rate limit (10 processes per 10 minutes per key, AHD3-Q11) → `429`.

    `process_group_id` links a process to an earlier one of the same order (mask
    tools); unknown → `404`. Item Removal Mask processes answer a new group id when
    none is given.

    Args:
        body (CreateProcessRequest): A tool to run on an order's assets.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | CreateProcessEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateProcessRequest,
) -> Response[ApiError | CreateProcessEnvelope]:
    """Create a process (run a tool)

     Starts one AI job: `tool` on the order's assets. `asset_map` maps each input slot
    of the tool (`<tool>-input-image`, ...) to an asset id of the order; `widgets`
    lists `{slug, item_slugs}` per widget (`widget-<purpose>-<tool>`,
    `item-<value>-<widget>`). See `GET /api/tools` and the tool reference for each
    tool's slots, widgets and items (the mock's catalog is the official client's
    `app/catalog.py`, AHD3-Q5).

    The process starts `pending`, turns `processing`, and ends `done` (with
    `final_assets`) or `failed`; then the `process.completed` webhook is sent.

    Checks, in this order (first failure wins): key → `401`; a missing or mistyped
    field → `400`; unknown `order_id` → `404`; unknown or unavailable `tool` →
    `422 api_error_tool_not_found`; a tool the plan lacks → `403`; `asset_map`
    without every slot of the tool, or with another key → `422
    api_error_invalid_asset_map`; an asset id not in the order → `404`; a mask slot
    not mapped to a `mask` asset → `422`; an unknown widget, an item not of its
    widget, two items on a single-select widget, a required widget missing → `422`;
    the rate limit (10 processes per 10 minutes per key, AHD3-Q11) → `429`.

    `process_group_id` links a process to an earlier one of the same order (mask
    tools); unknown → `404`. Item Removal Mask processes answer a new group id when
    none is given.

    Args:
        body (CreateProcessRequest): A tool to run on an order's assets.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | CreateProcessEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateProcessRequest,
) -> ApiError | CreateProcessEnvelope | None:
    """Create a process (run a tool)

     Starts one AI job: `tool` on the order's assets. `asset_map` maps each input slot
    of the tool (`<tool>-input-image`, ...) to an asset id of the order; `widgets`
    lists `{slug, item_slugs}` per widget (`widget-<purpose>-<tool>`,
    `item-<value>-<widget>`). See `GET /api/tools` and the tool reference for each
    tool's slots, widgets and items (the mock's catalog is the official client's
    `app/catalog.py`, AHD3-Q5).

    The process starts `pending`, turns `processing`, and ends `done` (with
    `final_assets`) or `failed`; then the `process.completed` webhook is sent.

    Checks, in this order (first failure wins): key → `401`; a missing or mistyped
    field → `400`; unknown `order_id` → `404`; unknown or unavailable `tool` →
    `422 api_error_tool_not_found`; a tool the plan lacks → `403`; `asset_map`
    without every slot of the tool, or with another key → `422
    api_error_invalid_asset_map`; an asset id not in the order → `404`; a mask slot
    not mapped to a `mask` asset → `422`; an unknown widget, an item not of its
    widget, two items on a single-select widget, a required widget missing → `422`;
    the rate limit (10 processes per 10 minutes per key, AHD3-Q11) → `429`.

    `process_group_id` links a process to an earlier one of the same order (mask
    tools); unknown → `404`. Item Removal Mask processes answer a new group id when
    none is given.

    Args:
        body (CreateProcessRequest): A tool to run on an order's assets.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | CreateProcessEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
