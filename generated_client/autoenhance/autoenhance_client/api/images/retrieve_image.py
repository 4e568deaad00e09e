from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...models.image_out import ImageOut
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    x_api_version: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_api_version, Unset):
        headers["x-api-version"] = x_api_version

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/images/{id}".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> HTTPError | ImageOut | ValidationError | None:
    if response.status_code == 200:
        response_200 = ImageOut.from_dict(response.json())

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
) -> Response[HTTPError | ImageOut | ValidationError]:
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
    x_api_version: str | Unset = UNSET,
) -> Response[HTTPError | ImageOut | ValidationError]:
    """Retrieve Image

     Retrieves an image with its settings and processing status.

    Decisions where the vendor is silent:
    * No API key is needed (the SDK declares no security here and the docs'
      examples send none); a key is ignored.
    * Lifecycle: `waiting` until the upload `PUT` lands, then `processing`, then
      `processed` once the mock's processing delay has passed (0 s in the pytest
      fixtures and `MockServer`, 10 s on the standalone `mock-server`,
      `--processing-delay`). An image reaches `error` only through a failure
      scenario or past the daily enhancement quota, and `expired` only through a
      scenario (AE-Q12, AE-Q17). The legacy `enhanced` / `error` booleans are not
      returned.
    * Unknown or deleted image (or one whose order was deleted): `404`
      `{"detail": {}, "message": "Not Found"}`.

    Args:
        id (str):
        x_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | ImageOut | ValidationError]
    """

    kwargs = _get_kwargs(
        id=id,
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
    x_api_version: str | Unset = UNSET,
) -> HTTPError | ImageOut | ValidationError | None:
    """Retrieve Image

     Retrieves an image with its settings and processing status.

    Decisions where the vendor is silent:
    * No API key is needed (the SDK declares no security here and the docs'
      examples send none); a key is ignored.
    * Lifecycle: `waiting` until the upload `PUT` lands, then `processing`, then
      `processed` once the mock's processing delay has passed (0 s in the pytest
      fixtures and `MockServer`, 10 s on the standalone `mock-server`,
      `--processing-delay`). An image reaches `error` only through a failure
      scenario or past the daily enhancement quota, and `expired` only through a
      scenario (AE-Q12, AE-Q17). The legacy `enhanced` / `error` booleans are not
      returned.
    * Unknown or deleted image (or one whose order was deleted): `404`
      `{"detail": {}, "message": "Not Found"}`.

    Args:
        id (str):
        x_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | ImageOut | ValidationError
    """

    return sync_detailed(
        id=id,
        client=client,
        x_api_version=x_api_version,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    x_api_version: str | Unset = UNSET,
) -> Response[HTTPError | ImageOut | ValidationError]:
    """Retrieve Image

     Retrieves an image with its settings and processing status.

    Decisions where the vendor is silent:
    * No API key is needed (the SDK declares no security here and the docs'
      examples send none); a key is ignored.
    * Lifecycle: `waiting` until the upload `PUT` lands, then `processing`, then
      `processed` once the mock's processing delay has passed (0 s in the pytest
      fixtures and `MockServer`, 10 s on the standalone `mock-server`,
      `--processing-delay`). An image reaches `error` only through a failure
      scenario or past the daily enhancement quota, and `expired` only through a
      scenario (AE-Q12, AE-Q17). The legacy `enhanced` / `error` booleans are not
      returned.
    * Unknown or deleted image (or one whose order was deleted): `404`
      `{"detail": {}, "message": "Not Found"}`.

    Args:
        id (str):
        x_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[HTTPError | ImageOut | ValidationError]
    """

    kwargs = _get_kwargs(
        id=id,
        x_api_version=x_api_version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
    x_api_version: str | Unset = UNSET,
) -> HTTPError | ImageOut | ValidationError | None:
    """Retrieve Image

     Retrieves an image with its settings and processing status.

    Decisions where the vendor is silent:
    * No API key is needed (the SDK declares no security here and the docs'
      examples send none); a key is ignored.
    * Lifecycle: `waiting` until the upload `PUT` lands, then `processing`, then
      `processed` once the mock's processing delay has passed (0 s in the pytest
      fixtures and `MockServer`, 10 s on the standalone `mock-server`,
      `--processing-delay`). An image reaches `error` only through a failure
      scenario or past the daily enhancement quota, and `expired` only through a
      scenario (AE-Q12, AE-Q17). The legacy `enhanced` / `error` booleans are not
      returned.
    * Unknown or deleted image (or one whose order was deleted): `404`
      `{"detail": {}, "message": "Not Found"}`.

    Args:
        id (str):
        x_api_version (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        HTTPError | ImageOut | ValidationError
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            x_api_version=x_api_version,
        )
    ).parsed
