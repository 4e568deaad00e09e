from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import parse_qs, unquote, urlsplit
from xml.etree import ElementTree

import pytest

from mock_server.clock import Clock
from mock_server.engine import Behaviour, Engine, EngineOptions
from mock_server.errors import ConfigError, MockServerError
from mock_server.faults import Fault, Faults
from mock_server.media import tiny_image
from mock_server.types import ConnectionFault, RequestData, ResponseData
from mock_server.vendors import build_engine
from mock_server.vendors.autoenhance import AutoenhanceBehaviour
from mock_server.vendors.autoenhance._downloads import ASSET_PREFIX
from mock_server.vendors.autoenhance._uploads import UPLOAD_PREFIX
from tests._core import request


def _engine(behaviour: Behaviour | None = None) -> Engine:
    return build_engine(
        "autoenhance",
        clock=Clock(manual=True),
        options=EngineOptions(),
        behaviour=behaviour,
    )


@pytest.fixture
def ae() -> Engine:
    """The Autoenhance engine, in-process, on a manual clock."""
    return _engine()


def test_no_fault_by_default() -> None:
    assert Faults().take("create_order") is None


def test_a_counted_fault_applies_to_the_next_n_calls_only() -> None:
    faults = Faults()
    faults.set("create_order", Fault(status=503, times=2))
    taken = [faults.take("create_order") for _ in range(3)]
    assert [f.status if f else None for f in taken] == [503, 503, None]
    assert faults.take("list_orders") is None


def test_an_uncounted_fault_lasts_until_cleared() -> None:
    faults = Faults()
    faults.set("get_order", Fault(latency_ms=5))
    assert all(faults.take("get_order") for _ in range(5))
    faults.clear("get_order")
    assert faults.take("get_order") is None


