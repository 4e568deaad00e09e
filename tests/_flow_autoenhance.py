"""The whole Autoenhance flow over HTTP only: reusable against any running mock.

``run_flow`` drives the generated client (``autoenhance_client``) for the API and httpx
for the upload ``PUT`` and the admin surface. It touches no Python object of the server,
so it runs the same against an in-process ``MockServer`` and the standalone CLI server.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import httpx
from autoenhance_client import AuthenticatedClient
from autoenhance_client.api.images import (
    create_image,
    download_enhanced_image,
    retrieve_image,
)
from autoenhance_client.api.orders import create_order, retrieve_order
from autoenhance_client.models import (
    ImageCreatedOut,
    ImageFormat,
    ImageIn,
    ImageOut,
    ImageStatus,
    OrderIn,
    OrderOut,
    OrderStatus,
)
from autoenhance_client.types import File
from pytest_httpserver import HTTPServer

__all__ = ["run_flow"]

_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(64)  # any bytes go; these look like a JPEG
# Only a real-time server can still be delivering a webhook when /clock/complete
# returns (its ticker thread ran the job first); a manual clock never needs this.
_DELIVERY_GRACE_SECONDS = 5.0


def run_flow(*, base_url: str, api_key: str, receiver: HTTPServer) -> None:
    """Order → image → upload → processed → download → webhooks, asserting each step."""
    receiver.expect_request("/hook", method="POST").respond_with_data("ok")
    # The downloads redirect to the asset host (decision AE-Q14): follow, as the
    # vendor's SDKs (urllib3, fetch) do by default and httpx does not.
    client = AuthenticatedClient(
        base_url=base_url,
        token=api_key,
        prefix="",
        auth_header_name="x-api-key",
        follow_redirects=True,
    )
    with httpx.Client(base_url=base_url, timeout=10) as admin, client:
        hook = {"url": receiver.url_for("/hook")}
        assert admin.put("/__mock/webhook", json=hook).status_code == 200
        order_id = _create_order(client)
        image = _create_image(client, order_id)
        _upload(image)
        # Processing on a manual clock; on real time it may already be done.
        after_upload = _image_status(client, image.image_id)
        assert after_upload in (ImageStatus.PROCESSING, ImageStatus.PROCESSED)
        assert admin.post("/__mock/clock/complete").status_code == 200
        _wait_until(lambda: _image_status(client, image.image_id) is ImageStatus.PROCESSED)
        _assert_order_processed(client, order_id, image.image_id)
        _assert_redirect(admin, api_key, image.image_id)
        _assert_download(client, image.image_id)
        _wait_until(lambda: _processed_event(receiver, image.image_id) is not None)
    events = _events(receiver)
    assert {"event": "webhook_updated"} in events
    assert _processed_event(receiver, image.image_id) == {
        "event": "image_processed",
        "image_id": image.image_id,
        "error": False,
        "order_id": order_id,
        "order_is_processing": False,
    }


def _create_order(client: AuthenticatedClient) -> str:
    created = create_order.sync(client=client, body=OrderIn(name="12 Acacia Avenue"))
    assert isinstance(created, OrderOut), created
    assert created.status is OrderStatus.WAITING
    assert created.total_images == 0
    assert isinstance(created.order_id, str)
    return created.order_id


def _create_image(client: AuthenticatedClient, order_id: str) -> Any:
    body = ImageIn(image_name="living-room.jpg", order_id=order_id)
    image = create_image.sync(client=client, body=body, x_api_version="2025-05-08")
    assert isinstance(image, ImageCreatedOut), image
    assert image.status is ImageStatus.WAITING
    assert image.order_id == order_id
    assert isinstance(image.image_id, str)
    assert isinstance(image.upload_url, str)
    assert image.upload_url.startswith(("http://", "https://"))
    assert "/__mock/" not in image.upload_url
    return image


def _upload(image: Any) -> None:
    response = httpx.put(
        image.upload_url, content=_JPEG, headers={"Content-Type": "image/jpeg"}, timeout=10
    )
    assert response.status_code == 200, response.text
    assert response.content == b""


def _image_status(client: AuthenticatedClient, image_id: str) -> Any:
    image = retrieve_image.sync(image_id, client=client)
    assert isinstance(image, ImageOut), image
    return image.status


def _assert_order_processed(client: AuthenticatedClient, order_id: str, image_id: str) -> None:
    order = retrieve_order.sync(order_id, client=client)
    assert isinstance(order, OrderOut), order
    assert order.status is OrderStatus.PROCESSED
    assert order.is_processing is False
    assert order.is_merging is False
    assert order.total_images == 1
    assert isinstance(order.images, list)
    assert [i.image_id for i in order.images] == [image_id]


def _assert_redirect(http: httpx.Client, api_key: str, image_id: str) -> None:
    """The API answers ``302`` to an asset URL that needs no key (live API, Feb 2026)."""
    path = f"/v3/images/{image_id}/enhanced"
    found = http.get(path, params={"format": "jpeg"}, headers={"x-api-key": api_key})
    assert found.status_code == 302, found.text
    location = found.headers["location"]
    assert f"/_assets/autoenhance/{image_id}/enhanced" in location
    asset = httpx.get(location, timeout=10)
    assert (asset.status_code, asset.headers["content-type"]) == (200, "image/jpeg")
    assert asset.content.startswith(b"\xff\xd8\xff")


def _assert_download(client: AuthenticatedClient, image_id: str) -> None:
    response = download_enhanced_image.sync_detailed(
        image_id, client=client, format_=ImageFormat.PNG, preview=False
    )
    assert response.status_code == 200, response.content
    assert response.headers["content-type"] == "image/png"
    assert isinstance(response.parsed, File)
    assert response.parsed.payload.read().startswith(_PNG_MAGIC)
    assert response.content.startswith(_PNG_MAGIC)


def _events(receiver: HTTPServer) -> list[Any]:
    return [json.loads(request.get_data()) for request, _ in receiver.log]


def _processed_event(receiver: HTTPServer, image_id: str) -> Any:
    for event in _events(receiver):
        if event.get("event") == "image_processed" and event.get("image_id") == image_id:
            return event
    return None


def _wait_until(condition: Callable[[], bool]) -> None:
    """Return once ``condition`` holds; bounded, and immediate on a manual clock."""
    deadline = time.monotonic() + _DELIVERY_GRACE_SECONDS
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)
