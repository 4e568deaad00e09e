from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...types import Response


def _get_kwargs(
    id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v3/orders/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | HTTPError | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

    if response.status_code == 401:
        response_401 = HTTPError.from_dict(response.json())

        return response_401

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | HTTPError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | HTTPError]:
    """Delete Order

     Deletes the specific order.

    Decisions where the vendor is silent:
    * The delete is final as far as the API shows: afterwards every operation on the
      order (retrieve, update, delete, process, brackets) answers `404`, the order
      leaves the list, and its images and brackets are deleted with it (their
      `GET`s answer `404`). The ID may be reused by a later Create Order.
    * `204` with an empty body on success; `404` `{"detail": {}, "message": "Not Found"}`
      for an unknown or already deleted order.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPError]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
) -> Any | HTTPError | None:
    """Delete Order

     Deletes the specific order.

    Decisions where the vendor is silent:
    * The delete is final as far as the API shows: afterwards every operation on the
      order (retrieve, update, delete, process, brackets) answers `404`, the order
      leaves the list, and its images and brackets are deleted with it (their
      `GET`s answer `404`). The ID may be reused by a later Create Order.
    * `204` with an empty body on success; `404` `{"detail": {}, "message": "Not Found"}`
      for an unknown or already deleted order.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPError
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | HTTPError]:
    """Delete Order

     Deletes the specific order.

    Decisions where the vendor is silent:
    * The delete is final as far as the API shows: afterwards every operation on the
      order (retrieve, update, delete, process, brackets) answers `404`, the order
      leaves the list, and its images and brackets are deleted with it (their
      `GET`s answer `404`). The ID may be reused by a later Create Order.
    * `204` with an empty body on success; `404` `{"detail": {}, "message": "Not Found"}`
      for an unknown or already deleted order.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | HTTPError]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
) -> Any | HTTPError | None:
    """Delete Order

     Deletes the specific order.

    Decisions where the vendor is silent:
    * The delete is final as far as the API shows: afterwards every operation on the
      order (retrieve, update, delete, process, brackets) answers `404`, the order
      leaves the list, and its images and brackets are deleted with it (their
      `GET`s answer `404`). The ID may be reused by a later Create Order.
    * `204` with an empty body on success; `404` `{"detail": {}, "message": "Not Found"}`
      for an unknown or already deleted order.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | HTTPError
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
