from __future__ import annotations

import json

from pytest_httpserver import HTTPServer

from mock_server.webhooks import WebhookSender


def test_without_a_url_nothing_is_sent_or_recorded() -> None:
    sender = WebhookSender()
    assert sender.send("image_processed", {"a": 1}) is None
    assert sender.deliveries == []


def test_delivers_json_and_records_the_outcome(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/hook", method="POST").respond_with_data("", status=204)
    seen: list[object] = []
    sender = WebhookSender(
        url=httpserver.url_for("/hook"), headers={"x-auth": "s3cret"}, on_delivery=seen.append
    )
    delivery = sender.send("image_processed", {"image_id": "i-1"})
    assert delivery is not None and delivery.ok and delivery.status == 204
    request, _ = httpserver.log[0]
    assert json.loads(request.data) == {"image_id": "i-1"}
    assert request.headers["x-auth"] == "s3cret"
    assert seen == [delivery] == sender.deliveries


def test_a_receiver_error_is_recorded_not_raised(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/hook").respond_with_data("no", status=500)
    sender = WebhookSender(url=httpserver.url_for("/hook"))
    delivery = sender.send("x", {})
    assert delivery is not None and (delivery.status, delivery.ok) == (500, False)


def test_an_unreachable_receiver_is_recorded_not_raised() -> None:
    sender = WebhookSender(url="http://127.0.0.1:9/hook", timeout=0.5)
    delivery = sender.send("x", {})
    assert delivery is not None and delivery.status is None and delivery.error
    assert delivery.to_dict()["ok"] is False
