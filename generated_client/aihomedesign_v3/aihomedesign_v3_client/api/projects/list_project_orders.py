from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.list_project_orders_sort import ListProjectOrdersSort
from ...models.order_list_envelope import OrderListEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    project_id: str,
    *,
    page: int | Unset = 1,
    limit: int | Unset = 10,
    sort: ListProjectOrdersSort | Unset = ListProjectOrdersSort.DESC,
    width: int | Unset = UNSET,
    height: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["limit"] = limit

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    params["width"] = width

    params["height"] = height

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/project/{project_id}/orders".format(
            project_id=quote(str(project_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | OrderListEnvelope | None:
    if response.status_code == 200:
        response_200 = OrderListEnvelope.from_dict(response.json())

        return response_200

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
) -> Response[ApiError | OrderListEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 10,
    sort: ListProjectOrdersSort | Unset = ListProjectOrdersSort.DESC,
    width: int | Unset = UNSET,
    height: int | Unset = UNSET,
) -> Response[ApiError | OrderListEnvelope]:
    """List the orders of a project

     The project's orders with their assets and processes, `limit` per page (at most
    30). The docs name the page "Fetch Orders Inside a Project" without printing its
    path; `/orders` is a decision (AHD3-Q8).

    Args:
        project_id (str):
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 10.
        sort (ListProjectOrdersSort | Unset):  Default: ListProjectOrdersSort.DESC.
        width (int | Unset):
        height (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | OrderListEnvelope]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        page=page,
        limit=limit,
        sort=sort,
        width=width,
        height=height,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    project_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 10,
    sort: ListProjectOrdersSort | Unset = ListProjectOrdersSort.DESC,
    width: int | Unset = UNSET,
    height: int | Unset = UNSET,
) -> ApiError | OrderListEnvelope | None:
    """List the orders of a project

     The project's orders with their assets and processes, `limit` per page (at most
    30). The docs name the page "Fetch Orders Inside a Project" without printing its
    path; `/orders` is a decision (AHD3-Q8).

    Args:
        project_id (str):
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 10.
        sort (ListProjectOrdersSort | Unset):  Default: ListProjectOrdersSort.DESC.
        width (int | Unset):
        height (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | OrderListEnvelope
    """

    return sync_detailed(
        project_id=project_id,
        client=client,
        page=page,
        limit=limit,
        sort=sort,
        width=width,
        height=height,
    ).parsed


async def asyncio_detailed(
    project_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 10,
    sort: ListProjectOrdersSort | Unset = ListProjectOrdersSort.DESC,
    width: int | Unset = UNSET,
    height: int | Unset = UNSET,
) -> Response[ApiError | OrderListEnvelope]:
    """List the orders of a project

     The project's orders with their assets and processes, `limit` per page (at most
    30). The docs name the page "Fetch Orders Inside a Project" without printing its
    path; `/orders` is a decision (AHD3-Q8).

    Args:
        project_id (str):
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 10.
        sort (ListProjectOrdersSort | Unset):  Default: ListProjectOrdersSort.DESC.
        width (int | Unset):
        height (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | OrderListEnvelope]
    """

    kwargs = _get_kwargs(
        project_id=project_id,
        page=page,
        limit=limit,
        sort=sort,
        width=width,
        height=height,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    project_id: str,
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 10,
    sort: ListProjectOrdersSort | Unset = ListProjectOrdersSort.DESC,
    width: int | Unset = UNSET,
    height: int | Unset = UNSET,
) -> ApiError | OrderListEnvelope | None:
    """List the orders of a project

     The project's orders with their assets and processes, `limit` per page (at most
    30). The docs name the page "Fetch Orders Inside a Project" without printing its
    path; `/orders` is a decision (AHD3-Q8).

    Args:
        project_id (str):
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 10.
        sort (ListProjectOrdersSort | Unset):  Default: ListProjectOrdersSort.DESC.
        width (int | Unset):
        height (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | OrderListEnvelope
    """

    return (
        await asyncio_detailed(
            project_id=project_id,
            client=client,
            page=page,
            limit=limit,
            sort=sort,
            width=width,
            height=height,
        )
    ).parsed
