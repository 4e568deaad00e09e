from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_error import ApiError
from ...models.rate_limit_error import RateLimitError
from ...models.submit_order_request import SubmitOrderRequest
from ...models.submit_order_response import SubmitOrderResponse
from ...types import Response


def _get_kwargs(
    *,
    body: SubmitOrderRequest,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/order",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ApiError | RateLimitError | SubmitOrderResponse | None:
    if response.status_code == 200:
        response_200 = SubmitOrderResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ApiError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ApiError.from_dict(response.json())

        return response_401

    if response.status_code == 429:
        response_429 = RateLimitError.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ApiError | RateLimitError | SubmitOrderResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: SubmitOrderRequest,
) -> Response[ApiError | RateLimitError | SubmitOrderResponse]:
    """Submit an order

     Starts generation for an uploaded order. The service was fixed at upload, so the
    body is one permissive shape: `order_id` is always required and the other fields
    apply per service. Fields a service does not use are **ignored** (decision: the
    Go backend's JSON decoding ignores unknown and unused fields), e.g. `space_name`
    on Day to Dusk, `remove_shadow` on Virtual Staging.

    | Service (from upload) | Fields used | Mandatory widgets | `eta` (mock) |
    |---|---|---|---|
    | `service-ai-virtual-staging` | `order_id`, `space_name`, `selected_widgets` | Style | 60 |
    | `service-creative-designer` (Interior Design) | `order_id`, `space_name`, `selected_widgets` |
    Style (Color optional) | 60 |
    | `service-image-enhancement` | `order_id`, `space_name`, `selected_widgets` | none (Enhancement
    Options optional, multi-select) | 45 |
    | `service-day-to-dusk` | `order_id`, `remove_shadow` (default `false`), `selected_widgets` | Sky
    Style | 40 |
    | `service-item-removal` | `order_id` | none | 30 |
    | `service-item-removal-mask` | `order_id`, `service_name` (required, must be `service-item-removal-
    mask`) | none | 30 |

    The mock does not gate on `is_active` or `is_premium`: an inactive space or a
    premium item is accepted like any other. Item removal mask orders are processed
    like item removal orders; their manual-mask steps are the `item-removal-mask`
    operations.

    `space_name` must be the `name` of a space that `list_spaces` returns for the
    order's service; widget `id`s and `item_id`s must come from `list_widgets` for
    that service and space. Each element of `selected_widgets` picks one item of one
    widget; a `single-select` widget may appear once, a `multi-select` widget once
    per distinct item.

    Checks, in this order (the first failure wins); all are `400 {error, key}`
    except the rate limit:
    1. Key → `401`.
    2. Body not JSON, wrong Content-Type or not matching the schema →
       `api_error_invalid_request`.
    3. Unknown `order_id` → `{"error": "order not found", "key":
       "api_error_order_not_found"}` (decision: 400, the body is what is invalid).
    4. Mask order without `service_name` → `api_error_invalid_request`; a
       `service_name` present but different from the order's service →
       `{"error": "service_name does not match the order's service", "key":
       "api_error_service_mismatch"}`.
    5. Space-based services (virtual staging, interior design, image enhancement):
       `space_name` missing, empty or not a space of the service →
       `{"error": "space not found", "key": "api_error_space_not_found"}`.
    6. For each `selected_widgets` element in order: widget not offered for the
       service (and space) → `{"error": "widget not found", "key":
       "api_error_widget_not_found"}`; `item_id` not an item of that widget →
       `{"error": "item not found", "key": "api_error_item_not_found"}`.
    7. A `single-select` widget twice, or the same widget/item pair twice →
       `{"error": "widget selected more than once", "key":
       "api_error_duplicate_widget"}`.
    8. A mandatory widget not selected → `{"error": "mandatory widget is missing",
       "key": "api_error_mandatory_widget_missing"}`.
    9. Rate limit → `429` (see below).

    **Regeneration.** Submitting an order that was already submitted is a
    regeneration: it is validated the same way, creates a new generated image with a
    new `image_id` (next `sequence`, webhook `regenerated: true`) and does not count
    toward the rate limit (the docs exclude regenerations).

    **Rate limit.** At most 10 first submissions per account in any rolling
    10-minute window; the 11th answers `429 {"error": "rate-limit exceeded, 10
    generates per 10 minutes only"}` with no `key` and no `Retry-After` header (the
    vendor documents neither; back off on the client side). A rejected submission
    changes nothing and is not counted.

    **Result.** The new generated image appears at once in `get_order` with `status:
    "processing"`; after `eta` seconds it becomes `regular_finished` and the
    generated-image webhook is sent. `eta` is in seconds.

    Args:
        body (SubmitOrderRequest): The submit body for every service; which fields are used
            depends on the order's service (see `submit_order`). Unused and unknown fields are
            ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | RateLimitError | SubmitOrderResponse]
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
    body: SubmitOrderRequest,
) -> ApiError | RateLimitError | SubmitOrderResponse | None:
    """Submit an order

     Starts generation for an uploaded order. The service was fixed at upload, so the
    body is one permissive shape: `order_id` is always required and the other fields
    apply per service. Fields a service does not use are **ignored** (decision: the
    Go backend's JSON decoding ignores unknown and unused fields), e.g. `space_name`
    on Day to Dusk, `remove_shadow` on Virtual Staging.

    | Service (from upload) | Fields used | Mandatory widgets | `eta` (mock) |
    |---|---|---|---|
    | `service-ai-virtual-staging` | `order_id`, `space_name`, `selected_widgets` | Style | 60 |
    | `service-creative-designer` (Interior Design) | `order_id`, `space_name`, `selected_widgets` |
    Style (Color optional) | 60 |
    | `service-image-enhancement` | `order_id`, `space_name`, `selected_widgets` | none (Enhancement
    Options optional, multi-select) | 45 |
    | `service-day-to-dusk` | `order_id`, `remove_shadow` (default `false`), `selected_widgets` | Sky
    Style | 40 |
    | `service-item-removal` | `order_id` | none | 30 |
    | `service-item-removal-mask` | `order_id`, `service_name` (required, must be `service-item-removal-
    mask`) | none | 30 |

    The mock does not gate on `is_active` or `is_premium`: an inactive space or a
    premium item is accepted like any other. Item removal mask orders are processed
    like item removal orders; their manual-mask steps are the `item-removal-mask`
    operations.

    `space_name` must be the `name` of a space that `list_spaces` returns for the
    order's service; widget `id`s and `item_id`s must come from `list_widgets` for
    that service and space. Each element of `selected_widgets` picks one item of one
    widget; a `single-select` widget may appear once, a `multi-select` widget once
    per distinct item.

    Checks, in this order (the first failure wins); all are `400 {error, key}`
    except the rate limit:
    1. Key → `401`.
    2. Body not JSON, wrong Content-Type or not matching the schema →
       `api_error_invalid_request`.
    3. Unknown `order_id` → `{"error": "order not found", "key":
       "api_error_order_not_found"}` (decision: 400, the body is what is invalid).
    4. Mask order without `service_name` → `api_error_invalid_request`; a
       `service_name` present but different from the order's service →
       `{"error": "service_name does not match the order's service", "key":
       "api_error_service_mismatch"}`.
    5. Space-based services (virtual staging, interior design, image enhancement):
       `space_name` missing, empty or not a space of the service →
       `{"error": "space not found", "key": "api_error_space_not_found"}`.
    6. For each `selected_widgets` element in order: widget not offered for the
       service (and space) → `{"error": "widget not found", "key":
       "api_error_widget_not_found"}`; `item_id` not an item of that widget →
       `{"error": "item not found", "key": "api_error_item_not_found"}`.
    7. A `single-select` widget twice, or the same widget/item pair twice →
       `{"error": "widget selected more than once", "key":
       "api_error_duplicate_widget"}`.
    8. A mandatory widget not selected → `{"error": "mandatory widget is missing",
       "key": "api_error_mandatory_widget_missing"}`.
    9. Rate limit → `429` (see below).

    **Regeneration.** Submitting an order that was already submitted is a
    regeneration: it is validated the same way, creates a new generated image with a
    new `image_id` (next `sequence`, webhook `regenerated: true`) and does not count
    toward the rate limit (the docs exclude regenerations).

    **Rate limit.** At most 10 first submissions per account in any rolling
    10-minute window; the 11th answers `429 {"error": "rate-limit exceeded, 10
    generates per 10 minutes only"}` with no `key` and no `Retry-After` header (the
    vendor documents neither; back off on the client side). A rejected submission
    changes nothing and is not counted.

    **Result.** The new generated image appears at once in `get_order` with `status:
    "processing"`; after `eta` seconds it becomes `regular_finished` and the
    generated-image webhook is sent. `eta` is in seconds.

    Args:
        body (SubmitOrderRequest): The submit body for every service; which fields are used
            depends on the order's service (see `submit_order`). Unused and unknown fields are
            ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | RateLimitError | SubmitOrderResponse
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: SubmitOrderRequest,
) -> Response[ApiError | RateLimitError | SubmitOrderResponse]:
    """Submit an order

     Starts generation for an uploaded order. The service was fixed at upload, so the
    body is one permissive shape: `order_id` is always required and the other fields
    apply per service. Fields a service does not use are **ignored** (decision: the
    Go backend's JSON decoding ignores unknown and unused fields), e.g. `space_name`
    on Day to Dusk, `remove_shadow` on Virtual Staging.

    | Service (from upload) | Fields used | Mandatory widgets | `eta` (mock) |
    |---|---|---|---|
    | `service-ai-virtual-staging` | `order_id`, `space_name`, `selected_widgets` | Style | 60 |
    | `service-creative-designer` (Interior Design) | `order_id`, `space_name`, `selected_widgets` |
    Style (Color optional) | 60 |
    | `service-image-enhancement` | `order_id`, `space_name`, `selected_widgets` | none (Enhancement
    Options optional, multi-select) | 45 |
    | `service-day-to-dusk` | `order_id`, `remove_shadow` (default `false`), `selected_widgets` | Sky
    Style | 40 |
    | `service-item-removal` | `order_id` | none | 30 |
    | `service-item-removal-mask` | `order_id`, `service_name` (required, must be `service-item-removal-
    mask`) | none | 30 |

    The mock does not gate on `is_active` or `is_premium`: an inactive space or a
    premium item is accepted like any other. Item removal mask orders are processed
    like item removal orders; their manual-mask steps are the `item-removal-mask`
    operations.

    `space_name` must be the `name` of a space that `list_spaces` returns for the
    order's service; widget `id`s and `item_id`s must come from `list_widgets` for
    that service and space. Each element of `selected_widgets` picks one item of one
    widget; a `single-select` widget may appear once, a `multi-select` widget once
    per distinct item.

    Checks, in this order (the first failure wins); all are `400 {error, key}`
    except the rate limit:
    1. Key → `401`.
    2. Body not JSON, wrong Content-Type or not matching the schema →
       `api_error_invalid_request`.
    3. Unknown `order_id` → `{"error": "order not found", "key":
       "api_error_order_not_found"}` (decision: 400, the body is what is invalid).
    4. Mask order without `service_name` → `api_error_invalid_request`; a
       `service_name` present but different from the order's service →
       `{"error": "service_name does not match the order's service", "key":
       "api_error_service_mismatch"}`.
    5. Space-based services (virtual staging, interior design, image enhancement):
       `space_name` missing, empty or not a space of the service →
       `{"error": "space not found", "key": "api_error_space_not_found"}`.
    6. For each `selected_widgets` element in order: widget not offered for the
       service (and space) → `{"error": "widget not found", "key":
       "api_error_widget_not_found"}`; `item_id` not an item of that widget →
       `{"error": "item not found", "key": "api_error_item_not_found"}`.
    7. A `single-select` widget twice, or the same widget/item pair twice →
       `{"error": "widget selected more than once", "key":
       "api_error_duplicate_widget"}`.
    8. A mandatory widget not selected → `{"error": "mandatory widget is missing",
       "key": "api_error_mandatory_widget_missing"}`.
    9. Rate limit → `429` (see below).

    **Regeneration.** Submitting an order that was already submitted is a
    regeneration: it is validated the same way, creates a new generated image with a
    new `image_id` (next `sequence`, webhook `regenerated: true`) and does not count
    toward the rate limit (the docs exclude regenerations).

    **Rate limit.** At most 10 first submissions per account in any rolling
    10-minute window; the 11th answers `429 {"error": "rate-limit exceeded, 10
    generates per 10 minutes only"}` with no `key` and no `Retry-After` header (the
    vendor documents neither; back off on the client side). A rejected submission
    changes nothing and is not counted.

    **Result.** The new generated image appears at once in `get_order` with `status:
    "processing"`; after `eta` seconds it becomes `regular_finished` and the
    generated-image webhook is sent. `eta` is in seconds.

    Args:
        body (SubmitOrderRequest): The submit body for every service; which fields are used
            depends on the order's service (see `submit_order`). Unused and unknown fields are
            ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiError | RateLimitError | SubmitOrderResponse]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: SubmitOrderRequest,
) -> ApiError | RateLimitError | SubmitOrderResponse | None:
    """Submit an order

     Starts generation for an uploaded order. The service was fixed at upload, so the
    body is one permissive shape: `order_id` is always required and the other fields
    apply per service. Fields a service does not use are **ignored** (decision: the
    Go backend's JSON decoding ignores unknown and unused fields), e.g. `space_name`
    on Day to Dusk, `remove_shadow` on Virtual Staging.

    | Service (from upload) | Fields used | Mandatory widgets | `eta` (mock) |
    |---|---|---|---|
    | `service-ai-virtual-staging` | `order_id`, `space_name`, `selected_widgets` | Style | 60 |
    | `service-creative-designer` (Interior Design) | `order_id`, `space_name`, `selected_widgets` |
    Style (Color optional) | 60 |
    | `service-image-enhancement` | `order_id`, `space_name`, `selected_widgets` | none (Enhancement
    Options optional, multi-select) | 45 |
    | `service-day-to-dusk` | `order_id`, `remove_shadow` (default `false`), `selected_widgets` | Sky
    Style | 40 |
    | `service-item-removal` | `order_id` | none | 30 |
    | `service-item-removal-mask` | `order_id`, `service_name` (required, must be `service-item-removal-
    mask`) | none | 30 |

    The mock does not gate on `is_active` or `is_premium`: an inactive space or a
    premium item is accepted like any other. Item removal mask orders are processed
    like item removal orders; their manual-mask steps are the `item-removal-mask`
    operations.

    `space_name` must be the `name` of a space that `list_spaces` returns for the
    order's service; widget `id`s and `item_id`s must come from `list_widgets` for
    that service and space. Each element of `selected_widgets` picks one item of one
    widget; a `single-select` widget may appear once, a `multi-select` widget once
    per distinct item.

    Checks, in this order (the first failure wins); all are `400 {error, key}`
    except the rate limit:
    1. Key → `401`.
    2. Body not JSON, wrong Content-Type or not matching the schema →
       `api_error_invalid_request`.
    3. Unknown `order_id` → `{"error": "order not found", "key":
       "api_error_order_not_found"}` (decision: 400, the body is what is invalid).
    4. Mask order without `service_name` → `api_error_invalid_request`; a
       `service_name` present but different from the order's service →
       `{"error": "service_name does not match the order's service", "key":
       "api_error_service_mismatch"}`.
    5. Space-based services (virtual staging, interior design, image enhancement):
       `space_name` missing, empty or not a space of the service →
       `{"error": "space not found", "key": "api_error_space_not_found"}`.
    6. For each `selected_widgets` element in order: widget not offered for the
       service (and space) → `{"error": "widget not found", "key":
       "api_error_widget_not_found"}`; `item_id` not an item of that widget →
       `{"error": "item not found", "key": "api_error_item_not_found"}`.
    7. A `single-select` widget twice, or the same widget/item pair twice →
       `{"error": "widget selected more than once", "key":
       "api_error_duplicate_widget"}`.
    8. A mandatory widget not selected → `{"error": "mandatory widget is missing",
       "key": "api_error_mandatory_widget_missing"}`.
    9. Rate limit → `429` (see below).

    **Regeneration.** Submitting an order that was already submitted is a
    regeneration: it is validated the same way, creates a new generated image with a
    new `image_id` (next `sequence`, webhook `regenerated: true`) and does not count
    toward the rate limit (the docs exclude regenerations).

    **Rate limit.** At most 10 first submissions per account in any rolling
    10-minute window; the 11th answers `429 {"error": "rate-limit exceeded, 10
    generates per 10 minutes only"}` with no `key` and no `Retry-After` header (the
    vendor documents neither; back off on the client side). A rejected submission
    changes nothing and is not counted.

    **Result.** The new generated image appears at once in `get_order` with `status:
    "processing"`; after `eta` seconds it becomes `regular_finished` and the
    generated-image webhook is sent. `eta` is in seconds.

    Args:
        body (SubmitOrderRequest): The submit body for every service; which fields are used
            depends on the order's service (see `submit_order`). Unused and unknown fields are
            ignored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiError | RateLimitError | SubmitOrderResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
