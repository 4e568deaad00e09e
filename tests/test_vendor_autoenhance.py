"""The Autoenhance behaviour through ``Engine.handle``, on a manual clock (no sockets)."""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from functools import cache
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import hypothesis
import pytest
from hypothesis import strategies as st

from mock_server.clock import Clock
from mock_server.engine import Engine, EngineOptions
from mock_server.errors import ConfigError
from mock_server.media import IMAGE_MEDIA_TYPES, tiny_image
from mock_server.spec import Spec, load_spec
from mock_server.types import RequestData, ResponseData
from mock_server.vendors import bundled_spec
from mock_server.vendors.autoenhance import AutoenhanceBehaviour
from mock_server.vendors.autoenhance._rules import sort_orders
from mock_server.vendors.autoenhance._store import Store
from mock_server.webhooks import Delivery, WebhookSender
from tests._core import request

HOST = "mock.test:4011"
START = 1_746_699_330.0
NOT_FOUND = {"detail": {}, "message": "Not Found"}
JPEG = tiny_image("jpeg")
PNG = tiny_image("png")
MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "jpeg": b"\xff\xd8\xff", "webp": b"RIFF"}


@cache
def _spec() -> Spec:
    return load_spec(bundled_spec("autoenhance"))


class RecordingSender(WebhookSender):
    """Records what would be POSTed, without a socket."""

    def __init__(self) -> None:
        super().__init__(url="http://receiver.test/hook")
        self.sent: list[tuple[str, Any]] = []

    def send(self, event: str, payload: Any) -> Delivery | None:
        self.sent.append((event, payload))
        return None

    def events(self, name: str) -> list[Any]:
        return [payload for event, payload in self.sent if event == name]


