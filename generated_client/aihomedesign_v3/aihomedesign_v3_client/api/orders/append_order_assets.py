from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.append_assets_form import AppendAssetsForm
from ...models.order_envelope import OrderEnvelope
from ...types import Response


def _get_kwargs(
    order_id: str,
    *,
    body: AppendAssetsForm,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/order/{order_id}/asset".format(
            order_id=quote(str(order_id), safe=""),
        ),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | OrderEnvelope | None:
    if response.status_code == 201:
        response_201 = OrderEnvelope.from_dict(response.json())

        return response_201

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
) -> Response[ApiError | OrderEnvelope]:
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
    body: AppendAssetsForm,
) -> Response[ApiError | OrderEnvelope]:
    """Add images to an order

     Appends images to an existing order, with the same form fields and role rules as
    `create_order` (the order's roles, old and new together, must keep at most one
    `primary_angle` and one `secondary_angle`). Typical use: add the `mask` of a mask
    tool later. Answers the whole order.

    **Not confirmed by the vendor (AHD3-Q9).** Neither the docs nor the official client
    shows an operation that adds images to an existing order (the docs upload a mask
    with the photos, in `POST /v3/order`); this path is the mock's decision, so code
    that relies on it may get `404` from the live API.

    Args:
        order_id (str):
        body (AppendAssetsForm): Images to add to an order; roles align with files by position.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | OrderEnvelope]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    order_id: str,
    *,
    client: AuthenticatedClient,
    body: AppendAssetsForm,
) -> ApiError | OrderEnvelope | None:
    """Add images to an order

     Appends images to an existing order, with the same form fields and role rules as
    `create_order` (the order's roles, old and new together, must keep at most one
    `primary_angle` and one `secondary_angle`). Typical use: add the `mask` of a mask
    tool later. Answers the whole order.

    **Not confirmed by the vendor (AHD3-Q9).** Neither the docs nor the official client
    shows an operation that adds images to an existing order (the docs upload a mask
    with the photos, in `POST /v3/order`); this path is the mock's decision, so code
    that relies on it may get `404` from the live API.

    Args:
        order_id (str):
        body (AppendAssetsForm): Images to add to an order; roles align with files by position.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | OrderEnvelope
    """

    return sync_detailed(
        order_id=order_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    order_id: str,
    *,
    client: AuthenticatedClient,
    body: AppendAssetsForm,
) -> Response[ApiError | OrderEnvelope]:
    """Add images to an order

     Appends images to an existing order, with the same form fields and role rules as
    `create_order` (the order's roles, old and new together, must keep at most one
    `primary_angle` and one `secondary_angle`). Typical use: add the `mask` of a mask
    tool later. Answers the whole order.

    **Not confirmed by the vendor (AHD3-Q9).** Neither the docs nor the official client
    shows an operation that adds images to an existing order (the docs upload a mask
    with the photos, in `POST /v3/order`); this path is the mock's decision, so code
    that relies on it may get `404` from the live API.

    Args:
        order_id (str):
        body (AppendAssetsForm): Images to add to an order; roles align with files by position.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | OrderEnvelope]
    """

    kwargs = _get_kwargs(
        order_id=order_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    order_id: str,
    *,
    client: AuthenticatedClient,
    body: AppendAssetsForm,
) -> ApiError | OrderEnvelope | None:
    """Add images to an order

     Appends images to an existing order, with the same form fields and role rules as
    `create_order` (the order's roles, old and new together, must keep at most one
    `primary_angle` and one `secondary_angle`). Typical use: add the `mask` of a mask
    tool later. Answers the whole order.

    **Not confirmed by the vendor (AHD3-Q9).** Neither the docs nor the official client
    shows an operation that adds images to an existing order (the docs upload a mask
    with the photos, in `POST /v3/order`); this path is the mock's decision, so code
    that relies on it may get `404` from the live API.

    Args:
        order_id (str):
        body (AppendAssetsForm): Images to add to an order; roles align with files by position.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | OrderEnvelope
    """

    return (
        await asyncio_detailed(
            order_id=order_id,
            client=client,
            body=body,
        )
    ).parsed
