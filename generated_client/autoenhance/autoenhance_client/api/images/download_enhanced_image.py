from http import HTTPStatus
from io import BytesIO
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...models.image_format import ImageFormat
from ...models.validation_error import ValidationError
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    id: str,
    *,
    quality: int | Unset = UNSET,
    format_: ImageFormat | Unset = UNSET,
    preview: bool | Unset = True,
    watermark: bool | Unset = UNSET,
    max_width: int | Unset = UNSET,
    scale: float | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
    x_dev_mode: bool | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_api_version, Unset):
        headers["x-api-version"] = x_api_version

    if not isinstance(x_dev_mode, Unset):
        headers["x-dev-mode"] = "true" if x_dev_mode else "false"

    params: dict[str, Any] = {}

    params["quality"] = quality

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params["preview"] = preview

    params["watermark"] = watermark

    params["max_width"] = max_width

    params["scale"] = scale

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/images/{id}/enhanced".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | File | HTTPError | ValidationError | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 302:
        response_302 = cast(Any, None)
        return response_302

    if response.status_code == 401:
        response_401 = HTTPError.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = HTTPError.from_dict(response.json())

        return response_404

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
) -> Response[Any | File | HTTPError | ValidationError]:
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
    quality: int | Unset = UNSET,
    format_: ImageFormat | Unset = UNSET,
    preview: bool | Unset = True,
    watermark: bool | Unset = UNSET,
    max_width: int | Unset = UNSET,
    scale: float | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
    x_dev_mode: bool | Unset = UNSET,
) -> Response[Any | File | HTTPError | ValidationError]:
    """Download Enhanced Image

     Downloads the enhanced image. Returns a lower-quality preview unless
    `preview=false`, which downloads (and, on the real service, pays for) the
    full-size image; `x-dev-mode: true` makes downloads free and watermarked.

    Decisions where the vendor is silent:
    * `302` to the mock's asset URL, which answers `200` with the image (decision
      AE-Q14, after a third-party log of the live API; `download_redirects=False`
      answers `200` with the bytes directly). For an `x-api-version` before
      `2024-11-01`: `200` JSON `{"url": <asset URL>}` (`LegacyImageUrl`) instead.
      The image's Content-Type follows
      `format`: `png` → `image/png`, `jpeg` → `image/jpeg`, `webp` → `image/webp`;
      without `format`, `image/jpeg`. The mock serves a placeholder image and does
      not resize, re-encode or watermark (`quality`, `max_width`, `scale`,
      `watermark` and `x-dev-mode` are validated, then ignored; `x-dev-mode` must be
      `true` or `false`, else `422` under `headers`).
    * `preview` defaults to `true`. A successful `preview=false` download sets the
      image's `downloaded` to `true`; credits are not modelled.
    * Before the image is `processed`: `404`
      `{"detail": {}, "message": "Image has not been processed yet."}`; for an image
      in `error`: `404` `{"detail": {}, "message": "Image processing failed."}`.
      (`404` rather than `409`: the SDK declares 401/404/422 only.)
    * Unknown or deleted image: `404` `{"detail": {}, "message": "Not Found"}`.
    * Out-of-range query values answer `422`, e.g.
      `{"query": {"quality": ["Must be greater than or equal to 1 and less than or equal to 90."]}}`.

    Args:
        id (str):
        quality (int | Unset):
        format_ (ImageFormat | Unset): Format of the image, must be one of 'png', 'jpeg', or
            'webp'. Example: jpeg.
        preview (bool | Unset):  Default: True.
        watermark (bool | Unset):
        max_width (int | Unset):
        scale (float | Unset):
        x_api_version (str | Unset):
        x_dev_mode (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File | HTTPError | ValidationError]
    """

    kwargs = _get_kwargs(
        id=id,
        quality=quality,
        format_=format_,
        preview=preview,
        watermark=watermark,
        max_width=max_width,
        scale=scale,
        x_api_version=x_api_version,
        x_dev_mode=x_dev_mode,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    quality: int | Unset = UNSET,
    format_: ImageFormat | Unset = UNSET,
    preview: bool | Unset = True,
    watermark: bool | Unset = UNSET,
    max_width: int | Unset = UNSET,
    scale: float | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
    x_dev_mode: bool | Unset = UNSET,
) -> Any | File | HTTPError | ValidationError | None:
    """Download Enhanced Image

     Downloads the enhanced image. Returns a lower-quality preview unless
    `preview=false`, which downloads (and, on the real service, pays for) the
    full-size image; `x-dev-mode: true` makes downloads free and watermarked.

    Decisions where the vendor is silent:
    * `302` to the mock's asset URL, which answers `200` with the image (decision
      AE-Q14, after a third-party log of the live API; `download_redirects=False`
      answers `200` with the bytes directly). For an `x-api-version` before
      `2024-11-01`: `200` JSON `{"url": <asset URL>}` (`LegacyImageUrl`) instead.
      The image's Content-Type follows
      `format`: `png` → `image/png`, `jpeg` → `image/jpeg`, `webp` → `image/webp`;
      without `format`, `image/jpeg`. The mock serves a placeholder image and does
      not resize, re-encode or watermark (`quality`, `max_width`, `scale`,
      `watermark` and `x-dev-mode` are validated, then ignored; `x-dev-mode` must be
      `true` or `false`, else `422` under `headers`).
    * `preview` defaults to `true`. A successful `preview=false` download sets the
      image's `downloaded` to `true`; credits are not modelled.
    * Before the image is `processed`: `404`
      `{"detail": {}, "message": "Image has not been processed yet."}`; for an image
      in `error`: `404` `{"detail": {}, "message": "Image processing failed."}`.
      (`404` rather than `409`: the SDK declares 401/404/422 only.)
    * Unknown or deleted image: `404` `{"detail": {}, "message": "Not Found"}`.
    * Out-of-range query values answer `422`, e.g.
      `{"query": {"quality": ["Must be greater than or equal to 1 and less than or equal to 90."]}}`.

    Args:
        id (str):
        quality (int | Unset):
        format_ (ImageFormat | Unset): Format of the image, must be one of 'png', 'jpeg', or
            'webp'. Example: jpeg.
        preview (bool | Unset):  Default: True.
        watermark (bool | Unset):
        max_width (int | Unset):
        scale (float | Unset):
        x_api_version (str | Unset):
        x_dev_mode (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | File | HTTPError | ValidationError
    """

    return sync_detailed(
        id=id,
        client=client,
        quality=quality,
        format_=format_,
        preview=preview,
        watermark=watermark,
        max_width=max_width,
        scale=scale,
        x_api_version=x_api_version,
        x_dev_mode=x_dev_mode,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    quality: int | Unset = UNSET,
    format_: ImageFormat | Unset = UNSET,
    preview: bool | Unset = True,
    watermark: bool | Unset = UNSET,
    max_width: int | Unset = UNSET,
    scale: float | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
    x_dev_mode: bool | Unset = UNSET,
) -> Response[Any | File | HTTPError | ValidationError]:
    """Download Enhanced Image

     Downloads the enhanced image. Returns a lower-quality preview unless
    `preview=false`, which downloads (and, on the real service, pays for) the
    full-size image; `x-dev-mode: true` makes downloads free and watermarked.

    Decisions where the vendor is silent:
    * `302` to the mock's asset URL, which answers `200` with the image (decision
      AE-Q14, after a third-party log of the live API; `download_redirects=False`
      answers `200` with the bytes directly). For an `x-api-version` before
      `2024-11-01`: `200` JSON `{"url": <asset URL>}` (`LegacyImageUrl`) instead.
      The image's Content-Type follows
      `format`: `png` → `image/png`, `jpeg` → `image/jpeg`, `webp` → `image/webp`;
      without `format`, `image/jpeg`. The mock serves a placeholder image and does
      not resize, re-encode or watermark (`quality`, `max_width`, `scale`,
      `watermark` and `x-dev-mode` are validated, then ignored; `x-dev-mode` must be
      `true` or `false`, else `422` under `headers`).
    * `preview` defaults to `true`. A successful `preview=false` download sets the
      image's `downloaded` to `true`; credits are not modelled.
    * Before the image is `processed`: `404`
      `{"detail": {}, "message": "Image has not been processed yet."}`; for an image
      in `error`: `404` `{"detail": {}, "message": "Image processing failed."}`.
      (`404` rather than `409`: the SDK declares 401/404/422 only.)
    * Unknown or deleted image: `404` `{"detail": {}, "message": "Not Found"}`.
    * Out-of-range query values answer `422`, e.g.
      `{"query": {"quality": ["Must be greater than or equal to 1 and less than or equal to 90."]}}`.

    Args:
        id (str):
        quality (int | Unset):
        format_ (ImageFormat | Unset): Format of the image, must be one of 'png', 'jpeg', or
            'webp'. Example: jpeg.
        preview (bool | Unset):  Default: True.
        watermark (bool | Unset):
        max_width (int | Unset):
        scale (float | Unset):
        x_api_version (str | Unset):
        x_dev_mode (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | File | HTTPError | ValidationError]
    """

    kwargs = _get_kwargs(
        id=id,
        quality=quality,
        format_=format_,
        preview=preview,
        watermark=watermark,
        max_width=max_width,
        scale=scale,
        x_api_version=x_api_version,
        x_dev_mode=x_dev_mode,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    quality: int | Unset = UNSET,
    format_: ImageFormat | Unset = UNSET,
    preview: bool | Unset = True,
    watermark: bool | Unset = UNSET,
    max_width: int | Unset = UNSET,
    scale: float | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
    x_dev_mode: bool | Unset = UNSET,
) -> Any | File | HTTPError | ValidationError | None:
    """Download Enhanced Image

     Downloads the enhanced image. Returns a lower-quality preview unless
    `preview=false`, which downloads (and, on the real service, pays for) the
    full-size image; `x-dev-mode: true` makes downloads free and watermarked.

    Decisions where the vendor is silent:
    * `302` to the mock's asset URL, which answers `200` with the image (decision
      AE-Q14, after a third-party log of the live API; `download_redirects=False`
      answers `200` with the bytes directly). For an `x-api-version` before
      `2024-11-01`: `200` JSON `{"url": <asset URL>}` (`LegacyImageUrl`) instead.
      The image's Content-Type follows
      `format`: `png` → `image/png`, `jpeg` → `image/jpeg`, `webp` → `image/webp`;
      without `format`, `image/jpeg`. The mock serves a placeholder image and does
      not resize, re-encode or watermark (`quality`, `max_width`, `scale`,
      `watermark` and `x-dev-mode` are validated, then ignored; `x-dev-mode` must be
      `true` or `false`, else `422` under `headers`).
    * `preview` defaults to `true`. A successful `preview=false` download sets the
      image's `downloaded` to `true`; credits are not modelled.
    * Before the image is `processed`: `404`
      `{"detail": {}, "message": "Image has not been processed yet."}`; for an image
      in `error`: `404` `{"detail": {}, "message": "Image processing failed."}`.
      (`404` rather than `409`: the SDK declares 401/404/422 only.)
    * Unknown or deleted image: `404` `{"detail": {}, "message": "Not Found"}`.
    * Out-of-range query values answer `422`, e.g.
      `{"query": {"quality": ["Must be greater than or equal to 1 and less than or equal to 90."]}}`.

    Args:
        id (str):
        quality (int | Unset):
        format_ (ImageFormat | Unset): Format of the image, must be one of 'png', 'jpeg', or
            'webp'. Example: jpeg.
        preview (bool | Unset):  Default: True.
        watermark (bool | Unset):
        max_width (int | Unset):
        scale (float | Unset):
        x_api_version (str | Unset):
        x_dev_mode (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | File | HTTPError | ValidationError
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            quality=quality,
            format_=format_,
            preview=preview,
            watermark=watermark,
            max_width=max_width,
            scale=scale,
            x_api_version=x_api_version,
            x_dev_mode=x_dev_mode,
        )
    ).parsed
