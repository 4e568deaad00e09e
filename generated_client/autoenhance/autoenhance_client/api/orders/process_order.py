from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...models.order_hdr_process_in import OrderHDRProcessIn
from ...models.order_hdr_process_out import OrderHDRProcessOut
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: OrderHDRProcessIn | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_api_version, Unset):
        headers["x-api-version"] = x_api_version

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/orders/{id}/process".format(
            id=quote(str(id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPError | OrderHDRProcessOut | ValidationError | None:
    if response.status_code == 200:
        response_200 = OrderHDRProcessOut.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = HTTPError.from_dict(response.json())

        return response_400

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
) -> Response[HTTPError | OrderHDRProcessOut | ValidationError]:
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
    body: OrderHDRProcessIn | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> Response[HTTPError | OrderHDRProcessOut | ValidationError]:
    """Process Order

     Triggers the grouping of any brackets contained in the order and process the final
    images in the order. Grouping takes 10 seconds to 5 minutes on the real service;
    while it runs `is_merging` is `true` and the new images are not listed.

    Decisions where the vendor is silent:
    * Only uploaded brackets (`is_uploaded: true`) that are not yet part of an image
      are grouped; if there are none, the order is returned unchanged with `200`.
    * Grouping: `images[].bracket_ids` groups explicitly (each listed bracket ID must
      belong to the order and be uploaded, else `422`
      `{"json": {"images": ["Unknown bracket ID."]}}`); otherwise
      `number_of_brackets_per_image` = N > 0 groups every N brackets in creation
      order; otherwise (absent or 0) the mock, which cannot do visual analysis, puts
      all remaining brackets into one image. Each image takes the `image_name` of
      its first bracket and the enhancement settings of the body.
    * The `200` body shows the order as accepted: `is_merging: true`,
      `status: "processing"`, without the new images. The grouped images appear
      after the mock's merging delay, `processing`, and are `processed` after its
      processing delay, with an `image_processed` webhook per image (both delays
      are 0 s in the pytest fixtures and `MockServer`, 10 s each on the standalone
      `mock-server`: `--merging-delay`, `--processing-delay`; 10 s is the
      documented minimum of grouping).
    * Unknown body fields are accepted and ignored (the vendor's docs send
      `image_name`, `contentType` and `hdr`); `number_of_brackets_per_image` below 0
      answers `422` `"Must be greater than or equal to 0."`.
    * Unknown (or deleted) order: `404` `{"detail": {}, "message": "Not Found"}`.

    Args:
        id (str):
        x_api_version (str | Unset):
        body (OrderHDRProcessIn | Unset): Body of Process Order. Additional properties are
            accepted and ignored: the vendor's "Grouping Brackets and Processing Orders" page sends
            `image_name`, `contentType` and `hdr` here. Example: {'ai_version': '5.x',
            'number_of_brackets_per_image': 3}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | OrderHDRProcessOut | ValidationError]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        x_api_version=x_api_version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: OrderHDRProcessIn | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> HTTPError | OrderHDRProcessOut | ValidationError | None:
    """Process Order

     Triggers the grouping of any brackets contained in the order and process the final
    images in the order. Grouping takes 10 seconds to 5 minutes on the real service;
    while it runs `is_merging` is `true` and the new images are not listed.

    Decisions where the vendor is silent:
    * Only uploaded brackets (`is_uploaded: true`) that are not yet part of an image
      are grouped; if there are none, the order is returned unchanged with `200`.
    * Grouping: `images[].bracket_ids` groups explicitly (each listed bracket ID must
      belong to the order and be uploaded, else `422`
      `{"json": {"images": ["Unknown bracket ID."]}}`); otherwise
      `number_of_brackets_per_image` = N > 0 groups every N brackets in creation
      order; otherwise (absent or 0) the mock, which cannot do visual analysis, puts
      all remaining brackets into one image. Each image takes the `image_name` of
      its first bracket and the enhancement settings of the body.
    * The `200` body shows the order as accepted: `is_merging: true`,
      `status: "processing"`, without the new images. The grouped images appear
      after the mock's merging delay, `processing`, and are `processed` after its
      processing delay, with an `image_processed` webhook per image (both delays
      are 0 s in the pytest fixtures and `MockServer`, 10 s each on the standalone
      `mock-server`: `--merging-delay`, `--processing-delay`; 10 s is the
      documented minimum of grouping).
    * Unknown body fields are accepted and ignored (the vendor's docs send
      `image_name`, `contentType` and `hdr`); `number_of_brackets_per_image` below 0
      answers `422` `"Must be greater than or equal to 0."`.
    * Unknown (or deleted) order: `404` `{"detail": {}, "message": "Not Found"}`.

    Args:
        id (str):
        x_api_version (str | Unset):
        body (OrderHDRProcessIn | Unset): Body of Process Order. Additional properties are
            accepted and ignored: the vendor's "Grouping Brackets and Processing Orders" page sends
            `image_name`, `contentType` and `hdr` here. Example: {'ai_version': '5.x',
            'number_of_brackets_per_image': 3}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | OrderHDRProcessOut | ValidationError
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        x_api_version=x_api_version,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: OrderHDRProcessIn | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> Response[HTTPError | OrderHDRProcessOut | ValidationError]:
    """Process Order

     Triggers the grouping of any brackets contained in the order and process the final
    images in the order. Grouping takes 10 seconds to 5 minutes on the real service;
    while it runs `is_merging` is `true` and the new images are not listed.

    Decisions where the vendor is silent:
    * Only uploaded brackets (`is_uploaded: true`) that are not yet part of an image
      are grouped; if there are none, the order is returned unchanged with `200`.
    * Grouping: `images[].bracket_ids` groups explicitly (each listed bracket ID must
      belong to the order and be uploaded, else `422`
      `{"json": {"images": ["Unknown bracket ID."]}}`); otherwise
      `number_of_brackets_per_image` = N > 0 groups every N brackets in creation
      order; otherwise (absent or 0) the mock, which cannot do visual analysis, puts
      all remaining brackets into one image. Each image takes the `image_name` of
      its first bracket and the enhancement settings of the body.
    * The `200` body shows the order as accepted: `is_merging: true`,
      `status: "processing"`, without the new images. The grouped images appear
      after the mock's merging delay, `processing`, and are `processed` after its
      processing delay, with an `image_processed` webhook per image (both delays
      are 0 s in the pytest fixtures and `MockServer`, 10 s each on the standalone
      `mock-server`: `--merging-delay`, `--processing-delay`; 10 s is the
      documented minimum of grouping).
    * Unknown body fields are accepted and ignored (the vendor's docs send
      `image_name`, `contentType` and `hdr`); `number_of_brackets_per_image` below 0
      answers `422` `"Must be greater than or equal to 0."`.
    * Unknown (or deleted) order: `404` `{"detail": {}, "message": "Not Found"}`.

    Args:
        id (str):
        x_api_version (str | Unset):
        body (OrderHDRProcessIn | Unset): Body of Process Order. Additional properties are
            accepted and ignored: the vendor's "Grouping Brackets and Processing Orders" page sends
            `image_name`, `contentType` and `hdr` here. Example: {'ai_version': '5.x',
            'number_of_brackets_per_image': 3}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | OrderHDRProcessOut | ValidationError]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        x_api_version=x_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: OrderHDRProcessIn | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> HTTPError | OrderHDRProcessOut | ValidationError | None:
    """Process Order

     Triggers the grouping of any brackets contained in the order and process the final
    images in the order. Grouping takes 10 seconds to 5 minutes on the real service;
    while it runs `is_merging` is `true` and the new images are not listed.

    Decisions where the vendor is silent:
    * Only uploaded brackets (`is_uploaded: true`) that are not yet part of an image
      are grouped; if there are none, the order is returned unchanged with `200`.
    * Grouping: `images[].bracket_ids` groups explicitly (each listed bracket ID must
      belong to the order and be uploaded, else `422`
      `{"json": {"images": ["Unknown bracket ID."]}}`); otherwise
      `number_of_brackets_per_image` = N > 0 groups every N brackets in creation
      order; otherwise (absent or 0) the mock, which cannot do visual analysis, puts
      all remaining brackets into one image. Each image takes the `image_name` of
      its first bracket and the enhancement settings of the body.
    * The `200` body shows the order as accepted: `is_merging: true`,
      `status: "processing"`, without the new images. The grouped images appear
      after the mock's merging delay, `processing`, and are `processed` after its
      processing delay, with an `image_processed` webhook per image (both delays
      are 0 s in the pytest fixtures and `MockServer`, 10 s each on the standalone
      `mock-server`: `--merging-delay`, `--processing-delay`; 10 s is the
      documented minimum of grouping).
    * Unknown body fields are accepted and ignored (the vendor's docs send
      `image_name`, `contentType` and `hdr`); `number_of_brackets_per_image` below 0
      answers `422` `"Must be greater than or equal to 0."`.
    * Unknown (or deleted) order: `404` `{"detail": {}, "message": "Not Found"}`.

    Args:
        id (str):
        x_api_version (str | Unset):
        body (OrderHDRProcessIn | Unset): Body of Process Order. Additional properties are
            accepted and ignored: the vendor's "Grouping Brackets and Processing Orders" page sends
            `image_name`, `contentType` and `hdr` here. Example: {'ai_version': '5.x',
            'number_of_brackets_per_image': 3}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | OrderHDRProcessOut | ValidationError
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            x_api_version=x_api_version,
        )
    ).parsed
