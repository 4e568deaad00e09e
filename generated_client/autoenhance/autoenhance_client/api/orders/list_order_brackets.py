from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...models.order_brackets_out import OrderBracketsOut
from ...types import Response


def _get_kwargs(
    order_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/orders/{order_id}/brackets".format(
            order_id=quote(str(order_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPError | OrderBracketsOut | None:
    if response.status_code == 200:
        response_200 = OrderBracketsOut.from_dict(response.json())

        return response_200

    if response.status_code == 404:
        response_404 = HTTPError.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = HTTPError.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[HTTPError | OrderBracketsOut]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    order_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[HTTPError | OrderBracketsOut]:
    """Retrieve Order Brackets

     Retrieves the brackets for a specific order by its unique identifier. If the order
    is not found, a 404 error is raised.

    Decisions where the vendor is silent:
    * No API key is needed (the SDK declares no security here); a key is ignored.
    * Brackets are listed in creation order and stay listed after Process Order has
      grouped them. `upload_url` is not part of `BracketOut`.
    * Unknown (or deleted) order: `404` `{"detail": {}, "message": "Not Found"}`.

    Args:
        order_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | OrderBracketsOut]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    order_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> HTTPError | OrderBracketsOut | None:
    """Retrieve Order Brackets

     Retrieves the brackets for a specific order by its unique identifier. If the order
    is not found, a 404 error is raised.

    Decisions where the vendor is silent:
    * No API key is needed (the SDK declares no security here); a key is ignored.
    * Brackets are listed in creation order and stay listed after Process Order has
      grouped them. `upload_url` is not part of `BracketOut`.
    * Unknown (or deleted) order: `404` `{"detail": {}, "message": "Not Found"}`.

    Args:
        order_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | OrderBracketsOut
    """

    return sync_detailed(
        order_id=order_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    order_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[HTTPError | OrderBracketsOut]:
    """Retrieve Order Brackets

     Retrieves the brackets for a specific order by its unique identifier. If the order
    is not found, a 404 error is raised.

    Decisions where the vendor is silent:
    * No API key is needed (the SDK declares no security here); a key is ignored.
    * Brackets are listed in creation order and stay listed after Process Order has
      grouped them. `upload_url` is not part of `BracketOut`.
    * Unknown (or deleted) order: `404` `{"detail": {}, "message": "Not Found"}`.

    Args:
        order_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | OrderBracketsOut]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    order_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> HTTPError | OrderBracketsOut | None:
    """Retrieve Order Brackets

     Retrieves the brackets for a specific order by its unique identifier. If the order
    is not found, a 404 error is raised.

    Decisions where the vendor is silent:
    * No API key is needed (the SDK declares no security here); a key is ignored.
    * Brackets are listed in creation order and stay listed after Process Order has
      grouped them. `upload_url` is not part of `BracketOut`.
    * Unknown (or deleted) order: `404` `{"detail": {}, "message": "Not Found"}`.

    Args:
        order_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | OrderBracketsOut
    """

    return (
        await asyncio_detailed(
            order_id=order_id,
            client=client,
        )
    ).parsed
