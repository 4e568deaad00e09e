"""Tests for mock_server.vendors.aihomedesign (and its _aihd_* modules) through the engine."""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from mock_server.clock import Clock
from mock_server.engine import Engine, EngineOptions
from mock_server.errors import ConfigError
from mock_server.media import tiny_image
from mock_server.spec import Spec, load_spec
from mock_server.types import ResponseData, UploadedFile
from mock_server.vendors import bundled_spec
from mock_server.vendors.aihomedesign import AIHomeDesignBehaviour
from mock_server.vendors.aihomedesign import _catalog as catalog
from mock_server.vendors.aihomedesign._ratelimit import RollingLimit
from mock_server.vendors.aihomedesign._records import timestamp
from tests._core import KEY, request

OTHER_KEY = "other-key"
HOST = "mock.test:8080"
BASE = f"http://{HOST}"
START = 1_718_786_702.0  # 2024-06-19T08:45:02Z
MB50 = 50 * 1024 * 1024

VS = "service-ai-virtual-staging"
ID = "service-creative-designer"
IE = "service-image-enhancement"
D2D = "service-day-to-dusk"
IR = "service-item-removal"
MASK = "service-item-removal-mask"

# Catalog ids as the spec's examples show them: they must never change.
VS_STYLE, VS_MODERN, VS_SCANDI = (
    "6603c8f1b2d4e60015a9b301",
    "6604d9a2c3e5f70016b0c401",
    "6604d9a2c3e5f70016b0c402",
)
ID_STYLE, ID_SCANDI, ID_COLOR, ID_SOFT = (
    "6603c8f1b2d4e60015a9b302",
    "6604d9a2c3e5f70016b0c407",
    "6603c8f1b2d4e60015a9b303",
    "6604d9a2c3e5f70016b0c40b",
)
IE_INDOOR, IE_FIRE, IE_TV = (
    "6603c8f1b2d4e60015a9b304",
    "6604d9a2c3e5f70016b0c410",
    "6604d9a2c3e5f70016b0c411",
)
IE_OUTDOOR, IE_LAWN = "6603c8f1b2d4e60015a9b305", "6604d9a2c3e5f70016b0c413"
SKY, DUSK_CLOUD, TWILIGHT_CLEAR = (
    "6603c8f1b2d4e60015a9b306",
    "6604d9a2c3e5f70016b0c416",
    "6604d9a2c3e5f70016b0c419",
)

JPEG = tiny_image("jpeg")
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"
GIF = b"GIF89a\x08\x00\x08\x00"
TIFF = b"II*\x00\x08\x00\x00\x00"
RAF = b"FUJIFILMCCD-RAW 0201FF383501"


def _widget(widget_id: str, item_id: str) -> dict[str, str]:
    return {"id": widget_id, "item_id": item_id}


# A valid submit body (without order_id) per service.
VALID: dict[str, dict[str, Any]] = {
    VS: {"space_name": "space-living-room", "selected_widgets": [_widget(VS_STYLE, VS_MODERN)]},
    ID: {
        "space_name": "space-bedroom",
        "selected_widgets": [_widget(ID_STYLE, ID_SCANDI), _widget(ID_COLOR, ID_SOFT)],
    },
    IE: {"space_name": "space-indoor", "selected_widgets": []},
    D2D: {"remove_shadow": True, "selected_widgets": [_widget(SKY, TWILIGHT_CLEAR)]},
    IR: {},
    MASK: {"service_name": MASK},
}


@cache
def _spec() -> Spec:
    return load_spec(bundled_spec("aihomedesign"))


def _schema_valid(name: str, value: Any) -> bool:
    return bool(_spec().responses.validator(f"#/components/schemas/{name}").is_valid(value))


MakeEngine = Callable[..., Engine]


@pytest.fixture
def make_engine() -> MakeEngine:
    def make(*, rate_limit: bool = True, **options: Any) -> Engine:
        return Engine(
            _spec(),
            options=EngineOptions(
                strict=True, accepted_keys=frozenset({KEY, OTHER_KEY}), **options
            ),
            behaviour=AIHomeDesignBehaviour(rate_limit=rate_limit),
            clock=Clock(manual=True, start=START),
        )

    return make


@pytest.fixture
def engine(make_engine: MakeEngine) -> Engine:
    return make_engine()