class Mock:
    """An engine with the behaviour, a manual clock and a recording webhook sender."""

    def __init__(self, **behaviour_options: Any) -> None:
        self.clock = Clock(manual=True, start=START)
        self.engine = Engine(
            _spec(),
            options=EngineOptions(strict=True),
            behaviour=AutoenhanceBehaviour(**behaviour_options),
            clock=self.clock,
        )
        self.hooks = RecordingSender()
        # The behaviour sends through its context: lend it the recording sender instead.
        behaviour = self.engine.behaviour
        assert isinstance(behaviour, AutoenhanceBehaviour)
        behaviour.bind(replace(behaviour.context, webhooks=self.hooks))
        self.engine.webhooks = self.hooks

    def call(self, method: str, path: str, *, follow: bool = True, **kwargs: Any) -> ResponseData:
        """Send a request; like requests and browsers, follow a download's ``302``."""
        headers = {"host": HOST, **kwargs.pop("headers", {})}
        response = self.engine.handle(request(method, path, headers=headers, **kwargs))
        if follow and response.status == 302:
            return self.fetch(response.headers["location"])
        return response

    def fetch(self, url: str, method: str = "GET") -> ResponseData:
        """Request an absolute URL on the mock (an asset URL) without a key."""
        parts = urlsplit(url)
        assert parts.netloc == HOST
        query = {k: tuple(v) for k, v in parse_qs(parts.query).items()}
        return self.engine.handle(
            RequestData(
                method=method, path=unquote(parts.path), query=query, headers={"host": HOST}
            )
        )

    def ok(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.call(method, path, **kwargs)
        assert response.status == 200, response.json
        return response.json

    def order(self, **body: Any) -> dict[str, Any]:
        result: dict[str, Any] = self.ok("POST", "/v3/orders/", json_body=body)
        return result

    def image(self, **body: Any) -> dict[str, Any]:
        body.setdefault("image_name", "living-room.jpg")
        result: dict[str, Any] = self.ok("POST", "/v3/images/", json_body=body)
        return result

    def put(
        self, url: str, data: bytes = JPEG, *, content_type: str = "image/jpeg", method: str = "PUT"
    ) -> ResponseData:
        parts = urlsplit(url)
        assert parts.netloc == HOST
        query = parse_qs(parts.query)
        return self.engine.handle(
            RequestData(
                method=method,
                path=unquote(parts.path),
                query={k: tuple(v) for k, v in query.items()},
                headers={"host": HOST, "content-type": content_type},
                body=data,
            )
        )

    def uploaded_image(self, **body: Any) -> dict[str, Any]:
        image = self.image(**body)
        assert self.put(image["upload_url"]).status == 200
        return image

    def get_order(self, order_id: str) -> dict[str, Any]:
        result: dict[str, Any] = self.ok("GET", f"/v3/orders/{order_id}", key=None)
        return result

    def get_image(self, image_id: str) -> dict[str, Any]:
        result: dict[str, Any] = self.ok("GET", f"/v3/images/{image_id}", key=None)
        return result


@pytest.fixture
def mock() -> Mock:
    return Mock()


# --- orders ---------------------------------------------------------------------


def test_create_order_without_a_body_answers_the_full_waiting_order(mock: Mock) -> None:
    created = mock.order()
    assert uuid.UUID(created["order_id"]).version == 4
    assert created == {
        "created_at": "2025-05-08T10:15:30.000000Z",
        "default_image_sort_order": "date_added",
        "images": [],
        "is_deleted": False,
        "is_merging": False,
        "is_processing": False,
        "last_updated_at": "2025-05-08T10:15:30.000000Z",
        "name": "",
        "order_id": created["order_id"],
        "status": "waiting",
        "total_images": 0,
    }


def test_create_order_with_a_json_content_type_and_no_body_works(mock: Mock) -> None:
    # The vendor's HDR quickstart POSTs the JSON content type with no body at all.
    response = mock.call("POST", "/v3/orders/", content_type="application/json")
    assert response.status == 200
    assert response.json["status"] == "waiting"


def test_create_order_keeps_the_clients_id_and_name(mock: Mock) -> None:
    created = mock.order(order_id="acacia-12", name="12 Acacia Avenue")
    assert (created["order_id"], created["name"]) == ("acacia-12", "12 Acacia Avenue")
    assert mock.get_order("acacia-12") == created


def test_a_duplicate_order_id_answers_422(mock: Mock) -> None:
    mock.order(order_id="acacia-12")
    response = mock.call("POST", "/v3/orders/", json_body={"order_id": "acacia-12"})
    assert response.status == 422
    assert response.json == {
        "detail": {"json": {"order_id": ["Order ID already exists."]}},
        "message": "Validation error",
    }


def test_an_order_created_implicitly_by_create_image_is_a_duplicate_too(mock: Mock) -> None:
    mock.image(order_id="implicit-1")
    response = mock.call("POST", "/v3/orders/", json_body={"order_id": "implicit-1"})
    assert response.status == 422


def test_generated_ids_are_distinct_uuid4s_and_repeat_after_a_reset(mock: Mock) -> None:
    first = [mock.order()["order_id"] for _ in range(5)]
    assert len(set(first)) == 5
    mock.engine.reset()
    assert [mock.order()["order_id"] for _ in range(5)] == first


def test_retrieve_order_needs_no_key_and_unknown_ids_answer_404(mock: Mock) -> None:
    created = mock.order()
    wrong_key = mock.call("GET", f"/v3/orders/{created['order_id']}", key="nope")
    assert wrong_key.status == 200
    missing = mock.call("GET", "/v3/orders/no-such-order", key=None)
    assert (missing.status, missing.json) == (404, NOT_FOUND)


def _list(mock: Mock, **query: Any) -> dict[str, Any]:
    result: dict[str, Any] = mock.ok("GET", "/v3/orders/", query=query)
    return result


def _all_pages(mock: Mock, per_page: int) -> list[str]:
    ids: list[str] = []
    query: dict[str, Any] = {"per_page": per_page}
    while True:
        page = _list(mock, **query)
        assert page["pagination"]["per_page"] == per_page
        assert len(page["orders"]) <= per_page
        ids += [order["order_id"] for order in page["orders"]]
        token = page["pagination"]["next_offset"]
        if token is None:
            return ids
        query["offset"] = token


def test_list_orders_is_newest_first_five_per_page_by_default(mock: Mock) -> None:
    created = []
    for _ in range(7):
        created.append(mock.order()["order_id"])
        mock.clock.advance(1)
    page = _list(mock)
    assert page["pagination"]["per_page"] == 5
    assert [o["order_id"] for o in page["orders"]] == created[::-1][:5]
    assert isinstance(page["pagination"]["next_offset"], str)
    assert _all_pages(mock, 3) == created[::-1]


@pytest.mark.parametrize("count", [0, 1, 5, 10])
def test_next_offset_is_null_on_the_last_page_even_a_full_one(mock: Mock, count: int) -> None:
    for _ in range(count):
        mock.order()
    assert len(_all_pages(mock, 5)) == count
    if count == 5:
        assert _list(mock)["pagination"]["next_offset"] is None


def test_pages_do_not_shift_when_orders_are_created_meanwhile(mock: Mock) -> None:
    oldest = [mock.order()["order_id"] for _ in range(6)]
    first = _list(mock, per_page=5)
    mock.order()
    second = _list(mock, per_page=5, offset=first["pagination"]["next_offset"])
    assert [o["order_id"] for o in second["orders"]] == [oldest[0]]
    assert second["pagination"]["next_offset"] is None


def test_a_token_past_every_remaining_order_gives_an_empty_last_page(mock: Mock) -> None:
    ids = [mock.order()["order_id"] for _ in range(3)]
    token = _list(mock, per_page=2)["pagination"]["next_offset"]
    assert mock.call("DELETE", f"/v3/orders/{ids[0]}").status == 204
    page = _list(mock, per_page=2, offset=token)
    assert page == {"orders": [], "pagination": {"next_offset": None, "per_page": 2}}


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ({"offset": "not-a-token"}, "offset", "Invalid offset token."),
        ({"offset": "1"}, "offset", "Invalid offset token."),
        ({"per_page": "0"}, "per_page", "Must be greater than or equal to 1."),
        ({"per_page": "-3"}, "per_page", "Must be greater than or equal to 1."),
    ],
)
def test_bad_list_parameters_answer_422(
    mock: Mock, query: dict[str, str], field: str, message: str
) -> None:
    mock.order()
    response = mock.call("GET", "/v3/orders/", query=query)
    assert response.status == 422
    assert response.json["detail"] == {"query": {field: [message]}}


def test_list_orders_needs_a_key(mock: Mock) -> None:
    response = mock.call("GET", "/v3/orders/", key=None)
    assert (response.status, response.json["message"]) == (401, "Unauthorized")


def test_update_order_changes_only_the_name(mock: Mock) -> None:
    created = mock.order(name="before")
    mock.clock.advance(60)
    path = f"/v3/orders/{created['order_id']}"
    updated = mock.ok("PATCH", path, json_body={"name": "after", "order_id": "ignored-id"})
    assert updated["name"] == "after"
    assert updated["order_id"] == created["order_id"]
    assert updated["created_at"] == created["created_at"]
    assert updated["last_updated_at"] == "2025-05-08T10:16:30.000000Z"
    assert mock.ok("PATCH", path)["name"] == "after"
    assert mock.get_order(created["order_id"])["name"] == "after"


def test_update_order_rejects_unknown_fields_and_unknown_orders(mock: Mock) -> None:
    created = mock.order()
    response = mock.call("PATCH", f"/v3/orders/{created['order_id']}", json_body={"colour": 1})
    assert response.json["detail"] == {"json": {"colour": ["Unknown field."]}}
    missing = mock.call("PATCH", "/v3/orders/nope", json_body={"name": "x"})
    assert (missing.status, missing.json) == (404, NOT_FOUND)


