"""Tests for mock_server.vendors.aihomedesign_v3 through the engine (manual clock)."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from mock_server.clock import Clock
from mock_server.engine import Engine, EngineOptions
from mock_server.errors import ConfigError
from mock_server.vendors import build_engine
from mock_server.vendors.aihomedesign_v3 import (
    DEFAULT_PROJECT_ADDRESS,
    RATE_LIMIT_MESSAGE,
    AIHomeDesignV3Behaviour,
)
from mock_server.vendors.aihomedesign_v3._catalog import TOOLS, UNAVAILABLE_TOOLS, Tool
from mock_server.vendors.aihomedesign_v3._delivery import EVENT, RETRY_DELAYS, WebhookRetries
from mock_server.webhooks import WebhookSender
from tests._aihomedesign_v3 import (
    BASE,
    JPEG,
    OTHER_KEY,
    PNG,
    STAGING_WIDGETS,
    call,
    create_order,
    create_process,
    create_project,
    data,
    get_process,
    image,
    make_engine,
    spec,
    staging_body,
)


@pytest.fixture
def engine() -> Engine:
    return make_engine()


def _error(response: Any, status: int, key: str | None) -> str:
    assert response.status == status, response.json
    assert response.json.get("key") == key, response.json
    return str(response.json["error"])


def _schema_valid(name: str, value: Any) -> bool:
    return bool(spec().responses.validator(f"#/components/schemas/{name}").is_valid(value))


def _process(engine: Engine, order: dict[str, Any]) -> str:
    response = create_process(engine, staging_body(order))
    assert response.status == 201, response.json
    return str(data(response)["process_ids"][0])


# --- the staging flow -----------------------------------------------------------


def test_a_staging_flow_runs_from_project_to_downloaded_result(engine: Engine) -> None:
    project_id = create_project(engine)
    order = create_order(engine, project_id, roles=["primary_angle"])
    assert order["project_id"] == project_id and order["status"] == "idle"
    (asset,) = order["assets"]
    assert asset["role"] == "primary_angle"
    assert call(engine, "GET", asset["src"].removeprefix(BASE)).body == JPEG

    process_id = _process(engine, order)
    assert get_process(engine, process_id)["status"] == "pending"
    assert data(call(engine, "GET", f"/v3/order/{order['order_id']}"))["status"] == "active"
    engine.clock.advance(5)
    assert get_process(engine, process_id)["status"] == "processing"
    engine.clock.advance(25)
    done = get_process(engine, process_id)
    assert done["status"] == "done"
    assert _schema_valid("Process", done)
    (result,) = done["final_assets"]
    assert result["src"] == result["temp_src"] and result["src"].startswith(f"{BASE}/_files/v3/")
    download = call(engine, "GET", result["src"].removeprefix(BASE))
    assert download.status == 200 and download.content_type == "image/jpeg"
    assert download.body.startswith(b"\xff\xd8\xff")

    shown = data(call(engine, "GET", f"/v3/order/{order['order_id']}"))
    assert shown["status"] == "idle"
    assert shown["processes"] == [
        {"process_id": process_id, "tool": "tool-virtual-staging", "status": "done"}
    ]
    project = data(call(engine, "GET", f"/v3/project/{project_id}"))
    assert (project["input_count"], project["result_count"]) == (1, 1)
    assert project["cover_src"] == asset["src"]
    engine.check()


def test_only_the_mock_s_own_images_are_served(engine: Engine) -> None:
    order = create_order(engine)
    process_id = _process(engine, order)
    engine.clock.complete_all()
    src = get_process(engine, process_id)["final_assets"][0]["src"].removeprefix(BASE)
    fresh = make_engine()
    assert call(fresh, "GET", src).status == 404
    assert call(engine, "GET", "/_files/v3/result/000000000000000000000000.jpeg").status == 404
    assert call(engine, "POST", src).status == 404


def test_generation_seconds_sets_when_a_process_ends() -> None:
    engine = make_engine(generation_seconds=2)
    process_id = _process(engine, create_order(engine))
    engine.clock.advance(1.9)
    assert get_process(engine, process_id)["status"] == "processing"
    engine.clock.advance(0.1)
    assert get_process(engine, process_id)["status"] == "done"


def test_a_zero_generation_delay_on_real_time_ends_the_process_at_once() -> None:
    engine = make_engine(generation_seconds=0, manual=False)
    process_id = _process(engine, create_order(engine))
    assert get_process(engine, process_id)["status"] == "done"


def test_resize_parameters_reach_the_image_urls(engine: Engine) -> None:
    order = create_order(engine)
    process_id = _process(engine, order)
    engine.clock.complete_all()
    result = get_process(engine, process_id, width=800, height=600)["final_assets"][0]
    assert result["src"].endswith(".jpeg?width=800&height=600")
    assert result["thumbnail_src"].endswith("?width=800&height=600&thumbnail=1")
    shown = data(call(engine, "GET", f"/v3/order/{order['order_id']}", query={"width": 320}))
    assert shown["assets"][0]["src"].endswith("?width=320")
    assert call(engine, "GET", f"/v3/order/{order['order_id']}", query={"width": 0}).status == 400


# --- every tool ---------------------------------------------------------------------


def _minimal_body(tool: Tool, order: dict[str, Any]) -> dict[str, Any]:
    assets = order["assets"]
    asset_map = {
        slot: next(a["id"] for a in assets if (a["role"] == "mask") == slot.endswith("-input-mask"))
        for slot in tool.slots
    }
    widgets = [{"slug": w.slug, "item_slugs": [w.item_slugs[0]]} for w in tool.widgets]
    return {
        "order_id": order["order_id"],
        "tool": tool.slug,
        "asset_map": asset_map,
        "widgets": widgets,
    }


@pytest.mark.parametrize("slug", [s for s in TOOLS if s not in UNAVAILABLE_TOOLS])
def test_every_available_tool_runs_with_its_slots_and_widgets(engine: Engine, slug: str) -> None:
    tool = TOOLS[slug]
    roles = ["primary_angle", "mask" if slug == "tool-item-removal-mask" else "secondary_angle"]
    order = create_order(engine, roles=roles, files=[image(), image(PNG, "image/png", "b.png")])
    response = create_process(engine, _minimal_body(tool, order))
    assert response.status == 201, response.json
    engine.clock.complete_all()
    process = get_process(engine, data(response)["process_ids"][0])
    assert (process["tool"], process["status"], len(process["final_assets"])) == (slug, "done", 1)


@pytest.mark.parametrize("slug", [*sorted(UNAVAILABLE_TOOLS), "tool-teleport", ""])
def test_an_unknown_or_unavailable_tool_answers_422(engine: Engine, slug: str) -> None:
    order = create_order(engine)
    body = {**staging_body(order), "tool": slug, "widgets": []}
    message = _error(create_process(engine, body), 422, "api_error_tool_not_found")
    assert message == "tool repository: tool not found"


def test_the_tool_list_needs_no_key_and_shows_every_tool(engine: Engine) -> None:
    response = call(engine, "GET", "/api/tools", key=None)
    assert response.status == 200
    tools = response.json["data"]
    assert [t["slug"] for t in tools] == list(TOOLS)
    assert len(tools) == 15
    assert {t["slug"] for t in tools if not t["isActive"]} == UNAVAILABLE_TOOLS
    assert tools[0]["id"] == "6848085cd55c9753c282ca69"  # the docs' sample id


# --- process validation ---------------------------------------------------------


def _staging(engine: Engine, **changes: Any) -> Any:
    order = create_order(engine)
    return create_process(engine, {**staging_body(order), **changes})


@pytest.mark.parametrize(
    ("changes", "status", "key"),
    [
        ({"asset_map": {}}, 422, "api_error_invalid_asset_map"),
        (
            {"asset_map": {"tool-virtual-staging-input-image": "x", "other-slot": "y"}},
            422,
            "api_error_invalid_asset_map",
        ),
        (
            {"asset_map": {"tool-virtual-staging-input-image": "0" * 24}},
            404,
            "api_error_asset_not_found",
        ),
        (
            {"widgets": [{"slug": "widget-mood-tool-virtual-staging", "item_slugs": ["x"]}]},
            422,
            "api_error_invalid_widget",
        ),
        ({"widgets": STAGING_WIDGETS[:1]}, 422, "api_error_invalid_widget"),
        ({"widgets": [*STAGING_WIDGETS, STAGING_WIDGETS[0]]}, 422, "api_error_invalid_widget"),
        (
            {
                "widgets": [
                    STAGING_WIDGETS[0],
                    {
                        "slug": STAGING_WIDGETS[1]["slug"],
                        "item_slugs": ["item-neon-widget-style-tool-virtual-staging"],
                    },
                ]
            },
            422,
            "api_error_invalid_item",
        ),
        (
            {
                "widgets": [
                    STAGING_WIDGETS[0],
                    {
                        "slug": STAGING_WIDGETS[1]["slug"],
                        "item_slugs": [
                            "item-modern-widget-style-tool-virtual-staging",
                            "item-prime-widget-style-tool-virtual-staging",
                        ],
                    },
                ]
            },
            422,
            "api_error_invalid_item",
        ),
        (
            {"widgets": [{**STAGING_WIDGETS[0], "item_slugs": []}, STAGING_WIDGETS[1]]},
            422,
            "api_error_invalid_item",
        ),
        ({"order_id": "0" * 24}, 404, "api_error_order_not_found"),
        ({"process_group_id": "0" * 24}, 404, "api_error_process_group_not_found"),
        ({"tool": 7}, 400, "api_error_invalid_request"),
        ({"widgets": [{"slug": "x"}]}, 400, "api_error_invalid_request"),
    ],
)
def test_a_process_that_does_not_fit_gets_the_vendor_error(
    engine: Engine, changes: dict[str, Any], status: int, key: str
) -> None:
    if changes.get("asset_map", {}).get("tool-virtual-staging-input-image") == "x":
        order = create_order(engine)
        asset = order["assets"][0]["id"]
        changes = {"asset_map": {"tool-virtual-staging-input-image": asset, "other-slot": asset}}
        response = create_process(engine, {**staging_body(order), **changes})
    else:
        response = _staging(engine, **changes)
    _error(response, status, key)
    assert _schema_valid("ApiError", response.json)
    engine.check()


@pytest.mark.parametrize("missing", ["order_id", "tool", "asset_map"])
def test_a_missing_required_field_is_a_400_not_a_422(engine: Engine, missing: str) -> None:
    body = staging_body(create_order(engine))
    del body[missing]
    message = _error(create_process(engine, body), 400, "api_error_invalid_request")
    assert missing in message


def test_a_multi_select_widget_takes_several_items(engine: Engine) -> None:
    order = create_order(engine)
    body = {
        "order_id": order["order_id"],
        "tool": "tool-image-enhancement",
        "asset_map": {"tool-image-enhancement-input-image": order["assets"][0]["id"]},
        "widgets": [
            {
                "slug": "widget-area-tool-image-enhancement",
                "item_slugs": ["item-indoor-widget-area-tool-image-enhancement"],
            },
            {
                "slug": "widget-enhancement-options-tool-image-enhancement",
                "item_slugs": [
                    "item-add-fire-to-fireplace-widget-enhancement-options-tool-image-enhancement",
                    "item-add-screen-to-tv-widget-enhancement-options-tool-image-enhancement",
                ],
            },
        ],
    }
    assert create_process(engine, body).status == 201


def test_optional_widgets_may_be_left_out(engine: Engine) -> None:
    # The official client's wall/floor/ceiling helpers send no material, day_to_dusk no sky.
    order = create_order(engine)
    for slug in ("tool-wall-change", "tool-day-to-dusk", "tool-item-removal"):
        body = {
            "order_id": order["order_id"],
            "tool": slug,
            "asset_map": {f"{slug}-input-image": order["assets"][0]["id"]},
        }
        assert create_process(engine, body).status == 201, slug


def test_a_mask_slot_needs_a_mask_asset(engine: Engine) -> None:
    order = create_order(
        engine, roles=["primary_angle", "secondary_angle"], files=[image(), image()]
    )
    first, second = (a["id"] for a in order["assets"])
    body = {
        "order_id": order["order_id"],
        "tool": "tool-item-removal-mask",
        "asset_map": {
            "tool-item-removal-mask-input-image": first,
            "tool-item-removal-mask-input-mask": second,
        },
    }
    _error(create_process(engine, body), 422, "api_error_invalid_asset_map")


def test_another_keys_records_are_unknown(engine: Engine) -> None:
    project_id = create_project(engine)
    order = create_order(engine, project_id)
    process_id = _process(engine, order)
    for path in (
        f"/v3/project/{project_id}",
        f"/v3/order/{order['order_id']}",
        f"/v3/process/{process_id}",
    ):
        assert call(engine, "GET", path, key=OTHER_KEY).status == 404, path
    _error(
        create_process(engine, staging_body(order), key=OTHER_KEY), 404, "api_error_order_not_found"
    )
    assert data(call(engine, "GET", "/v3/project", key=OTHER_KEY)) == []


def test_a_request_without_a_valid_key_is_401(engine: Engine) -> None:
    response = call(engine, "GET", "/v3/project", key=None)
    assert response.json == {"error": "unauthorized", "key": "api_error_unauthorized"}
    assert (
        call(engine, "POST", "/v3/project", key="wrong", json_body={"address": "x"}).status == 401
    )


# --- orders -------------------------------------------------------------------------


def test_an_order_without_project_goes_to_the_default_project(engine: Engine) -> None:
    first = create_order(engine)
    second = create_order(engine)
    assert first["project_id"] == second["project_id"]
    projects = data(call(engine, "GET", "/v3/project"))
    assert [(p["address"], p["default"], p["input_count"]) for p in projects] == [
        (DEFAULT_PROJECT_ADDRESS, True, 2)
    ]


def test_the_docs_plural_asset_roles_is_accepted(engine: Engine) -> None:
    response = call(
        engine,
        "POST",
        "/v3/order",
        form={"asset_roles": ["primary_angle", "secondary_angle"]},
        files=[image(), image()],
    )
    assert [a["role"] for a in data(response)["assets"]] == ["primary_angle", "secondary_angle"]


@pytest.mark.parametrize(
    ("form", "count", "content_type", "key"),
    [
        ({}, 2, "image/jpeg", "api_error_invalid_asset_role"),
        ({"asset_role": ["secondary_angle"]}, 1, "image/jpeg", "api_error_invalid_asset_role"),
        (
            {"asset_role": ["primary_angle", "mask", "mask"]},
            2,
            "image/jpeg",
            "api_error_invalid_asset_role",
        ),
        (
            {"asset_role": ["primary_angle"], "asset_roles": ["primary_angle"]},
            1,
            "image/jpeg",
            "api_error_invalid_asset_role",
        ),
        ({"asset_role": ["front"]}, 1, "image/jpeg", "api_error_invalid_request"),
        ({}, 0, "image/jpeg", "api_error_invalid_request"),
        ({}, 1, "image/gif", "api_error_invalid_request"),
    ],
)
def test_an_upload_breaking_the_role_rules_is_a_400(
    engine: Engine, form: dict[str, list[str]], count: int, content_type: str, key: str
) -> None:
    files = [image(content_type=content_type) for _ in range(count)]
    response = call(engine, "POST", "/v3/order", form=form, files=files)
    _error(response, 400, key)
    engine.check()


@pytest.mark.parametrize(
    "data",
    [b"GIF89a" + bytes(16), b"\0\0\0\x18ftypheic" + bytes(16), b"II*\x00" + bytes(16)],
    ids=["gif", "heic", "tiff"],
)
def test_an_image_of_another_format_is_refused_whatever_its_declared_type(
    engine: Engine, data: bytes
) -> None:
    files = [image(data, "image/png", "room.png")]
    response = call(engine, "POST", "/v3/order", files=files)
    _error(response, 400, "api_error_unsupported_file_type")
    # Bytes no format recognises are judged by the declared type, as v1 does (AHD3-Q27).
    assert call(engine, "POST", "/v3/order", files=[image(b"not sniffable")]).status == 201


def test_an_upload_to_an_unknown_project_is_a_404(engine: Engine) -> None:
    response = call(engine, "POST", "/v3/order", form={"project_id": ["0" * 24]}, files=[image()])
    _error(response, 404, "api_error_project_not_found")


def test_a_mask_appended_later_runs_the_mask_tool_in_a_group(engine: Engine) -> None:
    order = create_order(engine)
    path = f"/v3/order/{order['order_id']}/asset"
    appended = call(
        engine, "POST", path, form={"asset_role": ["mask"]}, files=[image(PNG, "image/png")]
    )
    assert appended.status == 201
    roles = [a["role"] for a in data(appended)["assets"]]
    assert roles == ["primary_angle", "mask"]
    second_primary = call(engine, "POST", path, form={}, files=[image()])
    _error(second_primary, 400, "api_error_invalid_asset_role")

    image_id, mask_id = (a["id"] for a in data(appended)["assets"])
    body = {
        "order_id": order["order_id"],
        "tool": "tool-item-removal-mask",
        "asset_map": {
            "tool-item-removal-mask-input-image": image_id,
            "tool-item-removal-mask-input-mask": mask_id,
        },
    }
    first = data(create_process(engine, body))
    group = first["process_group_id"]
    again = data(create_process(engine, {**body, "process_group_id": group}))
    assert again["process_group_id"] == group and again["process_ids"] != first["process_ids"]
    assert get_process(engine, again["process_ids"][0])["process_group_id"] == group
    assert "process_group_id" not in data(create_process(engine, staging_body(order)))


# --- projects and pagination ------------------------------------------------------


def test_projects_page_sort_and_search(engine: Engine) -> None:
    ids = [create_project(engine, f"{n} Elm Street") for n in range(12)]
    first = call(engine, "GET", "/v3/project", query={"limit": 5})
    assert [p["id"] for p in data(first)] == ids[::-1][:5]
    assert first.json["pagination"] == {"page": 1, "limit": 5, "total": 12, "total_pages": 3}
    last = call(engine, "GET", "/v3/project", query={"limit": 5, "page": 3})
    assert [p["id"] for p in data(last)] == ids[::-1][10:]
    oldest = call(engine, "GET", "/v3/project", query={"sort": "asc", "limit": 2})
    assert [p["id"] for p in data(oldest)] == ids[:2]
    found = call(engine, "GET", "/v3/project", query={"s": "11 elm"})
    assert [p["address"] for p in data(found)] == ["11 Elm Street"]
    assert data(call(engine, "GET", "/v3/project", query={"page": 9})) == []


def test_modified_sort_puts_the_project_with_new_work_first(engine: Engine) -> None:
    older, newer = create_project(engine, "a"), create_project(engine, "b")
    engine.clock.advance(86_400)
    create_order(engine, older)
    listed = data(call(engine, "GET", "/v3/project", query={"sort": "modified"}))
    assert [p["id"] for p in listed] == [older, newer]


@pytest.mark.parametrize(
    "query", [{"limit": 31}, {"limit": 0}, {"page": 0}, {"sort": "newest"}, {"limit": "ten"}]
)
def test_a_page_outside_the_limits_is_a_400(engine: Engine, query: dict[str, Any]) -> None:
    _error(call(engine, "GET", "/v3/project", query=query), 400, "api_error_invalid_request")
    project_id = create_project(engine)
    response = call(engine, "GET", f"/v3/project/{project_id}/orders", query=query)
    _error(response, 400, "api_error_invalid_request")


def test_the_orders_of_a_project_are_listed_with_their_processes(engine: Engine) -> None:
    project_id = create_project(engine)
    orders = [create_order(engine, project_id) for _ in range(3)]
    process_id = _process(engine, orders[0])
    response = call(
        engine, "GET", f"/v3/project/{project_id}/orders", query={"limit": 2, "sort": "asc"}
    )
    listed = data(response)
    assert [o["order_id"] for o in listed] == [o["order_id"] for o in orders[:2]]
    assert listed[0]["processes"][0]["process_id"] == process_id
    assert response.json["pagination"]["total_pages"] == 2
    engine.clock.complete_all()  # the first order's process ends: its latest change
    modified = call(engine, "GET", f"/v3/project/{project_id}/orders", query={"sort": "modified"})
    assert data(modified)[0]["order_id"] == orders[0]["order_id"]
    assert call(engine, "GET", f"/v3/project/{'0' * 24}/orders").status == 404


def test_a_body_over_the_size_limit_is_a_400_not_a_413() -> None:
    engine = make_engine(max_body_bytes=64)
    response = call(engine, "POST", "/v3/project", json_body={"address": "x" * 100})
    _error(response, 400, "api_error_invalid_request")


def test_an_empty_address_is_a_400(engine: Engine) -> None:
    _error(
        call(engine, "POST", "/v3/project", json_body={"address": ""}),
        400,
        "api_error_invalid_request",
    )
    _error(call(engine, "POST", "/v3/project", json_body={}), 400, "api_error_invalid_request")


# --- scenarios ------------------------------------------------------------------------


def test_a_failed_process_reports_failed_without_results(engine: Engine) -> None:
    order = create_order(engine)
    engine.behaviour.run_scenario(
        "fail-next-process", {"order_id": order["order_id"], "reason": "gpu fire"}
    )
    failed, ok = _process(engine, order), _process(engine, order)
    engine.clock.complete_all()
    shown = get_process(engine, failed)
    assert (shown["status"], shown["final_assets"], shown["error"]) == ("failed", [], "gpu fire")
    assert get_process(engine, ok)["status"] == "done"


def test_a_plan_lacking_a_tool_answers_403_for_that_tool_only(engine: Engine) -> None:
    engine.behaviour.run_scenario("deny-tool", {"tool": "tool-virtual-staging"})
    order = create_order(engine)
    response = create_process(engine, staging_body(order))
    _error(response, 403, "api_error_tool_not_in_plan")
    body = {"order_id": order["order_id"], "tool": "tool-item-removal",
            "asset_map": {"tool-item-removal-input-image": order["assets"][0]["id"]}}  # fmt: skip
    assert create_process(engine, body).status == 201
    engine.reset()
    order = create_order(engine)
    assert create_process(engine, staging_body(order)).status == 201


def test_a_plan_can_lack_a_tool_for_one_key_only(engine: Engine) -> None:
    engine.behaviour.run_scenario(
        "deny-tool", {"tool": "tool-virtual-staging", "api_key": OTHER_KEY}
    )
    assert create_process(engine, staging_body(create_order(engine))).status == 201
    other = create_order(engine, key=OTHER_KEY)
    assert create_process(engine, staging_body(other), key=OTHER_KEY).status == 403


def test_the_rate_limit_allows_ten_processes_per_ten_minutes(engine: Engine) -> None:
    order = create_order(engine)
    for _ in range(10):
        _process(engine, order)
    refused = create_process(engine, staging_body(order))
    assert (refused.status, refused.json) == (429, {"error": RATE_LIMIT_MESSAGE})
    other = create_order(engine, key=OTHER_KEY)
    assert create_process(engine, staging_body(other), key=OTHER_KEY).status == 201
    engine.clock.advance(600)
    assert create_process(engine, staging_body(order)).status == 201


def test_a_refused_process_does_not_count_toward_the_limit(engine: Engine) -> None:
    order = create_order(engine)
    for _ in range(15):
        _staging(engine, widgets=[])  # 422 each time
    for _ in range(10):
        _process(engine, order)
    assert create_process(engine, staging_body(order)).status == 429


def test_the_rate_limit_can_be_turned_off_and_armed_by_scenario() -> None:
    engine = make_engine(rate_limit=False)
    order = create_order(engine)
    for _ in range(12):
        _process(engine, order)
    engine.behaviour.run_scenario("rate-limit", {"count": 2})
    assert [create_process(engine, staging_body(order)).status for _ in range(3)] == [429, 429, 201]


@pytest.mark.parametrize(
    ("name", "arguments"),
    [
        ("explode", {}),
        ("deny-tool", {}),
        ("deny-tool", {"tool": "tool-nope"}),
        ("rate-limit", {"count": -1}),
        ("fail-next-process", {"order": "x"}),
    ],
)
def test_a_bad_scenario_is_a_config_error(
    engine: Engine, name: str, arguments: dict[str, Any]
) -> None:
    with pytest.raises(ConfigError):
        engine.behaviour.run_scenario(name, arguments)
    assert set(engine.behaviour.scenario_names()) == {
        "fail-next-process",
        "deny-tool",
        "rate-limit",
    }


# --- webhooks -------------------------------------------------------------------------


def test_the_process_completed_webhook_carries_the_documented_payload(
    engine: Engine, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    engine.configure_webhook(httpserver.url_for("/hook"))
    order = create_order(engine)
    process_id = _process(engine, order)
    engine.clock.advance(29)
    assert httpserver.log == []
    engine.clock.advance(1)
    (sent,) = [req.get_json() for req, _ in httpserver.log]
    result = get_process(engine, process_id)["final_assets"][0]
    assert sent == {
        "event": "process.completed",
        "process_id": process_id,
        "order_id": order["order_id"],
        "tool": "tool-virtual-staging",
        "status": "done",
        "final_assets": [
            {
                "asset_id": result["asset_id"],
                "asset_type": "image",
                "temp_src": result["src"],
                "temp_thumbnail_src": result["thumbnail_src"],
            }
        ],
    }
    assert _schema_valid("ProcessCompletedWebhook", sent)
    assert [(d.event, d.ok) for d in engine.webhooks.deliveries] == [(EVENT, True)]
    assert [e.operation_id for e in engine.journal.entries if e.kind == "webhook"] == [
        f"webhook:{EVENT}"
    ]


def test_a_failed_process_sends_a_failed_webhook(engine: Engine, httpserver: HTTPServer) -> None:
    httpserver.expect_request("/hook").respond_with_data("ok")
    engine.configure_webhook(httpserver.url_for("/hook"))
    engine.behaviour.run_scenario("fail-next-process", {})
    _process(engine, create_order(engine))
    engine.clock.complete_all()
    (sent,) = [req.get_json() for req, _ in httpserver.log]
    assert (sent["status"], sent["final_assets"]) == ("failed", [])


def test_a_refused_webhook_is_retried_until_a_2xx(engine: Engine, httpserver: HTTPServer) -> None:
    answers = iter([500, 503, 200])

    def handler(_: Request) -> Response:
        return Response("x", status=next(answers))

    httpserver.expect_request("/hook").respond_with_handler(handler)
    engine.configure_webhook(httpserver.url_for("/hook"))
    _process(engine, create_order(engine))
    engine.clock.advance(30)
    assert [d.status for d in engine.webhooks.deliveries] == [500]
    engine.clock.advance(RETRY_DELAYS[0])
    assert [d.status for d in engine.webhooks.deliveries] == [500, 503]
    engine.clock.advance(RETRY_DELAYS[1])
    assert [d.status for d in engine.webhooks.deliveries] == [500, 503, 200]
    engine.clock.advance(10_000)
    assert len(engine.webhooks.deliveries) == 3
    assert len([e for e in engine.journal.entries if e.kind == "webhook"]) == 3
    payloads = [req.get_json() for req, _ in httpserver.log]
    assert payloads[0] == payloads[1] == payloads[2]


def test_a_receiver_that_always_fails_gets_four_attempts(
    engine: Engine, httpserver: HTTPServer
) -> None:
    httpserver.expect_request("/hook").respond_with_data("no", status=500)
    engine.configure_webhook(httpserver.url_for("/hook"))
    _process(engine, create_order(engine))
    engine.clock.complete_all()
    assert [d.status for d in engine.webhooks.deliveries] == [500] * (1 + len(RETRY_DELAYS))


def test_background_deliveries_are_retried_from_the_senders_record(httpserver: HTTPServer) -> None:
    # On real time the sender queues deliveries and answers None: the retry timer reads
    # the attempt's outcome from the sender's record instead.
    answers = iter([500, 200])
    httpserver.expect_request("/hook").respond_with_handler(
        lambda _: Response("x", status=next(answers))
    )
    clock = Clock(manual=True)
    sender = WebhookSender(url=httpserver.url_for("/hook"), background=True)
    retries = WebhookRetries(clock=clock, sender=sender)
    payload = {"event": "process.completed", "process_id": "p"}
    retries.send(payload)
    clock.advance(RETRY_DELAYS[0] - 1)
    assert sender.flush(timeout=5)
    assert [d.status for d in sender.recorded()] == [500]
    clock.advance(1)
    assert sender.flush(timeout=5)
    assert [d.status for d in sender.recorded()] == [500, 200]
    clock.advance(10_000)
    assert sender.flush(timeout=5)
    assert len(sender.recorded()) == 2


def test_a_background_retry_stops_when_the_url_is_removed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/hook").respond_with_data("no", status=500)
    clock = Clock(manual=True)
    sender = WebhookSender(url=httpserver.url_for("/hook"), background=True)
    WebhookRetries(clock=clock, sender=sender).send({"process_id": "p"})
    assert sender.flush(timeout=5)
    sender.configure(url=None)
    clock.complete_all()
    assert [d.status for d in sender.recorded()] == [500]
    assert clock.pending == 0


def test_no_webhook_and_no_retry_without_a_url(engine: Engine) -> None:
    _process(engine, create_order(engine))
    engine.clock.complete_all()
    assert engine.webhooks.deliveries == []


# --- reset and ids -----------------------------------------------------------------


def test_reset_forgets_everything_and_restarts_the_ids(engine: Engine) -> None:
    project_id = create_project(engine)
    order = create_order(engine, project_id)
    _process(engine, order)
    engine.reset()
    assert call(engine, "GET", f"/v3/project/{project_id}").status == 404
    assert call(engine, "GET", order["assets"][0]["src"].removeprefix(BASE)).status == 404
    engine.clock.complete_all()  # the forgotten process's timers do nothing
    assert create_project(engine) == project_id


def test_ids_are_24_hex_and_seeded() -> None:
    first, second = make_engine(), make_engine()
    assert create_project(first) == create_project(second)
    assert len(create_project(first)) == 24
    other = make_engine(seed=99)
    assert create_project(other) != create_project(make_engine())


def test_the_behaviour_needs_an_engine() -> None:
    with pytest.raises(ConfigError):
        _ = AIHomeDesignV3Behaviour().context


def test_a_webhook_receiver_has_the_vendors_ten_seconds() -> None:
    # The webhook reference: "Must return a 2xx status code within 10 seconds" (AHD3-Q12).
    engine = build_engine("aihomedesign-v3", clock=Clock(manual=True), options=EngineOptions())
    assert engine.webhooks.timeout == 10.0
