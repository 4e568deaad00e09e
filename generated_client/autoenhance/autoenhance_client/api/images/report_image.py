from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...models.report_in import ReportIn
from ...models.report_out import ReportOut
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs(
    id: str,
    *,
    body: ReportIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/images/{id}/report".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPError | ReportOut | ValidationError | None:
    if response.status_code == 200:
        response_200 = ReportOut.from_dict(response.json())

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
) -> Response[HTTPError | ReportOut | ValidationError]:
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
    body: ReportIn,
) -> Response[HTTPError | ReportOut | ValidationError]:
    """Report Image

     Reports a problem with an enhanced image.

    Decisions where the vendor is silent:
    * `200` with `{"message": "Image reported successfully."}` (the SDK leaves the
      body untyped; an old docs example shows a `message`). Reports are accepted in
      any image status and may be repeated.
    * An empty `categories` list is accepted (SDK 1.1.0 sets no minimum); a missing
      one answers `422` `"Missing data for required field."`; an unknown category
      answers `422` under the top-level field name (`{"json": {"categories": [...]}}`);
      unknown body fields answer `422` `"Unknown field."`.
    * Unknown or deleted image: `404` `{"detail": {}, "message": "Not Found"}`.

    Args:
        id (str):
        body (ReportIn):  Example: {'categories': ['COLOUR']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | ReportOut | ValidationError]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    body: ReportIn,
) -> HTTPError | ReportOut | ValidationError | None:
    """Report Image

     Reports a problem with an enhanced image.

    Decisions where the vendor is silent:
    * `200` with `{"message": "Image reported successfully."}` (the SDK leaves the
      body untyped; an old docs example shows a `message`). Reports are accepted in
      any image status and may be repeated.
    * An empty `categories` list is accepted (SDK 1.1.0 sets no minimum); a missing
      one answers `422` `"Missing data for required field."`; an unknown category
      answers `422` under the top-level field name (`{"json": {"categories": [...]}}`);
      unknown body fields answer `422` `"Unknown field."`.
    * Unknown or deleted image: `404` `{"detail": {}, "message": "Not Found"}`.

    Args:
        id (str):
        body (ReportIn):  Example: {'categories': ['COLOUR']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | ReportOut | ValidationError
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: ReportIn,
) -> Response[HTTPError | ReportOut | ValidationError]:
    """Report Image

     Reports a problem with an enhanced image.

    Decisions where the vendor is silent:
    * `200` with `{"message": "Image reported successfully."}` (the SDK leaves the
      body untyped; an old docs example shows a `message`). Reports are accepted in
      any image status and may be repeated.
    * An empty `categories` list is accepted (SDK 1.1.0 sets no minimum); a missing
      one answers `422` `"Missing data for required field."`; an unknown category
      answers `422` under the top-level field name (`{"json": {"categories": [...]}}`);
      unknown body fields answer `422` `"Unknown field."`.
    * Unknown or deleted image: `404` `{"detail": {}, "message": "Not Found"}`.

    Args:
        id (str):
        body (ReportIn):  Example: {'categories': ['COLOUR']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | ReportOut | ValidationError]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: ReportIn,
) -> HTTPError | ReportOut | ValidationError | None:
    """Report Image

     Reports a problem with an enhanced image.

    Decisions where the vendor is silent:
    * `200` with `{"message": "Image reported successfully."}` (the SDK leaves the
      body untyped; an old docs example shows a `message`). Reports are accepted in
      any image status and may be repeated.
    * An empty `categories` list is accepted (SDK 1.1.0 sets no minimum); a missing
      one answers `422` `"Missing data for required field."`; an unknown category
      answers `422` under the top-level field name (`{"json": {"categories": [...]}}`);
      unknown body fields answer `422` `"Unknown field."`.
    * Unknown or deleted image: `404` `{"detail": {}, "message": "Not Found"}`.

    Args:
        id (str):
        body (ReportIn):  Example: {'categories': ['COLOUR']}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | ReportOut | ValidationError
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
        )
    ).parsed