def test_delete_order_removes_it_its_images_and_brackets(mock: Mock) -> None:
    image = mock.image(order_id="to-delete")
    bracket = mock.ok("POST", "/v3/brackets/", json_body={"name": "b.jpg", "order_id": "to-delete"})
    deleted = mock.call("DELETE", "/v3/orders/to-delete")
    assert (deleted.status, deleted.body, deleted.has_json) == (204, b"", False)
    for method, path in [
        ("GET", "/v3/orders/to-delete"),
        ("PATCH", "/v3/orders/to-delete"),
        ("DELETE", "/v3/orders/to-delete"),
        ("POST", "/v3/orders/to-delete/process"),
        ("GET", "/v3/orders/to-delete/brackets"),
        ("GET", f"/v3/images/{image['image_id']}"),
    ]:
        response = mock.call(method, path)
        assert (response.status, response.json) == (404, NOT_FOUND), (method, path)
    assert _list(mock)["orders"] == []
    assert mock.put(image["upload_url"]).status == 403
    assert mock.put(bracket["upload_url"]).status == 403
    assert mock.order(order_id="to-delete")["total_images"] == 0


# --- images -----------------------------------------------------------------------


def test_create_image_returns_an_upload_url_on_the_mock_itself(mock: Mock) -> None:
    image = mock.image(order_id="o-1", image_name="living room.jpg")
    assert "s3PutObjectUrl" not in image
    url = urlsplit(image["upload_url"])
    assert (url.scheme, url.netloc) == ("http", HOST)
    assert url.path.startswith("/_s3/")
    assert not url.path.startswith("/__mock/")
    assert url.path.endswith(f"/o-1/{image['image_id']}/living%20room.jpg")
    assert "X-Amz-Signature" in parse_qs(url.query)


def test_new_images_take_the_documented_defaults(mock: Mock) -> None:
    image = mock.image(order_id="o-1", threesixty=True, hdr=False)
    assert uuid.UUID(image["image_id"]).version == 4
    del image["upload_url"]
    assert image == {
        "cloud_type": None,
        "date_added": int(START),
        "downloaded": False,
        "enhance": True,
        "finetune_settings": None,
        "image_id": image["image_id"],
        "image_name": "living-room.jpg",
        "lens_correction": True,
        "metadata": {},
        "order_id": "o-1",
        "parent_image_id": None,
        "preset_id": None,
        "privacy": None,
        "restage": None,
        "sky_replacement": False,
        "status": "waiting",
        "status_reason": None,
        "upscale": False,
        "user_id": "00000000-0000-4000-8000-000000000000",
        "vertical_correction": True,
        "window_pull": None,
        "window_pull_type": None,
    }


def test_create_image_keeps_the_settings_sent(mock: Mock) -> None:
    settings = {
        "ai_version": "5.x",
        "enhance_type": "neutral",
        "sky_replacement": True,
        "cloud_type": "CLEAR",
        "window_pull": True,
        "rating": 4,
        "metadata": {"room": "living"},
    }
    image = mock.image(**settings)
    assert {k: image[k] for k in settings} == settings
    assert mock.get_image(image["image_id"])["metadata"] == {"room": "living"}


@pytest.mark.parametrize(
    ("version", "key"),
    [
        (None, "upload_url"),
        ("2025-05-08", "upload_url"),
        ("2025-08-31", "upload_url"),
        ("2025-01-01", "s3PutObjectUrl"),
        ("2024-10-01", "s3PutObjectUrl"),
    ],
)
def test_x_api_version_picks_the_upload_url_key(mock: Mock, version: str | None, key: str) -> None:
    headers = {} if version is None else {"x-api-version": version}
    image = mock.ok("POST", "/v3/images/", json_body={"image_name": "a.jpg"}, headers=headers)
    other = {"upload_url", "s3PutObjectUrl"} - {key}
    assert key in image
    assert not other & set(image)
    assert mock.put(image[key]).status == 200


@pytest.mark.parametrize("version", ["v3", "2024-13-45", "2025-02-30", "2025-5-8"])
def test_an_x_api_version_that_is_no_date_answers_422(mock: Mock, version: str) -> None:
    response = mock.call(
        "POST", "/v3/images/", json_body={"image_name": "a.jpg"}, headers={"x-api-version": version}
    )
    assert (response.status, response.json) == (
        422,
        {
            "detail": {"headers": {"x-api-version": ["Not a valid date."]}},
            "message": "Validation error",
        },
    )


def test_a_leap_day_is_a_valid_x_api_version(mock: Mock) -> None:
    listed = mock.ok("GET", "/v3/orders/", headers={"x-api-version": "2024-02-29"})
    assert listed["orders"] == []


def test_create_image_creates_or_reuses_orders(mock: Mock) -> None:
    lone = mock.image()
    assert mock.get_order(lone["order_id"])["total_images"] == 1
    mock.image(order_id="shared")
    mock.image(order_id="shared")
    order = mock.get_order("shared")
    assert order["name"] == ""
    assert order["total_images"] == 2
    assert len(order["images"]) == 2
    assert len(_list(mock)["orders"]) == 2


def test_an_upload_moves_image_and_order_through_the_lifecycle() -> None:
    mock = Mock(processing_seconds=3)
    image = mock.image(order_id="o-1")
    assert mock.get_order("o-1")["status"] == "waiting"
    mock.clock.advance(10)
    assert mock.put(image["upload_url"]).status == 200
    order = mock.get_order("o-1")
    assert (order["status"], order["is_processing"]) == ("processing", True)
    assert order["images"][0]["status"] == "processing"
    assert order["last_updated_at"] == "2025-05-08T10:15:40.000000Z"
    mock.clock.advance(2.9)
    assert mock.get_image(image["image_id"])["status"] == "processing"
    assert mock.hooks.sent == []
    mock.clock.advance(0.2)
    order = mock.get_order("o-1")
    assert (order["status"], order["is_processing"]) == ("processed", False)
    assert order["images"][0]["status"] == "processed"
    assert order["last_updated_at"] == "2025-05-08T10:15:43.000000Z"
    assert mock.hooks.sent == [
        (
            "image_processed",
            {
                "event": "image_processed",
                "image_id": image["image_id"],
                "error": False,
                "order_id": "o-1",
                "order_is_processing": False,
            },
        )
    ]


