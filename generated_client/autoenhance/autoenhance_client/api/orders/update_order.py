from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...models.order_in import OrderIn
from ...models.order_out import OrderOut
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: OrderIn | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v3/orders/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPError | OrderOut | ValidationError | None:
    if response.status_code == 200:
        response_200 = OrderOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = HTTPError.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = HTTPError.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = ValidationError.from_dict(response.json())

        return response_422

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[HTTPError | OrderOut | ValidationError]:
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
    body: OrderIn | Unset = UNSET,
) -> Response[HTTPError | OrderOut | ValidationError]:
    """Update Order

     Updates the details for the specific order. Only the `name` can be edited (vendor
    docs).

    Decisions where the vendor is silent:
    * `order_id` in the body is validated like on create but otherwise ignored: the
      order keeps its ID. An absent or empty body changes nothing and answers `200`.
    * `last_updated_at` is set to the time of the request.
    * Unknown body fields answer `422` `"Unknown field."`.
    * Unknown (or deleted) order: `404` `{"detail": {}, "message": "Not Found"}`.
      The key is checked before the order is looked up.

    Args:
        id (str):
        body (OrderIn | Unset):  Example: {'name': '12 Acacia Avenue', 'order_id':
            '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | OrderOut | ValidationError]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: OrderIn | Unset = UNSET,
) -> HTTPError | OrderOut | ValidationError | None:
    """Update Order

     Updates the details for the specific order. Only the `name` can be edited (vendor
    docs).

    Decisions where the vendor is silent:
    * `order_id` in the body is validated like on create but otherwise ignored: the
      order keeps its ID. An absent or empty body changes nothing and answers `200`.
    * `last_updated_at` is set to the time of the request.
    * Unknown body fields answer `422` `"Unknown field."`.
    * Unknown (or deleted) order: `404` `{"detail": {}, "message": "Not Found"}`.
      The key is checked before the order is looked up.

    Args:
        id (str):
        body (OrderIn | Unset):  Example: {'name': '12 Acacia Avenue', 'order_id':
            '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | OrderOut | ValidationError
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: OrderIn | Unset = UNSET,
) -> Response[HTTPError | OrderOut | ValidationError]:
    """Update Order

     Updates the details for the specific order. Only the `name` can be edited (vendor
    docs).

    Decisions where the vendor is silent:
    * `order_id` in the body is validated like on create but otherwise ignored: the
      order keeps its ID. An absent or empty body changes nothing and answers `200`.
    * `last_updated_at` is set to the time of the request.
    * Unknown body fields answer `422` `"Unknown field."`.
    * Unknown (or deleted) order: `404` `{"detail": {}, "message": "Not Found"}`.
      The key is checked before the order is looked up.

    Args:
        id (str):
        body (OrderIn | Unset):  Example: {'name': '12 Acacia Avenue', 'order_id':
            '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | OrderOut | ValidationError]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: OrderIn | Unset = UNSET,
) -> HTTPError | OrderOut | ValidationError | None:
    """Update Order

     Updates the details for the specific order. Only the `name` can be edited (vendor
    docs).

    Decisions where the vendor is silent:
    * `order_id` in the body is validated like on create but otherwise ignored: the
      order keeps its ID. An absent or empty body changes nothing and answers `200`.
    * `last_updated_at` is set to the time of the request.
    * Unknown body fields answer `422` `"Unknown field."`.
    * Unknown (or deleted) order: `404` `{"detail": {}, "message": "Not Found"}`.
      The key is checked before the order is looked up.

    Args:
        id (str):
        body (OrderIn | Unset):  Example: {'name': '12 Acacia Avenue', 'order_id':
            '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | OrderOut | ValidationError
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
