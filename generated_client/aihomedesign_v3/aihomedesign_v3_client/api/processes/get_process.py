from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.process_envelope import ProcessEnvelope
from ...types import UNSET, Response, Unset


def _get_kwargs(
    process_id: str,
    *,
    width: int | Unset = UNSET,
    height: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["width"] = width

    params["height"] = height

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v3/process/{process_id}".format(
            process_id=quote(str(process_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | ProcessEnvelope | None:
    if response.status_code == 200:
        response_200 = ProcessEnvelope.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ApiError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ApiError.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = ApiError.from_dict(response.json())

        return response_404

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiError | ProcessEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    process_id: str,
    *,
    client: AuthenticatedClient,
    width: int | Unset = UNSET,
    height: int | Unset = UNSET,
) -> Response[ApiError | ProcessEnvelope]:
    """Get a process

     The process and its `status`; when `done`, `final_assets` holds the result images (`src`/`temp_src`
    full size, `thumbnail_src`/`temp_thumbnail_src` smaller). `width`/`height` ask for resized image
    URLs. Poll at most once every 5 seconds.

    Args:
        process_id (str):
        width (int | Unset):
        height (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | ProcessEnvelope]
    """

    kwargs = _get_kwargs(
        process_id=process_id,
        width=width,
        height=height,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    process_id: str,
    *,
    client: AuthenticatedClient,
    width: int | Unset = UNSET,
    height: int | Unset = UNSET,
) -> ApiError | ProcessEnvelope | None:
    """Get a process

     The process and its `status`; when `done`, `final_assets` holds the result images (`src`/`temp_src`
    full size, `thumbnail_src`/`temp_thumbnail_src` smaller). `width`/`height` ask for resized image
    URLs. Poll at most once every 5 seconds.

    Args:
        process_id (str):
        width (int | Unset):
        height (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | ProcessEnvelope
    """

    return sync_detailed(
        process_id=process_id,
        client=client,
        width=width,
        height=height,
    ).parsed


async def asyncio_detailed(
    process_id: str,
    *,
    client: AuthenticatedClient,
    width: int | Unset = UNSET,
    height: int | Unset = UNSET,
) -> Response[ApiError | ProcessEnvelope]:
    """Get a process

     The process and its `status`; when `done`, `final_assets` holds the result images (`src`/`temp_src`
    full size, `thumbnail_src`/`temp_thumbnail_src` smaller). `width`/`height` ask for resized image
    URLs. Poll at most once every 5 seconds.

    Args:
        process_id (str):
        width (int | Unset):
        height (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | ProcessEnvelope]
    """

    kwargs = _get_kwargs(
        process_id=process_id,
        width=width,
        height=height,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    process_id: str,
    *,
    client: AuthenticatedClient,
    width: int | Unset = UNSET,
    height: int | Unset = UNSET,
) -> ApiError | ProcessEnvelope | None:
    """Get a process

     The process and its `status`; when `done`, `final_assets` holds the result images (`src`/`temp_src`
    full size, `thumbnail_src`/`temp_thumbnail_src` smaller). `width`/`height` ask for resized image
    URLs. Poll at most once every 5 seconds.

    Args:
        process_id (str):
        width (int | Unset):
        height (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | ProcessEnvelope
    """

    return (
        await asyncio_detailed(
            process_id=process_id,
            client=client,
            width=width,
            height=height,
        )
    ).parsed