def test_the_default_processing_delay_is_zero_clock_seconds(mock: Mock) -> None:
    image = mock.uploaded_image()
    assert mock.get_image(image["image_id"])["status"] == "processing"
    mock.clock.advance(0)
    assert mock.get_image(image["image_id"])["status"] == "processed"


def test_order_is_processing_stays_true_in_webhooks_until_the_last_image() -> None:
    mock = Mock(processing_seconds=5)
    first = mock.uploaded_image(order_id="o-1")
    mock.clock.advance(2)
    mock.uploaded_image(order_id="o-1")
    mock.clock.advance(3)
    assert mock.get_order("o-1")["status"] == "processing"
    mock.clock.complete_all()
    events = mock.hooks.events("image_processed")
    assert [e["order_is_processing"] for e in events] == [True, False]
    assert events[0]["image_id"] == first["image_id"]


def test_order_status_is_waiting_while_an_image_awaits_its_upload(mock: Mock) -> None:
    mock.uploaded_image(order_id="o-1")
    mock.image(order_id="o-1")
    mock.clock.complete_all()
    order = mock.get_order("o-1")
    assert [i["status"] for i in order["images"]] == ["processed", "waiting"]
    assert (order["status"], order["is_processing"]) == ("waiting", False)


# --- the S3-like upload URL ---------------------------------------------------------


def _s3_code(response: ResponseData) -> str:
    assert response.content_type == "application/xml"
    found = re.search(rb"<Code>(\w+)</Code>", response.body)
    assert found is not None
    return found.group(1).decode()


def test_a_successful_put_answers_like_s3(mock: Mock) -> None:
    response = mock.put(mock.image()["upload_url"])
    assert (response.status, response.body, response.has_json) == (200, b"", False)
    assert re.fullmatch(r'"[0-9a-f]{32}"', response.headers["ETag"])


def test_a_forged_or_foreign_upload_url_answers_403(mock: Mock) -> None:
    url = mock.image()["upload_url"]
    forged = re.sub(r"X-Amz-Signature=\w+", "X-Amz-Signature=00", url)
    other_path = url.replace("living-room.jpg", "kitchen.jpg")
    for attempt in (forged, other_path):
        response = mock.put(attempt)
        assert response.status == 403
        assert _s3_code(response) == "SignatureDoesNotMatch"
    assert _s3_code(mock.put(url, method="GET")) == "SignatureDoesNotMatch"


def test_an_expired_upload_url_answers_access_denied(mock: Mock) -> None:
    url = mock.image()["upload_url"]
    mock.clock.advance(3601)
    response = mock.put(url)
    assert (response.status, _s3_code(response)) == (403, "AccessDenied")
    assert b"Request has expired" in response.body


@pytest.mark.parametrize("field", ["content_type", "contentType"])
def test_a_declared_content_type_must_match_the_put(mock: Mock, field: str) -> None:
    url = mock.image(**{field: "image/png"})["upload_url"]
    mismatch = mock.put(url, PNG, content_type="image/jpeg")
    assert (mismatch.status, _s3_code(mismatch)) == (403, "SignatureDoesNotMatch")
    assert mock.put(url, PNG, content_type="image/png").status == 200


def test_any_content_type_goes_when_none_was_declared(mock: Mock) -> None:
    url = mock.image()["upload_url"]
    assert mock.put(url, content_type="application/octet-stream").status == 200


def test_other_unrouted_paths_answer_the_engines_404(mock: Mock) -> None:
    response = mock.call("PUT", "/uploads/anything")
    assert (response.status, response.json) == (404, NOT_FOUND)


def test_a_reset_invalidates_upload_urls(mock: Mock) -> None:
    url = mock.image()["upload_url"]
    mock.engine.reset()
    assert mock.put(url).status == 403


# --- downloads -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", [None, "png", "jpeg", "webp"])
def test_the_enhanced_download_is_a_real_image_in_the_format_asked(
    mock: Mock, fmt: str | None
) -> None:
    image = mock.uploaded_image()
    mock.clock.complete_all()
    query = {} if fmt is None else {"format": fmt}
    response = mock.call("GET", f"/v3/images/{image['image_id']}/enhanced", query=query)
    expected = fmt or "jpeg"
    assert response.status == 200
    assert response.content_type == IMAGE_MEDIA_TYPES[expected]
    assert response.body.startswith(MAGIC[expected])


def test_the_enhanced_download_waits_for_processing(mock: Mock) -> None:
    image = mock.image()
    path = f"/v3/images/{image['image_id']}/enhanced"
    for _ in range(2):
        response = mock.call("GET", path)
        assert (response.status, response.json) == (
            404,
            {"detail": {}, "message": "Image has not been processed yet."},
        )
        mock.put(image["upload_url"])
    assert mock.call("GET", "/v3/images/nope/enhanced").json == NOT_FOUND


def test_a_full_size_download_marks_the_image_downloaded(mock: Mock) -> None:
    image = mock.uploaded_image()
    mock.clock.complete_all()
    path = f"/v3/images/{image['image_id']}/enhanced"
    assert mock.call("GET", path).status == 200
    assert mock.get_image(image["image_id"])["downloaded"] is False
    assert mock.call("GET", path, query={"preview": "false"}).status == 200
    assert mock.get_image(image["image_id"])["downloaded"] is True


def test_the_enhanced_download_needs_a_key_and_the_original_does_not(mock: Mock) -> None:
    image = mock.uploaded_image()
    enhanced = mock.call("GET", f"/v3/images/{image['image_id']}/enhanced", key=None)
    assert enhanced.status == 401
    original = mock.call("GET", f"/v3/images/{image['image_id']}/original", key=None)
    assert (original.status, original.body) == (200, JPEG)


