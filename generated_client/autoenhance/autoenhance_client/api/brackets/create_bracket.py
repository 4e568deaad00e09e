from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bracke_createdt_out import BrackeCreatedtOut
from ...models.bracket_in import BracketIn
from ...models.http_error import HTTPError
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs(
    *,
    body: BracketIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/brackets/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BrackeCreatedtOut | HTTPError | ValidationError | None:
    if response.status_code == 200:
        response_200 = BrackeCreatedtOut.from_dict(response.json())

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
) -> Response[BrackeCreatedtOut | HTTPError | ValidationError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BracketIn,
) -> Response[BrackeCreatedtOut | HTTPError | ValidationError]:
    """Create Order Brackets

     Creates brackets for a specific order by its unique identifier. If the order is not
    found, a 404 error is raised. Upload the bracket's bytes with an HTTP `PUT` to
    `upload_url`, then call Process Order.

    Decisions where the vendor is silent:
    * An unknown (or deleted) `order_id` answers `404`
      `{"detail": {}, "message": "Not Found"}`, as the SDK docstring says, although
      SDK 1.1.0's response map omits it. Brackets never create orders implicitly.
    * The key is always `upload_url` (the `x-api-version` switch to `s3PutObjectUrl`
      applies only to Create Image).
    * `bracket_id` is a server-generated UUIDv4; `is_uploaded` is `false` until the
      `PUT` to `upload_url` succeeds (any Content-Type accepted; `200` with an empty
      body).
    * Unknown body fields answer `422` `"Unknown field."`; a missing `name` or
      `order_id` answers `422` `"Missing data for required field."`.

    Args:
        body (BracketIn):  Example: {'name': 'kitchen-ev-2.jpg', 'order_id':
            '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BrackeCreatedtOut | HTTPError | ValidationError]
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
    body: BracketIn,
) -> BrackeCreatedtOut | HTTPError | ValidationError | None:
    """Create Order Brackets

     Creates brackets for a specific order by its unique identifier. If the order is not
    found, a 404 error is raised. Upload the bracket's bytes with an HTTP `PUT` to
    `upload_url`, then call Process Order.

    Decisions where the vendor is silent:
    * An unknown (or deleted) `order_id` answers `404`
      `{"detail": {}, "message": "Not Found"}`, as the SDK docstring says, although
      SDK 1.1.0's response map omits it. Brackets never create orders implicitly.
    * The key is always `upload_url` (the `x-api-version` switch to `s3PutObjectUrl`
      applies only to Create Image).
    * `bracket_id` is a server-generated UUIDv4; `is_uploaded` is `false` until the
      `PUT` to `upload_url` succeeds (any Content-Type accepted; `200` with an empty
      body).
    * Unknown body fields answer `422` `"Unknown field."`; a missing `name` or
      `order_id` answers `422` `"Missing data for required field."`.

    Args:
        body (BracketIn):  Example: {'name': 'kitchen-ev-2.jpg', 'order_id':
            '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BrackeCreatedtOut | HTTPError | ValidationError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BracketIn,
) -> Response[BrackeCreatedtOut | HTTPError | ValidationError]:
    """Create Order Brackets

     Creates brackets for a specific order by its unique identifier. If the order is not
    found, a 404 error is raised. Upload the bracket's bytes with an HTTP `PUT` to
    `upload_url`, then call Process Order.

    Decisions where the vendor is silent:
    * An unknown (or deleted) `order_id` answers `404`
      `{"detail": {}, "message": "Not Found"}`, as the SDK docstring says, although
      SDK 1.1.0's response map omits it. Brackets never create orders implicitly.
    * The key is always `upload_url` (the `x-api-version` switch to `s3PutObjectUrl`
      applies only to Create Image).
    * `bracket_id` is a server-generated UUIDv4; `is_uploaded` is `false` until the
      `PUT` to `upload_url` succeeds (any Content-Type accepted; `200` with an empty
      body).
    * Unknown body fields answer `422` `"Unknown field."`; a missing `name` or
      `order_id` answers `422` `"Missing data for required field."`.

    Args:
        body (BracketIn):  Example: {'name': 'kitchen-ev-2.jpg', 'order_id':
            '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BrackeCreatedtOut | HTTPError | ValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: BracketIn,
) -> BrackeCreatedtOut | HTTPError | ValidationError | None:
    """Create Order Brackets

     Creates brackets for a specific order by its unique identifier. If the order is not
    found, a 404 error is raised. Upload the bracket's bytes with an HTTP `PUT` to
    `upload_url`, then call Process Order.

    Decisions where the vendor is silent:
    * An unknown (or deleted) `order_id` answers `404`
      `{"detail": {}, "message": "Not Found"}`, as the SDK docstring says, although
      SDK 1.1.0's response map omits it. Brackets never create orders implicitly.
    * The key is always `upload_url` (the `x-api-version` switch to `s3PutObjectUrl`
      applies only to Create Image).
    * `bracket_id` is a server-generated UUIDv4; `is_uploaded` is `false` until the
      `PUT` to `upload_url` succeeds (any Content-Type accepted; `200` with an empty
      body).
    * Unknown body fields answer `422` `"Unknown field."`; a missing `name` or
      `order_id` answers `422` `"Missing data for required field."`.

    Args:
        body (BracketIn):  Example: {'name': 'kitchen-ev-2.jpg', 'order_id':
            '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BrackeCreatedtOut | HTTPError | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
