from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...models.image_sort_order import ImageSortOrder
from ...models.order_out import OrderOut
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    sort_images_by: ImageSortOrder | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_api_version, Unset):
        headers["x-api-version"] = x_api_version

    params: dict[str, Any] = {}

    json_sort_images_by: str | Unset = UNSET
    if not isinstance(sort_images_by, Unset):
        json_sort_images_by = sort_images_by.value

    params["sort_images_by"] = json_sort_images_by

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/orders/{id}".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPError | OrderOut | ValidationError | None:
    if response.status_code == 200:
        response_200 = OrderOut.from_dict(response.json())

        return response_200

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
    client: AuthenticatedClient | Client,
    sort_images_by: ImageSortOrder | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> Response[HTTPError | OrderOut | ValidationError]:
    """Retrieve Order

     Retrieve a specific order.

    Decisions where the vendor is silent:
    * No API key is needed (the SDK declares no security here and the docs'
      examples send none); a key, valid or not, is ignored.
    * `status` is derived from the order's images, first match wins: `processing`
      while brackets are being grouped (`is_merging`) or any image is
      `processing`; `waiting` when the order has no images or any image is
      `waiting`; `error` when any image is `error`; otherwise `processed`
      (`expired` images count as processed). An order is never `expired`.
    * `images` are listed in the order they were added (`date_added`, then
      creation order). `is_deleted` is always `false`: a deleted order answers
      `404`.
    * `sort_images_by` (current docs) orders `images` for this answer only; without
      it the order's `default_image_sort_order` applies (see `ImageSortOrder`).
    * Unknown (or deleted) order: `404` `{"detail": {}, "message": "Not Found"}`.

    Args:
        id (str):
        sort_images_by (ImageSortOrder | Unset): How an order lists its images (current docs): by
            `name` or by `date_added`, a leading `-` reversing; `custom` is the order set in the web
            app, which the mock (with no web app) takes to be the order the images were added in. The
            default of a new order is `date_added`. Example: date_added.
        x_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | OrderOut | ValidationError]
    """

    kwargs = _get_kwargs(
        id=id,
        sort_images_by=sort_images_by,
        x_api_version=x_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    sort_images_by: ImageSortOrder | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> HTTPError | OrderOut | ValidationError | None:
    """Retrieve Order

     Retrieve a specific order.

    Decisions where the vendor is silent:
    * No API key is needed (the SDK declares no security here and the docs'
      examples send none); a key, valid or not, is ignored.
    * `status` is derived from the order's images, first match wins: `processing`
      while brackets are being grouped (`is_merging`) or any image is
      `processing`; `waiting` when the order has no images or any image is
      `waiting`; `error` when any image is `error`; otherwise `processed`
      (`expired` images count as processed). An order is never `expired`.
    * `images` are listed in the order they were added (`date_added`, then
      creation order). `is_deleted` is always `false`: a deleted order answers
      `404`.
    * `sort_images_by` (current docs) orders `images` for this answer only; without
      it the order's `default_image_sort_order` applies (see `ImageSortOrder`).
    * Unknown (or deleted) order: `404` `{"detail": {}, "message": "Not Found"}`.

    Args:
        id (str):
        sort_images_by (ImageSortOrder | Unset): How an order lists its images (current docs): by
            `name` or by `date_added`, a leading `-` reversing; `custom` is the order set in the web
            app, which the mock (with no web app) takes to be the order the images were added in. The
            default of a new order is `date_added`. Example: date_added.
        x_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | OrderOut | ValidationError
    """

    return sync_detailed(
        id=id,
        client=client,
        sort_images_by=sort_images_by,
        x_api_version=x_api_version,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    sort_images_by: ImageSortOrder | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> Response[HTTPError | OrderOut | ValidationError]:
    """Retrieve Order

     Retrieve a specific order.

    Decisions where the vendor is silent:
    * No API key is needed (the SDK declares no security here and the docs'
      examples send none); a key, valid or not, is ignored.
    * `status` is derived from the order's images, first match wins: `processing`
      while brackets are being grouped (`is_merging`) or any image is
      `processing`; `waiting` when the order has no images or any image is
      `waiting`; `error` when any image is `error`; otherwise `processed`
      (`expired` images count as processed). An order is never `expired`.
    * `images` are listed in the order they were added (`date_added`, then
      creation order). `is_deleted` is always `false`: a deleted order answers
      `404`.
    * `sort_images_by` (current docs) orders `images` for this answer only; without
      it the order's `default_image_sort_order` applies (see `ImageSortOrder`).
    * Unknown (or deleted) order: `404` `{"detail": {}, "message": "Not Found"}`.

    Args:
        id (str):
        sort_images_by (ImageSortOrder | Unset): How an order lists its images (current docs): by
            `name` or by `date_added`, a leading `-` reversing; `custom` is the order set in the web
            app, which the mock (with no web app) takes to be the order the images were added in. The
            default of a new order is `date_added`. Example: date_added.
        x_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | OrderOut | ValidationError]
    """

    kwargs = _get_kwargs(
        id=id,
        sort_images_by=sort_images_by,
        x_api_version=x_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    sort_images_by: ImageSortOrder | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> HTTPError | OrderOut | ValidationError | None:
    """Retrieve Order

     Retrieve a specific order.

    Decisions where the vendor is silent:
    * No API key is needed (the SDK declares no security here and the docs'
      examples send none); a key, valid or not, is ignored.
    * `status` is derived from the order's images, first match wins: `processing`
      while brackets are being grouped (`is_merging`) or any image is
      `processing`; `waiting` when the order has no images or any image is
      `waiting`; `error` when any image is `error`; otherwise `processed`
      (`expired` images count as processed). An order is never `expired`.
    * `images` are listed in the order they were added (`date_added`, then
      creation order). `is_deleted` is always `false`: a deleted order answers
      `404`.
    * `sort_images_by` (current docs) orders `images` for this answer only; without
      it the order's `default_image_sort_order` applies (see `ImageSortOrder`).
    * Unknown (or deleted) order: `404` `{"detail": {}, "message": "Not Found"}`.

    Args:
        id (str):
        sort_images_by (ImageSortOrder | Unset): How an order lists its images (current docs): by
            `name` or by `date_added`, a leading `-` reversing; `custom` is the order set in the web
            app, which the mock (with no web app) takes to be the order the images were added in. The
            default of a new order is `date_added`. Example: date_added.
        x_api_version (str | Unset):

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
            sort_images_by=sort_images_by,
            x_api_version=x_api_version,
        )
    ).parsed
