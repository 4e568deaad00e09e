"""``x-mock-reason``: every answer the mock makes up says why, and the journal keeps it.

The body stays the vendor's; the header and the journal entry carry the mock's reason
(issue 24 item 6).
"""

from __future__ import annotations

import pytest

from mock_server.clock import Clock
from mock_server.engine import BaseBehaviour, Behaviour, Call, Engine, EngineOptions
from mock_server.faults import Fault
from mock_server.types import RequestData, ResponseData, UnreadBody
from mock_server.vendors import ApiName, build_engine
from mock_server.wiremock import WireMock
from tests._core import request

REASON = "x-mock-reason"


def _engine(api: ApiName = "autoenhance", behaviour: Behaviour | None = None) -> Engine:
    return build_engine(api, clock=Clock(manual=True), options=EngineOptions(), behaviour=behaviour)


@pytest.fixture
def ae() -> Engine:
    return _engine()


def _reason(engine: Engine, answer: ResponseData) -> str:
    """The header, after checking the journal kept the same reason."""
    assert engine.journal.last.response_headers[REASON] == answer.headers[REASON]
    return answer.headers[REASON]


@pytest.mark.parametrize(
    ("method", "path", "reason"),
    [
        ("GET", "/v3/images/nope", "unknown image id: nope"),
        ("GET", "/v3/orders/o-1", "unknown order id: o-1"),
        ("GET", "/v3/nowhere", "no route: no operation matches GET /v3/nowhere"),
        (
            "PUT",
            "/v3/orders/",
            "no route: method PUT not allowed (allowed: GET, HEAD, POST, OPTIONS)",
        ),
    ],
)
def test_unknown_ids_and_missing_routes_say_so(
    ae: Engine, method: str, path: str, reason: str
) -> None:
    answer = ae.handle(request(method, path))
    assert _reason(ae, answer) == reason
    if answer.status == 404:
        assert answer.json == {"message": "Not Found", "detail": {}}  # the vendor's body


def test_a_refused_request_names_the_field(ae: Engine) -> None:
    answer = ae.handle(request("POST", "/v3/images/", json_body={"image_name": 5}))
    assert answer.status == 422
    assert _reason(ae, answer).startswith("json.image_name: ")
    assert answer.json["message"] == "Validation error"  # the vendor's body, untouched


def test_a_missing_key_says_so(ae: Engine) -> None:
    answer = ae.handle(request("GET", "/v3/orders/", key=None))
    assert answer.status == 401
    assert "x-api-key" in _reason(ae, answer).lower()


def test_a_body_too_large_says_so(ae: Engine) -> None:
    unread = UnreadBody(too_large=True, message="Request body too large (limit 10 bytes)")
    answer = ae.handle(RequestData(method="PUT", path="/_s3/x", unread=unread))
    assert answer.status == 413
    assert _reason(ae, answer) == unread.message


def test_a_vendor_answer_carries_no_reason(ae: Engine) -> None:
    answer = ae.handle(request("GET", "/v3/orders/"))
    assert answer.status == 200
    assert REASON not in answer.headers
    assert REASON not in ae.journal.last.response_headers


def test_a_stub_answer_names_the_stub() -> None:
    stubs = WireMock()
    stub_id = stubs.stub(
        {
            "request": {"method": "GET", "urlPath": "/v3/orders/"},
            "response": {"status": 200, "jsonBody": {"orders": [], "pagination": {}}},
        }
    )
    engine = _engine()
    engine.use_stubs(stubs)
    answer = engine.handle(request("GET", "/v3/orders/"))
    assert _reason(engine, answer) == f"stub {stub_id}"


def test_a_reason_never_repeats_the_key(ae: Engine) -> None:
    answer = ae.handle(request("GET", "/v3/images/test-key"))
    assert _reason(ae, answer) == "unknown image id: REDACTED"


def test_a_reason_is_one_line_of_visible_ascii(ae: Engine) -> None:
    answer = ae.handle(request("GET", "/v3/images/\u00e9t\u00e9\r\nX: 1"))
    assert _reason(ae, answer) == "unknown image id: ?t???X: 1"


class _Crashing(BaseBehaviour):
    def handle(self, call: Call) -> ResponseData | None:
        raise RuntimeError("boom")


def test_a_crash_says_the_mock_crashed() -> None:
    engine = _engine(behaviour=_Crashing())
    answer = engine.handle(request("GET", "/v3/orders/"))
    assert answer.status == 500
    assert _reason(engine, answer) == "the mock crashed: RuntimeError"
    with pytest.raises(Exception, match="boom"):
        engine.check()


class _Noted(BaseBehaviour):
    """A behaviour that says why through ``ResponseData.note`` (the generic way)."""

    def handle(self, call: Call) -> ResponseData | None:
        return ResponseData(
            status=404,
            json={"message": "Not Found", "detail": {}},
            has_json=True,
            note="order expired",
        )


def test_a_behaviour_note_becomes_the_reason() -> None:
    engine = _engine(behaviour=_Noted())
    answer = engine.handle(request("GET", "/v3/orders/o-1"))
    assert _reason(engine, answer) == "order expired"


def test_an_injected_fault_says_so(ae: Engine) -> None:
    ae.faults.set("list_orders", Fault(status=500, times=1))
    assert _reason(ae, ae.handle(request("GET", "/v3/orders/"))) == "injected fault: status 500"


def test_ai_homedesign_unknown_id_keeps_its_vendor_words() -> None:
    engine = _engine("aihomedesign")
    answer = engine.handle(request("GET", "/v1/order/0123456789abcdef01234567"))
    assert answer.json == {"error": "order not found", "key": "api_error_order_not_found"}
    assert _reason(engine, answer) == "order not found"


def test_a_browser_may_read_the_reason_under_cors() -> None:
    engine = build_engine("autoenhance", clock=Clock(manual=True), options=EngineOptions(cors=True))
    answer = engine.handle(request("GET", "/v3/images/nope", headers={"origin": "https://a.b"}))
    assert answer.headers["Access-Control-Expose-Headers"] == REASON
    assert (
        "Access-Control-Expose-Headers" not in engine.handle(request("GET", "/v3/orders/")).headers
    )


def test_an_unknown_parent_id_names_its_parameter(ae: Engine) -> None:
    answer = ae.handle(request("GET", "/v3/orders/o-9/brackets"))
    assert answer.status == 404
    assert _reason(ae, answer) == "unknown order id: o-9"


def test_a_long_reason_is_cut_short(ae: Engine) -> None:
    answer = ae.handle(request("GET", "/v3/nowhere/" + "x" * 300))
    reason = _reason(ae, answer)
    assert len(reason) == 200
    assert reason.endswith("...")