def test_the_original_download_returns_the_uploaded_bytes(mock: Mock) -> None:
    image = mock.image()
    path = f"/v3/images/{image['image_id']}/original"
    before = mock.call("GET", path)
    assert (before.status, before.json["message"]) == (404, "Image has not been uploaded yet.")
    data = JPEG + b"trailing bytes keep it distinct"
    mock.put(image["upload_url"], data)
    response = mock.call("GET", path)
    assert (response.status, response.content_type, response.body) == (200, "image/jpeg", data)
    same = mock.call("GET", path, query={"format": "jpeg"})
    assert same.body == data
    converted = mock.call("GET", path, query={"format": "webp"})
    assert converted.content_type == "image/webp"
    assert converted.body == tiny_image("webp")


@pytest.mark.parametrize(
    ("put_type", "data", "served_type", "served"),
    [
        ("application/octet-stream", JPEG, "application/octet-stream", JPEG),
        ("image/png", PNG, "image/png", PNG),
        ("image/png", b"", "image/png", PNG),
        ("application/octet-stream", b"", "image/jpeg", JPEG),
    ],
)
def test_the_original_content_type_follows_the_upload(
    mock: Mock, put_type: str, data: bytes, served_type: str, served: bytes
) -> None:
    image = mock.image()
    mock.put(image["upload_url"], data, content_type=put_type)
    response = mock.call("GET", f"/v3/images/{image['image_id']}/original")
    assert (response.content_type, response.body) == (served_type, served)


# --- reprocess, report, delete ---------------------------------------------------------


def test_reprocess_of_a_waiting_image_only_changes_its_settings(mock: Mock) -> None:
    image = mock.image(enhance_type="warm", sky_replacement=True)
    path = f"/v3/images/{image['image_id']}/process"
    body = {"enhance_type": "neutral", "image_name": "renamed.jpg", "order_id": "x", "extra": 1}
    updated = mock.ok("POST", path, json_body=body)
    assert updated["status"] == "waiting"
    assert (updated["enhance_type"], updated["sky_replacement"]) == ("neutral", True)
    assert updated["image_name"] == "renamed.jpg"
    assert updated["order_id"] == image["order_id"]
    mock.clock.complete_all()
    assert mock.hooks.sent == []


def test_reprocess_of_a_processed_image_processes_it_again(mock: Mock) -> None:
    image = mock.uploaded_image()
    mock.clock.complete_all()
    updated = mock.ok("POST", f"/v3/images/{image['image_id']}/process")
    assert updated["status"] == "processing"
    mock.clock.complete_all()
    assert mock.get_image(image["image_id"])["status"] == "processed"
    assert len(mock.hooks.events("image_processed")) == 2


def test_a_reprocess_supersedes_a_pending_completion() -> None:
    mock = Mock(processing_seconds=5)
    image = mock.uploaded_image()
    mock.clock.advance(3)
    mock.ok("POST", f"/v3/images/{image['image_id']}/process", json_body={"upscale": True})
    mock.clock.advance(3)
    assert mock.get_image(image["image_id"])["status"] == "processing"
    mock.clock.advance(2)
    assert mock.get_image(image["image_id"])["status"] == "processed"
    assert len(mock.hooks.events("image_processed")) == 1


def test_report_image_acknowledges(mock: Mock) -> None:
    image = mock.image()
    path = f"/v3/images/{image['image_id']}/report"
    body = {"categories": ["COLOUR"], "comment": "too blue", "score": 2, "source": "API"}
    assert mock.ok("POST", path, json_body=body) == {"message": "Image reported successfully."}
    missing = mock.call("POST", "/v3/images/nope/report", json_body={"categories": []})
    assert (missing.status, missing.json) == (404, NOT_FOUND)


def test_delete_image_leaves_the_order_and_cancels_its_webhook(mock: Mock) -> None:
    keep = mock.uploaded_image(order_id="o-1")
    gone = mock.uploaded_image(order_id="o-1")
    deleted = mock.call("DELETE", f"/v3/images/{gone['image_id']}")
    assert deleted.status == 204
    assert mock.call("GET", f"/v3/images/{gone['image_id']}").json == NOT_FOUND
    assert mock.call("DELETE", f"/v3/images/{gone['image_id']}").status == 404
    mock.clock.complete_all()
    order = mock.get_order("o-1")
    assert order["total_images"] == 1
    assert [i["image_id"] for i in order["images"]] == [keep["image_id"]]
    assert [e["image_id"] for e in mock.hooks.events("image_processed")] == [keep["image_id"]]
    mock.call("DELETE", f"/v3/images/{keep['image_id']}")
    assert mock.get_order("o-1")["total_images"] == 0


# --- brackets ----------------------------------------------------------------------------


def _brackets(mock: Mock, order_id: str, count: int, *, upload: bool = True) -> list[str]:
    ids = []
    for n in range(count):
        bracket = mock.ok(
            "POST",
            "/v3/brackets/",
            json_body={"name": f"kitchen-{n}.jpg", "order_id": order_id, "metadata": {"ev": n}},
        )
        if upload:
            assert mock.put(bracket["upload_url"], JPEG + bytes([n])).status == 200
        ids.append(bracket["bracket_id"])
    return ids


def test_create_bracket_needs_an_existing_order(mock: Mock) -> None:
    response = mock.call("POST", "/v3/brackets/", json_body={"name": "b.jpg", "order_id": "nope"})
    assert (response.status, response.json) == (404, NOT_FOUND)
    assert mock.call("GET", "/v3/orders/nope").status == 404


