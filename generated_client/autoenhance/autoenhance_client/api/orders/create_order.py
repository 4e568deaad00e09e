from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...models.order_in import OrderIn
from ...models.order_out import OrderOut
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: OrderIn | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_api_version, Unset):
        headers["x-api-version"] = x_api_version

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/orders/",
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPError | OrderOut | ValidationError | None:
    if response.status_code == 200:
        response_200 = OrderOut.from_dict(response.json())

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
) -> Response[HTTPError | OrderOut | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: OrderIn | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> Response[HTTPError | OrderOut | ValidationError]:
    """Create Order

     Creates an empty order. The body is optional (the vendor's HDR quickstart sends
    none); `{}` and no body are equivalent.

    Decisions where the vendor is silent:
    * The `200` body is the full order (`OrderOut`): `status: "waiting"`,
      `images: []`, `total_images: 0`, `is_processing`, `is_merging` and
      `is_deleted` all `false`. The SDK leaves this response untyped.
    * Without `order_id` the server generates a UUIDv4 string. Without `name` the
      name is the empty string `""`.
    * A client-chosen `order_id` must be 1-128 characters from `A-Z a-z 0-9 . _ ~ -`
      and start with a letter or digit (so it is safe as a path segment); otherwise
      `422` `{"json": {"order_id": ["String does not match expected pattern."]}}`.
    * A duplicate `order_id` (an existing order, including one created implicitly by
      Create Image) answers `422` with
      `{"detail": {"json": {"order_id": ["Order ID already exists."]}}, "message": "Validation error"}`.
      `422` is used rather than `409` because the SDK declares only 200/401/422.
    * Unknown body fields answer `422` `"Unknown field."`.

    Args:
        x_api_version (str | Unset):
        body (OrderIn | Unset):  Example: {'name': '12 Acacia Avenue', 'order_id':
            '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | OrderOut | ValidationError]
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
    body: OrderIn | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> HTTPError | OrderOut | ValidationError | None:
    """Create Order

     Creates an empty order. The body is optional (the vendor's HDR quickstart sends
    none); `{}` and no body are equivalent.

    Decisions where the vendor is silent:
    * The `200` body is the full order (`OrderOut`): `status: "waiting"`,
      `images: []`, `total_images: 0`, `is_processing`, `is_merging` and
      `is_deleted` all `false`. The SDK leaves this response untyped.
    * Without `order_id` the server generates a UUIDv4 string. Without `name` the
      name is the empty string `""`.
    * A client-chosen `order_id` must be 1-128 characters from `A-Z a-z 0-9 . _ ~ -`
      and start with a letter or digit (so it is safe as a path segment); otherwise
      `422` `{"json": {"order_id": ["String does not match expected pattern."]}}`.
    * A duplicate `order_id` (an existing order, including one created implicitly by
      Create Image) answers `422` with
      `{"detail": {"json": {"order_id": ["Order ID already exists."]}}, "message": "Validation error"}`.
      `422` is used rather than `409` because the SDK declares only 200/401/422.
    * Unknown body fields answer `422` `"Unknown field."`.

    Args:
        x_api_version (str | Unset):
        body (OrderIn | Unset):  Example: {'name': '12 Acacia Avenue', 'order_id':
            '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | OrderOut | ValidationError
    """

    return sync_detailed(
        client=client,
        body=body,
        x_api_version=x_api_version,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: OrderIn | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> Response[HTTPError | OrderOut | ValidationError]:
    """Create Order

     Creates an empty order. The body is optional (the vendor's HDR quickstart sends
    none); `{}` and no body are equivalent.

    Decisions where the vendor is silent:
    * The `200` body is the full order (`OrderOut`): `status: "waiting"`,
      `images: []`, `total_images: 0`, `is_processing`, `is_merging` and
      `is_deleted` all `false`. The SDK leaves this response untyped.
    * Without `order_id` the server generates a UUIDv4 string. Without `name` the
      name is the empty string `""`.
    * A client-chosen `order_id` must be 1-128 characters from `A-Z a-z 0-9 . _ ~ -`
      and start with a letter or digit (so it is safe as a path segment); otherwise
      `422` `{"json": {"order_id": ["String does not match expected pattern."]}}`.
    * A duplicate `order_id` (an existing order, including one created implicitly by
      Create Image) answers `422` with
      `{"detail": {"json": {"order_id": ["Order ID already exists."]}}, "message": "Validation error"}`.
      `422` is used rather than `409` because the SDK declares only 200/401/422.
    * Unknown body fields answer `422` `"Unknown field."`.

    Args:
        x_api_version (str | Unset):
        body (OrderIn | Unset):  Example: {'name': '12 Acacia Avenue', 'order_id':
            '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | OrderOut | ValidationError]
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
    body: OrderIn | Unset = UNSET,
    x_api_version: str | Unset = UNSET,
) -> HTTPError | OrderOut | ValidationError | None:
    """Create Order

     Creates an empty order. The body is optional (the vendor's HDR quickstart sends
    none); `{}` and no body are equivalent.

    Decisions where the vendor is silent:
    * The `200` body is the full order (`OrderOut`): `status: "waiting"`,
      `images: []`, `total_images: 0`, `is_processing`, `is_merging` and
      `is_deleted` all `false`. The SDK leaves this response untyped.
    * Without `order_id` the server generates a UUIDv4 string. Without `name` the
      name is the empty string `""`.
    * A client-chosen `order_id` must be 1-128 characters from `A-Z a-z 0-9 . _ ~ -`
      and start with a letter or digit (so it is safe as a path segment); otherwise
      `422` `{"json": {"order_id": ["String does not match expected pattern."]}}`.
    * A duplicate `order_id` (an existing order, including one created implicitly by
      Create Image) answers `422` with
      `{"detail": {"json": {"order_id": ["Order ID already exists."]}}, "message": "Validation error"}`.
      `422` is used rather than `409` because the SDK declares only 200/401/422.
    * Unknown body fields answer `422` `"Unknown field."`.

    Args:
        x_api_version (str | Unset):
        body (OrderIn | Unset):  Example: {'name': '12 Acacia Avenue', 'order_id':
            '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | OrderOut | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_api_version=x_api_version,
        )
    ).parsed