@pytest.fixture
def sent(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    """The webhooks the behaviour sends, as (event, payload)."""
    deliveries: list[tuple[str, Any]] = []
    monkeypatch.setattr(engine.webhooks, "send", lambda e, p: deliveries.append((e, p)))
    return deliveries


def call(engine: Engine, method: str, path: str, **kwargs: Any) -> ResponseData:
    headers = {"host": HOST, **kwargs.pop("headers", {})}
    return engine.handle(request(method, path, headers=headers, **kwargs))


def upload(
    engine: Engine,
    service: str | None = VS,
    *,
    data: bytes = JPEG,
    content_type: str = "image/jpeg",
    key: str = KEY,
) -> ResponseData:
    form = {} if service is None else {"service_name": service}
    image = UploadedFile(filename="photo.jpg", content_type=content_type, data=data)
    return call(engine, "POST", "/v1/order/image", key=key, files={"image": image}, form=form)


def new_order(engine: Engine, service: str = VS, *, key: str = KEY) -> str:
    response = upload(engine, service, key=key)
    assert response.status == 200, response.json
    order_id: str = response.json["order_id"]
    return order_id


def submit(engine: Engine, order_id: str, *, key: str = KEY, **fields: Any) -> ResponseData:
    return call(engine, "POST", "/v1/order", key=key, json_body={"order_id": order_id, **fields})


def submitted(engine: Engine, service: str = VS, *, key: str = KEY) -> tuple[str, str, int]:
    """Upload and submit a valid order: (order_id, image_id, eta)."""
    order_id = new_order(engine, service, key=key)
    response = submit(engine, order_id, key=key, **VALID[service])
    assert response.status == 200, response.json
    return order_id, response.json["image_id"], response.json["eta"]


def get_order(engine: Engine, order_id: str, *, key: str = KEY) -> ResponseData:
    return call(engine, "GET", f"/v1/order/{order_id}", key=key)


def error(response: ResponseData) -> tuple[int, str | None]:
    return response.status, response.json.get("key")


# --- upload -------------------------------------------------------------------


def test_upload_creates_an_idle_order_of_its_service(engine: Engine) -> None:
    response = upload(engine, ID)
    assert response.status == 200
    order_id = response.json["order_id"]
    assert len(order_id) == 24
    assert int(order_id, 16) >= 0
    order = get_order(engine, order_id)
    assert order.status == 200
    body = order.json
    assert body["id"] == order_id
    assert (body["status"], body["space"], body["generated_images"]) == ("idle", "", [])
    assert body["service_name"] == ID
    assert body["service"]["ID"] == "65f2a7c1d8e94b0013c5e102"
    assert body["service"]["name"] == ID
    assert body["service"]["required_space"] is True
    assert body["created_at"] == "2024-06-19T08:45:02.000Z"
    assert body["before_image_src"] == f"{BASE}/_files/aihd-before/{body['before_image_id']}.jpeg"


@pytest.mark.parametrize("service", list(catalog.SERVICES))
def test_upload_accepts_every_service(engine: Engine, service: str) -> None:
    order_id = new_order(engine, service)
    body = get_order(engine, order_id).json
    assert body["service_name"] == service
    assert body["service"]["required_space"] is (service in (VS, ID, IE))


NO_FILE = (400, {"error": "http: no such file"})
NOT_MULTIPART = (400, {"error": "request Content-Type isn't multipart/form-data"})
BAD_SERVICE = (
    400,
    {
        "error": "invalid request: service_name must be one of the supported services",
        "key": "api_error_invalid_request",
    },
)
NO_SERVICE = (
    400,
    {"error": "invalid request: service_name is required", "key": "api_error_invalid_request"},
)
TOO_LARGE = (400, {"error": "image exceeds the 50 MB limit", "key": "api_error_file_too_large"})
UNSUPPORTED = (400, {"error": "unsupported image type", "key": "api_error_unsupported_file_type"})
MULTIPART = "multipart/form-data; boundary=x"


def _image(data: bytes = JPEG, content_type: str = "image/jpeg") -> UploadedFile:
    return UploadedFile(filename="photo.jpg", content_type=content_type, data=data)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"form": {"service_name": VS}, "content_type": MULTIPART}, NO_FILE),
        ({"form": {"service_name": VS, "image": "not a file"}, "content_type": MULTIPART}, NO_FILE),
        ({"content_type": MULTIPART}, NO_FILE),
        ({"form": {"service_name": "nope"}, "content_type": MULTIPART}, NO_FILE),
        ({"json_body": {"service_name": VS}}, NOT_MULTIPART),
        ({}, NOT_MULTIPART),
        ({"files": {"image": _image()}}, NO_SERVICE),
        (
            {"files": {"image": _image()}, "form": {"service_name": "service-ai-day-to-dusk"}},
            BAD_SERVICE,
        ),
        (
            {"files": {"image": _image(b"x" * (MB50 + 1))}, "form": {"service_name": "nope"}},
            BAD_SERVICE,
        ),
        ({"files": {"image": _image(b"x" * (MB50 + 1))}, "form": {"service_name": VS}}, TOO_LARGE),
        (
            {
                "files": {"image": _image(b"x" * (MB50 + 1), "image/heic")},
                "form": {"service_name": VS},
            },
            TOO_LARGE,
        ),
        (
            {"files": {"image": _image(HEIC, "image/heic")}, "form": {"service_name": VS}},
            UNSUPPORTED,
        ),
        ({"files": {"image": _image(GIF, "image/gif")}, "form": {"service_name": VS}}, UNSUPPORTED),
        (
            {
                "files": {"image": _image(HEIC, "application/octet-stream")},
                "form": {"service_name": VS},
            },
            UNSUPPORTED,
        ),
        (
            {"files": {"image": _image(GIF, "image/jpeg")}, "form": {"service_name": VS}},
            UNSUPPORTED,
        ),
    ],
    ids=[
        "no-image-part",
        "image-as-text",
        "empty-multipart",
        "no-image-beats-bad-service",
        "json-body",
        "no-body",
        "no-service-name",
        "unknown-service-name",
        "bad-service-beats-size",
        "over-50-mb",
        "size-beats-type",
        "declared-heic",
        "declared-gif",
        "heic-bytes-as-octet-stream",
        "gif-bytes-as-jpeg",
    ],
)
def test_upload_errors_in_the_vendor_shape(
    engine: Engine, kwargs: dict[str, Any], expected: tuple[int, dict[str, str]]
) -> None:
    response = call(engine, "POST", "/v1/order/image", **kwargs)
    assert (response.status, response.json) == expected


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (JPEG, "image/jpeg"),
        (tiny_image("png"), "image/png"),
        (tiny_image("webp"), "image/webp"),
        (TIFF, "image/x-adobe-dng"),
        (TIFF, "image/tiff"),
        (RAF, "image/x-fuji-raf"),
        (RAF, "application/octet-stream"),
        (b"unrecognised raw bytes", "image/x-nikon-nef"),
        (tiny_image("png"), "image/jpeg"),
        (b"x" * MB50, "image/jpeg"),
    ],
    ids=["jpeg", "png", "webp", "dng", "tiff", "raf", "raf-octet", "nef", "png-as-jpeg", "50-mb"],
)
def test_upload_accepts_the_listed_formats(engine: Engine, data: bytes, content_type: str) -> None:
    assert upload(engine, data=data, content_type=content_type).status == 200


def test_upload_over_the_engine_body_limit_is_the_file_too_large_error(
    make_engine: MakeEngine,
) -> None:
    engine = make_engine(max_body_bytes=1000)
    response = upload(engine, data=b"x" * 2000)
    assert (response.status, response.json) == TOO_LARGE


def test_upload_without_a_key_is_401(engine: Engine) -> None:
    response = call(
        engine,
        "POST",
        "/v1/order/image",
        key=None,
        files={"image": _image()},
        form={"service_name": VS},
    )
    assert (response.status, response.json) == (
        401,
        {"error": "unauthorized", "key": "api_error_unauthorized"},
    )


