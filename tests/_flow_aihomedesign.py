"""The whole AI HomeDesign flow over HTTP: generated client for the API, httpx for admin.

:func:`run_flow` touches no Python object of the server, so it runs unchanged against an
in-process ``MockServer`` or the standalone server (``mock-server``), on a manual or a
real-time clock: time is moved with ``POST /__mock/clock/advance``, never slept away.
"""

from __future__ import annotations

import io
from typing import Any

import httpx
from aihomedesign_client import AuthenticatedClient
from aihomedesign_client.api.catalog import list_spaces, list_widgets
from aihomedesign_client.api.orders import get_order, submit_order, upload_image
from aihomedesign_client.models import (
    CatalogServiceName,
    Order,
    SelectedWidget,
    ServiceName,
    SpaceList,
    SubmitOrderRequest,
    SubmitOrderResponse,
    UploadImageBody,
    UploadImageResponse,
    WidgetList,
)
from aihomedesign_client.types import File
from pytest_httpserver import HTTPServer

from mock_server.media import tiny_image

# How long to wait for the webhook once the clock has passed the eta. On a manual clock
# it has arrived before the advance answers; a real-time clock's own thread may run the
# due work instead, a moment later.
_WEBHOOK_WAIT = 10.0


def _admin(base_url: str, method: str, path: str, payload: dict[str, Any]) -> None:
    response = httpx.request(method, f"{base_url}/__mock/{path}", json=payload, timeout=10)
    assert response.status_code == 200, response.text


def _client(base_url: str, api_key: str) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url=base_url,
        token=api_key,
        prefix="",
        auth_header_name="x-api-key",
        raise_on_unexpected_status=True,
    )


def _order(client: AuthenticatedClient, order_id: str) -> Order:
    order = get_order.sync(order_id, client=client)
    assert isinstance(order, Order), order
    return order


def run_flow(*, base_url: str, api_key: str, receiver: HTTPServer) -> None:
    """Upload, read the catalog, submit virtual staging, wait for the result, download it.

    Args:
        base_url: The mock's base URL (no trailing slash).
        api_key: A key the mock accepts.
        receiver: A running HTTP server that receives the webhook at ``/hook``.
    """
    _admin(base_url, "PUT", "webhook", {"url": receiver.url_for("/hook")})
    receiver.expect_oneshot_request("/hook", method="POST").respond_with_data("", status=200)
    service = ServiceName.SERVICE_AI_VIRTUAL_STAGING
    with _client(base_url, api_key) as client:
        photo = File(
            payload=io.BytesIO(tiny_image("jpeg")),
            file_name="living-room.jpg",
            mime_type="image/jpeg",
        )
        uploaded = upload_image.sync(
            client=client, body=UploadImageBody(image=photo, service_name=service)
        )
        assert isinstance(uploaded, UploadImageResponse), uploaded
        order_id = uploaded.order_id

        catalog_service = CatalogServiceName(service.value)
        spaces = list_spaces.sync(client=client, service_name=catalog_service, active=True)
        assert isinstance(spaces, SpaceList), spaces
        space = spaces.data[0]
        widgets = list_widgets.sync(
            client=client, service_name=catalog_service, space_name=space.name
        )
        assert isinstance(widgets, WidgetList), widgets
        mandatory = [w for w in widgets.data if not w.is_optional]
        assert [w.title for w in mandatory] == ["Style"]
        style = mandatory[0].items[0]

        body = SubmitOrderRequest(
            order_id=order_id,
            space_name=space.name,
            selected_widgets=[SelectedWidget(id=mandatory[0].id, item_id=style.id)],
        )
        submitted = submit_order.sync(client=client, body=body)
        assert isinstance(submitted, SubmitOrderResponse), submitted
        assert submitted.order_id == order_id
        assert submitted.eta > 0

        pending = _order(client, order_id)
        assert pending.service_name == service.value
        assert pending.space == space.name
        assert pending.status == "active"
        assert [(i.id, i.status, i.src) for i in pending.generated_images] == [
            (submitted.image_id, "processing", "")
        ]

        with receiver.wait(timeout=_WEBHOOK_WAIT) as waiting:
            _admin(base_url, "POST", "clock/advance", {"seconds": submitted.eta})
        assert waiting.result, "the generated-image webhook did not arrive"

        done = _order(client, order_id)
        assert done.status == "idle"
        (image,) = done.generated_images
        assert (image.id, image.status, image.sequence) == (
            submitted.image_id,
            "regular_finished",
            1,
        )
        assert image.src.startswith("http")

    hooks = [request for request, _ in receiver.log if request.path == "/hook"]
    assert len(hooks) == 1
    payload = hooks[0].get_json()
    assert payload["order_id"] == order_id
    assert payload["service_name"] == service.value
    assert payload["user_id"] == done.user_id
    assert payload["image"]["id"] == submitted.image_id
    assert payload["image"]["after_src"] == image.src
    assert payload["image"]["before_src"] == done.before_image_src
    assert payload["image"]["regenerated"] is False
    assert payload["image"]["style"] == style.title
    assert payload["image"]["space"] == space.name

    download = httpx.get(image.src, timeout=10)
    assert download.status_code == 200
    assert download.headers["content-type"] == "image/jpeg"
    assert download.content.startswith(b"\xff\xd8\xff")