def test_brackets_are_listed_in_creation_order_and_marked_uploaded(mock: Mock) -> None:
    mock.order(order_id="hdr")
    created = mock.ok("POST", "/v3/brackets/", json_body={"name": "b0.jpg", "order_id": "hdr"})
    assert created["is_uploaded"] is False
    assert urlsplit(created["upload_url"]).netloc == HOST
    _brackets(mock, "hdr", 2, upload=False)
    mock.put(created["upload_url"], content_type="application/octet-stream")
    listed = mock.ok("GET", "/v3/orders/hdr/brackets", key=None)["brackets"]
    assert [b["name"] for b in listed] == ["b0.jpg", "kitchen-0.jpg", "kitchen-1.jpg"]
    assert [b["is_uploaded"] for b in listed] == [True, False, False]
    assert all("upload_url" not in b for b in listed)
    assert listed[1]["metadata"] == {"ev": 0}


def test_process_order_groups_every_n_brackets_then_processes_the_images(mock: Mock) -> None:
    mock.order(order_id="hdr")
    ids = _brackets(mock, "hdr", 6)
    body = {"number_of_brackets_per_image": 3, "enhance_type": "warm", "sky_replacement": True}
    accepted = mock.ok("POST", "/v3/orders/hdr/process", json_body=body)
    assert (accepted["is_merging"], accepted["status"], accepted["images"]) == (
        True,
        "processing",
        [],
    )
    assert mock.get_order("hdr")["is_merging"] is True
    mock.clock.complete_all()
    order = mock.get_order("hdr")
    assert (order["is_merging"], order["status"], order["total_images"]) == (
        False,
        "processed",
        2,
    )
    assert [i["image_name"] for i in order["images"]] == ["kitchen-0.jpg", "kitchen-3.jpg"]
    assert all(i["enhance_type"] == "warm" and i["sky_replacement"] for i in order["images"])
    events = mock.hooks.events("image_processed")
    assert [e["order_is_processing"] for e in events] == [True, False]
    original = mock.call("GET", f"/v3/images/{order['images'][1]['image_id']}/original")
    assert original.body == JPEG + bytes([3])
    assert len(ids) == 6


def test_process_order_shows_merging_for_the_grouping_time() -> None:
    mock = Mock(merging_seconds=10, processing_seconds=5)
    mock.order(order_id="hdr")
    _brackets(mock, "hdr", 2)
    mock.ok("POST", "/v3/orders/hdr/process")
    mock.clock.advance(9)
    assert (mock.get_order("hdr")["is_merging"], mock.get_order("hdr")["images"]) == (True, [])
    mock.clock.advance(1)
    order = mock.get_order("hdr")
    assert (order["is_merging"], order["is_processing"], order["total_images"]) == (
        False,
        True,
        1,
    )
    mock.clock.advance(5)
    assert mock.get_order("hdr")["status"] == "processed"


def test_process_order_without_grouping_puts_every_bracket_in_one_image(mock: Mock) -> None:
    mock.order(order_id="hdr")
    _brackets(mock, "hdr", 3)
    _brackets(mock, "hdr", 1, upload=False)
    mock.ok("POST", "/v3/orders/hdr/process", json_body={"number_of_brackets_per_image": 0})
    mock.clock.complete_all()
    assert mock.get_order("hdr")["total_images"] == 1
    again = mock.ok("POST", "/v3/orders/hdr/process")
    assert again["is_merging"] is False
    mock.clock.complete_all()
    assert mock.get_order("hdr")["total_images"] == 1


def test_process_order_groups_explicitly(mock: Mock) -> None:
    mock.order(order_id="hdr")
    ids = _brackets(mock, "hdr", 4)
    groups = [{"bracket_ids": ids[2:]}, {"bracket_ids": ids[:2]}]
    mock.ok("POST", "/v3/orders/hdr/process", json_body={"images": groups})
    mock.clock.complete_all()
    names = [i["image_name"] for i in mock.get_order("hdr")["images"]]
    assert names == ["kitchen-2.jpg", "kitchen-0.jpg"]


def test_explicit_groups_must_name_uploaded_brackets_of_the_order(mock: Mock) -> None:
    mock.order(order_id="hdr")
    mock.order(order_id="other")
    uploaded = _brackets(mock, "hdr", 1)
    pending = _brackets(mock, "hdr", 1, upload=False)
    foreign = _brackets(mock, "other", 1)
    for ids in (pending, foreign, ["nope"]):
        body = {"images": [{"bracket_ids": uploaded + ids}]}
        response = mock.call("POST", "/v3/orders/hdr/process", json_body=body)
        assert response.status == 422
        assert response.json["detail"] == {"json": {"images": ["Unknown bracket ID."]}}
    assert mock.get_order("hdr")["is_merging"] is False


def test_an_order_deleted_while_merging_gets_no_images(mock: Mock) -> None:
    mock.order(order_id="hdr")
    _brackets(mock, "hdr", 2)
    mock.ok("POST", "/v3/orders/hdr/process")
    mock.call("DELETE", "/v3/orders/hdr")
    mock.order(order_id="hdr")
    mock.clock.complete_all()
    assert mock.get_order("hdr")["images"] == []
    assert mock.hooks.sent == []


# --- webhooks --------------------------------------------------------------------------


def test_configuring_the_webhook_sends_webhook_updated(mock: Mock) -> None:
    mock.engine.configure_webhook("http://receiver.test/hook", headers={"Authorization": "s3"})
    assert mock.hooks.sent == [("webhook_updated", {"event": "webhook_updated"})]


def test_without_a_webhook_url_processing_still_completes() -> None:
    mock = Mock()
    mock.engine.configure_webhook(None)
    image = mock.uploaded_image()
    mock.clock.complete_all()
    assert mock.get_image(image["image_id"])["status"] == "processed"


# --- states the mock never reaches on its own -------------------------------------------


def test_an_image_in_error_fails_its_download_and_its_order(mock: Mock) -> None:
    image = mock.uploaded_image(order_id="o-1")
    mock.uploaded_image(order_id="o-1")
    mock.clock.complete_all()
    behaviour = mock.engine.behaviour
    assert isinstance(behaviour, AutoenhanceBehaviour)
    with behaviour.store.lock:
        behaviour.store.images[image["image_id"]].status = "error"
    response = mock.call("GET", f"/v3/images/{image['image_id']}/enhanced")
    assert (response.status, response.json) == (
        404,
        {"detail": {}, "message": "Image processing failed."},
    )
    assert mock.get_order("o-1")["status"] == "error"


