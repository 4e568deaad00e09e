from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.order import Order
from ...types import Response


def _get_kwargs(
    order_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/order/{order_id}".format(
            order_id=quote(str(order_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ApiError | Order | None:
    if response.status_code == 200:
        response_200 = Order.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[ApiError | Order]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    order_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ApiError | Order]:
    """Get order details

     Returns the order with its service and every generated image. Poll it as an
    alternative to the webhook (the v3 quick start advises no faster than every 5
    seconds; v1 gives no advice).

    Lifecycle the mock shows (the vendor documents only `idle` and
    `regular_finished`):
    - After upload: order `status: "idle"`, `space: ""`, `generated_images: []`.
    - After a submit: order `status: "active"`; a generated image with the submit's
      `image_id`, `status: "processing"` and `src: ""` is appended.
    - After `eta` seconds: the image becomes `status: "regular_finished"` with its
      `src` URL; once no image is processing the order is `idle` again (the
      vendor's sample shows `idle` next to a finished image).

    Status values are open strings: a client must tolerate values it does not know.
    The docs list a `Content-Type: application/json` header for this GET; it is not
    required and not checked.

    An unknown `order_id` answers `404 {"error": "order not found", "key":
    "api_error_order_not_found"}` (decision: the id names the resource in the path).

    Args:
        order_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | Order]
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
    client: AuthenticatedClient,
) -> ApiError | Order | None:
    """Get order details

     Returns the order with its service and every generated image. Poll it as an
    alternative to the webhook (the v3 quick start advises no faster than every 5
    seconds; v1 gives no advice).

    Lifecycle the mock shows (the vendor documents only `idle` and
    `regular_finished`):
    - After upload: order `status: "idle"`, `space: ""`, `generated_images: []`.
    - After a submit: order `status: "active"`; a generated image with the submit's
      `image_id`, `status: "processing"` and `src: ""` is appended.
    - After `eta` seconds: the image becomes `status: "regular_finished"` with its
      `src` URL; once no image is processing the order is `idle` again (the
      vendor's sample shows `idle` next to a finished image).

    Status values are open strings: a client must tolerate values it does not know.
    The docs list a `Content-Type: application/json` header for this GET; it is not
    required and not checked.

    An unknown `order_id` answers `404 {"error": "order not found", "key":
    "api_error_order_not_found"}` (decision: the id names the resource in the path).

    Args:
        order_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | Order
    """

    return sync_detailed(
        order_id=order_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    order_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ApiError | Order]:
    """Get order details

     Returns the order with its service and every generated image. Poll it as an
    alternative to the webhook (the v3 quick start advises no faster than every 5
    seconds; v1 gives no advice).

    Lifecycle the mock shows (the vendor documents only `idle` and
    `regular_finished`):
    - After upload: order `status: "idle"`, `space: ""`, `generated_images: []`.
    - After a submit: order `status: "active"`; a generated image with the submit's
      `image_id`, `status: "processing"` and `src: ""` is appended.
    - After `eta` seconds: the image becomes `status: "regular_finished"` with its
      `src` URL; once no image is processing the order is `idle` again (the
      vendor's sample shows `idle` next to a finished image).

    Status values are open strings: a client must tolerate values it does not know.
    The docs list a `Content-Type: application/json` header for this GET; it is not
    required and not checked.

    An unknown `order_id` answers `404 {"error": "order not found", "key":
    "api_error_order_not_found"}` (decision: the id names the resource in the path).

    Args:
        order_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | Order]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    order_id: str,
    *,
    client: AuthenticatedClient,
) -> ApiError | Order | None:
    """Get order details

     Returns the order with its service and every generated image. Poll it as an
    alternative to the webhook (the v3 quick start advises no faster than every 5
    seconds; v1 gives no advice).

    Lifecycle the mock shows (the vendor documents only `idle` and
    `regular_finished`):
    - After upload: order `status: "idle"`, `space: ""`, `generated_images: []`.
    - After a submit: order `status: "active"`; a generated image with the submit's
      `image_id`, `status: "processing"` and `src: ""` is appended.
    - After `eta` seconds: the image becomes `status: "regular_finished"` with its
      `src` URL; once no image is processing the order is `idle` again (the
      vendor's sample shows `idle` next to a finished image).

    Status values are open strings: a client must tolerate values it does not know.
    The docs list a `Content-Type: application/json` header for this GET; it is not
    required and not checked.

    An unknown `order_id` answers `404 {"error": "order not found", "key":
    "api_error_order_not_found"}` (decision: the id names the resource in the path).

    Args:
        order_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | Order
    """

    return (
        await asyncio_detailed(
            order_id=order_id,
            client=client,
        )
    ).parsed
