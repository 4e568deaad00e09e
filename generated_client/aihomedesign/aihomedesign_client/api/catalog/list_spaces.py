from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.catalog_service_name import CatalogServiceName
from ...models.space_list import SpaceList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    service_name: CatalogServiceName,
    active: bool | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_service_name = service_name.value
    params["service_name"] = json_service_name

    params["active"] = active

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/catalog/spaces",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ApiError | SpaceList | None:
    if response.status_code == 200:
        response_200 = SpaceList.from_dict(response.json())

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
) -> Response[ApiError | SpaceList]:
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
    active: bool | Unset = UNSET,
) -> Response[ApiError | SpaceList]:
    """List the spaces of a service

     Lists the spaces (room types) a service offers; send a space's `name` as
    `space_name` in `list_widgets` and `submit_order`.

    - `service_name` is required. Both `service-creative-designer` (the upload value)
      and `service-ai-creative-designer` (the docs' catalog example) name AI Interior
      Design. Missing or other values → `400` with key `api_error_invalid_request`.
    - Services without spaces (`service-day-to-dusk`, `service-item-removal`,
      `service-item-removal-mask`) answer `{"data": []}`.
    - `active=true` returns active spaces only; `active=false` or no `active`
      returns every space of the service, inactive ones included (decision).
    - Spaces come sorted by `priority`, then `name`.

    The docs show no `x-api-key` header for this page; the mock requires the key
    anyway (decision: the safe direction, and the unofficial SDK always sends it).
    `service_ids`, `priority` and `is_multi_space` are read by that SDK only.

    Args:
        service_name (CatalogServiceName): A service in the catalog queries. `service-ai-creative-
            designer` (the docs' catalog example) is accepted as an alias of `service-creative-
            designer`. Example: service-ai-creative-designer.
        active (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | SpaceList]
    """

    kwargs = _get_kwargs(
        service_name=service_name,
        active=active,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    service_name: CatalogServiceName,
    active: bool | Unset = UNSET,
) -> ApiError | SpaceList | None:
    """List the spaces of a service

     Lists the spaces (room types) a service offers; send a space's `name` as
    `space_name` in `list_widgets` and `submit_order`.

    - `service_name` is required. Both `service-creative-designer` (the upload value)
      and `service-ai-creative-designer` (the docs' catalog example) name AI Interior
      Design. Missing or other values → `400` with key `api_error_invalid_request`.
    - Services without spaces (`service-day-to-dusk`, `service-item-removal`,
      `service-item-removal-mask`) answer `{"data": []}`.
    - `active=true` returns active spaces only; `active=false` or no `active`
      returns every space of the service, inactive ones included (decision).
    - Spaces come sorted by `priority`, then `name`.

    The docs show no `x-api-key` header for this page; the mock requires the key
    anyway (decision: the safe direction, and the unofficial SDK always sends it).
    `service_ids`, `priority` and `is_multi_space` are read by that SDK only.

    Args:
        service_name (CatalogServiceName): A service in the catalog queries. `service-ai-creative-
            designer` (the docs' catalog example) is accepted as an alias of `service-creative-
            designer`. Example: service-ai-creative-designer.
        active (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | SpaceList
    """

    return sync_detailed(
        client=client,
        service_name=service_name,
        active=active,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    service_name: CatalogServiceName,
    active: bool | Unset = UNSET,
) -> Response[ApiError | SpaceList]:
    """List the spaces of a service

     Lists the spaces (room types) a service offers; send a space's `name` as
    `space_name` in `list_widgets` and `submit_order`.

    - `service_name` is required. Both `service-creative-designer` (the upload value)
      and `service-ai-creative-designer` (the docs' catalog example) name AI Interior
      Design. Missing or other values → `400` with key `api_error_invalid_request`.
    - Services without spaces (`service-day-to-dusk`, `service-item-removal`,
      `service-item-removal-mask`) answer `{"data": []}`.
    - `active=true` returns active spaces only; `active=false` or no `active`
      returns every space of the service, inactive ones included (decision).
    - Spaces come sorted by `priority`, then `name`.

    The docs show no `x-api-key` header for this page; the mock requires the key
    anyway (decision: the safe direction, and the unofficial SDK always sends it).
    `service_ids`, `priority` and `is_multi_space` are read by that SDK only.

    Args:
        service_name (CatalogServiceName): A service in the catalog queries. `service-ai-creative-
            designer` (the docs' catalog example) is accepted as an alias of `service-creative-
            designer`. Example: service-ai-creative-designer.
        active (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | SpaceList]
    """

    kwargs = _get_kwargs(
        service_name=service_name,
        active=active,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    service_name: CatalogServiceName,
    active: bool | Unset = UNSET,
) -> ApiError | SpaceList | None:
    """List the spaces of a service

     Lists the spaces (room types) a service offers; send a space's `name` as
    `space_name` in `list_widgets` and `submit_order`.

    - `service_name` is required. Both `service-creative-designer` (the upload value)
      and `service-ai-creative-designer` (the docs' catalog example) name AI Interior
      Design. Missing or other values → `400` with key `api_error_invalid_request`.
    - Services without spaces (`service-day-to-dusk`, `service-item-removal`,
      `service-item-removal-mask`) answer `{"data": []}`.
    - `active=true` returns active spaces only; `active=false` or no `active`
      returns every space of the service, inactive ones included (decision).
    - Spaces come sorted by `priority`, then `name`.

    The docs show no `x-api-key` header for this page; the mock requires the key
    anyway (decision: the safe direction, and the unofficial SDK always sends it).
    `service_ids`, `priority` and `is_multi_space` are read by that SDK only.

    Args:
        service_name (CatalogServiceName): A service in the catalog queries. `service-ai-creative-
            designer` (the docs' catalog example) is accepted as an alias of `service-creative-
            designer`. Example: service-ai-creative-designer.
        active (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | SpaceList
    """

    return (
        await asyncio_detailed(
            client=client,
            service_name=service_name,
            active=active,
        )
    ).parsed
