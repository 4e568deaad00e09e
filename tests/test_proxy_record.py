"""Tests for mock_server.wiremock.record: proxied exchanges saved as WireMock mappings.

The round trip: record through the proxy from a local Autoenhance mock, then load the
folder with ``WireMock(mappings_dir=...)`` and play the same requests back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from mock_server.journal import Redactor
from mock_server.media import tiny_image
from mock_server.server import MockServer
from mock_server.types import RequestData, ResponseData
from mock_server.wiremock import WireMock
from mock_server.wiremock.proxy import open_proxy
from mock_server.wiremock.record import Recorder

KEY = "test-key"


@pytest.fixture(scope="module")
def upstream() -> Iterator[MockServer]:
    with MockServer.for_api("autoenhance") as server:
        yield server


def call(method: str, path: str, *, body: object = None, key: str | None = KEY) -> RequestData:
    headers = {"x-api-key": key} if key else {}
    raw = b""
    if body is not None:
        raw = json.dumps(body).encode()
        headers["content-type"] = "application/json"
    return RequestData(method=method, path=path, headers=headers, body=raw)


def files_under(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): p.read_text(errors="replace")
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_recorded_exchanges_play_back_from_the_mappings_folder(
    upstream: MockServer, tmp_path: Path
) -> None:
    requests = [
        call("POST", "/v3/orders/", body={"name": "12 Acacia Avenue", "order_id": "o-1"}),
        call("GET", "/v3/orders/o-1"),
        call("GET", "/v3/orders/", key=None),
    ]
    with open_proxy("autoenhance", upstream=upstream.url, record=tmp_path) as proxy:
        answers = [proxy.handle(r) for r in requests]

    player = WireMock(mappings_dir=tmp_path / "mappings")

    assert len(player.stubs()) == len(requests)
    for sent, answer in zip(requests, answers, strict=True):
        stub = player.match(sent)
        assert stub is not None, sent.path
        assert stub.response.status == answer.status
        assert json.loads(stub.response.body) == json.loads(answer.body)
        assert stub.response.headers["Content-Type"] == answer.content_type
    # The recorded body pattern holds: another order does not match the create stub.
    assert player.match(call("POST", "/v3/orders/", body={"name": "elsewhere"})) is None


def test_no_recorded_file_holds_the_key(upstream: MockServer, tmp_path: Path) -> None:
    echoed = {"name": f"order for {KEY}"}  # a key that leaks into a body is scrubbed too
    with open_proxy("autoenhance", upstream=upstream.url, record=tmp_path) as proxy:
        proxy.handle(call("POST", "/v3/orders/", body=echoed))
        proxy.handle(call("GET", "/v3/orders/"))

    recorded = files_under(tmp_path)

    assert recorded
    assert all(KEY not in text for text in recorded.values()), recorded
    assert all("x-api-key" not in text.lower() for text in recorded.values())
    assert any("order for REDACTED" in text for text in recorded.values())


def test_a_repeated_request_plays_back_its_answers_in_order(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path)
    get = RequestData(method="GET", path="/v3/orders/o-1")
    for status in ("waiting", "processing", "processed"):
        recorder.record(get, ResponseData(status=200, body=status.encode()))

    player = WireMock(mappings_dir=recorder.mappings_dir)
    played = [player.match(get) for _ in range(4)]

    assert [m.response.body for m in played if m] == [
        b"waiting",
        b"processing",
        b"processed",
        b"processed",  # the last answer repeats
    ]
    scenarios = {s["name"] for s in player.scenarios()}
    assert scenarios == {"scenario-1-get-v3-orders-o-1"}


def test_the_same_answer_a_second_later_is_not_a_new_answer(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path)
    get = RequestData(method="GET", path="/v3/orders/")
    for second in ("01", "02"):
        date = f"Thu, 03 Dec 2026 23:00:{second} GMT"
        recorder.record(get, ResponseData(status=200, headers={"Date": date}, body=b"[]"))
    recorder.record(get, ResponseData(status=200, headers={"X-Page": "2"}, body=b"[]"))

    # The Date header alone does not start a scenario; another header does.
    assert len(list(recorder.mappings_dir.glob("*.json"))) == 2


def test_binary_and_large_bodies_go_to_files(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path, inline_limit=16)
    image = tiny_image("png")
    recorder.record(
        RequestData(method="GET", path="/v3/images/i-1/enhanced"),
        ResponseData(status=200, body=image, content_type="image/png"),
    )
    recorder.record(
        RequestData(method="GET", path="/v3/orders/"),
        ResponseData(status=200, body=b'{"orders": [1, 2, 3]}', content_type="application/json"),
    )

    bodies = sorted(p.suffix for p in recorder.files_dir.iterdir())
    player = WireMock(mappings_dir=recorder.mappings_dir)
    picture = player.match(RequestData(method="GET", path="/v3/images/i-1/enhanced"))
    listing = player.match(RequestData(method="GET", path="/v3/orders/"))

    assert bodies == [".json", ".png"]
    assert picture is not None
    assert picture.response.body == image
    assert listing is not None
    assert listing.response.body == b'{"orders": [1, 2, 3]}'


def test_a_key_sent_in_the_query_is_only_required_to_be_present(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path, redactor=Redactor(query_names=frozenset({"api_key"})))
    sent = RequestData(
        method="GET",
        path="/v1/orders",
        query={"api_key": ("secret-1",), "page": ("2",)},
        query_string="api_key=secret-1&page=2",
    )
    file = recorder.record(sent, ResponseData(status=200, body=b"[]"))

    mapping = json.loads(file.read_text())
    player = WireMock(mappings_dir=recorder.mappings_dir)
    other_key = RequestData(
        method="GET", path="/v1/orders", query={"api_key": ("other",), "page": ("2",)}
    )
    no_key = RequestData(method="GET", path="/v1/orders", query={"page": ("2",)})

    assert "secret-1" not in file.read_text()
    assert mapping["request"]["queryParameters"] == {
        "api_key": {"absent": False},
        "page": {"equalTo": "2"},
    }
    assert player.match(other_key) is not None
    assert player.match(no_key) is None


def test_a_mapping_file_is_wiremock_shaped(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path)
    file = recorder.record(
        RequestData(
            method="POST",
            path="/v3/orders/",
            query={"dry": ("1",)},
            headers={"content-type": "application/json", "authorization": "t0ken-abc"},
            body=b'{"name": "x"}',
        ),
        ResponseData(
            status=201,
            headers={"Date": "today", "X-Request-Id": "r-1", "Set-Cookie": "s=t0ken-abc"},
            body=b"{}",
            content_type="application/json",
        ),
    )

    mapping = json.loads(file.read_text())

    assert file.name.startswith("post-v3-orders-")
    assert file.read_text().startswith('{\n  "id" : "')  # WireMock's pretty printing
    assert mapping["id"] == mapping["uuid"]
    assert mapping["persistent"] is True
    assert mapping["request"] == {
        "url": "/v3/orders/?dry=1",
        "method": "POST",
        "bodyPatterns": [
            {"equalToJson": {"name": "x"}, "ignoreArrayOrder": True, "ignoreExtraElements": True}
        ],
    }
    assert mapping["response"] == {
        "status": 201,
        "body": "{}",
        "headers": {
            "X-Request-Id": "r-1",
            "Set-Cookie": "s=REDACTED",
            "Content-Type": "application/json",
        },
    }


def test_the_same_answer_again_writes_no_new_file(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path)
    get = RequestData(method="GET", path="/v3/orders/o-2")
    for _ in range(5):
        recorder.record(get, ResponseData(status=200, body=b"same"))
    assert len(list(recorder.mappings_dir.iterdir())) == 1
    recorder.record(get, ResponseData(status=200, body=b"changed"))
    recorder.record(get, ResponseData(status=200, body=b"changed"))
    assert len(list(recorder.mappings_dir.iterdir())) == 2


def test_a_secret_looking_query_value_is_never_recorded(tmp_path: Path) -> None:
    recorder = Recorder(tmp_path)
    get = RequestData(
        method="GET",
        path="/v3/orders/",
        query={"api_key": ("qs-secret-1234",)},
        query_string="api_key=qs-secret-1234",
    )
    file = recorder.record(get, ResponseData(status=200, body=b"{}"))
    text = file.read_text()
    assert "qs-secret-1234" not in text
    assert '"absent" : false' in text
