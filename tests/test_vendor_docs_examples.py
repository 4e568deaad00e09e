"""Every request the vendors' docs pages and SDKs show, replayed against the mock.

Each case is transcribed from the page or SDK file it names (through the facts files in
``/work/shared/api-facts/``) and expects the answer that source documents. Where two
docs pages disagree, the newer one wins (and the case says so). The requests go through
``Engine.handle`` on a manual clock, in strict mode, so every answer is also checked
against the spec.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from mock_server.clock import Clock
from mock_server.engine import Engine, EngineOptions
from mock_server.media import tiny_image
from mock_server.types import RequestData, ResponseData, UploadedFile
from mock_server.vendors import build_engine
from tests._core import KEY

HOST = "api.mock.test"
JPEG = tiny_image("jpeg")
AE_DOCS = "https://docs.autoenhance.ai"
AIHD_DOCS = "https://doc.aihomedesign.com/api-endpoints"
JS_SDK = "Autoenhance-ai/sdks@a5cb023 javascript/src/apis"
PY_SDK_DOCS = "Autoenhance-ai/sdks@7b8d125 python/docs/ImagesApi.md"
KOTLIN = "souhub/aihomedesign-kotlin@e6134a9 internal/ApiPath.kt"


@dataclass(frozen=True)
class Example:
    """One transcribed request and the answer its source documents."""

    source: str
    method: str
    path: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    query: dict[str, str] = field(default_factory=dict)
    json_body: Any = None
    raw_body: bytes | None = None
    content_type: str | None = None
    keyless: bool = False
    expect: Callable[[ResponseData], bool] = lambda response: True


def _send(engine: Engine, example: Example, ids: dict[str, str]) -> ResponseData:
    headers = {"host": HOST, **example.headers}
    if not example.keyless:
        headers["x-api-key"] = KEY
    body = example.raw_body or b""
    content_type = example.content_type
    if example.json_body is not None:
        body = json.dumps(example.json_body).replace("{ORDER}", ids["order"]).encode()
        content_type = content_type or "application/json"
    if content_type is not None:
        headers["content-type"] = content_type
    response = engine.handle(
        RequestData(
            method=example.method,
            path=example.path.format(**ids),
            query={k: (v,) for k, v in example.query.items()},
            headers=headers,
            body=body,
        )
    )
    # The pages' clients (fetch, requests, file_get_contents) follow redirects.
    return _follow(engine, response) if response.status == 302 else response


def _follow(engine: Engine, response: ResponseData) -> ResponseData:
    parts = urlsplit(response.headers["location"])
    assert parts.netloc == HOST, parts
    query = {k: tuple(v) for k, v in parse_qs(parts.query).items()}
    return engine.handle(
        RequestData(method="GET", path=unquote(parts.path), query=query, headers={"host": HOST})
    )


def _put(engine: Engine, url: str, content_type: str) -> ResponseData:
    path, _, query = url.removeprefix(f"http://{HOST}").partition("?")
    params = dict(pair.split("=", 1) for pair in query.split("&"))
    return engine.handle(
        RequestData(
            method="PUT",
            path=path,
            query={k: (v,) for k, v in params.items()},
            headers={"host": HOST, "content-type": content_type},
            body=JPEG,
        )
    )


# --- Autoenhance v3 ----------------------------------------------------------------


def _has(*keys: str) -> Callable[[ResponseData], bool]:
    return lambda response: all(key in response.json for key in keys)


def _is_image(response: ResponseData) -> bool:
    return (response.content_type or "").startswith("image/") and len(response.body) > 0


ORDER_FIELDS = ("created_at", "images", "is_merging", "is_processing", "name", "order_id")

AUTOENHANCE = [
    Example(
        f"{AE_DOCS}/orders/managing-orders/creating (code sample, no trailing slash)",
        "POST",
        "/v3/orders",
        200,
        json_body={"name": "My new order", "order_id": "docs-order-2"},
        expect=lambda r: r.json["status"] == "waiting" and r.json["images"] == [],
    ),
    Example(
        f"{AE_DOCS}/getting-started/quickstart/hdr (create order: JSON header, no body)",
        "POST",
        "/v3/orders/",
        200,
        content_type="application/json",
        expect=_has("order_id"),
    ),
    Example(
        f"{AE_DOCS}/orders/managing-orders/listing-and-pagination (per_page=16, clamped)",
        "GET",
        "/v3/orders",
        200,
        query={"per_page": "16"},
        expect=lambda r: r.json["pagination"]["per_page"] == 15,
    ),
    Example(
        f"{AE_DOCS}/orders/managing-orders/listing-and-pagination (newest: q and sort)",
        "GET",
        "/v3/orders/",
        200,
        query={"q": "docs", "sort": "-date"},
        expect=lambda r: [o["order_id"] for o in r.json["orders"]] == ["docs-order"],
    ),
    Example(
        f"{AE_DOCS}/orders/managing-orders/retrieving (no API key)",
        "GET",
        "/v3/orders/{order}",
        200,
        keyless=True,
        expect=_has(*ORDER_FIELDS, "is_deleted", "last_updated_at", "status", "total_images"),
    ),
    Example(
        f"{AE_DOCS}/orders/managing-orders/retrieving (newest: sort_images_by)",
        "GET",
        "/v3/orders/{order}",
        200,
        query={"sort_images_by": "-date_added"},
        keyless=True,
        expect=_has(*ORDER_FIELDS),
    ),
    Example(
        f"{AE_DOCS}/orders/managing-orders/editing (only the name)",
        "PATCH",
        "/v3/orders/{order}",
        200,
        json_body={"name": "New order name"},
        expect=lambda r: r.json["name"] == "New order name",
    ),
    Example(
        f"{AE_DOCS}/orders/managing-orders/editing (newest: default_image_sort_order)",
        "PATCH",
        "/v3/orders/{order}",
        200,
        query={"sort_images_by": "name"},
        json_body={"default_image_sort_order": "-name"},
        expect=lambda r: r.json["default_image_sort_order"] == "-name",
    ),
    Example(
        f"{AE_DOCS}/orders/grouping-brackets (JS tab: POST /process, body sent as JSON)",
        "POST",
        "/v3/orders/{order}/process",
        200,
        json_body={"image_name": "kitchen", "contentType": "image/jpeg", "hdr": True},
        expect=lambda r: r.json["is_merging"] is True,
    ),
    Example(
        f"{AE_DOCS}/orders/grouping-brackets (Python tab, older: POST /merge)",
        "POST",
        "/v3/orders/{order}/merge",
        200,
        json_body={"number_of_brackets_per_image": 1},
        expect=lambda r: r.json["is_merging"] is True,
    ),
    Example(
        f"{JS_SDK}/OrdersApi.ts mergeHdr (JS SDK 1.2.22: empty OrderHDRMerge)",
        "POST",
        "/v3/orders/{order}/merge",
        200,
        json_body={},
        expect=_has(*ORDER_FIELDS),
    ),
    Example(
        f"{AE_DOCS}/images/managing-images/retrieveing (no API key)",
        "GET",
        "/v3/images/{image}",
        200,
        keyless=True,
        expect=lambda r: r.json["status"] == "processed" and r.json["parent_image_id"] is None,
    ),
    Example(
        f"{AE_DOCS}/images/managing-images/reprocessing",
        "POST",
        "/v3/images/{image}/process",
        200,
        json_body={"enhance_type": "warm", "sky_replacement": True, "cloud_type": "CLEAR"},
        expect=lambda r: r.json["status"] == "processing",
    ),
    Example(
        f"{AE_DOCS}/images/managing-images/reporting",
        "POST",
        "/v3/images/{image}/report",
        200,
        json_body={"categories": ["SKY_REPLACEMENT"], "comment": "Sky too blue", "score": 2},
        expect=_has("message"),
    ),
    Example(
        f"{AE_DOCS}/images/downloading-images/enhanced (preview=false, x-dev-mode)",
        "GET",
        "/v3/images/{image}/enhanced",
        200,
        query={"preview": "false", "format": "png"},
        headers={"x-dev-mode": "true"},
        expect=_is_image,
    ),
    Example(
        f"{AE_DOCS}/images/downloading-images/original (no API key; newest: finetune)",
        "GET",
        "/v3/images/{image}/original",
        200,
        query={"finetune": "true"},
        keyless=True,
        expect=_is_image,
    ),
    Example(
        f"{PY_SDK_DOCS} download_preview_image (no authorization)",
        "GET",
        "/v3/images/{image}/preview",
        200,
        keyless=True,
        expect=_is_image,
    ),
    Example(
        f"{PY_SDK_DOCS} download_watermark_image (no authorization)",
        "GET",
        "/v3/images/{image}/watermark",
        200,
        keyless=True,
        expect=_is_image,
    ),
    Example(
        f"{AE_DOCS}/api-versions (x-api-version 2025-08-31: window_pull_type)",
        "GET",
        "/v3/images/{image}",
        200,
        headers={"x-api-version": "2025-08-31"},
        expect=_has("window_pull_type"),
    ),
    Example(
        f"{AE_DOCS}/images/managing-images/deleting",
        "DELETE",
        "/v3/images/{image}",
        204,
    ),
    Example(
        f"{AE_DOCS}/orders/managing-orders/deleting",
        "DELETE",
        "/v3/orders/{order}",
        204,
    ),
]


def _autoenhance() -> tuple[Engine, dict[str, str]]:
    """An order ``docs-order`` holding one processed image, and three uploaded brackets."""
    engine = build_engine(
        "autoenhance", clock=Clock(manual=True), options=EngineOptions(strict=True)
    )
    order = "docs-order"
    headers = {"host": HOST, "x-api-key": KEY, "content-type": "application/json"}

    def post(path: str, body: dict[str, Any]) -> Any:
        response = engine.handle(
            RequestData(method="POST", path=path, headers=headers, body=json.dumps(body).encode())
        )
        assert response.status == 200, response.json
        return response.json

    post("/v3/orders/", {"order_id": order, "name": "docs order"})
    # Docs "Creating & Uploading": register, then PUT with the declared Content-Type.
    image = post(
        "/v3/images/", {"image_name": "kitchen.jpg", "order_id": order, "contentType": "image/jpeg"}
    )
    assert _put(engine, image["upload_url"], "image/jpeg").status == 200
    for n in range(3):
        # Docs HDR quickstart: brackets PUT as application/octet-stream.
        bracket = post("/v3/brackets/", {"order_id": order, "name": f"kitchen-{n}.jpg"})
        assert _put(engine, bracket["upload_url"], "application/octet-stream").status == 200
    engine.clock.complete_all()
    return engine, {"order": order, "image": image["image_id"]}


@pytest.mark.parametrize("example", AUTOENHANCE, ids=lambda e: f"{e.method} {e.path}: {e.source}")
def test_autoenhance_docs_example(example: Example) -> None:
    engine, ids = _autoenhance()
    response = _send(engine, example, ids)
    assert response.status == example.status, (response.status, response.json)
    assert example.expect(response), response.json
    engine.check()


@pytest.mark.parametrize(
    ("version", "key"),
    [
        (None, "upload_url"),  # newest docs: creating-and-uploading
        ("2025-05-08", "upload_url"),  # SDK 1.1.0 __init__.py __api_version__
        ("2025-01-01", "s3PutObjectUrl"),  # JS SDK 1.2.22 index.ts; older quickstart
    ],
)
def test_autoenhance_create_image_upload_key_by_version(version: str | None, key: str) -> None:
    engine, ids = _autoenhance()
    headers = {} if version is None else {"x-api-version": version}
    example = Example(
        f"{AE_DOCS}/images/managing-images/creating-and-uploading",
        "POST",
        "/v3/images/",
        200,
        headers=headers,
        json_body={"image_name": "front.jpg", "order_id": "{ORDER}", "hdr": False},
    )
    response = _send(engine, example, ids)
    assert response.status == 200
    assert key in response.json
    assert _put(engine, response.json[key], "image/jpeg").status == 200


def test_autoenhance_process_order_from_fetch_without_content_type() -> None:
    engine, ids = _autoenhance()
    example = Example(
        f"{AE_DOCS}/orders/grouping-brackets (JS tab: fetch() without Content-Type)",
        "POST",
        "/v3/orders/{order}/process",
        200,
        raw_body=b'{"image_name": "kitchen", "contentType": "image/jpeg", "hdr": true}',
        content_type="text/plain;charset=UTF-8",
    )
    assert _send(engine, example, ids).status == 200


# --- AI HomeDesign v1 --------------------------------------------------------------

# Catalog ids as the spec's examples show them (the mock's invented catalog).
VS_STYLE, VS_MODERN = "6603c8f1b2d4e60015a9b301", "6604d9a2c3e5f70016b0c401"
ID_STYLE, ID_SCANDI = "6603c8f1b2d4e60015a9b302", "6604d9a2c3e5f70016b0c407"
SKY, TWILIGHT = "6603c8f1b2d4e60015a9b306", "6604d9a2c3e5f70016b0c419"

SUBMITS = [
    (
        f"{AIHD_DOCS}/submit-order/ai-virtual-staging",
        "service-ai-virtual-staging",
        {
            "space_name": "space-living-room",
            "selected_widgets": [{"id": VS_STYLE, "item_id": VS_MODERN}],
        },
    ),
    (
        f"{AIHD_DOCS}/submit-order/ai-interior-design",
        "service-creative-designer",
        {
            "space_name": "space-bedroom",
            "selected_widgets": [{"id": ID_STYLE, "item_id": ID_SCANDI}],
        },
    ),
    (
        f"{AIHD_DOCS}/submit-order/ai-image-enhancement",
        "service-image-enhancement",
        {"space_name": "space-indoor", "selected_widgets": []},
    ),
    (
        f"{AIHD_DOCS}/submit-order/ai-day-to-dusk",
        "service-day-to-dusk",
        {"remove_shadow": True, "selected_widgets": [{"id": SKY, "item_id": TWILIGHT}]},
    ),
    (f"{AIHD_DOCS}/submit-order/ai-item-removal", "service-item-removal", {}),
    (
        f"{AIHD_DOCS}/submit-order/ai-item-removal-mask ({KOTLIN} body)",
        "service-item-removal-mask",
        {"service_name": "service-item-removal-mask"},
    ),
]


class Aihd:
    """An AI HomeDesign engine on a manual clock, with the docs' request shapes."""

    def __init__(self) -> None:
        self.engine = build_engine(
            "aihomedesign", clock=Clock(manual=True), options=EngineOptions(strict=True)
        )

    def send(
        self,
        method: str,
        path: str,
        *,
        query: dict[str, str] | None = None,
        json_body: Any = None,
        form: dict[str, str] | None = None,
        files: dict[str, UploadedFile] | None = None,
        content_type: str | None = None,
    ) -> ResponseData:
        headers = {"host": HOST, "x-api-key": KEY}
        body = b""
        if json_body is not None:
            body, content_type = json.dumps(json_body).encode(), "application/json"
        elif files is not None:
            content_type = "multipart/form-data; boundary=x"
        elif form is not None:
            content_type = "application/x-www-form-urlencoded"
        if content_type is not None:
            headers["content-type"] = content_type
        return self.engine.handle(
            RequestData(
                method=method,
                path=path,
                query={k: (v,) for k, v in (query or {}).items()},
                headers=headers,
                body=body,
                form={k: (v,) for k, v in (form or {}).items()},
                files={k: (v,) for k, v in (files or {}).items()},
            )
        )

    def upload(self, service: str, *, image: bytes = JPEG, name: str = "room.jpg") -> str:
        # Image Upload page: multipart, a binary `image` and a text `service_name`.
        part = UploadedFile(filename=name, content_type="image/jpeg", data=image)
        response = self.send(
            "POST", "/v1/order/image", files={"image": part}, form={"service_name": service}
        )
        assert response.status == 200, response.json
        assert list(response.json) == ["order_id"]
        order_id: str = response.json["order_id"]
        return order_id