def test_an_empty_offset_means_the_first_page(mock: Mock) -> None:
    created = mock.order()
    page = _list(mock, offset="")
    assert [o["order_id"] for o in page["orders"]] == [created["order_id"]]


def test_an_unbound_behaviour_refuses_to_send_webhooks() -> None:
    with pytest.raises(ConfigError):
        AutoenhanceBehaviour().webhook_configured()


# --- issue #12: fidelity to the current docs, the SDKs and the failure paths ----------


def test_per_page_above_15_is_clamped(mock: Mock) -> None:
    for n in range(17):
        mock.order(name=f"order {n}")
    listed = mock.ok("GET", "/v3/orders/", query={"per_page": "16"})
    assert (len(listed["orders"]), listed["pagination"]["per_page"]) == (15, 15)
    assert listed["pagination"]["next_offset"] is not None


def test_list_orders_searches_names_and_sorts(mock: Mock) -> None:
    for name in ("Beta house", "alpha flat", "Gamma barn", "beta shed"):
        mock.order(name=name)

    def names(**query: str) -> list[str]:
        return [o["name"] for o in mock.ok("GET", "/v3/orders/", query=query)["orders"]]

    assert names(q="BETA") == ["beta shed", "Beta house"]
    assert names(sort="name") == ["alpha flat", "Beta house", "beta shed", "Gamma barn"]
    assert names(sort="-name") == ["Gamma barn", "beta shed", "Beta house", "alpha flat"]
    assert names(sort="date") == ["Beta house", "alpha flat", "Gamma barn", "beta shed"]
    assert names() == names(sort="-date") == names(sort="date")[::-1]
    bad = mock.call("GET", "/v3/orders/", query={"sort": "size"})
    assert (bad.status, list(bad.json["detail"]["query"])) == (422, ["sort"])


def test_sorted_pages_continue_after_the_last_order_shown(mock: Mock) -> None:
    for name in ("d", "a", "c", "b", "e"):
        mock.order(name=name)
    first = mock.ok("GET", "/v3/orders/", query={"sort": "name", "per_page": "2"})
    token = first["pagination"]["next_offset"]
    second = mock.ok("GET", "/v3/orders/", query={"sort": "name", "per_page": "2", "offset": token})
    assert [o["name"] for o in first["orders"] + second["orders"]] == ["a", "b", "c", "d"]


def test_image_sort_order_is_settable_and_overridable(mock: Mock) -> None:
    mock.order(order_id="sorted", default_image_sort_order="-name")
    for name in ("b.jpg", "c.jpg", "a.jpg"):
        mock.image(order_id="sorted", image_name=name)

    def names(order: dict[str, Any]) -> list[str]:
        return [i["image_name"] for i in order["images"]]

    order = mock.get_order("sorted")
    assert (order["default_image_sort_order"], names(order)) == (
        "-name",
        ["c.jpg", "b.jpg", "a.jpg"],
    )
    by_date = mock.ok("GET", "/v3/orders/sorted", query={"sort_images_by": "date_added"})
    assert names(by_date) == ["b.jpg", "c.jpg", "a.jpg"]
    patched = mock.ok(
        "PATCH",
        "/v3/orders/sorted",
        json_body={"default_image_sort_order": "name"},
        query={"sort_images_by": "-date_added"},
    )
    assert (patched["default_image_sort_order"], names(patched)) == (
        "name",
        ["a.jpg", "c.jpg", "b.jpg"],
    )
    assert names(mock.get_order("sorted")) == ["a.jpg", "b.jpg", "c.jpg"]


def test_new_image_fields_are_stored_and_returned(mock: Mock) -> None:
    image = mock.image(
        preset_id="preset-1", restage={"style": "modern"}, window_pull_type="ONLY_WINDOWS"
    )
    stored = mock.get_image(image["image_id"])
    assert {k: stored[k] for k in ("preset_id", "restage", "parent_image_id")} == {
        "preset_id": "preset-1",
        "restage": {"style": "modern"},
        "parent_image_id": None,
    }
    assert stored["window_pull_type"] == "ONLY_WINDOWS"


@pytest.mark.parametrize(
    ("version", "expected"),
    [(None, "NONE"), ("2025-08-31", "NONE"), ("2025-05-08", "absent")],
)
def test_window_pull_type_follows_the_api_version(
    mock: Mock, version: str | None, expected: str
) -> None:
    headers = {} if version is None else {"x-api-version": version}
    body = {"image_name": "w.jpg", "window_pull_type": "NONE"}
    created = mock.ok("POST", "/v3/images/", json_body=body, headers=headers)
    assert created.get("window_pull_type", "absent") == expected


def test_x_dev_mode_is_validated(mock: Mock) -> None:
    image = mock.uploaded_image()
    mock.clock.complete_all()
    path = f"/v3/images/{image['image_id']}/enhanced"
    banana = mock.call("GET", path, headers={"x-dev-mode": "banana"})
    assert (banana.status, list(banana.json["detail"]["headers"])) == (422, ["x-dev-mode"])
    assert mock.call("GET", path, headers={"x-dev-mode": "true"}).status == 200


def test_malformed_json_is_webargs_400(mock: Mock) -> None:
    response = mock.call("POST", "/v3/orders/", body=b"{oops", content_type="application/json")
    assert (response.status, response.json) == (400, {"detail": {}, "message": "Bad Request"})


def test_process_order_accepts_the_docs_extra_fields(mock: Mock) -> None:
    mock.order(order_id="hdr")
    _brackets(mock, "hdr", 3)
    body = {"image_name": "kitchen", "contentType": "image/jpeg", "hdr": True}
    assert mock.ok("POST", "/v3/orders/hdr/process", json_body=body)["is_merging"] is True


