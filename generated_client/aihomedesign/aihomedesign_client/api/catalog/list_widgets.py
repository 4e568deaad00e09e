from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.catalog_service_name import CatalogServiceName
from ...models.widget_list import WidgetList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    service_name: CatalogServiceName,
    space_name: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_service_name = service_name.value
    params["service_name"] = json_service_name

    params["space_name"] = space_name

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/catalog/items/filter",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ApiError | WidgetList | None:
    if response.status_code == 200:
        response_200 = WidgetList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ApiError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ApiError.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiError | WidgetList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    service_name: CatalogServiceName,
    space_name: str | Unset = UNSET,
) -> Response[ApiError | WidgetList]:
    """List the widgets and items of a service and space

     Lists the widgets (with their items) for a service and space. Send a widget's
    `id` and one of its items' `id` as `selected_widgets[].id` and `.item_id`.
    `is_optional: false` marks a mandatory widget. `type` is `single-select` (pick
    one item) or `multi-select` (pick several, one `selected_widgets` element each).

    - `service_name` is required and accepts the same values as `list_spaces`
      (missing or unknown → `400`, key `api_error_invalid_request`).
    - Space-based services (virtual staging, interior design, image enhancement):
      `space_name` missing, empty or not a space of the service → `400 {"error":
      "space not found", "key": "api_error_space_not_found"}`.
    - Other services ignore `space_name`: day to dusk lists its Sky Style widget,
      item removal and item removal mask answer `{"data": []}`.
    - Widgets come sorted by `priority`; items in catalog order.

    The key is required (same decision as `list_spaces`).

    Args:
        service_name (CatalogServiceName): A service in the catalog queries. `service-ai-creative-
            designer` (the docs' catalog example) is accepted as an alias of `service-creative-
            designer`. Example: service-ai-creative-designer.
        space_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | WidgetList]
    """

    kwargs = _get_kwargs(
        service_name=service_name,
        space_name=space_name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    service_name: CatalogServiceName,
    space_name: str | Unset = UNSET,
) -> ApiError | WidgetList | None:
    """List the widgets and items of a service and space

     Lists the widgets (with their items) for a service and space. Send a widget's
    `id` and one of its items' `id` as `selected_widgets[].id` and `.item_id`.
    `is_optional: false` marks a mandatory widget. `type` is `single-select` (pick
    one item) or `multi-select` (pick several, one `selected_widgets` element each).

    - `service_name` is required and accepts the same values as `list_spaces`
      (missing or unknown → `400`, key `api_error_invalid_request`).
    - Space-based services (virtual staging, interior design, image enhancement):
      `space_name` missing, empty or not a space of the service → `400 {"error":
      "space not found", "key": "api_error_space_not_found"}`.
    - Other services ignore `space_name`: day to dusk lists its Sky Style widget,
      item removal and item removal mask answer `{"data": []}`.
    - Widgets come sorted by `priority`; items in catalog order.

    The key is required (same decision as `list_spaces`).

    Args:
        service_name (CatalogServiceName): A service in the catalog queries. `service-ai-creative-
            designer` (the docs' catalog example) is accepted as an alias of `service-creative-
            designer`. Example: service-ai-creative-designer.
        space_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | WidgetList
    """

    return sync_detailed(
        client=client,
        service_name=service_name,
        space_name=space_name,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    service_name: CatalogServiceName,
    space_name: str | Unset = UNSET,
) -> Response[ApiError | WidgetList]:
    """List the widgets and items of a service and space

     Lists the widgets (with their items) for a service and space. Send a widget's
    `id` and one of its items' `id` as `selected_widgets[].id` and `.item_id`.
    `is_optional: false` marks a mandatory widget. `type` is `single-select` (pick
    one item) or `multi-select` (pick several, one `selected_widgets` element each).

    - `service_name` is required and accepts the same values as `list_spaces`
      (missing or unknown → `400`, key `api_error_invalid_request`).
    - Space-based services (virtual staging, interior design, image enhancement):
      `space_name` missing, empty or not a space of the service → `400 {"error":
      "space not found", "key": "api_error_space_not_found"}`.
    - Other services ignore `space_name`: day to dusk lists its Sky Style widget,
      item removal and item removal mask answer `{"data": []}`.
    - Widgets come sorted by `priority`; items in catalog order.

    The key is required (same decision as `list_spaces`).

    Args:
        service_name (CatalogServiceName): A service in the catalog queries. `service-ai-creative-
            designer` (the docs' catalog example) is accepted as an alias of `service-creative-
            designer`. Example: service-ai-creative-designer.
        space_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | WidgetList]
    """

    kwargs = _get_kwargs(
        service_name=service_name,
        space_name=space_name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    service_name: CatalogServiceName,
    space_name: str | Unset = UNSET,
) -> ApiError | WidgetList | None:
    """List the widgets and items of a service and space

     Lists the widgets (with their items) for a service and space. Send a widget's
    `id` and one of its items' `id` as `selected_widgets[].id` and `.item_id`.
    `is_optional: false` marks a mandatory widget. `type` is `single-select` (pick
    one item) or `multi-select` (pick several, one `selected_widgets` element each).

    - `service_name` is required and accepts the same values as `list_spaces`
      (missing or unknown → `400`, key `api_error_invalid_request`).
    - Space-based services (virtual staging, interior design, image enhancement):
      `space_name` missing, empty or not a space of the service → `400 {"error":
      "space not found", "key": "api_error_space_not_found"}`.
    - Other services ignore `space_name`: day to dusk lists its Sky Style widget,
      item removal and item removal mask answer `{"data": []}`.
    - Widgets come sorted by `priority`; items in catalog order.

    The key is required (same decision as `list_spaces`).

    Args:
        service_name (CatalogServiceName): A service in the catalog queries. `service-ai-creative-
            designer` (the docs' catalog example) is accepted as an alias of `service-creative-
            designer`. Example: service-ai-creative-designer.
        space_name (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | WidgetList
    """

    return (
        await asyncio_detailed(
            client=client,
            service_name=service_name,
            space_name=space_name,
        )
    ).parsed
