from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.finalize_order_body import FinalizeOrderBody
from ...models.finalize_response import FinalizeResponse
from ...types import Response


def _get_kwargs(
    *,
    body: FinalizeOrderBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/order/done",
    }

    _kwargs["data"] = body.to_dict()
    headers["Content-Type"] = "application/x-www-form-urlencoded"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | FinalizeResponse | None:
    if response.status_code == 200:
        response_200 = FinalizeResponse.from_dict(response.json())

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
) -> Response[ApiError | FinalizeResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: FinalizeOrderBody,
) -> Response[ApiError | FinalizeResponse]:
    """Item Removal Mask: finalize the order

     Step 5 of the docs' workflow ("Finalize Order"): keep a temp image as the result.
    Form-urlencoded `order_id` and `image_id` (the temp image's id), as the unofficial
    Kotlin SDK sends them; the answer is `{"message": "Order finalized successfully"}`
    (its test fixture).

    Decisions (the vendor documents no answer):
    - Finalizing twice with the same image answers the same `200`; afterwards
      `manual-mask` answers `400 api_error_order_finalized`.
    - Checks, first failure wins: key → `401`; form invalid → `400
      api_error_invalid_request`; unknown order → `400 api_error_order_not_found`;
      not a mask order → `400 api_error_service_mismatch`; `image_id` not a
      generated image of the order → `400 {"error": "generated image not found",
      "key": "api_error_generated_image_not_found"}`; image not finished → `400
      api_error_image_not_ready`.

    Args:
        body (FinalizeOrderBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | FinalizeResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: FinalizeOrderBody,
) -> ApiError | FinalizeResponse | None:
    """Item Removal Mask: finalize the order

     Step 5 of the docs' workflow ("Finalize Order"): keep a temp image as the result.
    Form-urlencoded `order_id` and `image_id` (the temp image's id), as the unofficial
    Kotlin SDK sends them; the answer is `{"message": "Order finalized successfully"}`
    (its test fixture).

    Decisions (the vendor documents no answer):
    - Finalizing twice with the same image answers the same `200`; afterwards
      `manual-mask` answers `400 api_error_order_finalized`.
    - Checks, first failure wins: key → `401`; form invalid → `400
      api_error_invalid_request`; unknown order → `400 api_error_order_not_found`;
      not a mask order → `400 api_error_service_mismatch`; `image_id` not a
      generated image of the order → `400 {"error": "generated image not found",
      "key": "api_error_generated_image_not_found"}`; image not finished → `400
      api_error_image_not_ready`.

    Args:
        body (FinalizeOrderBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | FinalizeResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: FinalizeOrderBody,
) -> Response[ApiError | FinalizeResponse]:
    """Item Removal Mask: finalize the order

     Step 5 of the docs' workflow ("Finalize Order"): keep a temp image as the result.
    Form-urlencoded `order_id` and `image_id` (the temp image's id), as the unofficial
    Kotlin SDK sends them; the answer is `{"message": "Order finalized successfully"}`
    (its test fixture).

    Decisions (the vendor documents no answer):
    - Finalizing twice with the same image answers the same `200`; afterwards
      `manual-mask` answers `400 api_error_order_finalized`.
    - Checks, first failure wins: key → `401`; form invalid → `400
      api_error_invalid_request`; unknown order → `400 api_error_order_not_found`;
      not a mask order → `400 api_error_service_mismatch`; `image_id` not a
      generated image of the order → `400 {"error": "generated image not found",
      "key": "api_error_generated_image_not_found"}`; image not finished → `400
      api_error_image_not_ready`.

    Args:
        body (FinalizeOrderBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | FinalizeResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: FinalizeOrderBody,
) -> ApiError | FinalizeResponse | None:
    """Item Removal Mask: finalize the order

     Step 5 of the docs' workflow ("Finalize Order"): keep a temp image as the result.
    Form-urlencoded `order_id` and `image_id` (the temp image's id), as the unofficial
    Kotlin SDK sends them; the answer is `{"message": "Order finalized successfully"}`
    (its test fixture).

    Decisions (the vendor documents no answer):
    - Finalizing twice with the same image answers the same `200`; afterwards
      `manual-mask` answers `400 api_error_order_finalized`.
    - Checks, first failure wins: key → `401`; form invalid → `400
      api_error_invalid_request`; unknown order → `400 api_error_order_not_found`;
      not a mask order → `400 api_error_service_mismatch`; `image_id` not a
      generated image of the order → `400 {"error": "generated image not found",
      "key": "api_error_generated_image_not_found"}`; image not finished → `400
      api_error_image_not_ready`.

    Args:
        body (FinalizeOrderBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | FinalizeResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
