from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.upscale_response import UpscaleResponse
from ...types import Response


def _get_kwargs(
    generated_image_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/order/image/{generated_image_id}/download/upscale".format(
            generated_image_id=quote(str(generated_image_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | UpscaleResponse | None:
    if response.status_code == 200:
        response_200 = UpscaleResponse.from_dict(response.json())

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
) -> Response[ApiError | UpscaleResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    generated_image_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ApiError | UpscaleResponse]:
    """Request an upscaled download of a generated image

     Starts upscaling a finished generated image. Send no body (any body is ignored).
    The answer is always `{"status": "processing"}`; the download link arrives by the
    upscale webhook (`upscaled_image_src`), which the mock sends 30 seconds later.

    - Unknown `generated_image_id` → `404 {"error": "generated image not found",
      "key": "api_error_generated_image_not_found"}` (decision).
    - Image still `processing` → `400 {"error": "generated image is not finished
      yet", "key": "api_error_image_not_ready"}` (decision).
    - Repeated calls for the same finished image are accepted; each answers
      `processing` and leads to one more webhook with the same link.

    Upscale requests do not count toward the submit rate limit.

    Args:
        generated_image_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | UpscaleResponse]
    """

    kwargs = _get_kwargs(
        generated_image_id=generated_image_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    generated_image_id: str,
    *,
    client: AuthenticatedClient,
) -> ApiError | UpscaleResponse | None:
    """Request an upscaled download of a generated image

     Starts upscaling a finished generated image. Send no body (any body is ignored).
    The answer is always `{"status": "processing"}`; the download link arrives by the
    upscale webhook (`upscaled_image_src`), which the mock sends 30 seconds later.

    - Unknown `generated_image_id` → `404 {"error": "generated image not found",
      "key": "api_error_generated_image_not_found"}` (decision).
    - Image still `processing` → `400 {"error": "generated image is not finished
      yet", "key": "api_error_image_not_ready"}` (decision).
    - Repeated calls for the same finished image are accepted; each answers
      `processing` and leads to one more webhook with the same link.

    Upscale requests do not count toward the submit rate limit.

    Args:
        generated_image_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | UpscaleResponse
    """

    return sync_detailed(
        generated_image_id=generated_image_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    generated_image_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[ApiError | UpscaleResponse]:
    """Request an upscaled download of a generated image

     Starts upscaling a finished generated image. Send no body (any body is ignored).
    The answer is always `{"status": "processing"}`; the download link arrives by the
    upscale webhook (`upscaled_image_src`), which the mock sends 30 seconds later.

    - Unknown `generated_image_id` → `404 {"error": "generated image not found",
      "key": "api_error_generated_image_not_found"}` (decision).
    - Image still `processing` → `400 {"error": "generated image is not finished
      yet", "key": "api_error_image_not_ready"}` (decision).
    - Repeated calls for the same finished image are accepted; each answers
      `processing` and leads to one more webhook with the same link.

    Upscale requests do not count toward the submit rate limit.

    Args:
        generated_image_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | UpscaleResponse]
    """

    kwargs = _get_kwargs(
        generated_image_id=generated_image_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    generated_image_id: str,
    *,
    client: AuthenticatedClient,
) -> ApiError | UpscaleResponse | None:
    """Request an upscaled download of a generated image

     Starts upscaling a finished generated image. Send no body (any body is ignored).
    The answer is always `{"status": "processing"}`; the download link arrives by the
    upscale webhook (`upscaled_image_src`), which the mock sends 30 seconds later.

    - Unknown `generated_image_id` → `404 {"error": "generated image not found",
      "key": "api_error_generated_image_not_found"}` (decision).
    - Image still `processing` → `400 {"error": "generated image is not finished
      yet", "key": "api_error_image_not_ready"}` (decision).
    - Repeated calls for the same finished image are accepted; each answers
      `processing` and leads to one more webhook with the same link.

    Upscale requests do not count toward the submit rate limit.

    Args:
        generated_image_id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | UpscaleResponse
    """

    return (
        await asyncio_detailed(
            generated_image_id=generated_image_id,
            client=client,
        )
    ).parsed