def test_concurrent_uploads_lose_nothing_and_never_share_an_id(engine: Engine) -> None:
    found: list[str] = []
    lock = threading.Lock()

    def work() -> None:
        for _ in range(20):
            order_id = new_order(engine)
            with lock:
                found.append(order_id)

    threads = [threading.Thread(target=work) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == len(set(found)) == 120
    assert all(get_order(engine, order_id).status == 200 for order_id in found)


# --- submit -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "eta", "space", "prompt"),
    [
        (VS, 60, "space-living-room", "modern style, living room"),
        (ID, 60, "space-bedroom", "scandinavian style, soft neutral colours, bedroom"),
        (IE, 45, "space-indoor", "indoor"),
        (D2D, 40, "", "twilight sky without clouds, without shadows"),
        (IR, 30, "", ""),
        (MASK, 30, "", ""),
    ],
)
def test_submit_starts_a_processing_image(
    engine: Engine, service: str, eta: int, space: str, prompt: str
) -> None:
    order_id = new_order(engine, service)
    response = submit(engine, order_id, **VALID[service])
    assert response.status == 200
    assert response.json["order_id"] == order_id
    assert response.json["eta"] == eta
    body = get_order(engine, order_id).json
    assert (body["status"], body["space"]) == ("active", space)
    (image,) = body["generated_images"]
    assert image["id"] == response.json["image_id"]
    assert (image["status"], image["src"], image["sequence"]) == ("processing", "", 1)
    assert (image["order_id"], image["space"], image["prompt"]) == (order_id, space, prompt)
    assert image["updated_at"] == "0001-01-01T00:00:00Z"


def test_the_image_finishes_when_the_eta_passes(engine: Engine) -> None:
    order_id, image_id, eta = submitted(engine)
    engine.clock.advance(eta - 1)
    assert get_order(engine, order_id).json["generated_images"][0]["status"] == "processing"
    engine.clock.advance(1)
    body = get_order(engine, order_id).json
    assert body["status"] == "idle"
    (image,) = body["generated_images"]
    assert image["status"] == "regular_finished"
    assert image["src"] == f"{BASE}/_files/aihd-after/{image_id}.jpeg"


def test_urls_follow_the_host_the_client_used(engine: Engine) -> None:
    order_id, _, _ = submitted(engine)
    engine.clock.complete_all()
    response = engine.handle(
        request("GET", f"/v1/order/{order_id}", headers={"host": "elsewhere:1"})
    )
    assert response.json["before_image_src"].startswith("http://elsewhere:1/_files/")
    assert response.json["generated_images"][0]["src"].startswith("http://elsewhere:1/_files/")


def test_day_to_dusk_records_the_sky_and_the_shadow_choice(engine: Engine) -> None:
    order_id = new_order(engine, D2D)
    # space_name is ignored for day to dusk; remove_shadow defaults to false.
    response = submit(
        engine, order_id, space_name="space-bedroom", selected_widgets=[_widget(SKY, DUSK_CLOUD)]
    )
    assert response.status == 200
    image = get_order(engine, order_id).json["generated_images"][0]
    assert (image["sky_style"], image["shadow_removal"], image["space"]) == (
        "Dusk with cloud",
        False,
        "",
    )
    assert image["prompt"] == "dusk sky with clouds, with shadows"


def test_fields_a_service_does_not_use_are_ignored(engine: Engine) -> None:
    order_id = new_order(engine, IR)
    response = submit(
        engine,
        order_id,
        space_name="nowhere",
        remove_shadow=True,
        selected_widgets=[_widget("unknown", "unknown")],
    )
    assert response.status == 200
    image = get_order(engine, order_id).json["generated_images"][0]
    assert (image["shadow_removal"], image["space"], image["sky_style"]) == (False, "", "")


def test_image_enhancement_takes_several_toggles(engine: Engine) -> None:
    order_id = new_order(engine, IE)
    toggles = [_widget(IE_INDOOR, IE_FIRE), _widget(IE_INDOOR, IE_TV)]
    response = submit(engine, order_id, space_name="space-indoor", selected_widgets=toggles)
    assert response.status == 200
    image = get_order(engine, order_id).json["generated_images"][0]
    assert image["prompt"] == "add fire to fireplace, add screen to tv, indoor"


SPACE = ("space not found", "api_error_space_not_found")
WIDGET = ("widget not found", "api_error_widget_not_found")
ITEM = ("item not found", "api_error_item_not_found")
DUPLICATE = ("widget selected more than once", "api_error_duplicate_widget")
MANDATORY = ("mandatory widget is missing", "api_error_mandatory_widget_missing")
MISMATCH = ("service_name does not match the order's service", "api_error_service_mismatch")
MASK_NAME = (
    "invalid request: service_name is required for item removal mask orders",
    "api_error_invalid_request",
)
STYLE = [_widget(VS_STYLE, VS_MODERN)]


