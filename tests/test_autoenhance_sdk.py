"""The vendor's official Python SDK (PyPI ``autoenhance`` 1.1.0), unchanged, against the mock."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest
from autoenhance import Autoenhance
from autoenhance.exceptions import NotFoundException, UnprocessableEntityException
from autoenhance.models.bracke_createdt_out import BrackeCreatedtOut
from autoenhance.models.image_created_out import ImageCreatedOut
from autoenhance.models.image_out import ImageOut
from autoenhance.models.order_brackets_out import OrderBracketsOut
from autoenhance.models.order_out import OrderOut
from autoenhance.models.orders_out import OrdersOut

from mock_server.engine import EngineOptions
from mock_server.server import MockServer

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def running() -> Iterator[MockServer]:
    server = MockServer.for_api("autoenhance", options=EngineOptions(strict=True))
    server.start()
    yield server
    server.stop()


@pytest.fixture
def server(running: MockServer) -> Iterator[MockServer]:
    running.reset()
    yield running
    assert running.engine.take_failures() == []


@pytest.fixture
def sdk(server: MockServer) -> Any:
    # Any: the wrapper's methods take untyped **kwargs, which strict mypy refuses to call.
    return Autoenhance(server.api_key, baseURL=server.url)


def test_order_crud_through_the_sdk(server: MockServer, sdk: Any) -> None:
    created = sdk.create_order(name="12 Acacia Avenue")
    assert isinstance(created, dict)  # the SDK leaves this response untyped
    assert (created["name"], created["status"], created["images"]) == (
        "12 Acacia Avenue",
        "waiting",
        [],
    )
    own = sdk.create_order(order_id="acacia-12", name="own id")
    assert own["order_id"] == "acacia-12"

    fetched = sdk.retrieve_order(id="acacia-12")
    assert isinstance(fetched, OrderOut)
    assert (fetched.order_id, fetched.name, fetched.total_images) == ("acacia-12", "own id", 0)
    assert isinstance(fetched.created_at, datetime)

    first = sdk.list_orders(per_page=1)
    assert isinstance(first, OrdersOut)
    assert first.orders is not None
    assert first.pagination is not None
    assert [o.order_id for o in first.orders] == ["acacia-12"]
    assert first.pagination.per_page == 1
    second = sdk.list_orders(per_page=1, offset=first.pagination.next_offset)
    assert [o.order_id for o in second.orders] == [created["order_id"]]
    assert second.pagination.next_offset is None

    updated = sdk.update_order(id="acacia-12", name="renamed")
    assert isinstance(updated, OrderOut)
    assert updated.name == "renamed"
    assert sdk.retrieve_order(id="acacia-12").name == "renamed"

    assert sdk.delete_order(id="acacia-12") is None
    with pytest.raises(NotFoundException):
        sdk.retrieve_order(id="acacia-12")
    assert [o.order_id for o in sdk.list_orders().orders] == [created["order_id"]]


def test_the_journal_shows_the_sdks_paths_and_headers(server: MockServer, sdk: Any) -> None:
    sdk.create_order(order_id="acacia-12")
    sdk.list_orders()
    sdk.retrieve_order(id="acacia-12")
    sdk.update_order(id="acacia-12", name="x")
    sdk.delete_order(id="acacia-12")
    seen = [(e.method, e.path, e.operation_id, e.status) for e in server.journal.entries]
    assert seen == [
        ("POST", "/v3/orders/", "create_order", 200),
        ("GET", "/v3/orders/", "list_orders", 200),
        ("GET", "/v3/orders/acacia-12", "retrieve_order", 200),
        ("PATCH", "/v3/orders/acacia-12", "update_order", 200),
        ("DELETE", "/v3/orders/acacia-12", "delete_order", 204),
    ]
    for entry in server.journal.entries:
        assert entry.request_headers["user-agent"] == "Autoenhance/Python 1.1.0"
        assert entry.request_headers["x-api-version"] == "2025-05-08"
    create = server.journal.calls(operation_id="create_order").last
    assert create.request_headers["x-api-key"] != server.api_key  # redacted in the journal
    # The SDK sends no key where the spec declares no security.
    retrieve = server.journal.calls(operation_id="retrieve_order").last
    assert "x-api-key" not in retrieve.request_headers


def test_a_duplicate_order_id_raises_the_sdks_422(sdk: Any) -> None:
    sdk.create_order(order_id="acacia-12")
    with pytest.raises(UnprocessableEntityException) as raised:
        sdk.create_order(order_id="acacia-12")
    # The SDK's placeholder ValidationError model drops real field names; the raw body has them.
    assert json.loads(raised.value.body or "{}")["detail"] == {
        "json": {"order_id": ["Order ID already exists."]}
    }


def test_images_and_downloads_through_the_sdk(server: MockServer, sdk: Any) -> None:
    image = sdk.create_image(image_name="living-room.jpg", enhance_type="neutral")
    assert isinstance(image, ImageCreatedOut)
    assert image.status == "waiting"
    put = httpx.put(str(image.upload_url), content=b"\xff\xd8\xff\xe0", timeout=10)
    assert put.status_code == 200
    server.engine.clock.complete_all()
    fetched = sdk.retrieve_image(id=image.image_id)
    assert isinstance(fetched, ImageOut)
    assert (fetched.status, fetched.enhance_type) == ("processed", "neutral")
    enhanced = sdk.download_enhanced_image(id=image.image_id, format="png")
    assert bytes(enhanced).startswith(PNG_MAGIC)
    assert bytes(sdk.download_original_image(id=image.image_id)) == b"\xff\xd8\xff\xe0"
    again = sdk.v3_images_id_process_post(id=image.image_id, enhance_type="warm")
    assert (again.status, again.enhance_type) == ("processing", "warm")
    assert sdk.report_image(id=image.image_id, categories=["COLOUR"]) == {
        "message": "Image reported successfully."
    }
    assert sdk.delete_image(id=image.image_id) is None
    with pytest.raises(NotFoundException):
        sdk.retrieve_image(id=image.image_id)


def test_hdr_brackets_through_the_sdk(server: MockServer, sdk: Any) -> None:
    sdk.create_order(order_id="hdr")
    for n in range(3):
        bracket = sdk.v3_brackets_post(name=f"ev{n}.jpg", order_id="hdr")
        assert isinstance(bracket, BrackeCreatedtOut)
        assert httpx.put(str(bracket.upload_url), content=b"b%d" % n, timeout=10).status_code == 200
    listed = sdk.v3_orders_order_id_brackets_get(order_id="hdr")
    assert isinstance(listed, OrderBracketsOut)
    assert listed.brackets is not None
    assert [b.is_uploaded for b in listed.brackets] == [True, True, True]
    accepted = sdk.process_order(id="hdr", number_of_brackets_per_image=3)
    assert (accepted.is_merging, accepted.status) == (True, "processing")
    server.engine.clock.complete_all()
    done = sdk.retrieve_order(id="hdr")
    assert (done.status, done.total_images, [i.image_name for i in done.images]) == (
        "processed",
        1,
        ["ev0.jpg"],
    )


def test_the_sdk_follows_the_download_redirect(server: MockServer, sdk: Any) -> None:
    """SDK 1.1.0 (urllib3) follows the ``302`` to the asset host, as on the live API."""
    image = sdk.create_image(image_name="porch.jpg", image_id="porch-1")
    assert image.image_id == "porch-1"  # the single-image quickstart: a chosen image_id
    assert httpx.put(str(image.upload_url), content=b"\xff\xd8\xff\xe0", timeout=10).is_success
    server.engine.clock.complete_all()
    assert bytes(sdk.download_enhanced_image(id="porch-1", format="png")).startswith(PNG_MAGIC)
    download = server.journal.calls(operation_id="download_enhanced_image").last
    assert download.status == 302
    with pytest.raises(UnprocessableEntityException):
        sdk.create_image(image_name="again.jpg", image_id="porch-1")
