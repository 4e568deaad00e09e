from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.create_project_request import CreateProjectRequest
from ...models.project_envelope import ProjectEnvelope
from ...types import Response


def _get_kwargs(
    *,
    body: CreateProjectRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v3/project",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | ProjectEnvelope | None:
    if response.status_code == 201:
        response_201 = ProjectEnvelope.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ApiError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ApiError.from_dict(response.json())

        return response_401

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiError | ProjectEnvelope]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateProjectRequest,
) -> Response[ApiError | ProjectEnvelope]:
    """Create a project

     Creates a project for one property. Keep the returned `id` as the `project_id`
    of its orders.

    Args:
        body (CreateProjectRequest): A new project. Example: {'address': '123 Maple Street, Austin
            TX 78701'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | ProjectEnvelope]
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
    body: CreateProjectRequest,
) -> ApiError | ProjectEnvelope | None:
    """Create a project

     Creates a project for one property. Keep the returned `id` as the `project_id`
    of its orders.

    Args:
        body (CreateProjectRequest): A new project. Example: {'address': '123 Maple Street, Austin
            TX 78701'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | ProjectEnvelope
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: CreateProjectRequest,
) -> Response[ApiError | ProjectEnvelope]:
    """Create a project

     Creates a project for one property. Keep the returned `id` as the `project_id`
    of its orders.

    Args:
        body (CreateProjectRequest): A new project. Example: {'address': '123 Maple Street, Austin
            TX 78701'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | ProjectEnvelope]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: CreateProjectRequest,
) -> ApiError | ProjectEnvelope | None:
    """Create a project

     Creates a project for one property. Keep the returned `id` as the `project_id`
    of its orders.

    Args:
        body (CreateProjectRequest): A new project. Example: {'address': '123 Maple Street, Austin
            TX 78701'}.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | ProjectEnvelope
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
