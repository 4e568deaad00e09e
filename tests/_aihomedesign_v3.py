"""Builders for the AI HomeDesign v3 tests: an engine for the v3 spec and a client for it.

The engine is built as the fixtures and the CLI build one (``build_engine``), strict and
on a manual clock by default.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from mock_server.clock import Clock
from mock_server.engine import Engine, EngineOptions
from mock_server.media import tiny_image
from mock_server.spec import Spec, load_spec
from mock_server.types import RequestData, ResponseData, UploadedFile
from mock_server.vendors import build_engine

SPEC_PATH = Path(__file__).resolve().parent.parent / "openapi" / "aihomedesign-v3.yaml"
KEY = "test-key"
OTHER_KEY = "other-key"
HOST = "mock.test:8080"
BASE = f"http://{HOST}"
START = 1_751_709_600.0  # 2025-07-05T10:00:00Z
JPEG = tiny_image("jpeg")
PNG = tiny_image("png")

STAGING = "tool-virtual-staging"
STAGING_WIDGETS = [
    {
        "slug": "widget-space-tool-virtual-staging",
        "item_slugs": ["item-living-room-widget-space-tool-virtual-staging"],
    },
    {
        "slug": "widget-style-tool-virtual-staging",
        "item_slugs": ["item-modern-widget-style-tool-virtual-staging"],
    },
]


@cache
def spec() -> Spec:
    """The v3 spec, compiled once and validated (``build_engine`` trusts bundled specs)."""
    return load_spec(SPEC_PATH)


def make_engine(
    *,
    rate_limit: bool = True,
    generation_seconds: float | None = None,
    manual: bool = True,
    **options: Any,
) -> Engine:
    """A strict engine serving the v3 spec with its behaviour, keys ``KEY`` and ``OTHER_KEY``."""
    return build_engine(
        "aihomedesign-v3",
        options=EngineOptions(strict=True, accepted_keys=frozenset({KEY, OTHER_KEY}), **options),
        vendor_options={"rate_limit": rate_limit, "generation_seconds": generation_seconds},
        clock=Clock(manual=True, start=START) if manual else Clock(),
    )


def call(
    engine: Engine,
    method: str,
    path: str,
    *,
    key: str | None = KEY,
    json_body: Any = None,
    query: dict[str, Any] | None = None,
    form: dict[str, list[str]] | None = None,
    files: list[UploadedFile] | None = None,
) -> ResponseData:
    """Send one request the way the HTTP edge hands it to the engine."""
    headers = {"host": HOST}
    if key is not None:
        headers["x-api-key"] = key
    body = b""
    if json_body is not None:
        body = json.dumps(json_body).encode()
        headers["content-type"] = "application/json"
    file_parts: dict[str, tuple[UploadedFile, ...]] = {}
    if files is not None or form is not None:
        headers["content-type"] = "multipart/form-data; boundary=x"
        if files:
            file_parts["asset_file"] = tuple(files)
    return engine.handle(
        RequestData(
            method=method,
            path=path,
            headers=headers,
            body=body,
            query={k: (str(v),) for k, v in (query or {}).items()},
            form={k: tuple(v) for k, v in (form or {}).items()},
            files=file_parts,
        )
    )


def image(
    data: bytes = JPEG, content_type: str = "image/jpeg", name: str = "room.jpg"
) -> UploadedFile:
    """An ``asset_file`` part."""
    return UploadedFile(filename=name, content_type=content_type, data=data)


def data(response: ResponseData) -> Any:
    """The ``data`` of a success envelope (and check the envelope's ``message``)."""
    assert response.json["message"] == "ok", response.json
    return response.json["data"]


def create_project(engine: Engine, address: str = "123 Maple Street", *, key: str = KEY) -> str:
    """A new project's id."""
    response = call(engine, "POST", "/v3/project", json_body={"address": address}, key=key)
    assert response.status == 201, response.json
    return str(data(response)["id"])


def create_order(
    engine: Engine,
    project_id: str | None = None,
    *,
    roles: list[str] | None = None,
    files: list[UploadedFile] | None = None,
    key: str = KEY,
) -> dict[str, Any]:
    """A new order (one JPEG by default) as the API shows it."""
    form: dict[str, list[str]] = {}
    if project_id is not None:
        form["project_id"] = [project_id]
    if roles is not None:
        form["asset_role"] = roles
    response = call(engine, "POST", "/v3/order", form=form, files=files or [image()], key=key)
    assert response.status == 201, response.json
    order: dict[str, Any] = data(response)
    return order


def staging_body(order: dict[str, Any]) -> dict[str, Any]:
    """A valid virtual-staging process body for ``order``."""
    return {
        "order_id": order["order_id"],
        "tool": STAGING,
        "asset_map": {"tool-virtual-staging-input-image": order["assets"][0]["id"]},
        "widgets": STAGING_WIDGETS,
    }


def create_process(engine: Engine, body: dict[str, Any], *, key: str = KEY) -> ResponseData:
    """``POST /v3/process``."""
    return call(engine, "POST", "/v3/process", json_body=body, key=key)


def get_process(engine: Engine, process_id: str, **query: Any) -> dict[str, Any]:
    """A process as ``GET /v3/process/{id}`` shows it."""
    response = call(engine, "GET", f"/v3/process/{process_id}", query=query)
    assert response.status == 200, response.json
    process: dict[str, Any] = data(response)
    return process
