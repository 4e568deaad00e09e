from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.legacy_widget_item_list import LegacyWidgetItemList
from ...types import Response


def _get_kwargs(
    widget_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/catalog/widgets/{widget_id}/items".format(
            widget_id=quote(str(widget_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | LegacyWidgetItemList | None:
    if response.status_code == 200:
        response_200 = LegacyWidgetItemList.from_dict(response.json())

        return response_200

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
) -> Response[ApiError | LegacyWidgetItemList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    widget_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ApiError | LegacyWidgetItemList]:
    """List the items of one widget (legacy)

     Legacy endpoint from the older docs page "Get Widget Items"; newer docs use
    `list_widgets` (`/v1/catalog/items/filter`), which embeds the items. Kept because
    the vendor documented it for v1; the mock serves it from the same catalog.

    Items come in catalog order, each with its `widget_id` and `is_active` (always
    `true` in the mock's catalog). An unknown `widget_id` answers `404 {"error":
    "widget not found", "key": "api_error_widget_not_found"}` (decision). The key is
    required.

    Args:
        widget_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | LegacyWidgetItemList]
    """

    kwargs = _get_kwargs(
        widget_id=widget_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    widget_id: str,
    *,
    client: AuthenticatedClient,
) -> ApiError | LegacyWidgetItemList | None:
    """List the items of one widget (legacy)

     Legacy endpoint from the older docs page "Get Widget Items"; newer docs use
    `list_widgets` (`/v1/catalog/items/filter`), which embeds the items. Kept because
    the vendor documented it for v1; the mock serves it from the same catalog.

    Items come in catalog order, each with its `widget_id` and `is_active` (always
    `true` in the mock's catalog). An unknown `widget_id` answers `404 {"error":
    "widget not found", "key": "api_error_widget_not_found"}` (decision). The key is
    required.

    Args:
        widget_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | LegacyWidgetItemList
    """

    return sync_detailed(
        widget_id=widget_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    widget_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ApiError | LegacyWidgetItemList]:
    """List the items of one widget (legacy)

     Legacy endpoint from the older docs page "Get Widget Items"; newer docs use
    `list_widgets` (`/v1/catalog/items/filter`), which embeds the items. Kept because
    the vendor documented it for v1; the mock serves it from the same catalog.

    Items come in catalog order, each with its `widget_id` and `is_active` (always
    `true` in the mock's catalog). An unknown `widget_id` answers `404 {"error":
    "widget not found", "key": "api_error_widget_not_found"}` (decision). The key is
    required.

    Args:
        widget_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | LegacyWidgetItemList]
    """

    kwargs = _get_kwargs(
        widget_id=widget_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    widget_id: str,
    *,
    client: AuthenticatedClient,
) -> ApiError | LegacyWidgetItemList | None:
    """List the items of one widget (legacy)

     Legacy endpoint from the older docs page "Get Widget Items"; newer docs use
    `list_widgets` (`/v1/catalog/items/filter`), which embeds the items. Kept because
    the vendor documented it for v1; the mock serves it from the same catalog.

    Items come in catalog order, each with its `widget_id` and `is_active` (always
    `true` in the mock's catalog). An unknown `widget_id` answers `404 {"error":
    "widget not found", "key": "api_error_widget_not_found"}` (decision). The key is
    required.

    Args:
        widget_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | LegacyWidgetItemList
    """

    return (
        await asyncio_detailed(
            widget_id=widget_id,
            client=client,
        )
    ).parsed
