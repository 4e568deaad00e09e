from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...models.image_created_out import ImageCreatedOut
from ...models.image_in import ImageIn
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: ImageIn,
    x_api_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_api_version, Unset):
        headers["x-api-version"] = x_api_version

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/images/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPError | ImageCreatedOut | ValidationError | None:
    if response.status_code == 200:
        response_200 = ImageCreatedOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = HTTPError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = HTTPError.from_dict(response.json())

        return response_401

    if response.status_code == 422:
        response_422 = ValidationError.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = HTTPError.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[HTTPError | ImageCreatedOut | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: ImageIn,
    x_api_version: str | Unset = UNSET,
) -> Response[HTTPError | ImageCreatedOut | ValidationError]:
    """Create Image

     Registers an image and returns where to upload it. Upload the file with an HTTP
    `PUT` of the raw bytes to the returned upload URL (S3 answers `200` with an empty
    body); enhancement starts once the upload lands.

    Decisions where the vendor is silent:
    * `order_id` omitted: a new order (UUIDv4 ID, name `""`) is created. `order_id`
      of an unknown (or deleted) order: that order is created implicitly with this
      ID (docs: orders are created implicitly), so `404` is never returned.
      `order_id` follows the same pattern as Create Order.
    * Upload-URL key: `upload_url` by default (no `x-api-version` header, or a
      version on or after `2025-05-08`, the version SDK 1.1.0 pins);
      `s3PutObjectUrl` instead for `x-api-version` dates before `2025-05-08` (the
      JS SDK 1.2.22, which pins `2025-01-01`, reads `s3PutObjectUrl`). Exactly one
      of the two keys is present. A header that is not a real `YYYY-MM-DD` date
      answers `422` `{"headers": {"x-api-version": ["Not a valid date."]}}`.
    * `image_id` may be chosen by the client (single-image quickstart); a taken ID
      answers `422` `{"json": {"image_id": ["Image ID already exists."]}}`.
    * Unknown body fields are accepted and ignored, except `content_type` /
      `contentType`: when given, the upload `PUT` must carry that Content-Type, or
      the mock answers like S3: `403` with an XML `SignatureDoesNotMatch` error.
    * The new image has `status: "waiting"`, `date_added` in epoch seconds and
      `downloaded: false`. Settings not sent take the `ImageIn` defaults
      (`enhance`, `lens_correction`, `vertical_correction` = `true`); other
      booleans are `false`, nullable fields `null`, `metadata` `{}`; `ai_version`,
      `enhance_type` and `rating` are omitted unless set. `scene` is detected by
      the real service; the mock detects nothing and never returns it.
    * Rate limits (300 requests/s per IP, on every operation; 30 identical
      `image_name`s per hour) answer `429` (the status is documented, the body is
      the spec's choice: `TooManyRequests`), without rate-limit headers; the mock
      does not enforce them. The 500 enhancements/day limit (images go to `error`)
      is modelled only as the `daily-quota` scenario.

    Args:
        x_api_version (str | Unset):
        body (ImageIn): Registers an image. Additional properties are accepted and ignored (e.g.
            the legacy `content_type` / `contentType` and `hdr`). Example: {'image_name': 'living-
            room.jpg', 'order_id': '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | ImageCreatedOut | ValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
        x_api_version=x_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: ImageIn,
    x_api_version: str | Unset = UNSET,
) -> HTTPError | ImageCreatedOut | ValidationError | None:
    """Create Image

     Registers an image and returns where to upload it. Upload the file with an HTTP
    `PUT` of the raw bytes to the returned upload URL (S3 answers `200` with an empty
    body); enhancement starts once the upload lands.

    Decisions where the vendor is silent:
    * `order_id` omitted: a new order (UUIDv4 ID, name `""`) is created. `order_id`
      of an unknown (or deleted) order: that order is created implicitly with this
      ID (docs: orders are created implicitly), so `404` is never returned.
      `order_id` follows the same pattern as Create Order.
    * Upload-URL key: `upload_url` by default (no `x-api-version` header, or a
      version on or after `2025-05-08`, the version SDK 1.1.0 pins);
      `s3PutObjectUrl` instead for `x-api-version` dates before `2025-05-08` (the
      JS SDK 1.2.22, which pins `2025-01-01`, reads `s3PutObjectUrl`). Exactly one
      of the two keys is present. A header that is not a real `YYYY-MM-DD` date
      answers `422` `{"headers": {"x-api-version": ["Not a valid date."]}}`.
    * `image_id` may be chosen by the client (single-image quickstart); a taken ID
      answers `422` `{"json": {"image_id": ["Image ID already exists."]}}`.
    * Unknown body fields are accepted and ignored, except `content_type` /
      `contentType`: when given, the upload `PUT` must carry that Content-Type, or
      the mock answers like S3: `403` with an XML `SignatureDoesNotMatch` error.
    * The new image has `status: "waiting"`, `date_added` in epoch seconds and
      `downloaded: false`. Settings not sent take the `ImageIn` defaults
      (`enhance`, `lens_correction`, `vertical_correction` = `true`); other
      booleans are `false`, nullable fields `null`, `metadata` `{}`; `ai_version`,
      `enhance_type` and `rating` are omitted unless set. `scene` is detected by
      the real service; the mock detects nothing and never returns it.
    * Rate limits (300 requests/s per IP, on every operation; 30 identical
      `image_name`s per hour) answer `429` (the status is documented, the body is
      the spec's choice: `TooManyRequests`), without rate-limit headers; the mock
      does not enforce them. The 500 enhancements/day limit (images go to `error`)
      is modelled only as the `daily-quota` scenario.

    Args:
        x_api_version (str | Unset):
        body (ImageIn): Registers an image. Additional properties are accepted and ignored (e.g.
            the legacy `content_type` / `contentType` and `hdr`). Example: {'image_name': 'living-
            room.jpg', 'order_id': '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | ImageCreatedOut | ValidationError
    """

    return sync_detailed(
        client=client,
        body=body,
        x_api_version=x_api_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: ImageIn,
    x_api_version: str | Unset = UNSET,
) -> Response[HTTPError | ImageCreatedOut | ValidationError]:
    """Create Image

     Registers an image and returns where to upload it. Upload the file with an HTTP
    `PUT` of the raw bytes to the returned upload URL (S3 answers `200` with an empty
    body); enhancement starts once the upload lands.

    Decisions where the vendor is silent:
    * `order_id` omitted: a new order (UUIDv4 ID, name `""`) is created. `order_id`
      of an unknown (or deleted) order: that order is created implicitly with this
      ID (docs: orders are created implicitly), so `404` is never returned.
      `order_id` follows the same pattern as Create Order.
    * Upload-URL key: `upload_url` by default (no `x-api-version` header, or a
      version on or after `2025-05-08`, the version SDK 1.1.0 pins);
      `s3PutObjectUrl` instead for `x-api-version` dates before `2025-05-08` (the
      JS SDK 1.2.22, which pins `2025-01-01`, reads `s3PutObjectUrl`). Exactly one
      of the two keys is present. A header that is not a real `YYYY-MM-DD` date
      answers `422` `{"headers": {"x-api-version": ["Not a valid date."]}}`.
    * `image_id` may be chosen by the client (single-image quickstart); a taken ID
      answers `422` `{"json": {"image_id": ["Image ID already exists."]}}`.
    * Unknown body fields are accepted and ignored, except `content_type` /
      `contentType`: when given, the upload `PUT` must carry that Content-Type, or
      the mock answers like S3: `403` with an XML `SignatureDoesNotMatch` error.
    * The new image has `status: "waiting"`, `date_added` in epoch seconds and
      `downloaded: false`. Settings not sent take the `ImageIn` defaults
      (`enhance`, `lens_correction`, `vertical_correction` = `true`); other
      booleans are `false`, nullable fields `null`, `metadata` `{}`; `ai_version`,
      `enhance_type` and `rating` are omitted unless set. `scene` is detected by
      the real service; the mock detects nothing and never returns it.
    * Rate limits (300 requests/s per IP, on every operation; 30 identical
      `image_name`s per hour) answer `429` (the status is documented, the body is
      the spec's choice: `TooManyRequests`), without rate-limit headers; the mock
      does not enforce them. The 500 enhancements/day limit (images go to `error`)
      is modelled only as the `daily-quota` scenario.

    Args:
        x_api_version (str | Unset):
        body (ImageIn): Registers an image. Additional properties are accepted and ignored (e.g.
            the legacy `content_type` / `contentType` and `hdr`). Example: {'image_name': 'living-
            room.jpg', 'order_id': '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | ImageCreatedOut | ValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
        x_api_version=x_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: ImageIn,
    x_api_version: str | Unset = UNSET,
) -> HTTPError | ImageCreatedOut | ValidationError | None:
    """Create Image

     Registers an image and returns where to upload it. Upload the file with an HTTP
    `PUT` of the raw bytes to the returned upload URL (S3 answers `200` with an empty
    body); enhancement starts once the upload lands.

    Decisions where the vendor is silent:
    * `order_id` omitted: a new order (UUIDv4 ID, name `""`) is created. `order_id`
      of an unknown (or deleted) order: that order is created implicitly with this
      ID (docs: orders are created implicitly), so `404` is never returned.
      `order_id` follows the same pattern as Create Order.
    * Upload-URL key: `upload_url` by default (no `x-api-version` header, or a
      version on or after `2025-05-08`, the version SDK 1.1.0 pins);
      `s3PutObjectUrl` instead for `x-api-version` dates before `2025-05-08` (the
      JS SDK 1.2.22, which pins `2025-01-01`, reads `s3PutObjectUrl`). Exactly one
      of the two keys is present. A header that is not a real `YYYY-MM-DD` date
      answers `422` `{"headers": {"x-api-version": ["Not a valid date."]}}`.
    * `image_id` may be chosen by the client (single-image quickstart); a taken ID
      answers `422` `{"json": {"image_id": ["Image ID already exists."]}}`.
    * Unknown body fields are accepted and ignored, except `content_type` /
      `contentType`: when given, the upload `PUT` must carry that Content-Type, or
      the mock answers like S3: `403` with an XML `SignatureDoesNotMatch` error.
    * The new image has `status: "waiting"`, `date_added` in epoch seconds and
      `downloaded: false`. Settings not sent take the `ImageIn` defaults
      (`enhance`, `lens_correction`, `vertical_correction` = `true`); other
      booleans are `false`, nullable fields `null`, `metadata` `{}`; `ai_version`,
      `enhance_type` and `rating` are omitted unless set. `scene` is detected by
      the real service; the mock detects nothing and never returns it.
    * Rate limits (300 requests/s per IP, on every operation; 30 identical
      `image_name`s per hour) answer `429` (the status is documented, the body is
      the spec's choice: `TooManyRequests`), without rate-limit headers; the mock
      does not enforce them. The 500 enhancements/day limit (images go to `error`)
      is modelled only as the `daily-quota` scenario.

    Args:
        x_api_version (str | Unset):
        body (ImageIn): Registers an image. Additional properties are accepted and ignored (e.g.
            the legacy `content_type` / `contentType` and `hdr`). Example: {'image_name': 'living-
            room.jpg', 'order_id': '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | ImageCreatedOut | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_api_version=x_api_version,
        )
    ).parsed