@pytest.mark.parametrize(
    ("service", "fields", "expected"),
    [
        (VS, {"selected_widgets": STYLE}, SPACE),
        (VS, {"space_name": "", "selected_widgets": STYLE}, SPACE),
        (VS, {"space_name": "space-kitchen", "selected_widgets": STYLE}, SPACE),
        (VS, {"space_name": "space-indoor", "selected_widgets": STYLE}, SPACE),
        (VS, {"space_name": "space-nowhere", "selected_widgets": [_widget("x", "y")]}, SPACE),
        (
            VS,
            {"space_name": "space-bedroom", "selected_widgets": [_widget("x", VS_MODERN)]},
            WIDGET,
        ),
        (
            VS,
            {"space_name": "space-bedroom", "selected_widgets": [_widget(ID_STYLE, ID_SCANDI)]},
            WIDGET,
        ),
        (
            VS,
            {"space_name": "space-bedroom", "selected_widgets": [_widget(VS_STYLE, ID_SCANDI)]},
            ITEM,
        ),
        (VS, {"space_name": "space-bedroom", "selected_widgets": STYLE * 2}, DUPLICATE),
        (
            VS,
            {
                "space_name": "space-bedroom",
                "selected_widgets": [*STYLE, _widget(VS_STYLE, VS_SCANDI)],
            },
            DUPLICATE,
        ),
        (
            VS,
            {
                "space_name": "space-bedroom",
                "selected_widgets": [*STYLE, *STYLE, _widget("x", "y")],
            },
            WIDGET,
        ),
        (VS, {"space_name": "space-bedroom", "selected_widgets": []}, MANDATORY),
        (VS, {"space_name": "space-bedroom"}, MANDATORY),
        (VS, {**VALID[VS], "service_name": D2D}, MISMATCH),
        (
            ID,
            {"space_name": "space-bedroom", "selected_widgets": [_widget(ID_COLOR, ID_SOFT)]},
            MANDATORY,
        ),
        (ID, {"space_name": "space-home-office", "selected_widgets": []}, SPACE),
        (
            IE,
            {"space_name": "space-indoor", "selected_widgets": [_widget(IE_OUTDOOR, IE_LAWN)]},
            WIDGET,
        ),
        (
            IE,
            {"space_name": "space-outdoor", "selected_widgets": [_widget(IE_OUTDOOR, IE_FIRE)]},
            ITEM,
        ),
        (
            IE,
            {"space_name": "space-indoor", "selected_widgets": [_widget(IE_INDOOR, IE_FIRE)] * 2},
            DUPLICATE,
        ),
        (IE, {"selected_widgets": []}, SPACE),
        (D2D, {"remove_shadow": True}, MANDATORY),
        (D2D, {"selected_widgets": [_widget(VS_STYLE, VS_MODERN)]}, WIDGET),
        (IR, {"service_name": MASK}, MISMATCH),
        (MASK, {}, MASK_NAME),
        (MASK, {"service_name": IR}, MISMATCH),
    ],
)
def test_submit_validation_errors(
    engine: Engine, service: str, fields: dict[str, Any], expected: tuple[str, str]
) -> None:
    order_id = new_order(engine, service)
    response = submit(engine, order_id, **fields)
    assert response.status == 400
    assert (response.json["error"], response.json["key"]) == expected
    assert get_order(engine, order_id).json["generated_images"] == []


def test_an_inactive_space_and_a_premium_item_are_accepted(engine: Engine) -> None:
    order_id = new_order(engine, ID)
    hampton = "6604d9a2c3e5f70016b0c408"
    response = submit(
        engine,
        order_id,
        space_name="space-hotel-lobby",
        selected_widgets=[_widget(ID_STYLE, hampton)],
    )
    assert response.status == 200


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"order_id": ""},
        {"order_id": 7},
        {"order_id": "x", "selected_widgets": [{"id": VS_STYLE}]},
        {"order_id": "x", "remove_shadow": "yes"},
        {"order_id": "x", "service_name": "service-ai-creative-designer"},
    ],
)
def test_submit_schema_errors_are_invalid_request(engine: Engine, body: dict[str, Any]) -> None:
    response = call(engine, "POST", "/v1/order", json_body=body)
    assert error(response) == (400, "api_error_invalid_request")


def test_submit_with_a_non_json_body_is_invalid_request(engine: Engine) -> None:
    response = call(engine, "POST", "/v1/order", body=b"order_id=x", content_type="text/plain")
    assert error(response) == (400, "api_error_invalid_request")


def test_submit_over_the_body_limit_is_invalid_request(make_engine: MakeEngine) -> None:
    engine = make_engine(max_body_bytes=100)
    response = submit(engine, "x" * 200)
    assert error(response) == (400, "api_error_invalid_request")


@pytest.mark.parametrize("key", [KEY, OTHER_KEY])
def test_submit_of_an_order_the_key_does_not_own_is_not_found(engine: Engine, key: str) -> None:
    foreign = new_order(engine, key=OTHER_KEY if key == KEY else KEY)
    for order_id in ("6672a9e3f1b2c40017d5e6a1", foreign):
        response = submit(engine, order_id, key=key, **VALID[VS])
        assert (response.status, response.json) == (
            400,
            {"error": "order not found", "key": "api_error_order_not_found"},
        )


def test_a_second_submit_is_a_regeneration(engine: Engine) -> None:
    order_id, first, eta = submitted(engine)
    engine.clock.advance(eta)
    response = submit(engine, order_id, **VALID[VS] | {"space_name": "space-bedroom"})
    assert response.status == 200
    second = response.json["image_id"]
    assert second != first
    body = get_order(engine, order_id).json
    assert (body["status"], body["space"]) == ("active", "space-bedroom")
    assert [(i["id"], i["sequence"], i["status"]) for i in body["generated_images"]] == [
        (first, 1, "regular_finished"),
        (second, 2, "processing"),
    ]


def test_a_regeneration_is_validated_like_the_first_submit(engine: Engine) -> None:
    order_id, _, _ = submitted(engine)
    response = submit(engine, order_id, space_name="space-bedroom")
    assert error(response) == (400, "api_error_mandatory_widget_missing")
    assert len(get_order(engine, order_id).json["generated_images"]) == 1


# --- rate limit ---------------------------------------------------------------

RATE_LIMITED = {"error": "rate-limit exceeded, 10 generates per 10 minutes only"}


def _first_submit(engine: Engine, *, key: str = KEY) -> ResponseData:
    return submit(engine, new_order(engine, key=key), key=key, **VALID[VS])


def test_the_eleventh_first_submission_in_ten_minutes_is_429(engine: Engine) -> None:
    assert [_first_submit(engine).status for _ in range(10)] == [200] * 10
    order_id = new_order(engine)
    response = submit(engine, order_id, **VALID[VS])
    assert (response.status, response.json) == (429, RATE_LIMITED)
    assert "retry-after" not in {name.lower() for name in response.headers}
    # Rejected: nothing was created, and it did not count.
    assert get_order(engine, order_id).json["generated_images"] == []


def test_the_window_rolls(engine: Engine) -> None:
    for _ in range(5):
        assert _first_submit(engine).status == 200
    engine.clock.advance(300)
    for _ in range(5):
        assert _first_submit(engine).status == 200
    engine.clock.advance(299)
    assert _first_submit(engine).status == 429
    engine.clock.advance(1)  # the first five are now 600 s old
    assert [_first_submit(engine).status for _ in range(6)] == [200] * 5 + [429]


