from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...models.order_hdr_merge import OrderHDRMerge
from ...models.order_hdr_process_out import OrderHDRProcessOut
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: OrderHDRMerge | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_api_version, Unset):
        headers["x-api-version"] = x_api_version

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/orders/{id}/merge".format(
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
    body: OrderHDRMerge | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> Response[HTTPError | OrderHDRProcessOut | ValidationError]:
    """Merge HDR

     Trigger merging of the brackets in the order. The legacy name of Process Order:
    JS SDK 1.2.22 (`OrdersApi.mergeHdr`), the vendor's code examples and the Python
    tab of the current "Grouping Brackets and Processing Orders" page still call it;
    SDK 1.1.0 and the page's JS tab use `/process`.

    Decisions where the vendor is silent: it behaves exactly like Process Order
    (same grouping, same `200` body, same errors), without `images` in the body (an
    `images` field is accepted and ignored, like any unknown field). The SDKs leave
    the `200` body untyped; the mock returns the order.

    Args:
        id (str):
        x_api_version (str | Unset):
        body (OrderHDRMerge | Unset): Body of the legacy Merge HDR: Process Order's fields without
            `images`. Additional properties are accepted and ignored. Decision: the current
            `ai_version` and `enhance_type` enums apply (the JS SDK's older enums lack `5.x`, `5.0`
            and `modern`). Example: {'number_of_brackets_per_image': 3}.

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
    body: OrderHDRMerge | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> HTTPError | OrderHDRProcessOut | ValidationError | None:
    """Merge HDR

     Trigger merging of the brackets in the order. The legacy name of Process Order:
    JS SDK 1.2.22 (`OrdersApi.mergeHdr`), the vendor's code examples and the Python
    tab of the current "Grouping Brackets and Processing Orders" page still call it;
    SDK 1.1.0 and the page's JS tab use `/process`.

    Decisions where the vendor is silent: it behaves exactly like Process Order
    (same grouping, same `200` body, same errors), without `images` in the body (an
    `images` field is accepted and ignored, like any unknown field). The SDKs leave
    the `200` body untyped; the mock returns the order.

    Args:
        id (str):
        x_api_version (str | Unset):
        body (OrderHDRMerge | Unset): Body of the legacy Merge HDR: Process Order's fields without
            `images`. Additional properties are accepted and ignored. Decision: the current
            `ai_version` and `enhance_type` enums apply (the JS SDK's older enums lack `5.x`, `5.0`
            and `modern`). Example: {'number_of_brackets_per_image': 3}.

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
    body: OrderHDRMerge | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> Response[HTTPError | OrderHDRProcessOut | ValidationError]:
    """Merge HDR

     Trigger merging of the brackets in the order. The legacy name of Process Order:
    JS SDK 1.2.22 (`OrdersApi.mergeHdr`), the vendor's code examples and the Python
    tab of the current "Grouping Brackets and Processing Orders" page still call it;
    SDK 1.1.0 and the page's JS tab use `/process`.

    Decisions where the vendor is silent: it behaves exactly like Process Order
    (same grouping, same `200` body, same errors), without `images` in the body (an
    `images` field is accepted and ignored, like any unknown field). The SDKs leave
    the `200` body untyped; the mock returns the order.

    Args:
        id (str):
        x_api_version (str | Unset):
        body (OrderHDRMerge | Unset): Body of the legacy Merge HDR: Process Order's fields without
            `images`. Additional properties are accepted and ignored. Decision: the current
            `ai_version` and `enhance_type` enums apply (the JS SDK's older enums lack `5.x`, `5.0`
            and `modern`). Example: {'number_of_brackets_per_image': 3}.

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
    body: OrderHDRMerge | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> HTTPError | OrderHDRProcessOut | ValidationError | None:
    """Merge HDR

     Trigger merging of the brackets in the order. The legacy name of Process Order:
    JS SDK 1.2.22 (`OrdersApi.mergeHdr`), the vendor's code examples and the Python
    tab of the current "Grouping Brackets and Processing Orders" page still call it;
    SDK 1.1.0 and the page's JS tab use `/process`.

    Decisions where the vendor is silent: it behaves exactly like Process Order
    (same grouping, same `200` body, same errors), without `images` in the body (an
    `images` field is accepted and ignored, like any unknown field). The SDKs leave
    the `200` body untyped; the mock returns the order.

    Args:
        id (str):
        x_api_version (str | Unset):
        body (OrderHDRMerge | Unset): Body of the legacy Merge HDR: Process Order's fields without
            `images`. Additional properties are accepted and ignored. Decision: the current
            `ai_version` and `enhance_type` enums apply (the JS SDK's older enums lack `5.x`, `5.0`
            and `modern`). Example: {'number_of_brackets_per_image': 3}.

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