def test_from_dict_round_trips() -> None:
    fault = Fault.from_dict({"status": 500, "times": 1, "drop": False, "latency_ms": 10})
    assert Fault.from_dict(fault.to_dict()) == fault


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": 200}, "'status' must be an integer from 400 to 599"),
        ({"status": True}, "'status' must be an integer from 400 to 599"),
        ({"latency_ms": -1}, "'latency_ms' must be a number from 0 to 10000"),
        ({"latency_ms": float("nan")}, "'latency_ms' must be a number from 0 to 10000"),
        ({"latency_ms": float("inf")}, "'latency_ms' must be a number from 0 to 10000"),
        ({"latency_ms": 10_001}, "'latency_ms' must be a number from 0 to 10000"),
        ({"times": 0}, "'times' must be a positive integer"),
        ({"drop": "yes"}, "'drop' must be a boolean"),
        ({"boom": 1}, "unknown fault fields: boom"),
    ],
)
def test_from_dict_rejects_bad_input(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Fault.from_dict(data)


# --- the new fields: connection, body, headers ----------------------------------------


def test_drop_is_a_reset_and_connection_names_the_others() -> None:
    assert Fault(drop=True).connection_fault is ConnectionFault.RESET
    assert Fault(connection=ConnectionFault.EMPTY).connection_fault is ConnectionFault.EMPTY
    assert Fault(status=503).connection_fault is None


def test_from_dict_round_trips_the_new_fields() -> None:
    data = {"status": 429, "body": {"detail": "slow down"}, "headers": {"Retry-After": "2"}}
    fault = Fault.from_dict(data)
    assert Fault.from_dict(fault.to_dict()) == fault
    assert fault.to_dict()["headers"] == {"Retry-After": "2"}
    empty = Fault.from_dict({"connection": "empty", "times": 1})
    assert empty.to_dict() == {
        "latency_ms": 0.0,
        "status": None,
        "drop": False,
        "times": 1,
        "connection": "empty",
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"connection": "snap"}, "'connection' must be one of: reset, empty, malformed_chunk"),
        ({"status": 429, "headers": ["Retry-After"]}, "'headers' must be an object of strings"),
        ({"status": 429, "headers": {"Retry-After": 2}}, "'headers' must be an object of strings"),
        ({"status": 429, "headers": {"Bad Name": "1"}}, "is not a valid HTTP header name"),
        ({"status": 429, "headers": {"X-A": "1\r\nX-B: 2"}}, "characters HTTP cannot send"),
        ({"body": {"a": 1}}, "'body' and 'headers' need a 'status'"),
        ({"headers": {"Retry-After": "1"}}, "'body' and 'headers' need a 'status'"),
    ],
)
def test_from_dict_rejects_bad_new_fields(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        Fault.from_dict(data)


def test_a_fault_built_in_python_checks_its_headers_too() -> None:
    with pytest.raises(ConfigError, match="characters HTTP cannot send"):
        Fault(status=429, headers={"Retry-After": "1\n"})


# --- names: operation ids and URL targets (issue 24 F5) -------------------------------


def test_an_unknown_operation_id_is_refused_with_the_valid_ones(ae: Engine) -> None:
    with pytest.raises(ConfigError) as info:
        ae.faults.set("create_ordr", Fault(status=503))
    message = str(info.value)
    assert "'create_ordr'" in message
    assert "create_order" in message and "list_orders" in message and "unrouted" in message
    assert isinstance(info.value, MockServerError)
    assert ae.faults.to_dict() == {}


def test_a_registry_without_names_accepts_any() -> None:
    faults = Faults()
    faults.set("anything", Fault(status=500))
    assert faults.take("anything") is not None


# --- injected statuses answer the vendor's body ----------------------------------------


def test_an_injected_declared_status_answers_as_prefer_code_does(ae: Engine) -> None:
    body = {"image_name": "a.jpg"}
    preferred = ae.handle(
        request("POST", "/v3/images/", json_body=body, headers={"prefer": "code=429"})
    )
    ae.faults.set("create_image", Fault(status=429, times=1))
    injected = ae.handle(request("POST", "/v3/images/", json_body=body))
    assert injected.status == preferred.status == 429
    assert injected.json == preferred.json
    assert injected.headers["x-mock-reason"] == "injected fault: status 429"


def test_an_undeclared_status_answers_the_vendors_error_shape(ae: Engine) -> None:
    ae.faults.set("list_orders", Fault(status=429, headers={"Retry-After": "2"}, times=1))
    answer = ae.handle(request("GET", "/v3/orders/"))
    assert (answer.status, answer.json) == (429, {"message": "Too Many Requests", "detail": {}})
    assert answer.headers["Retry-After"] == "2"
    assert ae.journal.last.response_headers["x-mock-reason"] == "injected fault: status 429"


def test_a_fault_body_replaces_the_vendors(ae: Engine) -> None:
    ae.faults.set("list_orders", Fault(status=503, body={"message": "maintenance"}))
    answer = ae.handle(request("GET", "/v3/orders/"))
    assert (answer.status, answer.json) == (503, {"message": "maintenance"})
    assert answer.content_type == "application/json"


def test_latency_with_a_status_delays_the_injected_answer(ae: Engine) -> None:
    ae.faults.set("list_orders", Fault(status=503, latency_ms=250, times=1))
    answer = ae.handle(request("GET", "/v3/orders/"))
    assert (answer.status, answer.delay_seconds) == (503, 0.25)


def test_a_connection_fault_asks_the_edge_to_break_it(ae: Engine) -> None:
    ae.faults.set("list_orders", Fault(connection=ConnectionFault.MALFORMED_CHUNK, times=1))
    answer = ae.handle(request("GET", "/v3/orders/"))
    assert answer.connection_fault is ConnectionFault.MALFORMED_CHUNK
    assert answer.drop_connection  # the name the in-process transport reads
    assert answer.headers["x-mock-reason"] == "injected fault: connection malformed_chunk"


# --- URL targets: upload and result URLs ---------------------------------------------


class _NamedUploads(AutoenhanceBehaviour):
    """Autoenhance with its upload and asset URLs named as fault targets."""

    def fault_targets(self) -> Mapping[str, str]:
        return {"upload": UPLOAD_PREFIX, "asset": ASSET_PREFIX}


def _upload_url(engine: Engine) -> str:
    created = engine.handle(request("POST", "/v3/images/", json_body={"image_name": "a.jpg"}))
    assert created.status == 200, created.json
    url: str = created.json["upload_url"]
    return url


def _put(engine: Engine, url: str) -> ResponseData:
    parts = urlsplit(url)
    query = {k: tuple(v) for k, v in parse_qs(parts.query).items()}
    return engine.handle(
        RequestData(
            method="PUT",
            path=unquote(parts.path),
            query=query,
            query_string=parts.query,
            headers={"content-type": "image/jpeg"},
            body=tiny_image("jpeg"),
        )
    )


def test_a_named_upload_target_faults_the_upload_only() -> None:
    engine = _engine(_NamedUploads())
    assert "upload" in engine.fault_targets() and "asset" in engine.fault_targets()
    url = _upload_url(engine)
    engine.faults.set("upload", Fault(drop=True, times=1))
    assert engine.handle(request("GET", "/v3/orders/")).status == 200  # not the API
    assert _put(engine, url).connection_fault is ConnectionFault.RESET
    assert _put(engine, url).status == 200  # once only


def test_the_vendors_upload_target_faults_its_upload_urls(ae: Engine) -> None:
    url = _upload_url(ae)
    # An upload URL is the vendor's "upload" target, not "unrouted" (longest prefix wins).
    ae.faults.set("unrouted", Fault(status=500, times=1))
    assert _put(ae, url).status == 200
    ae.faults.set("upload", Fault(status=503, headers={"Retry-After": "1"}, times=1))
    refused = _put(ae, url)
    assert (refused.status, refused.headers["Retry-After"]) == (503, "1")
    assert refused.headers["x-mock-reason"] == "injected fault: status 503"
    assert _put(ae, url).status == 200


@pytest.mark.parametrize(
    ("status", "code"),
    [(500, "InternalError"), (503, "SlowDown"), (403, "AccessDenied"), (429, "TooManyRequests")],
)
def test_a_status_on_the_upload_url_answers_as_s3_does(ae: Engine, status: int, code: str) -> None:
    url = _upload_url(ae)
    ae.faults.set("upload", Fault(status=status, headers={"Retry-After": "1"}, times=1))
    refused = _put(ae, url)
    assert refused.status == status
    assert refused.content_type == "application/xml"
    error = ElementTree.fromstring(refused.body)
    assert error.tag == "Error"
    assert error.findtext("Code") == code
    assert error.findtext("RequestId") == refused.headers["x-amz-request-id"]
    assert refused.headers["Retry-After"] == "1"  # the fault's headers still go out
    assert refused.headers["x-mock-reason"] == f"injected fault: status {status}"
    assert _put(ae, url).status == 200


def test_a_fault_body_on_the_upload_url_is_sent_as_given(ae: Engine) -> None:
    url = _upload_url(ae)
    ae.faults.set("upload", Fault(status=500, body={"detail": "down"}, times=1))
    refused = _put(ae, url)
    assert (refused.status, refused.json) == (500, {"detail": "down"})


def test_a_status_outside_the_named_targets_keeps_the_apis_shape(ae: Engine) -> None:
    ae.faults.set("unrouted", Fault(status=503, times=1))
    refused = ae.handle(request("GET", "/not/a/route"))
    assert refused.status == 503
    assert refused.content_type != "application/xml"


def test_a_target_the_vendor_does_not_name_is_refused(ae: Engine) -> None:
    # "files" is AI HomeDesign's target; Autoenhance names "upload" and "asset".
    with pytest.raises(ConfigError, match="'files'"):
        ae.faults.set("files", Fault(drop=True))


def test_a_fault_body_keeps_a_json_type_the_vendor_declares() -> None:
    # AI HomeDesign's errors are application/json; a body given for a 404 stays JSON.
    engine = build_engine("aihomedesign", clock=Clock(manual=True), options=EngineOptions())
    engine.faults.set("list_spaces", Fault(status=404, body={"error": "gone"}, times=1))
    answer = engine.handle(
        request("GET", "/v1/catalog/spaces", query={"service_name": "service-ai-virtual-staging"})
    )
    assert (answer.status, answer.json, answer.content_type) == (
        404,
        {"error": "gone"},
        "application/json",
    )


def test_a_fault_body_on_a_status_declared_without_content_is_json() -> None:
    engine = Engine.from_dict(
        {
            "openapi": "3.1.0",
            "info": {"title": "Pets", "version": "1"},
            "paths": {
                "/pets": {
                    "get": {
                        "operationId": "list_pets",
                        "responses": {
                            "200": {"description": "ok"},
                            "503": {"description": "down, no body declared"},
                        },
                    }
                }
            },
        }
    )
    engine.faults.set("list_pets", Fault(status=503, body={"down": True}))
    answer = engine.handle(RequestData(method="GET", path="/pets"))
    assert (answer.status, answer.json, answer.content_type) == (
        503,
        {"down": True},
        "application/json",
    )