def test_the_limit_is_per_key_and_rejected_submissions_do_not_count(engine: Engine) -> None:
    for _ in range(10):
        invalid = submit(engine, new_order(engine), space_name="space-nowhere")
        assert invalid.status == 400
    for _ in range(10):
        assert _first_submit(engine).status == 200
    assert _first_submit(engine).status == 429
    assert _first_submit(engine, key=OTHER_KEY).status == 200


def test_regenerations_are_neither_counted_nor_limited(engine: Engine) -> None:
    order_id, _, _ = submitted(engine)
    for _ in range(12):
        assert submit(engine, order_id, **VALID[VS]).status == 200
    for _ in range(9):
        assert _first_submit(engine).status == 200
    assert _first_submit(engine).status == 429
    assert submit(engine, order_id, **VALID[VS]).status == 200


def test_concurrent_first_submissions_respect_the_limit(engine: Engine) -> None:
    orders = [new_order(engine) for _ in range(24)]
    statuses: list[int] = []
    lock = threading.Lock()

    def work(chunk: list[str]) -> None:
        for order_id in chunk:
            status = submit(engine, order_id, **VALID[VS]).status
            with lock:
                statuses.append(status)

    threads = [threading.Thread(target=work, args=(orders[i::4],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] * 10 + [429] * 14
    images = [get_order(engine, o).json["generated_images"] for o in orders]
    ids = [image["id"] for found in images for image in found]
    assert len(ids) == len(set(ids)) == 10


def test_an_unbound_behaviour_says_so() -> None:
    with pytest.raises(ConfigError, match="not bound"):
        _ = AIHomeDesignBehaviour().context


def test_the_rate_limit_can_be_switched_off(make_engine: MakeEngine) -> None:
    engine = make_engine(rate_limit=False)
    assert {_first_submit(engine).status for _ in range(15)} == {200}


def test_rolling_limit_counts_per_key() -> None:
    limit = RollingLimit(limit=2, window=10)
    for now in (0.0, 1.0):
        assert limit.allows("a", now=now)
        limit.record("a", now=now)
    assert not limit.allows("a", now=9.99)
    assert limit.allows("b", now=9.99)
    assert limit.allows("a", now=10.0)
    limit.clear()
    assert limit.allows("a", now=0.0)


# --- webhooks -----------------------------------------------------------------


def test_one_generated_image_webhook_per_image_when_it_finishes(
    engine: Engine, sent: list[tuple[str, Any]]
) -> None:
    order_id = new_order(engine, ID)
    first = submit(engine, order_id, **VALID[ID]).json
    engine.clock.advance(first["eta"] - 1)
    assert sent == []
    engine.clock.advance(1)
    second = submit(engine, order_id, **VALID[ID]).json
    engine.clock.complete_all()
    assert [event for event, _ in sent] == ["generatedImage", "generatedImage"]
    payloads = [payload for _, payload in sent]
    assert all(_schema_valid("GeneratedImageWebhook", p) for p in payloads)
    order = get_order(engine, order_id).json
    assert payloads[0] == {
        "order_id": order_id,
        "image": {
            "id": first["image_id"],
            "before_src": order["before_image_src"],
            "after_src": f"{BASE}/_files/aihd-after/{first['image_id']}.jpeg",
            "regenerated": False,
            "style": "Scandinavian",
            "color": "Soft Neutrals",
            "space": "space-bedroom",
            "sky_style": "",
            "shadow_removal": False,
            "material": "",
            "created_at": timestamp(START),
        },
        "service_name": ID,
        "user_id": order["user_id"],
    }
    assert payloads[1]["image"]["id"] == second["image_id"]
    assert payloads[1]["image"]["regenerated"] is True
    assert payloads[1]["image"]["after_src"] == order["generated_images"][1]["src"]


def test_day_to_dusk_webhook_carries_the_sky_style(
    engine: Engine, sent: list[tuple[str, Any]]
) -> None:
    submitted(engine, D2D)
    engine.clock.complete_all()
    ((_, payload),) = sent
    image = payload["image"]
    assert (image["sky_style"], image["shadow_removal"], image["style"]) == (
        "Twilight without cloud",
        True,
        "",
    )


def test_webhooks_are_posted_to_the_configured_url(engine: Engine, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    engine.configure_webhook(httpserver.url_for("/hook"))
    order_id, image_id, eta = submitted(engine)
    engine.clock.advance(eta)
    assert call(engine, "POST", f"/v1/order/image/{image_id}/download/upscale").status == 200
    engine.clock.advance(30)
    bodies = [req.get_json() for req, _ in httpserver.log]
    assert [body.get("order_id") for body in bodies] == [order_id, None]
    assert bodies[1]["generated_image_id"] == image_id
    assert [d.ok for d in engine.webhooks.deliveries] == [True, True]


def test_no_webhook_without_a_url(engine: Engine) -> None:
    submitted(engine)
    engine.clock.complete_all()
    assert engine.webhooks.deliveries == []


def test_a_reset_forgets_pending_work(engine: Engine, sent: list[tuple[str, Any]]) -> None:
    order_id, image_id, eta = submitted(engine)
    engine.clock.advance(eta)
    assert call(engine, "POST", f"/v1/order/image/{image_id}/download/upscale").status == 200
    submitted(engine)
    behaviour = engine.behaviour
    assert isinstance(behaviour, AIHomeDesignBehaviour)
    behaviour.reset()  # the clock keeps its jobs: they must find nothing to do
    sent.clear()
    engine.clock.complete_all()
    assert sent == []
    assert error(get_order(engine, order_id)) == (404, "api_error_order_not_found")


def test_a_reset_forgets_the_rate_limit(engine: Engine) -> None:
    for _ in range(10):
        _first_submit(engine)
    engine.reset()
    assert _first_submit(engine).status == 200


# --- get order ----------------------------------------------------------------


def test_get_order_of_an_unknown_or_foreign_order_is_404(engine: Engine) -> None:
    foreign = new_order(engine, key=OTHER_KEY)
    for order_id in ("6672a9e3f1b2c40017d5e6a1", foreign):
        response = get_order(engine, order_id)
        assert (response.status, response.json) == (
            404,
            {"error": "order not found", "key": "api_error_order_not_found"},
        )
    assert get_order(engine, foreign, key=OTHER_KEY).status == 200


def test_get_order_matches_the_spec_and_the_account(engine: Engine) -> None:
    order_id, _, _ = submitted(engine)
    mine = get_order(engine, order_id).json
    theirs = get_order(engine, new_order(engine, key=OTHER_KEY), key=OTHER_KEY).json
    assert _schema_valid("Order", mine)
    assert len(mine["user_id"]) == 24
    assert mine["user_id"] != theirs["user_id"]
    assert mine["email"] != theirs["email"]
    assert mine["email"].endswith("@example.com")


def test_a_trailing_slash_is_another_path(engine: Engine) -> None:
    response = call(engine, "GET", "/v1/order/")
    assert (response.status, response.json) == (
        404,
        {"error": "not found", "key": "api_error_not_found"},
    )


# --- upscale ------------------------------------------------------------------


def _upscale(engine: Engine, image_id: str, *, key: str = KEY) -> ResponseData:
    return call(engine, "POST", f"/v1/order/image/{image_id}/download/upscale", key=key)


def test_upscale_answers_processing_then_sends_the_link(
    engine: Engine, sent: list[tuple[str, Any]]
) -> None:
    order_id, image_id, eta = submitted(engine)
    engine.clock.advance(eta)
    sent.clear()
    response = _upscale(engine, image_id)
    assert (response.status, response.json) == (200, {"status": "processing"})
    link = f"{BASE}/_files/aihd-upscaled/{image_id}.jpeg"
    assert call(engine, "GET", link.removeprefix(BASE)).status == 404
    engine.clock.advance(29)
    assert sent == []
    engine.clock.advance(1)
    user_id = get_order(engine, order_id).json["user_id"]
    expected = {"generated_image_id": image_id, "upscaled_image_src": link, "user_id": user_id}
    assert sent == [("upscaleDownload", expected)]
    assert _schema_valid("UpscaleWebhook", expected)
    downloaded = call(engine, "GET", link.removeprefix(BASE))
    assert (downloaded.status, downloaded.content_type, downloaded.body) == (
        200,
        "image/jpeg",
        JPEG,
    )


def test_repeated_upscales_each_send_a_webhook(engine: Engine, sent: list[tuple[str, Any]]) -> None:
    _, image_id, eta = submitted(engine)
    engine.clock.advance(eta)
    sent.clear()
    assert [_upscale(engine, image_id).status for _ in range(2)] == [200, 200]
    engine.clock.advance(30)
    assert [payload["generated_image_id"] for _, payload in sent] == [image_id, image_id]


def test_upscale_of_a_processing_image_is_not_ready(engine: Engine) -> None:
    _, image_id, _ = submitted(engine)
    response = _upscale(engine, image_id)
    assert (response.status, response.json) == (
        400,
        {"error": "generated image is not finished yet", "key": "api_error_image_not_ready"},
    )


def test_upscale_of_an_unknown_or_foreign_image_is_404(engine: Engine) -> None:
    _, foreign, eta = submitted(engine, key=OTHER_KEY)
    engine.clock.advance(eta)
    for image_id in ("6672aa1cf1b2c40017d5e6f3", foreign):
        response = _upscale(engine, image_id)
        assert (response.status, response.json) == (
            404,
            {"error": "generated image not found", "key": "api_error_generated_image_not_found"},
        )
    assert _upscale(engine, foreign, key=OTHER_KEY).status == 200


# --- image URLs ---------------------------------------------------------------


def test_the_before_image_is_served_at_once(engine: Engine) -> None:
    order_id = new_order(engine)
    src = get_order(engine, order_id).json["before_image_src"]
    response = call(engine, "GET", src.removeprefix(BASE), key=None)
    assert (response.status, response.content_type) == (200, "image/jpeg")
    assert response.body.startswith(b"\xff\xd8\xff")


def test_the_after_image_is_served_once_finished(engine: Engine) -> None:
    _, image_id, eta = submitted(engine)
    path = f"/_files/aihd-after/{image_id}.jpeg"
    assert call(engine, "GET", path).status == 404
    engine.clock.advance(eta)
    assert call(engine, "GET", path, key=None).body == JPEG
    assert call(engine, "HEAD", path).status == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/_files/aihd-after/6672aa1cf1b2c40017d5e6f3.jpeg"),
        ("GET", "/_files/aihd-before/6672aa1cf1b2c40017d5e6f3.jpeg"),
        ("GET", "/_files/aihd-other/6672aa1cf1b2c40017d5e6f3.jpeg"),
        ("GET", "/_files/aihd-before/not-an-id.jpeg"),
        ("GET", "/elsewhere"),
    ],
)
def test_unknown_files_are_404(engine: Engine, method: str, path: str) -> None:
    assert call(engine, method, path).status == 404


def test_files_answer_only_get_and_head(engine: Engine) -> None:
    order_id = new_order(engine)
    src = get_order(engine, order_id).json["before_image_src"]
    assert call(engine, "DELETE", src.removeprefix(BASE)).status == 404


# --- catalog ------------------------------------------------------------------


def _spaces(engine: Engine, **query: Any) -> ResponseData:
    return call(engine, "GET", "/v1/catalog/spaces", query=query)


def _widgets(engine: Engine, **query: Any) -> ResponseData:
    return call(engine, "GET", "/v1/catalog/items/filter", query=query)


@pytest.mark.parametrize(
    ("service", "count", "first"),
    [
        (VS, 9, ["space-living-room", "space-bedroom", "space-dining-room", "space-home-office"]),
        (ID, 23, ["space-living-room", "space-bedroom", "space-dining-room", "space-kitchen"]),
        ("service-ai-creative-designer", 23, ["space-living-room", "space-bedroom"]),
        (IE, 2, ["space-indoor", "space-outdoor"]),
        (D2D, 0, []),
        (IR, 0, []),
        (MASK, 0, []),
    ],
)
def test_list_spaces(engine: Engine, service: str, count: int, first: list[str]) -> None:
    response = _spaces(engine, service_name=service)
    assert response.status == 200
    names = [space["name"] for space in response.json["data"]]
    assert len(names) == count
    assert names[: len(first)] == first
    keys = [(s["priority"], s["name"]) for s in response.json["data"]]
    assert keys == sorted(keys)


@pytest.mark.parametrize("active", ["true", "false", None])
def test_list_spaces_active_filter(engine: Engine, active: str | None) -> None:
    query = {"service_name": ID} | ({} if active is None else {"active": active})
    data = _spaces(engine, **query).json["data"]
    inactive = {s["name"] for s in data if not s["is_active"]}
    if active == "true":
        assert inactive == set()
    else:
        assert "space-hotel-lobby" in inactive


@pytest.mark.parametrize(
    "query",
    [{}, {"service_name": "service-ai-day-to-dusk"}, {"service_name": VS, "active": "maybe"}],
)
def test_list_spaces_bad_query_is_invalid_request(engine: Engine, query: dict[str, str]) -> None:
    assert error(_spaces(engine, **query)) == (400, "api_error_invalid_request")


@pytest.mark.parametrize(
    ("service", "space", "titles"),
    [
        (VS, "space-bedroom", ["Style"]),
        (ID, "space-hotel-lobby", ["Style", "Color"]),
        ("service-ai-creative-designer", "space-kitchen", ["Style", "Color"]),
        (IE, "space-outdoor", ["Enhancement Options"]),
        (D2D, None, ["Sky Style"]),
        (D2D, "space-anything", ["Sky Style"]),
        (IR, None, []),
        (MASK, "space-bedroom", []),
    ],
)
def test_list_widgets(engine: Engine, service: str, space: str | None, titles: list[str]) -> None:
    query = {"service_name": service} | ({} if space is None else {"space_name": space})
    response = _widgets(engine, **query)
    assert response.status == 200
    assert [widget["title"] for widget in response.json["data"]] == titles


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ({"service_name": VS}, "api_error_space_not_found"),
        ({"service_name": VS, "space_name": ""}, "api_error_space_not_found"),
        ({"service_name": VS, "space_name": "space-kitchen"}, "api_error_space_not_found"),
        ({"service_name": IE, "space_name": "space-bedroom"}, "api_error_space_not_found"),
        ({"space_name": "space-bedroom"}, "api_error_invalid_request"),
        ({"service_name": "nope", "space_name": "space-bedroom"}, "api_error_invalid_request"),
    ],
)
def test_list_widgets_errors(engine: Engine, query: dict[str, str], key: str) -> None:
    assert error(_widgets(engine, **query)) == (400, key)


