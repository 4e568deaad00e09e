from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.upload_error import UploadError
from ...models.upload_image_body import UploadImageBody
from ...models.upload_image_response import UploadImageResponse
from ...types import Response


def _get_kwargs(
    *,
    body: UploadImageBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/order/image",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | UploadError | UploadImageResponse | None:
    if response.status_code == 200:
        response_200 = UploadImageResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = UploadError.from_dict(response.json())

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
) -> Response[ApiError | UploadError | UploadImageResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadImageBody,
) -> Response[ApiError | UploadError | UploadImageResponse]:
    """Upload an image (creates an order)

     Stores the image and creates an order tied to one service. Keep the returned
    `order_id` for `submit_order`.

    The body is `multipart/form-data` with a binary `image` part and a text
    `service_name` part. The image may be at most **50 MB** (52,428,800 bytes). The
    image part's Content-Type must be one of JPEG, PNG, WEBP or a RAW type (DNG, ARW,
    RAF, NEF, TIFF); `application/octet-stream` (how clients send RAW files without a
    specific type) is accepted too. HEIC is not accepted (decision: the vendor lists
    it as undecided).

    `service-item-removal-mask` is not in the docs' upload list; it comes from the
    unofficial Kotlin SDK and the vendor says the feature must be activated by email.

    Checks, in this order (the first failure wins):
    1. Key → `401`.
    2. Request not `multipart/form-data` → `400 {"error": "request Content-Type isn't
       multipart/form-data"}` (no `key`, Go's error text, as for the next case).
    3. No `image` file part → `400 {"error": "http: no such file"}` (no `key`; the
       vendor's documented quirk).
    4. `service_name` missing or not one of the enum values → `400` with key
       `api_error_invalid_request`.
    5. Image part larger than 50 MB → `400 {"error": "image exceeds the 50 MB limit",
       "key": "api_error_file_too_large"}` (decision: 400, not 413, because the
       vendor documents only 400 for this endpoint).
    6. Image part Content-Type not accepted, or bytes recognised as HEIC or GIF
       whatever type the part declares (e.g. `application/octet-stream`) → `400
       {"error": "unsupported image type", "key": "api_error_unsupported_file_type"}`.
       The mock sniffs the bytes only to refuse those two formats: bytes it does not
       recognise are accepted, since most RAW formats share no signature.

    Uploads do not count toward the submit rate limit. A new order has `status:
    "idle"` and no generated images.

    Args:
        body (UploadImageBody): The upload form.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | UploadError | UploadImageResponse]
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
    body: UploadImageBody,
) -> ApiError | UploadError | UploadImageResponse | None:
    """Upload an image (creates an order)

     Stores the image and creates an order tied to one service. Keep the returned
    `order_id` for `submit_order`.

    The body is `multipart/form-data` with a binary `image` part and a text
    `service_name` part. The image may be at most **50 MB** (52,428,800 bytes). The
    image part's Content-Type must be one of JPEG, PNG, WEBP or a RAW type (DNG, ARW,
    RAF, NEF, TIFF); `application/octet-stream` (how clients send RAW files without a
    specific type) is accepted too. HEIC is not accepted (decision: the vendor lists
    it as undecided).

    `service-item-removal-mask` is not in the docs' upload list; it comes from the
    unofficial Kotlin SDK and the vendor says the feature must be activated by email.

    Checks, in this order (the first failure wins):
    1. Key → `401`.
    2. Request not `multipart/form-data` → `400 {"error": "request Content-Type isn't
       multipart/form-data"}` (no `key`, Go's error text, as for the next case).
    3. No `image` file part → `400 {"error": "http: no such file"}` (no `key`; the
       vendor's documented quirk).
    4. `service_name` missing or not one of the enum values → `400` with key
       `api_error_invalid_request`.
    5. Image part larger than 50 MB → `400 {"error": "image exceeds the 50 MB limit",
       "key": "api_error_file_too_large"}` (decision: 400, not 413, because the
       vendor documents only 400 for this endpoint).
    6. Image part Content-Type not accepted, or bytes recognised as HEIC or GIF
       whatever type the part declares (e.g. `application/octet-stream`) → `400
       {"error": "unsupported image type", "key": "api_error_unsupported_file_type"}`.
       The mock sniffs the bytes only to refuse those two formats: bytes it does not
       recognise are accepted, since most RAW formats share no signature.

    Uploads do not count toward the submit rate limit. A new order has `status:
    "idle"` and no generated images.

    Args:
        body (UploadImageBody): The upload form.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | UploadError | UploadImageResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadImageBody,
) -> Response[ApiError | UploadError | UploadImageResponse]:
    """Upload an image (creates an order)

     Stores the image and creates an order tied to one service. Keep the returned
    `order_id` for `submit_order`.

    The body is `multipart/form-data` with a binary `image` part and a text
    `service_name` part. The image may be at most **50 MB** (52,428,800 bytes). The
    image part's Content-Type must be one of JPEG, PNG, WEBP or a RAW type (DNG, ARW,
    RAF, NEF, TIFF); `application/octet-stream` (how clients send RAW files without a
    specific type) is accepted too. HEIC is not accepted (decision: the vendor lists
    it as undecided).

    `service-item-removal-mask` is not in the docs' upload list; it comes from the
    unofficial Kotlin SDK and the vendor says the feature must be activated by email.

    Checks, in this order (the first failure wins):
    1. Key → `401`.
    2. Request not `multipart/form-data` → `400 {"error": "request Content-Type isn't
       multipart/form-data"}` (no `key`, Go's error text, as for the next case).
    3. No `image` file part → `400 {"error": "http: no such file"}` (no `key`; the
       vendor's documented quirk).
    4. `service_name` missing or not one of the enum values → `400` with key
       `api_error_invalid_request`.
    5. Image part larger than 50 MB → `400 {"error": "image exceeds the 50 MB limit",
       "key": "api_error_file_too_large"}` (decision: 400, not 413, because the
       vendor documents only 400 for this endpoint).
    6. Image part Content-Type not accepted, or bytes recognised as HEIC or GIF
       whatever type the part declares (e.g. `application/octet-stream`) → `400
       {"error": "unsupported image type", "key": "api_error_unsupported_file_type"}`.
       The mock sniffs the bytes only to refuse those two formats: bytes it does not
       recognise are accepted, since most RAW formats share no signature.

    Uploads do not count toward the submit rate limit. A new order has `status:
    "idle"` and no generated images.

    Args:
        body (UploadImageBody): The upload form.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | UploadError | UploadImageResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: UploadImageBody,
) -> ApiError | UploadError | UploadImageResponse | None:
    """Upload an image (creates an order)

     Stores the image and creates an order tied to one service. Keep the returned
    `order_id` for `submit_order`.

    The body is `multipart/form-data` with a binary `image` part and a text
    `service_name` part. The image may be at most **50 MB** (52,428,800 bytes). The
    image part's Content-Type must be one of JPEG, PNG, WEBP or a RAW type (DNG, ARW,
    RAF, NEF, TIFF); `application/octet-stream` (how clients send RAW files without a
    specific type) is accepted too. HEIC is not accepted (decision: the vendor lists
    it as undecided).

    `service-item-removal-mask` is not in the docs' upload list; it comes from the
    unofficial Kotlin SDK and the vendor says the feature must be activated by email.

    Checks, in this order (the first failure wins):
    1. Key → `401`.
    2. Request not `multipart/form-data` → `400 {"error": "request Content-Type isn't
       multipart/form-data"}` (no `key`, Go's error text, as for the next case).
    3. No `image` file part → `400 {"error": "http: no such file"}` (no `key`; the
       vendor's documented quirk).
    4. `service_name` missing or not one of the enum values → `400` with key
       `api_error_invalid_request`.
    5. Image part larger than 50 MB → `400 {"error": "image exceeds the 50 MB limit",
       "key": "api_error_file_too_large"}` (decision: 400, not 413, because the
       vendor documents only 400 for this endpoint).
    6. Image part Content-Type not accepted, or bytes recognised as HEIC or GIF
       whatever type the part declares (e.g. `application/octet-stream`) → `400
       {"error": "unsupported image type", "key": "api_error_unsupported_file_type"}`.
       The mock sniffs the bytes only to refuse those two formats: bytes it does not
       recognise are accepted, since most RAW formats share no signature.

    Uploads do not count toward the submit rate limit. A new order has `status:
    "idle"` and no generated images.

    Args:
        body (UploadImageBody): The upload form.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | UploadError | UploadImageResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
