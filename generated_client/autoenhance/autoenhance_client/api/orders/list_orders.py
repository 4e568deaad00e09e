from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...models.order_sort import OrderSort
from ...models.orders_out import OrdersOut
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    offset: str | Unset = UNSET,
    per_page: int | Unset = 5,
    q: str | Unset = UNSET,
    sort: OrderSort | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_api_version, Unset):
        headers["x-api-version"] = x_api_version

    params: dict[str, Any] = {}

    params["offset"] = offset

    params["per_page"] = per_page

    params["q"] = q

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/orders/",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPError | OrdersOut | ValidationError | None:
    if response.status_code == 200:
        response_200 = OrdersOut.from_dict(response.json())

        return response_200

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
) -> Response[HTTPError | OrdersOut | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    offset: str | Unset = UNSET,
    per_page: int | Unset = 5,
    q: str | Unset = UNSET,
    sort: OrderSort | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> Response[HTTPError | OrdersOut | ValidationError]:
    """List Orders

     Lists the orders for the current user.

    Decisions where the vendor is silent:
    * The mock is single-account: every valid key sees the same orders.
    * Orders are listed newest first (`created_at` descending; orders created in the
      same instant: the later-created first). Deleted orders are not listed.
    * `per_page` defaults to 5. Above 15 it is clamped to 15, as the parameter's own
      description says ("may have a smaller number than requested if too large");
      `pagination.per_page` then shows 15. Below 1 answers `422`
      `{"query": {"per_page": ["Must be greater than or equal to 1."]}}` (the minimum
      is not in SDK 1.1.0).
    * `q` (current docs) keeps the orders whose `name` contains it, ignoring case.
    * `sort` (current docs): `name` / `-name` sorts by name (ties: newest first),
      `date` / `-date` by creation time, oldest or newest first. Without `sort` the
      order is `-date`.
    * `offset` is an opaque token: pass back `pagination.next_offset` unchanged. A
      token the server did not issue answers `422`
      `{"query": {"offset": ["Invalid offset token."]}}`. A token that points past
      the last order (e.g. after deletions) gives `orders: []` and
      `next_offset: null`.
    * `next_offset` is `null` on the last page, including a full last page.

    Args:
        offset (str | Unset):
        per_page (int | Unset):  Default: 5.
        q (str | Unset):
        sort (OrderSort | Unset): Sort key of List Orders (current docs); a leading `-` reverses.
            Example: -date.
        x_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | OrdersOut | ValidationError]
    """

    kwargs = _get_kwargs(
        offset=offset,
        per_page=per_page,
        q=q,
        sort=sort,
        x_api_version=x_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    offset: str | Unset = UNSET,
    per_page: int | Unset = 5,
    q: str | Unset = UNSET,
    sort: OrderSort | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> HTTPError | OrdersOut | ValidationError | None:
    """List Orders

     Lists the orders for the current user.

    Decisions where the vendor is silent:
    * The mock is single-account: every valid key sees the same orders.
    * Orders are listed newest first (`created_at` descending; orders created in the
      same instant: the later-created first). Deleted orders are not listed.
    * `per_page` defaults to 5. Above 15 it is clamped to 15, as the parameter's own
      description says ("may have a smaller number than requested if too large");
      `pagination.per_page` then shows 15. Below 1 answers `422`
      `{"query": {"per_page": ["Must be greater than or equal to 1."]}}` (the minimum
      is not in SDK 1.1.0).
    * `q` (current docs) keeps the orders whose `name` contains it, ignoring case.
    * `sort` (current docs): `name` / `-name` sorts by name (ties: newest first),
      `date` / `-date` by creation time, oldest or newest first. Without `sort` the
      order is `-date`.
    * `offset` is an opaque token: pass back `pagination.next_offset` unchanged. A
      token the server did not issue answers `422`
      `{"query": {"offset": ["Invalid offset token."]}}`. A token that points past
      the last order (e.g. after deletions) gives `orders: []` and
      `next_offset: null`.
    * `next_offset` is `null` on the last page, including a full last page.

    Args:
        offset (str | Unset):
        per_page (int | Unset):  Default: 5.
        q (str | Unset):
        sort (OrderSort | Unset): Sort key of List Orders (current docs); a leading `-` reverses.
            Example: -date.
        x_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | OrdersOut | ValidationError
    """

    return sync_detailed(
        client=client,
        offset=offset,
        per_page=per_page,
        q=q,
        sort=sort,
        x_api_version=x_api_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    offset: str | Unset = UNSET,
    per_page: int | Unset = 5,
    q: str | Unset = UNSET,
    sort: OrderSort | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> Response[HTTPError | OrdersOut | ValidationError]:
    """List Orders

     Lists the orders for the current user.

    Decisions where the vendor is silent:
    * The mock is single-account: every valid key sees the same orders.
    * Orders are listed newest first (`created_at` descending; orders created in the
      same instant: the later-created first). Deleted orders are not listed.
    * `per_page` defaults to 5. Above 15 it is clamped to 15, as the parameter's own
      description says ("may have a smaller number than requested if too large");
      `pagination.per_page` then shows 15. Below 1 answers `422`
      `{"query": {"per_page": ["Must be greater than or equal to 1."]}}` (the minimum
      is not in SDK 1.1.0).
    * `q` (current docs) keeps the orders whose `name` contains it, ignoring case.
    * `sort` (current docs): `name` / `-name` sorts by name (ties: newest first),
      `date` / `-date` by creation time, oldest or newest first. Without `sort` the
      order is `-date`.
    * `offset` is an opaque token: pass back `pagination.next_offset` unchanged. A
      token the server did not issue answers `422`
      `{"query": {"offset": ["Invalid offset token."]}}`. A token that points past
      the last order (e.g. after deletions) gives `orders: []` and
      `next_offset: null`.
    * `next_offset` is `null` on the last page, including a full last page.

    Args:
        offset (str | Unset):
        per_page (int | Unset):  Default: 5.
        q (str | Unset):
        sort (OrderSort | Unset): Sort key of List Orders (current docs); a leading `-` reverses.
            Example: -date.
        x_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | OrdersOut | ValidationError]
    """

    kwargs = _get_kwargs(
        offset=offset,
        per_page=per_page,
        q=q,
        sort=sort,
        x_api_version=x_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    offset: str | Unset = UNSET,
    per_page: int | Unset = 5,
    q: str | Unset = UNSET,
    sort: OrderSort | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> HTTPError | OrdersOut | ValidationError | None:
    """List Orders

     Lists the orders for the current user.

    Decisions where the vendor is silent:
    * The mock is single-account: every valid key sees the same orders.
    * Orders are listed newest first (`created_at` descending; orders created in the
      same instant: the later-created first). Deleted orders are not listed.
    * `per_page` defaults to 5. Above 15 it is clamped to 15, as the parameter's own
      description says ("may have a smaller number than requested if too large");
      `pagination.per_page` then shows 15. Below 1 answers `422`
      `{"query": {"per_page": ["Must be greater than or equal to 1."]}}` (the minimum
      is not in SDK 1.1.0).
    * `q` (current docs) keeps the orders whose `name` contains it, ignoring case.
    * `sort` (current docs): `name` / `-name` sorts by name (ties: newest first),
      `date` / `-date` by creation time, oldest or newest first. Without `sort` the
      order is `-date`.
    * `offset` is an opaque token: pass back `pagination.next_offset` unchanged. A
      token the server did not issue answers `422`
      `{"query": {"offset": ["Invalid offset token."]}}`. A token that points past
      the last order (e.g. after deletions) gives `orders: []` and
      `next_offset: null`.
    * `next_offset` is `null` on the last page, including a full last page.

    Args:
        offset (str | Unset):
        per_page (int | Unset):  Default: 5.
        q (str | Unset):
        sort (OrderSort | Unset): Sort key of List Orders (current docs); a leading `-` reverses.
            Example: -date.
        x_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | OrdersOut | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            offset=offset,
            per_page=per_page,
            q=q,
            sort=sort,
            x_api_version=x_api_version,
        )
    ).parsed