def test_legacy_widget_items_match_list_widgets(engine: Engine) -> None:
    widgets = _widgets(engine, service_name=ID, space_name="space-bedroom").json["data"]
    for widget in widgets:
        response = call(engine, "GET", f"/v1/catalog/widgets/{widget['id']}/items")
        assert response.status == 200
        expected = [
            item | {"widget_id": widget["id"], "is_active": True} for item in widget["items"]
        ]
        assert response.json["data"] == expected


def test_legacy_widget_items_of_an_unknown_widget_is_404(engine: Engine) -> None:
    response = call(engine, "GET", "/v1/catalog/widgets/6603c8f1b2d4e60015a9b3ff/items")
    assert (response.status, response.json) == (
        404,
        {"error": "widget not found", "key": "api_error_widget_not_found"},
    )


def test_catalog_ids_are_unique_24_hex() -> None:
    ids = [s.id for s in catalog.SERVICES.values()] + [s.id for s in catalog.SPACES]
    widgets = {w.id: w for s in catalog.SERVICES for w in catalog.widgets_for(s)}
    widgets |= {w.id: w for w in catalog.widgets_for(IE, "space-outdoor")}
    ids += list(widgets) + [item.id for w in widgets.values() for item in w.items]
    assert len(ids) == len(set(ids))
    assert all(len(i) == 24 and int(i, 16) >= 0 for i in ids)
    assert len({s.name for s in catalog.SPACES}) == len(catalog.SPACES)