@pytest.mark.parametrize(("source", "service", "fields"), SUBMITS, ids=[s[1] for s in SUBMITS])
def test_aihomedesign_submit_order_pages(source: str, service: str, fields: dict[str, Any]) -> None:
    mock = Aihd()
    order_id = mock.upload(service)
    response = mock.send("POST", "/v1/order", json_body={"order_id": order_id, **fields})
    assert response.status == 200, (source, response.json)
    assert set(response.json) == {"order_id", "image_id", "eta"}
    # Get Order Details page: the docs list a JSON Content-Type header on this GET.
    mock.engine.clock.complete_all()
    details = mock.send("GET", f"/v1/order/{order_id}", content_type="application/json")
    assert details.json["generated_images"][0]["status"] == "regular_finished"
    mock.engine.check()


def test_aihomedesign_catalog_pages() -> None:
    mock = Aihd()
    # Get Spaces page (example query; the page lists no headers, the key is sent as the
    # step-by-step guide asks of every request: spec decision AIHD-Q3).
    spaces = mock.send(
        "GET",
        "/v1/catalog/spaces",
        query={"active": "true", "service_name": "service-ai-creative-designer"},
    )
    assert spaces.status == 200 and spaces.json["data"]
    # Get Widgets and Items page (its example spells the service `service-ai-creative-designer`).
    widgets = mock.send(
        "GET",
        "/v1/catalog/items/filter",
        query={"space_name": "space-bedroom", "service_name": "service-ai-creative-designer"},
    )
    assert widgets.status == 200 and widgets.json["data"][0]["items"]
    # Legacy Get Widget Items page.
    items = mock.send("GET", f"/v1/catalog/widgets/{ID_STYLE}/items")
    assert items.status == 200 and items.json["data"]
    mock.engine.check()


