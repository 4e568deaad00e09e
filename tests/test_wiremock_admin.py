"""Tests for mock_server.wiremock's admin API, driven through ``WireMock.admin`` without sockets.

The ``GOLDEN_*`` texts are real WireMock 3.13.2 answers to the same calls, byte for byte.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mock_server.types import RequestData, ResponseData
from mock_server.wiremock import AdminError, InvalidMappingError, WireMock

GOLDEN_CREATE = """\
{
  "id" : "8c5db8b0-2db4-4ad7-a99f-38c9b00da3f7",
  "name" : "order created",
  "request" : {
    "urlPath" : "/v1/orders",
    "method" : "POST",
    "headers" : {
      "Content-Type" : {
        "contains" : "json"
      }
    },
    "queryParameters" : {
      "dry" : {
        "absent" : true
      }
    },
    "bodyPatterns" : [ {
      "equalToJson" : {
        "name" : "x",
        "tags" : [ 1, 2 ]
      },
      "ignoreArrayOrder" : true
    } ]
  },
  "response" : {
    "status" : 201,
    "jsonBody" : {
      "id" : "o-1",
      "tags" : [ ],
      "meta" : { }
    },
    "headers" : {
      "Content-Type" : "application/json"
    },
    "fixedDelayMilliseconds" : 10
  },
  "uuid" : "8c5db8b0-2db4-4ad7-a99f-38c9b00da3f7",
  "priority" : 2,
  "scenarioName" : "orders",
  "requiredScenarioState" : "Started",
  "newScenarioState" : "created",
  "metadata" : {
    "mock-server" : {
      "validate" : false
    }
  }
}"""
GOLDEN_SCENARIOS = """\
{
  "scenarios" : [ {
    "id" : "orders",
    "name" : "orders",
    "state" : "Started",
    "possibleStates" : [ "Started", "created", "fetched" ],
    "mappings" : [ {
      "id" : "8c5db8b0-2db4-4ad7-a99f-38c9b00da3f7",
      "name" : "order created",
      "request" : {
        "urlPath" : "/v1/orders",
        "method" : "POST",
        "headers" : {
          "Content-Type" : {
            "contains" : "json"
          }
        },
        "queryParameters" : {
          "dry" : {
            "absent" : true
          }
        },
        "bodyPatterns" : [ {
          "equalToJson" : {
            "name" : "x",
            "tags" : [ 1, 2 ]
          },
          "ignoreArrayOrder" : true
        } ]
      },
      "response" : {
        "status" : 201,
        "jsonBody" : {
          "id" : "o-1",
          "tags" : [ ],
          "meta" : { }
        },
        "headers" : {
          "Content-Type" : "application/json"
        },
        "fixedDelayMilliseconds" : 10
      },
      "uuid" : "8c5db8b0-2db4-4ad7-a99f-38c9b00da3f7",
      "priority" : 2,
      "scenarioName" : "orders",
      "requiredScenarioState" : "Started",
      "newScenarioState" : "created",
      "metadata" : {
        "mock-server" : {
          "validate" : false
        }
      }
    }, {
      "id" : "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
      "request" : {
        "urlPath" : "/v1/orders/o-1",
        "method" : "GET"
      },
      "response" : {
        "status" : 200,
        "body" : "done"
      },
      "uuid" : "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
      "scenarioName" : "orders",
      "requiredScenarioState" : "created",
      "newScenarioState" : "fetched"
    } ]
  } ]
}"""
CREATED_ORDER: dict[str, Any] = {
    "id": "8c5db8b0-2db4-4ad7-a99f-38c9b00da3f7",
    "name": "order created",
    "priority": 2,
    "request": {
        "method": "POST",
        "urlPath": "/v1/orders",
        "headers": {"Content-Type": {"contains": "json"}},
        "queryParameters": {"dry": {"absent": True}},
        "bodyPatterns": [{"equalToJson": {"name": "x", "tags": [1, 2]}, "ignoreArrayOrder": True}],
    },
    "response": {
        "status": 201,
        "jsonBody": {"id": "o-1", "tags": [], "meta": {}},
        "headers": {"Content-Type": "application/json"},
        "fixedDelayMilliseconds": 10,
    },
    "scenarioName": "orders",
    "requiredScenarioState": "Started",
    "newScenarioState": "created",
    "metadata": {"mock-server": {"validate": False}},
}
FETCH_ORDER: dict[str, Any] = {
    "id": "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6",
    "request": {"method": "GET", "urlPath": "/v1/orders/o-1"},
    "response": {"status": 200, "body": "done"},
    "scenarioName": "orders",
    "requiredScenarioState": "created",
    "newScenarioState": "fetched",
}
EPOCH = 1_800_000_000.0

Call = Callable[..., ResponseData]


class ManualClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = EPOCH

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def wm(clock: ManualClock) -> WireMock:
    return WireMock(clock=clock, journal_size=5)


@pytest.fixture
def call(wm: WireMock) -> Call:
    """Return a function that sends one admin request to ``wm``."""

    def send(method: str, path: str, body: Any = None, **query: str) -> ResponseData:
        raw = (
            body if isinstance(body, bytes) else b"" if body is None else json.dumps(body).encode()
        )
        request = RequestData(
            method=method,
            path="/__admin" + path,
            query={k: (v,) for k, v in query.items()},
            body=raw,
        )
        return wm.admin(request)

    return send


def serve(wm: WireMock, method: str, path: str, body: bytes = b"", **headers: str) -> ResponseData:
    """What the edge does for a non-admin request: match, answer, record."""
    request = RequestData(
        method=method, path=path, headers={"host": "mock:4010", **headers}, body=body
    )
    match = wm.match(request)
    response = match.response if match else ResponseData(status=404, body=b"vendor says no")
    wm.record(request, response, matched_stub_id=match.stub_id if match else None)
    return response


def data(response: ResponseData) -> Any:
    return json.loads(response.body)


def test_create_answers_like_wiremock_byte_for_byte(call: Call) -> None:
    response = call("POST", "/mappings", CREATED_ORDER)
    assert (response.status, response.content_type) == (201, "application/json")
    assert response.body.decode() == GOLDEN_CREATE


def test_scenarios_answer_like_wiremock_byte_for_byte(call: Call) -> None:
    call("POST", "/mappings", CREATED_ORDER)
    call("POST", "/mappings", FETCH_ORDER)
    assert call("GET", "/scenarios").body.decode() == GOLDEN_SCENARIOS


def test_mapping_crud(call: Call) -> None:
    created = data(call("POST", "/mappings", {"request": {"url": "/a"}, "response": {"body": "A"}}))
    stub_id = created["id"]
    assert created["uuid"] == stub_id and created["request"]["method"] == "ANY"
    assert created["response"]["status"] == 200
    assert data(call("GET", f"/mappings/{stub_id}")) == created
    updated = data(call("PUT", f"/mappings/{stub_id}", {"request": {"url": "/b"}, "response": {}}))
    assert updated["request"]["url"] == "/b" and updated["id"] == stub_id
    listing = data(call("GET", "/mappings"))
    assert listing["meta"] == {"total": 1} and listing["mappings"] == [updated]
    assert call("DELETE", f"/mappings/{stub_id}").body == b"{}"
    assert call("GET", f"/mappings/{stub_id}").status == 404
    assert call("DELETE", f"/mappings/{stub_id}").status == 404


def test_list_pages_with_limit_and_offset(call: Call) -> None:
    for path in ("/1", "/2", "/3"):
        call("POST", "/mappings", {"request": {"url": path}})
    page = data(call("GET", "/mappings", limit="1", offset="1"))
    assert [m["request"]["url"] for m in page["mappings"]] == ["/2"] and page["meta"]["total"] == 3


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "answer"),
    [
        (
            "POST",
            "/mappings",
            b"{bad",
            422,
            {"code": 10, "source": {}, "title": "Error parsing JSON"},
        ),
        (
            "POST",
            "/mappings",
            {"request": {"url": "/x", "bogus": 1}},
            422,
            {"code": 10, "source": {"pointer": "/request/bogus"}, "title": "Error parsing JSON"},
        ),
        (
            "POST",
            "/mappings",
            {"request": {"url": "/x", "headers": {"a": {"foo": "bar"}}}},
            422,
            {
                "code": 10,
                "source": {"pointer": "/request/headers/a"},
                "title": "Error parsing JSON",
                "detail": '{"foo":"bar"} is not a valid match operation',
            },
        ),
        ("POST", "/mappings", [1], 422, {"code": 10, "source": {"pointer": "/"}}),
        (
            "GET",
            "/mappings/notauuid",
            None,
            400,
            {"code": 10, "title": "notauuid is not a valid UUID"},
        ),
        (
            "PUT",
            "/scenarios/nope/state",
            {"state": "Started"},
            404,
            {"code": 404, "title": "Scenario nope does not exist"},
        ),
        ("POST", "/requests/count", b"[", 422, {"code": 10, "title": "Error parsing JSON"}),
        ("GET", "/requests", None, 400, {"code": 10, "title": "abc is not a valid ISO8601 date"}),
    ],
)
def test_errors_use_wiremocks_shape(
    call: Call, method: str, path: str, body: Any, status: int, answer: dict[str, Any]
) -> None:
    query = {"since": "abc"} if path == "/requests" else {}
    response = call(method, path, body, **query)
    assert response.status == status
    (error,) = data(response)["errors"]
    assert error | answer == error  # every expected member is there, with that value


def test_unknown_admin_paths_are_an_empty_404(call: Call) -> None:
    for method, path in [("GET", "/nope"), ("PATCH", "/mappings"), ("GET", "/")]:
        response = call(method, path)
        assert (response.status, response.body, response.content_type) == (404, b"", None)


def test_scenarios_progress_and_can_be_set_and_reset(wm: WireMock, call: Call) -> None:
    call("POST", "/mappings", CREATED_ORDER)
    call("POST", "/mappings", FETCH_ORDER)
    order = json.dumps({"name": "x", "tags": [2, 1]}).encode()
    assert serve(wm, "GET", "/v1/orders/o-1").status == 404  # not created yet
    assert (
        serve(wm, "POST", "/v1/orders", order, **{"content-type": "application/json"}).status == 201
    )
    assert serve(wm, "GET", "/v1/orders/o-1").body == b"done"
    assert data(call("GET", "/scenarios"))["scenarios"][0]["state"] == "fetched"
    assert serve(wm, "GET", "/v1/orders/o-1").status == 404
    assert call("PUT", "/scenarios/orders/state", {"state": "created"}).body == b"{}"
    assert serve(wm, "GET", "/v1/orders/o-1").status == 200
    response = call("PUT", "/scenarios/orders/state", {"state": "bogus"})
    assert (response.status, data(response)["errors"][0]["code"]) == (422, 11)
    call("POST", "/scenarios/reset")
    assert data(call("GET", "/scenarios"))["scenarios"][0]["state"] == "Started"


def test_dry_run_match_leaves_scenarios_alone(wm: WireMock) -> None:
    wm.stub(FETCH_ORDER | {"requiredScenarioState": "Started"})
    request = RequestData(method="GET", path="/v1/orders/o-1")
    assert wm.match(request, dry_run=True) is not None
    assert wm.scenarios()[0]["state"] == "Started"
    assert wm.match(request) is not None
    assert wm.scenarios()[0]["state"] == "fetched"


def test_journal_lists_newest_first_in_wiremock_shape(
    wm: WireMock, call: Call, clock: ManualClock
) -> None:
    stub_id = data(
        call("POST", "/mappings", {"request": {"urlPath": "/hit"}, "response": {"body": "ok"}})
    )["id"]
    serve(wm, "GET", "/miss")
    clock.now += 1.25
    serve(wm, "POST", "/hit", b'{"a":1}', **{"content-type": "application/json"})
    listing = data(call("GET", "/requests"))
    assert listing["meta"] == {"total": 2} and listing["requestJournalDisabled"] is False
    hit, miss = listing["requests"]
    assert hit["wasMatched"] is True and hit["stubMapping"]["id"] == stub_id
    assert (
        hit["request"]
        | {
            "url": "/hit",
            "absoluteUrl": "http://mock:4010/hit",
            "method": "POST",
            "headers": {"Host": "mock:4010", "Content-Type": "application/json"},
            "body": '{"a":1}',
            "bodyAsBase64": "eyJhIjoxfQ==",
            "loggedDate": 1_800_000_001_250,
            "loggedDateString": "2027-01-15T08:00:01.25Z",
            "host": "mock",
            "port": 4010,
        }
        == hit["request"]
    )
    assert hit["response"] == {
        "status": 200,
        "headers": {"Matched-Stub-Id": stub_id},
        "bodyAsBase64": "b2s=",
        "body": "ok",
    }
    assert miss["wasMatched"] is False and "stubMapping" not in miss
    assert miss["responseDefinition"] == {"status": 404, "fromConfiguredStub": False}
    assert data(call("GET", f"/requests/{hit['id']}")) == hit
    assert [r["id"] for r in data(call("GET", "/requests", limit="1"))["requests"]] == [hit["id"]]
    since = data(call("GET", "/requests", since="2027-01-15T08:00:00.5Z"))
    assert [r["id"] for r in since["requests"]] == [hit["id"]]


def test_journal_queries(wm: WireMock, call: Call) -> None:
    for path in ("/a", "/b", "/a"):
        serve(wm, "GET", path)
    assert data(call("POST", "/requests/count", {"url": "/a"})) == {
        "count": 2,
        "requestJournalDisabled": False,
    }
    found = data(call("POST", "/requests/find", {"method": "GET", "urlPathPattern": "/[ab]"}))[
        "requests"
    ]
    assert [r["url"] for r in found] == ["/a", "/b", "/a"]
    assert [r["url"] for r in data(call("GET", "/requests/unmatched"))["requests"]] == [
        "/a",
        "/b",
        "/a",
    ]
    removed = data(call("POST", "/requests/remove", {"url": "/a"}))["serveEvents"]
    assert len(removed) == 2 and data(call("POST", "/requests/count", {}))["count"] == 1
    (left,) = wm.events()
    assert call("DELETE", f"/requests/{left.id}").body == b"{}"
    assert call("GET", f"/requests/{left.id}").status == 404
    serve(wm, "GET", "/c")
    call("DELETE", "/requests")
    assert wm.events() == []


def test_journal_is_bounded(wm: WireMock) -> None:
    for i in range(7):
        serve(wm, "GET", f"/{i}")
    assert [event.request.path for event in wm.events()] == ["/6", "/5", "/4", "/3", "/2"]


def test_near_misses(wm: WireMock, call: Call) -> None:
    for url in ("/users", "/orders", "/user/1", "/products"):
        call("POST", "/mappings", {"request": {"method": "GET", "url": url}})
    serve(wm, "GET", "/userz")
    misses = data(call("GET", "/requests/unmatched/near-misses"))["nearMisses"]
    assert [m["stubMapping"]["request"]["url"] for m in misses] == ["/users", "/user/1", "/orders"]
    assert misses[0]["matchResult"]["distance"] < misses[1]["matchResult"]["distance"]
    by_pattern = data(
        call("POST", "/near-misses/request-pattern", {"method": "GET", "url": "/users"})
    )
    assert [m["request"]["url"] for m in by_pattern["nearMisses"]] == ["/userz"]
    assert by_pattern["nearMisses"][0]["requestPattern"] == {"method": "GET", "url": "/users"}
    by_request = data(call("POST", "/near-misses/request", {"url": "/orderz", "method": "GET"}))
    assert by_request["nearMisses"][0]["stubMapping"]["request"]["url"] == "/orders"


def test_unmatched_and_metadata_stub_queries(wm: WireMock, call: Call) -> None:
    used = wm.stub({"request": {"url": "/used"}, "metadata": {"team": "a"}})
    unused = wm.stub({"request": {"url": "/unused"}, "metadata": {"team": "b"}})
    serve(wm, "GET", "/used")
    assert [m["id"] for m in data(call("GET", "/mappings/unmatched"))["mappings"]] == [unused]
    found = data(
        call("POST", "/mappings/find-by-metadata", {"matchesJsonPath": "$[?(@.team == 'a')]"})
    )
    assert [m["id"] for m in found["mappings"]] == [used]
    call("POST", "/mappings/remove-by-metadata", {"matchesJsonPath": "$[?(@.team == 'a')]"})
    call("DELETE", "/mappings/unmatched")
    assert wm.stubs() == []


def test_import_all_or_nothing_with_policies(wm: WireMock, call: Call) -> None:
    keep = wm.stub({"id": "00000000-0000-4000-8000-000000000001", "request": {"url": "/old"}})
    bad = {"mappings": [{"request": {"url": "/new"}}, {"request": {"bogus": 1}}]}
    assert call("POST", "/mappings/import", bad).status == 422 and len(wm.stubs()) == 1
    same_id = {"id": keep, "request": {"url": "/replaced"}}
    ignore = {"mappings": [same_id], "importOptions": {"duplicatePolicy": "IGNORE"}}
    assert call("POST", "/mappings/import", ignore).status == 200
    assert wm.get_stub(keep).source["request"]["url"] == "/old"
    call("POST", "/mappings/import", {"mappings": [same_id, {"request": {"url": "/new"}}]})
    assert wm.get_stub(keep).source["request"]["url"] == "/replaced" and len(wm.stubs()) == 2
    call(
        "POST",
        "/mappings/import",
        {"mappings": [same_id], "importOptions": {"deleteAllNotInImport": True}},
    )
    assert [s.id for s in wm.stubs()] == [keep]


def test_mappings_folder_load_save_reset_and_persistence(tmp_path: Path) -> None:
    folder = tmp_path / "mappings"
    folder.mkdir()
    (folder / "one.json").write_text(
        json.dumps({"request": {"url": "/one"}, "response": {"body": "1"}})
    )
    many = {"mappings": [{"request": {"url": "/two"}}, {"request": {"url": "/three"}}]}
    (folder / "nested").mkdir()
    (folder / "nested" / "many.json").write_text(json.dumps(many))
    wm = WireMock(mappings_dir=folder)
    assert sorted(s.source["request"]["url"] for s in wm.stubs()) == ["/one", "/three", "/two"]
    added = wm.stub({"request": {"url": "/added"}})
    persistent = wm.stub({"persistent": True, "request": {"url": "/kept"}})
    assert (folder / f"{persistent}.json").is_file() and not (folder / f"{added}.json").exists()
    wm.remove_all_stubs()
    wm.reset()
    assert len(wm.stubs()) == 4  # the three files and the persistent stub; /added is gone
    wm.stub({"id": added, "request": {"url": "/added"}})
    wm.admin(RequestData(method="POST", path="/__admin/mappings/save"))
    saved = json.loads((folder / f"{added}.json").read_text())
    assert saved["request"] == {"url": "/added", "method": "ANY"}
    wm.remove_stub(persistent)
    assert not (folder / f"{persistent}.json").exists()
    assert WireMock(mappings_dir=folder).get_stub(added).id == added


def test_a_read_only_mappings_folder_is_read_and_never_written(tmp_path: Path) -> None:
    # A session's registry: the folder is the server's, shared by every session.
    folder = tmp_path / "mappings"
    folder.mkdir()
    shared = {"persistent": True, "request": {"url": "/shared"}, "response": {"body": "s"}}
    (folder / "shared.json").write_text(json.dumps(shared))
    before = sorted(p.name for p in folder.iterdir())
    wm = WireMock(mappings_dir=folder, folder_read_only=True)
    (loaded,) = wm.stubs()
    assert loaded.source["request"]["url"] == "/shared"
    added = wm.stub({"request": {"url": "/added"}})
    refused = wm.admin(RequestData(method="POST", path="/__admin/mappings/save"))
    assert refused.status == 409
    assert "--mappings" in json.loads(refused.body)["errors"][0]["title"]
    with pytest.raises(AdminError) as info:
        wm.stub({"persistent": True, "request": {"url": "/kept"}})
    assert info.value.status == 409 and "/~NAME/" in info.value.title
    with pytest.raises(AdminError):  # all or none: the good mapping is not stored either
        wm.import_stubs([{"request": {"url": "/ok"}}, {"persistent": True, "request": {}}])
    wm.remove_stub(loaded.id)  # gone from this registry only
    assert [s.id for s in wm.stubs()] == [added]
    assert sorted(p.name for p in folder.iterdir()) == before
    wm.reset()  # back to what the folder holds
    assert [s.source["request"]["url"] for s in wm.stubs()] == ["/shared"]


def test_a_broken_mappings_file_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_text('{"request": {"bogus": 1}}')
    with pytest.raises(InvalidMappingError, match=r"bad\.json"):
        WireMock(mappings_dir=tmp_path)


def test_reset_restores_loaded_stubs_and_clears_journal_and_scenarios(
    wm: WireMock, call: Call
) -> None:
    call("POST", "/mappings", FETCH_ORDER | {"requiredScenarioState": "Started"})
    serve(wm, "GET", "/v1/orders/o-1")
    assert call("POST", "/reset").status == 200
    assert (wm.stubs(), wm.events(), wm.scenarios()) == ([], [], [])


def test_health_and_version(call: Call, clock: ManualClock) -> None:
    clock.now += 42
    health = data(call("GET", "/health"))
    assert health == {
        "status": "healthy",
        "message": "Wiremock is ok",
        "version": "3.13.2",
        "uptimeInSeconds": 42,
        "timestamp": "2027-01-15T08:00:42Z",
    }
    assert data(call("GET", "/version")) == {"version": "3.13.2"}


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
_keys = st.sampled_from(
    ["request", "response", "url", "headers", "bodyPatterns", "equalTo", "priority", "id"]
)
_mappingish = st.dictionaries(_keys, _json, max_size=4)


@settings(max_examples=150, deadline=None)
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE"]),
    path=st.sampled_from(
        [
            "/mappings",
            "/mappings/import",
            "/requests/count",
            "/requests/find",
            "/near-misses/request",
            "/near-misses/request-pattern",
            "/scenarios/s/state",
            "/mappings/find-by-metadata",
        ]
    ),
    body=_mappingish | _json,
)
def test_admin_never_raises_nor_answers_5xx(method: str, path: str, body: Any) -> None:
    response = WireMock().admin(
        RequestData(method=method, path="/__admin" + path, body=json.dumps(body).encode())
    )
    assert response.status < 500


@pytest.mark.parametrize("part", ["request", "response"])
def test_a_null_request_or_response_is_the_default_one(part: str) -> None:
    # Found by the property above: {"response": null} answered 500 (TypeError).
    wm = WireMock()
    response = wm.admin(
        RequestData(method="POST", path="/__admin/mappings", body=json.dumps({part: None}).encode())
    )
    assert response.status == 201, response.body
    mapping = json.loads(response.body)
    assert mapping["response"]["status"] == 200
    assert mapping["request"]["method"] == "ANY"


def test_scenarios_list_in_wiremocks_hash_order(wm: WireMock) -> None:
    for name, required, new in [
        ("order", "Started", "paid"),
        ("z", "b", "a"),
        ("z", "Started", "c"),
    ]:
        wm.stub({"scenarioName": name, "requiredScenarioState": required, "newScenarioState": new})
    # What WireMock 3.13.2 answers for the same three stubs.
    assert [(s["name"], s["possibleStates"]) for s in wm.scenarios()] == [
        ("z", ["a", "b", "Started", "c"]),
        ("order", ["Started", "paid"]),
    ]


def test_concurrent_serving_and_stubbing_is_safe() -> None:
    wm = WireMock(journal_size=10_000)
    wm.stub(
        {"scenarioName": "s", "requiredScenarioState": "Started", "newScenarioState": "Started"}
    )

    def work(worker: int) -> None:
        for i in range(30):
            wm.stub({"request": {"url": f"/{worker}/{i}"}})
            serve(wm, "GET", f"/{worker}/{i}")
            wm.admin(RequestData(method="GET", path="/__admin/mappings"))

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(wm.stubs()) == 121
    assert all(event.stub is not None for event in wm.events()) and len(wm.events()) == 120


def test_a_lone_surrogate_mapping_is_refused_through_python_too(wm: WireMock) -> None:
    good = {"request": {"urlPath": "/g"}, "response": {"status": 200}}
    with pytest.raises(InvalidMappingError, match="surrogate"):
        wm.stub({**good, "name": "\ud800"})
    with pytest.raises(InvalidMappingError, match="surrogate"):
        wm.import_stubs([good, {**good, "name": "\ud800"}, good])
    assert wm.stubs() == []


def test_a_matcher_that_cannot_read_a_body_does_not_match(wm: WireMock) -> None:
    wm.stub(
        {
            "request": {
                "method": "POST",
                "urlPath": "/j",
                "bodyPatterns": [{"equalToJson": {"a": 1}}],
            },
            "response": {"status": 200},
        }
    )
    digits = RequestData(method="POST", path="/j", body=b"9" * 5000)
    assert wm.match(digits) is None  # int() refuses 5,000 digits: no match, no crash
