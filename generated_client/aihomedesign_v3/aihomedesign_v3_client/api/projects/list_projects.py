from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.list_projects_sort import ListProjectsSort
from ...models.project_list_envelope import ProjectListEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = 1,
    limit: int | Unset = 10,
    sort: ListProjectsSort | Unset = ListProjectsSort.DESC,
    s: str | Unset = UNSET,
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

    params["s"] = s

    params["width"] = width

    params["height"] = height

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/project",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | ProjectListEnvelope | None:
    if response.status_code == 200:
        response_200 = ProjectListEnvelope.from_dict(response.json())

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
) -> Response[ApiError | ProjectListEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 10,
    sort: ListProjectsSort | Unset = ListProjectsSort.DESC,
    s: str | Unset = UNSET,
    width: int | Unset = UNSET,
    height: int | Unset = UNSET,
) -> Response[ApiError | ProjectListEnvelope]:
    """List projects

     The caller's projects, `limit` per page (at most 30), newest first by default.
    `s` filters on the address (case-insensitive substring). A `limit` over 30 or a
    `page` under 1 answers 400 (AHD3-Q7).

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 10.
        sort (ListProjectsSort | Unset):  Default: ListProjectsSort.DESC.
        s (str | Unset):
        width (int | Unset):
        height (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | ProjectListEnvelope]
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
        sort=sort,
        s=s,
        width=width,
        height=height,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 10,
    sort: ListProjectsSort | Unset = ListProjectsSort.DESC,
    s: str | Unset = UNSET,
    width: int | Unset = UNSET,
    height: int | Unset = UNSET,
) -> ApiError | ProjectListEnvelope | None:
    """List projects

     The caller's projects, `limit` per page (at most 30), newest first by default.
    `s` filters on the address (case-insensitive substring). A `limit` over 30 or a
    `page` under 1 answers 400 (AHD3-Q7).

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 10.
        sort (ListProjectsSort | Unset):  Default: ListProjectsSort.DESC.
        s (str | Unset):
        width (int | Unset):
        height (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | ProjectListEnvelope
    """

    return sync_detailed(
        client=client,
        page=page,
        limit=limit,
        sort=sort,
        s=s,
        width=width,
        height=height,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 10,
    sort: ListProjectsSort | Unset = ListProjectsSort.DESC,
    s: str | Unset = UNSET,
    width: int | Unset = UNSET,
    height: int | Unset = UNSET,
) -> Response[ApiError | ProjectListEnvelope]:
    """List projects

     The caller's projects, `limit` per page (at most 30), newest first by default.
    `s` filters on the address (case-insensitive substring). A `limit` over 30 or a
    `page` under 1 answers 400 (AHD3-Q7).

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 10.
        sort (ListProjectsSort | Unset):  Default: ListProjectsSort.DESC.
        s (str | Unset):
        width (int | Unset):
        height (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | ProjectListEnvelope]
    """

    kwargs = _get_kwargs(
        page=page,
        limit=limit,
        sort=sort,
        s=s,
        width=width,
        height=height,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page: int | Unset = 1,
    limit: int | Unset = 10,
    sort: ListProjectsSort | Unset = ListProjectsSort.DESC,
    s: str | Unset = UNSET,
    width: int | Unset = UNSET,
    height: int | Unset = UNSET,
) -> ApiError | ProjectListEnvelope | None:
    """List projects

     The caller's projects, `limit` per page (at most 30), newest first by default.
    `s` filters on the address (case-insensitive substring). A `limit` over 30 or a
    `page` under 1 answers 400 (AHD3-Q7).

    Args:
        page (int | Unset):  Default: 1.
        limit (int | Unset):  Default: 10.
        sort (ListProjectsSort | Unset):  Default: ListProjectsSort.DESC.
        s (str | Unset):
        width (int | Unset):
        height (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | ProjectListEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            limit=limit,
            sort=sort,
            s=s,
            width=width,
            height=height,
        )
    ).parsed
