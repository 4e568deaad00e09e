"""The hand-written v3 spec: what tests/test_openapi_specs.py checks of the others, and more.

Valid OpenAPI 3.1, examples that fit their schemas, complete operations, links between
the creating operations and their readers, the vendor conventions, and a spec that the
engine loads and answers from. The engine's self-check (strict mode) then holds every
example response to the spec too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from openapi_spec_validator import OpenAPIV31SpecValidator

from mock_server.clock import Clock
from mock_server.engine import Engine, EngineOptions
from mock_server.types import RequestData
from mock_server.vendors import aihomedesign_v3
from mock_server.vendors.aihomedesign_v3._catalog import TOOLS
from tests._aihomedesign_v3 import spec
from tests._specs import examples, load_spec, operations

API = "aihomedesign-v3"
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


def _document() -> dict[str, Any]:
    return load_spec(API)


def _validator(document: dict[str, Any], schema: dict[str, Any]) -> Any:
    return jsonschema_rs.Draft202012Validator(
        {**schema, "components": document.get("components", {})}
    )


def test_spec_is_valid_openapi_3_1() -> None:
    document = _document()
    assert document["openapi"].startswith("3.1.")
    assert [str(e) for e in OpenAPIV31SpecValidator(document).iter_errors()] == []


def test_every_example_validates_against_its_schema() -> None:
    document = _document()
    found = list(examples(document))
    assert len(found) >= len(list(operations(document)))
    failures = [
        f"{example.where}: {error.message}"
        for example in found
        for error in _validator(document, example.schema).iter_errors(example.value)
    ]
    assert failures == []


def test_every_operation_is_complete() -> None:
    problems = []
    for method, path, op in operations(_document()):
        where = f"{method.upper()} {path}"
        if not SNAKE_CASE.match(op.get("operationId", "")):
            problems.append(f"{where}: operationId missing or not snake_case")
        if len(op.get("tags", [])) != 1:
            problems.append(f"{where}: needs exactly one tag")
        if not op.get("summary") or not op.get("description"):
            problems.append(f"{where}: no summary or description")
        if not any(str(status).startswith("4") for status in op.get("responses", {})):
            problems.append(f"{where}: no 4xx response")
        if "security" not in op:
            problems.append(f"{where}: security is not declared on the operation")
    assert problems == []


def test_operations_are_the_documented_ones() -> None:
    found = {(m.upper(), p): op["operationId"] for m, p, op in operations(_document())}
    assert found == {
        ("POST", "/v3/project"): "create_project",
        ("GET", "/v3/project"): "list_projects",
        ("GET", "/v3/project/{project_id}"): "get_project",
        ("GET", "/v3/project/{project_id}/orders"): "list_project_orders",
        ("POST", "/v3/order"): "create_order",
        ("GET", "/v3/order/{order_id}"): "get_order",
        ("POST", "/v3/order/{order_id}/asset"): "append_order_assets",
        ("POST", "/v3/process"): "create_process",
        ("GET", "/v3/process/{process_id}"): "get_process",
        ("GET", "/api/tools"): "list_tools",
    }


def test_request_bodies_and_success_responses_have_examples() -> None:
    missing = []
    for method, path, op in operations(_document()):
        holders = [("request", op.get("requestBody", {}))] + [
            (status, response)
            for status, response in op.get("responses", {}).items()
            if str(status).startswith("2")
        ]
        for label, holder in holders:
            for ctype, media in holder.get("content", {}).items():
                if "example" not in media and "examples" not in media:
                    missing.append(f"{method.upper()} {path} {label} {ctype}")
    assert missing == []


def test_links_point_at_existing_operations() -> None:
    document = _document()
    ids = {op["operationId"] for _, _, op in operations(document)}
    links = [
        (op["operationId"], link["operationId"])
        for _, _, op in operations(document)
        for response in op.get("responses", {}).values()
        for link in response.get("links", {}).values()
    ]
    assert {target for _, target in links} >= {"get_project", "get_order", "get_process"}
    assert [pair for pair in links if pair[1] not in ids] == []


def test_mock_extensions_and_security_declare_the_vendor_conventions() -> None:
    document = _document()
    assert document["x-mock-error-style"] == "error-key"
    assert document["x-mock-trailing-slash"] == "strict"
    scheme = document["components"]["securitySchemes"]["ApiKeyAuth"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "x-api-key")
    open_operations = {
        op["operationId"] for _, _, op in operations(document) if op["security"] == []
    }
    assert open_operations == {"list_tools"}


def test_the_webhook_is_the_documented_process_completed_payload() -> None:
    webhook = _document()["webhooks"]["processCompleted"]["post"]
    media = webhook["requestBody"]["content"]["application/json"]
    assert media["example"]["event"] == "process.completed"
    schema = _document()["components"]["schemas"]["ProcessCompletedWebhook"]
    assert schema["required"] == [
        "event",
        "process_id",
        "order_id",
        "tool",
        "status",
        "final_assets",
    ]


def test_every_tool_of_the_catalog_is_a_valid_example_target() -> None:
    # The create_process examples name tools the catalog knows, with slots and widgets of theirs.
    op = _document()["paths"]["/v3/process"]["post"]
    bodies = op["requestBody"]["content"]["application/json"]["examples"].values()
    for body in (example["value"] for example in bodies):
        tool = TOOLS[body["tool"]]
        assert set(body["asset_map"]) == set(tool.slots)
        for widget in body["widgets"]:
            found = tool.widget(widget["slug"])
            assert found is not None and set(widget["item_slugs"]) <= set(found.item_slugs)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/v3/project", 200),
        ("GET", "/v3/project/6984bd700fc3c3c614c2bea5", 200),
        ("GET", "/v3/order/6878b6d52ecd619eab1f886d", 200),
        ("GET", "/v3/process/69a6bb11a374700bff4a1333", 200),
        ("GET", "/api/tools", 200),
        ("GET", "/v3/project/", 404),
        ("DELETE", "/v3/project", 405),
    ],
)
def test_the_engine_serves_the_spec_s_examples_without_a_behaviour(
    method: str, path: str, status: int
) -> None:
    # Prism-style: no behaviour, so every answer is the spec's example; strict mode would
    # turn an example that breaks its own schema into a 500.
    engine = Engine(spec(), options=EngineOptions(strict=True), clock=Clock(manual=True))
    response = engine.handle(
        RequestData(method=method, path=path, headers={"x-api-key": "test-key"})
    )
    assert response.status == status, response.json
    engine.check()
    if status == 404:
        assert response.json == {"error": "not found", "key": "api_error_not_found"}


def test_shared_responses_and_the_webhook_example_fit_their_schemas() -> None:
    # tests._specs.examples walks operations; these live in components and webhooks.
    document = _document()
    holders = [
        (f"responses.{name}", response.get("content", {}))
        for name, response in document["components"]["responses"].items()
    ] + [("webhook", document["webhooks"]["processCompleted"]["post"]["requestBody"]["content"])]
    checked = 0
    for where, content in holders:
        for media in content.values():
            validator = _validator(document, media["schema"])
            assert list(validator.iter_errors(media["example"])) == [], where
            checked += 1
    assert checked == 5


def test_the_error_keys_the_mock_sends_are_the_ones_the_spec_lists() -> None:
    # The vendor's error-codes page names statuses only, so the spec lists the keys; the
    # list must be what the behaviour can send, no more and no less.
    described = _document()["components"]["schemas"]["ApiError"]["properties"]["key"]
    listed = set(re.findall(r"`(api_error_\w+)`", described["description"]))
    package = Path(aihomedesign_v3.__file__).parent
    source = "\n".join(path.read_text(encoding="utf-8") for path in package.glob("*.py"))
    sent = set(re.findall(r'"(api_error_[a-z_]+)"', source))
    sent |= {f"api_error_{what}_not_found" for what in re.findall(r'not_found\("(\w+)"\)', source)}
    sent.discard("api_error_")  # the f-string of not_found() itself
    sent.add("api_error_unauthorized")  # the engine's 401 in this spec's error style
    assert listed == sent