def test_legacy_merge_groups_like_process(mock: Mock) -> None:
    mock.order(order_id="hdr")
    _brackets(mock, "hdr", 4)
    body = {"number_of_brackets_per_image": 2, "ai_version": "4.x"}
    assert mock.ok("POST", "/v3/orders/hdr/merge", json_body=body)["is_merging"] is True
    mock.clock.complete_all()
    assert mock.get_order("hdr")["total_images"] == 2
    assert mock.call("POST", "/v3/orders/hdr/merge", key=None).status == 401


@pytest.mark.parametrize("kind", ["preview", "watermark"])
def test_legacy_downloads_serve_a_processed_image_without_a_key(mock: Mock, kind: str) -> None:
    image = mock.image()
    path = f"/v3/images/{image['image_id']}/{kind}"
    early = mock.call("GET", path, key=None)
    assert (early.status, early.json["message"]) == (404, "Image has not been processed yet.")
    mock.put(image["upload_url"])
    mock.clock.complete_all()
    served = mock.call("GET", path, key=None)
    assert (served.status, served.content_type, served.body[:3]) == (
        200,
        "image/jpeg",
        MAGIC["jpeg"],
    )
    assert mock.get_image(image["image_id"])["downloaded"] is False


def _behaviour(mock: Mock) -> AutoenhanceBehaviour:
    behaviour = mock.engine.behaviour
    assert isinstance(behaviour, AutoenhanceBehaviour)
    return behaviour


def test_an_armed_failure_puts_the_next_image_of_its_order_in_error(mock: Mock) -> None:
    _behaviour(mock).scenarios.fail_next_image(order_id="o-err", reason="Bad exposure.")
    other = mock.uploaded_image(order_id="o-ok")
    failed = mock.uploaded_image(order_id="o-err")
    mock.clock.complete_all()
    got = mock.get_image(failed["image_id"])
    assert (got["status"], got["status_reason"]) == ("error", "Bad exposure.")
    assert mock.get_image(other["image_id"])["status"] == "processed"
    assert mock.get_order("o-err")["status"] == "error"
    events = {e["image_id"]: e["error"] for e in mock.hooks.events("image_processed")}
    assert events == {other["image_id"]: False, failed["image_id"]: True}
    download = mock.call("GET", f"/v3/images/{failed['image_id']}/enhanced")
    assert (download.status, download.json["message"]) == (404, "Image processing failed.")
    again = mock.uploaded_image(order_id="o-err")
    mock.clock.complete_all()
    assert mock.get_image(again["image_id"])["status"] == "processed"


def test_the_daily_quota_puts_new_images_in_error_until_the_next_day(mock: Mock) -> None:
    _behaviour(mock).scenarios.use_daily_quota(remaining=1)
    first = mock.uploaded_image()
    refused = mock.uploaded_image()
    mock.clock.complete_all()
    assert mock.get_image(first["image_id"])["status"] == "processed"
    got = mock.get_image(refused["image_id"])
    assert (got["status"], got["status_reason"]) == ("error", "Daily enhancement limit reached.")
    assert mock.hooks.events("image_processed")[-1]["error"] is True
    mock.clock.advance(86_400)
    tomorrow = mock.uploaded_image()
    mock.clock.complete_all()
    assert mock.get_image(tomorrow["image_id"])["status"] == "processed"


def test_an_image_can_be_expired_and_reset_disarms_scenarios(mock: Mock) -> None:
    behaviour = _behaviour(mock)
    image = mock.uploaded_image()
    mock.clock.complete_all()
    behaviour.scenarios.expire_image(image["image_id"])
    assert mock.get_image(image["image_id"])["status"] == "expired"
    download = mock.call("GET", f"/v3/images/{image['image_id']}/enhanced")
    assert (download.status, download.json["message"]) == (404, "Image has expired.")
    behaviour.scenarios.fail_next_image()
    behaviour.reset()
    fresh = mock.uploaded_image()
    mock.clock.complete_all()
    assert mock.get_image(fresh["image_id"])["status"] == "processed"


def test_a_custom_daily_quota_counts_every_image_that_starts(mock: Mock) -> None:
    _behaviour(mock).scenarios.set_daily_quota(2)
    images = [mock.uploaded_image() for _ in range(3)]
    mock.clock.complete_all()
    statuses = [mock.get_image(image["image_id"])["status"] for image in images]
    assert statuses == ["processed", "processed", "error"]


@hypothesis.settings(max_examples=200, deadline=None)
@hypothesis.given(
    steps=st.lists(
        st.one_of(
            st.tuples(st.just("add"), st.sampled_from([None, "a", "b", "c"])),
            st.tuples(st.just("remove"), st.integers(min_value=0, max_value=20)),
            st.tuples(st.just("list"), st.integers(min_value=1, max_value=4)),
        ),
        max_size=40,
    )
)
def test_the_default_listing_pages_as_sorting_every_order_does(
    steps: list[tuple[str, Any]],
) -> None:
    # List Orders' default (newest first, no search) reads the orders in creation order
    # instead of sorting them all; every page and token must be what the sort gives.
    store = Store(seed=0)
    tokens: list[str | None] = [None]
    for kind, value in steps:
        if kind == "add" and (value is None or value not in store.orders):
            store.add_order(order_id=value, name="n", now=0.0)  # "a" again once deleted
        elif kind == "remove" and store.orders:
            store.remove_order(list(store.orders.values())[value % len(store.orders)])
        elif kind == "list":
            for offset in list(tokens):  # every token issued so far, deleted orders' too
                expected = store.page(
                    sort_orders(store.orders.values(), "-date"), offset=offset, per_page=value
                )
                assert store.newest_page(offset=offset, per_page=value) == expected
                if expected[1] not in tokens:
                    tokens.append(expected[1])
