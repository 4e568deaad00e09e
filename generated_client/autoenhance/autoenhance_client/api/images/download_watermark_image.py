from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.http_error import HTTPError
from ...types import File, Response


def _get_kwargs(
    id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/images/{id}/watermark".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> File | HTTPError | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 404:
        response_404 = HTTPError.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = HTTPError.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[File | HTTPError]:
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
) -> Response[File | HTTPError]:
    """Download Watermark Image

     Legacy download, listed in the vendor's SDK repository (`python/docs/ImagesApi.md`,
    December 2024) with no parameters, no security, `200` image bytes and `404`; the
    docs navigation still has a "Preview" page. It serves the watermarked image.

    Decisions where the vendor is silent: the same answers as Download Enhanced Image
    with `format=jpeg` (`404 "Image has not been processed yet."` before the image is
    processed, `404 "Image processing failed."` for an image in error); no key is
    needed and a `preview=false` charge never happens, so `downloaded` is unchanged.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | HTTPError]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> File | HTTPError | None:
    """Download Watermark Image

     Legacy download, listed in the vendor's SDK repository (`python/docs/ImagesApi.md`,
    December 2024) with no parameters, no security, `200` image bytes and `404`; the
    docs navigation still has a "Preview" page. It serves the watermarked image.

    Decisions where the vendor is silent: the same answers as Download Enhanced Image
    with `format=jpeg` (`404 "Image has not been processed yet."` before the image is
    processed, `404 "Image processing failed."` for an image in error); no key is
    needed and a `preview=false` charge never happens, so `downloaded` is unchanged.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | HTTPError
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[File | HTTPError]:
    """Download Watermark Image

     Legacy download, listed in the vendor's SDK repository (`python/docs/ImagesApi.md`,
    December 2024) with no parameters, no security, `200` image bytes and `404`; the
    docs navigation still has a "Preview" page. It serves the watermarked image.

    Decisions where the vendor is silent: the same answers as Download Enhanced Image
    with `format=jpeg` (`404 "Image has not been processed yet."` before the image is
    processed, `404 "Image processing failed."` for an image in error); no key is
    needed and a `preview=false` charge never happens, so `downloaded` is unchanged.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | HTTPError]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient | Client,
) -> File | HTTPError | None:
    """Download Watermark Image

     Legacy download, listed in the vendor's SDK repository (`python/docs/ImagesApi.md`,
    December 2024) with no parameters, no security, `200` image bytes and `404`; the
    docs navigation still has a "Preview" page. It serves the watermarked image.

    Decisions where the vendor is silent: the same answers as Download Enhanced Image
    with `format=jpeg` (`404 "Image has not been processed yet."` before the image is
    processed, `404 "Image processing failed."` for an image in error); no key is
    needed and a `preview=false` charge never happens, so `downloaded` is unchanged.

    Args:
        id (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | HTTPError
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