# (example name, query) of the spec's catalog examples.
SPACE_EXAMPLES = [
    ("virtualStaging", {"service_name": VS}),
    ("interiorDesign", {"service_name": ID}),
    ("imageEnhancement", {"service_name": IE}),
    ("noSpaces", {"service_name": D2D}),
]
WIDGET_EXAMPLES = [
    ("virtualStaging", {"service_name": VS, "space_name": "space-living-room"}),
    ("interiorDesign", {"service_name": ID, "space_name": "space-bedroom"}),
    ("imageEnhancementIndoor", {"service_name": IE, "space_name": "space-indoor"}),
    ("imageEnhancementOutdoor", {"service_name": IE, "space_name": "space-outdoor"}),
    ("dayToDusk", {"service_name": D2D}),
    ("noWidgets", {"service_name": IR}),
]


def _example(path: str, name: str | None) -> Any:
    media = _spec().document["paths"][path]["get"]["responses"]["200"]["content"]
    json_media = media["application/json"]
    return json_media["example"] if name is None else json_media["examples"][name]["value"]


def _is_prefix(example: list[Any], actual: list[Any]) -> bool:
    """Every example entry is the mock's entry, in the mock's order (examples are abridged)."""
    return actual[: len(example)] == example


def _abridged(example: list[dict[str, Any]], actual: list[dict[str, Any]]) -> bool:
    """Like _is_prefix, one level down for widgets: their items lists may be abridged too."""
    if len(example) != len(actual):
        return False
    for shown, served in zip(example, actual, strict=True):
        rest = {k: v for k, v in served.items() if k != "items"}
        if {k: v for k, v in shown.items() if k != "items"} != rest:
            return False
        if not _is_prefix(shown["items"], served["items"]):
            return False
    return True


@pytest.mark.parametrize(("name", "query"), SPACE_EXAMPLES)
def test_list_spaces_examples_are_what_the_mock_serves(
    engine: Engine, name: str, query: dict[str, str]
) -> None:
    example = _example("/v1/catalog/spaces", name)["data"]
    assert _is_prefix(example, _spaces(engine, **query).json["data"])