def test_aihomedesign_upscale_page() -> None:
    mock = Aihd()
    order_id = mock.upload("service-item-removal")
    image_id = mock.send("POST", "/v1/order", json_body={"order_id": order_id}).json["image_id"]
    mock.engine.clock.complete_all()
    # Upscale Download Webhook page: an empty body.
    response = mock.send("POST", f"/v1/order/image/{image_id}/download/upscale")
    assert (response.status, response.json) == (200, {"status": "processing"})
    mock.engine.check()


def test_aihomedesign_item_removal_mask_steps() -> None:
    """The docs' five-step workflow, on the Kotlin SDK's paths and bodies."""
    mock = Aihd()
    order_id = mock.upload("service-item-removal-mask")
    body = {"order_id": order_id, "service_name": "service-item-removal-mask"}
    assert mock.send("POST", "/v1/order", json_body=body).status == 200
    mock.engine.clock.complete_all()
    # 1. Retrieve the latest masked image.
    temp = mock.send("GET", f"/v1/order/{order_id}/last-temp-image")
    assert temp.status == 200 and set(temp.json) == {"image_id", "url"}
    # 2-3. Apply the manual mask: multipart `order_id` and `mask` (mask.png).
    mask = UploadedFile(filename="mask.png", content_type="image/png", data=tiny_image("png"))
    masked = mock.send(
        "POST", "/v1/order/manual-mask", form={"order_id": order_id}, files={"mask": mask}
    )
    assert masked.status == 200 and {"maskId", "image_id"} <= set(masked.json)
    mock.engine.clock.complete_all()
    # 4. Retrieve the updated masked image.
    updated = mock.send("GET", f"/v1/order/{order_id}/last-temp-image")
    assert updated.json["image_id"] == masked.json["image_id"]
    # 5. Finalize: form-urlencoded `order_id` and `image_id`.
    done = mock.send(
        "POST",
        "/v1/order/done",
        form={"order_id": order_id, "image_id": updated.json["image_id"]},
    )
    assert (done.status, done.json) == (200, {"message": "Order finalized successfully"})
    mock.engine.check()


def test_aihomedesign_rate_limit_page() -> None:
    mock = Aihd()
    statuses = []
    for _ in range(11):
        order_id = mock.upload("service-item-removal")
        statuses.append(mock.send("POST", "/v1/order", json_body={"order_id": order_id}))
    assert [r.status for r in statuses] == [200] * 10 + [429]
    assert statuses[-1].json == {"error": "rate-limit exceeded, 10 generates per 10 minutes only"}
