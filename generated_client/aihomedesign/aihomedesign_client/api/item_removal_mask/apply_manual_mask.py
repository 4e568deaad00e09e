from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.apply_manual_mask_body import ApplyManualMaskBody
from ...models.manual_mask_response import ManualMaskResponse
from ...types import Response


def _get_kwargs(
    *,
    body: ApplyManualMaskBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/order/manual-mask",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | ManualMaskResponse | None:
    if response.status_code == 200:
        response_200 = ManualMaskResponse.from_dict(response.json())

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
) -> Response[ApiError | ManualMaskResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ApplyManualMaskBody,
) -> Response[ApiError | ManualMaskResponse]:
    """Item Removal Mask: apply a manual mask

     Steps 2 and 3 of the docs' workflow ("Apply Manual Mask", "Submit the Final Masked
    Image"): send the brushed mask as a PNG with exactly the original's dimensions
    (brush colour `#7878CD`, everything else transparent). Multipart, as the
    unofficial Kotlin SDK sends it: a text `order_id` and a file `mask`.

    Decisions (the vendor documents no answer):
    - The mask starts a new generation of the order, like a regeneration: a new
      generated image (next `sequence`, `status: "processing"`) that finishes after
      `eta` (30 s) and sends the generated-image webhook with `regenerated: true`.
      It does not count toward the submit rate limit.
    - The answer is `{order_id, image_id, eta}` (the Kotlin SDK's test fixture and
      first model) plus `maskId` (its latest model), equal to `image_id`, so both
      readings of the SDK work.
    - Checks, first failure wins: key → `401`; form invalid (`order_id` or `mask`
      missing) → `400 api_error_invalid_request`; unknown order → `400
      api_error_order_not_found`; not a mask order → `400 api_error_service_mismatch`;
      order finalized → `400 {"error": "order is already finalized", "key":
      "api_error_order_finalized"}`; no finished image to mask yet → `400
      api_error_image_not_ready`; `mask` bytes not PNG → `400 {"error": "mask must
      be a PNG image", "key": "api_error_unsupported_file_type"}`. The mask's
      dimensions are not checked.

    Args:
        body (ApplyManualMaskBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | ManualMaskResponse]
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
    body: ApplyManualMaskBody,
) -> ApiError | ManualMaskResponse | None:
    """Item Removal Mask: apply a manual mask

     Steps 2 and 3 of the docs' workflow ("Apply Manual Mask", "Submit the Final Masked
    Image"): send the brushed mask as a PNG with exactly the original's dimensions
    (brush colour `#7878CD`, everything else transparent). Multipart, as the
    unofficial Kotlin SDK sends it: a text `order_id` and a file `mask`.

    Decisions (the vendor documents no answer):
    - The mask starts a new generation of the order, like a regeneration: a new
      generated image (next `sequence`, `status: "processing"`) that finishes after
      `eta` (30 s) and sends the generated-image webhook with `regenerated: true`.
      It does not count toward the submit rate limit.
    - The answer is `{order_id, image_id, eta}` (the Kotlin SDK's test fixture and
      first model) plus `maskId` (its latest model), equal to `image_id`, so both
      readings of the SDK work.
    - Checks, first failure wins: key → `401`; form invalid (`order_id` or `mask`
      missing) → `400 api_error_invalid_request`; unknown order → `400
      api_error_order_not_found`; not a mask order → `400 api_error_service_mismatch`;
      order finalized → `400 {"error": "order is already finalized", "key":
      "api_error_order_finalized"}`; no finished image to mask yet → `400
      api_error_image_not_ready`; `mask` bytes not PNG → `400 {"error": "mask must
      be a PNG image", "key": "api_error_unsupported_file_type"}`. The mask's
      dimensions are not checked.

    Args:
        body (ApplyManualMaskBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | ManualMaskResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ApplyManualMaskBody,
) -> Response[ApiError | ManualMaskResponse]:
    """Item Removal Mask: apply a manual mask

     Steps 2 and 3 of the docs' workflow ("Apply Manual Mask", "Submit the Final Masked
    Image"): send the brushed mask as a PNG with exactly the original's dimensions
    (brush colour `#7878CD`, everything else transparent). Multipart, as the
    unofficial Kotlin SDK sends it: a text `order_id` and a file `mask`.

    Decisions (the vendor documents no answer):
    - The mask starts a new generation of the order, like a regeneration: a new
      generated image (next `sequence`, `status: "processing"`) that finishes after
      `eta` (30 s) and sends the generated-image webhook with `regenerated: true`.
      It does not count toward the submit rate limit.
    - The answer is `{order_id, image_id, eta}` (the Kotlin SDK's test fixture and
      first model) plus `maskId` (its latest model), equal to `image_id`, so both
      readings of the SDK work.
    - Checks, first failure wins: key → `401`; form invalid (`order_id` or `mask`
      missing) → `400 api_error_invalid_request`; unknown order → `400
      api_error_order_not_found`; not a mask order → `400 api_error_service_mismatch`;
      order finalized → `400 {"error": "order is already finalized", "key":
      "api_error_order_finalized"}`; no finished image to mask yet → `400
      api_error_image_not_ready`; `mask` bytes not PNG → `400 {"error": "mask must
      be a PNG image", "key": "api_error_unsupported_file_type"}`. The mask's
      dimensions are not checked.

    Args:
        body (ApplyManualMaskBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | ManualMaskResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ApplyManualMaskBody,
) -> ApiError | ManualMaskResponse | None:
    """Item Removal Mask: apply a manual mask

     Steps 2 and 3 of the docs' workflow ("Apply Manual Mask", "Submit the Final Masked
    Image"): send the brushed mask as a PNG with exactly the original's dimensions
    (brush colour `#7878CD`, everything else transparent). Multipart, as the
    unofficial Kotlin SDK sends it: a text `order_id` and a file `mask`.

    Decisions (the vendor documents no answer):
    - The mask starts a new generation of the order, like a regeneration: a new
      generated image (next `sequence`, `status: "processing"`) that finishes after
      `eta` (30 s) and sends the generated-image webhook with `regenerated: true`.
      It does not count toward the submit rate limit.
    - The answer is `{order_id, image_id, eta}` (the Kotlin SDK's test fixture and
      first model) plus `maskId` (its latest model), equal to `image_id`, so both
      readings of the SDK work.
    - Checks, first failure wins: key → `401`; form invalid (`order_id` or `mask`
      missing) → `400 api_error_invalid_request`; unknown order → `400
      api_error_order_not_found`; not a mask order → `400 api_error_service_mismatch`;
      order finalized → `400 {"error": "order is already finalized", "key":
      "api_error_order_finalized"}`; no finished image to mask yet → `400
      api_error_image_not_ready`; `mask` bytes not PNG → `400 {"error": "mask must
      be a PNG image", "key": "api_error_unsupported_file_type"}`. The mask's
      dimensions are not checked.

    Args:
        body (ApplyManualMaskBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | ManualMaskResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