@pytest.mark.parametrize(("name", "query"), WIDGET_EXAMPLES)
def test_list_widgets_examples_are_what_the_mock_serves(
    engine: Engine, name: str, query: dict[str, str]
) -> None:
    example = _example("/v1/catalog/items/filter", name)["data"]
    assert _abridged(example, _widgets(engine, **query).json["data"])


def test_list_widget_items_example_is_what_the_mock_serves(engine: Engine) -> None:
    example = _example("/v1/catalog/widgets/{widget_id}/items", None)
    response = call(engine, "GET", f"/v1/catalog/widgets/{SKY}/items")
    assert response.json == example


def test_every_catalog_choice_can_be_submitted(make_engine: MakeEngine) -> None:
    engine = make_engine(rate_limit=False)
    checked = 0
    for service in (VS, ID, IE, D2D):
        spaces = [s["name"] for s in _spaces(engine, service_name=service).json["data"]] or [None]
        for space in spaces:
            query = {"service_name": service} | ({} if space is None else {"space_name": space})
            for widget in _widgets(engine, **query).json["data"]:
                others = [
                    _widget(w["id"], w["items"][0]["id"])
                    for w in _widgets(engine, **query).json["data"]
                    if w["id"] != widget["id"] and not w["is_optional"]
                ]
                for item in widget["items"]:
                    fields: dict[str, Any] = {
                        "selected_widgets": [*others, _widget(widget["id"], item["id"])]
                    }
                    if space is not None:
                        fields["space_name"] = space
                    response = submit(engine, new_order(engine, service), **fields)
                    assert response.status == 200, (service, space, item["title"], response.json)
                    checked += 1
    assert checked > 300


# --- item removal mask steps and failed generations (issue #12) ------------------

PNG_MASK = tiny_image("png")


def _mask(engine: Engine, order_id: str, data: bytes = PNG_MASK, **kwargs: Any) -> ResponseData:
    mask = UploadedFile(filename="mask.png", content_type="image/png", data=data)
    return call(
        engine,
        "POST",
        "/v1/order/manual-mask",
        files={"mask": mask},
        form={"order_id": order_id},
        **kwargs,
    )


def _done(engine: Engine, order_id: str, image_id: str) -> ResponseData:
    form = {"order_id": order_id, "image_id": image_id}
    return call(engine, "POST", "/v1/order/done", form=form)


def _temp(engine: Engine, order_id: str) -> ResponseData:
    return call(engine, "GET", f"/v1/order/{order_id}/last-temp-image")


def test_the_item_removal_mask_workflow(engine: Engine, sent: list[tuple[str, Any]]) -> None:
    order_id, first_id, _ = submitted(engine, MASK)
    assert error(_temp(engine, order_id)) == (400, "api_error_image_not_ready")
    assert error(_mask(engine, order_id)) == (400, "api_error_image_not_ready")
    engine.clock.complete_all()
    temp = _temp(engine, order_id)
    assert temp.json == {
        "image_id": first_id,
        "url": f"{BASE}/_files/aihd-after/{first_id}.jpeg",
    }
    masked = _mask(engine, order_id)
    assert masked.status == 200
    second_id = masked.json["image_id"]
    assert masked.json == {
        "order_id": order_id,
        "image_id": second_id,
        "eta": 30,
        "maskId": second_id,
    }
    assert _temp(engine, order_id).json["image_id"] == first_id
    assert error(_done(engine, order_id, second_id)) == (400, "api_error_image_not_ready")
    engine.clock.complete_all()
    assert _temp(engine, order_id).json["image_id"] == second_id
    assert sent[-1][1]["image"]["regenerated"] is True
    done = _done(engine, order_id, second_id)
    assert (done.status, done.json) == (200, {"message": "Order finalized successfully"})
    assert error(_mask(engine, order_id)) == (400, "api_error_order_finalized")


def test_the_mask_steps_refuse_other_orders_and_bad_input(engine: Engine) -> None:
    vs_order, vs_image, _ = submitted(engine, VS)
    engine.clock.complete_all()
    assert error(_temp(engine, vs_order)) == (400, "api_error_service_mismatch")
    assert error(_mask(engine, vs_order)) == (400, "api_error_service_mismatch")
    assert error(_done(engine, vs_order, vs_image)) == (400, "api_error_service_mismatch")
    assert error(_temp(engine, "0" * 24)) == (404, "api_error_order_not_found")
    assert error(_mask(engine, "0" * 24)) == (400, "api_error_order_not_found")
    order_id, _, _ = submitted(engine, MASK)
    engine.clock.complete_all()
    assert error(_mask(engine, order_id, data=JPEG)) == (400, "api_error_unsupported_file_type")
    assert error(_done(engine, order_id, "f" * 24)) == (400, "api_error_generated_image_not_found")
    no_file = call(engine, "POST", "/v1/order/manual-mask", form={"order_id": order_id})
    assert no_file.status == 400
    assert error(_temp(engine, order_id)) == (200, None)
    assert _mask(engine, order_id, key=None).status == 401


def test_an_armed_failure_fails_the_next_generation_of_its_order(
    engine: Engine, sent: list[tuple[str, Any]]
) -> None:
    behaviour = engine.behaviour
    assert isinstance(behaviour, AIHomeDesignBehaviour)
    behaviour.scenarios.fail_next_generation(order_id=None, reason="segmentation failed")
    order_id, image_id, _ = submitted(engine, IR)
    engine.clock.complete_all()
    body = get_order(engine, order_id).json
    image = body["generated_images"][0]
    assert (image["status"], image["comment"], image["src"]) == (
        "failed",
        "segmentation failed",
        "",
    )
    assert body["status"] == "idle"
    assert sent == []
    upscale = call(engine, "POST", f"/v1/order/image/{image_id}/download/upscale")
    assert error(upscale) == (400, "api_error_image_not_ready")
    assert submit(engine, order_id, **VALID[IR]).status == 200
    engine.clock.complete_all()
    assert get_order(engine, order_id).json["generated_images"][1]["status"] == "regular_finished"
    assert len(sent) == 1
