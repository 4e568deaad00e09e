from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.temp_image import TempImage
from ...types import Response


def _get_kwargs(
    order_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/order/{order_id}/last-temp-image".format(
            order_id=quote(str(order_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ApiError | TempImage | None:
    if response.status_code == 200:
        response_200 = TempImage.from_dict(response.json())

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
) -> Response[ApiError | TempImage]:
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
) -> Response[ApiError | TempImage]:
    """Item Removal Mask: retrieve the latest (temp) masked image

     Steps 1 and 4 of the docs' Item Removal Mask workflow ("Retrieve the Latest
    Masked Image", "Retrieve the Updated Masked Image"). The path is the unofficial
    Kotlin SDK's latest one (`last-temp-image`; its first commit used
    `latest-temp-image`, which the mock does not serve). The docs' own paths for these
    steps are not in the sources.

    Decisions (the vendor documents no answer):
    - The temp image is the order's newest **finished** generated image: `image_id`
      is its id and `url` its `src`. A manual mask (`POST /v1/order/manual-mask`)
      makes a new temp image once it finishes.
    - No finished generated image yet → `400 {"error": "generated image is not
      finished yet", "key": "api_error_image_not_ready"}`.
    - An order of another service → `400 {"error": "order is not an item removal
      mask order", "key": "api_error_service_mismatch"}`.
    - Unknown order (or another key's) → `404 api_error_order_not_found`.

    Args:
        order_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | TempImage]
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
) -> ApiError | TempImage | None:
    """Item Removal Mask: retrieve the latest (temp) masked image

     Steps 1 and 4 of the docs' Item Removal Mask workflow ("Retrieve the Latest
    Masked Image", "Retrieve the Updated Masked Image"). The path is the unofficial
    Kotlin SDK's latest one (`last-temp-image`; its first commit used
    `latest-temp-image`, which the mock does not serve). The docs' own paths for these
    steps are not in the sources.

    Decisions (the vendor documents no answer):
    - The temp image is the order's newest **finished** generated image: `image_id`
      is its id and `url` its `src`. A manual mask (`POST /v1/order/manual-mask`)
      makes a new temp image once it finishes.
    - No finished generated image yet → `400 {"error": "generated image is not
      finished yet", "key": "api_error_image_not_ready"}`.
    - An order of another service → `400 {"error": "order is not an item removal
      mask order", "key": "api_error_service_mismatch"}`.
    - Unknown order (or another key's) → `404 api_error_order_not_found`.

    Args:
        order_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | TempImage
    """

    return sync_detailed(
        order_id=order_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    order_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ApiError | TempImage]:
    """Item Removal Mask: retrieve the latest (temp) masked image

     Steps 1 and 4 of the docs' Item Removal Mask workflow ("Retrieve the Latest
    Masked Image", "Retrieve the Updated Masked Image"). The path is the unofficial
    Kotlin SDK's latest one (`last-temp-image`; its first commit used
    `latest-temp-image`, which the mock does not serve). The docs' own paths for these
    steps are not in the sources.

    Decisions (the vendor documents no answer):
    - The temp image is the order's newest **finished** generated image: `image_id`
      is its id and `url` its `src`. A manual mask (`POST /v1/order/manual-mask`)
      makes a new temp image once it finishes.
    - No finished generated image yet → `400 {"error": "generated image is not
      finished yet", "key": "api_error_image_not_ready"}`.
    - An order of another service → `400 {"error": "order is not an item removal
      mask order", "key": "api_error_service_mismatch"}`.
    - Unknown order (or another key's) → `404 api_error_order_not_found`.

    Args:
        order_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | TempImage]
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
) -> ApiError | TempImage | None:
    """Item Removal Mask: retrieve the latest (temp) masked image

     Steps 1 and 4 of the docs' Item Removal Mask workflow ("Retrieve the Latest
    Masked Image", "Retrieve the Updated Masked Image"). The path is the unofficial
    Kotlin SDK's latest one (`last-temp-image`; its first commit used
    `latest-temp-image`, which the mock does not serve). The docs' own paths for these
    steps are not in the sources.

    Decisions (the vendor documents no answer):
    - The temp image is the order's newest **finished** generated image: `image_id`
      is its id and `url` its `src`. A manual mask (`POST /v1/order/manual-mask`)
      makes a new temp image once it finishes.
    - No finished generated image yet → `400 {"error": "generated image is not
      finished yet", "key": "api_error_image_not_ready"}`.
    - An order of another service → `400 {"error": "order is not an item removal
      mask order", "key": "api_error_service_mismatch"}`.
    - Unknown order (or another key's) → `404 api_error_order_not_found`.

    Args:
        order_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | TempImage
    """

    return (
        await asyncio_detailed(
            order_id=order_id,
            client=client,
        )
    ).parsed
