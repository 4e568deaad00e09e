"""Tests for mock_server.wiremock's matching: content patterns, request patterns, priority."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from mock_server.types import ConnectionFault, RequestData
from mock_server.wiremock import InvalidMappingError, RequestPattern, StubFault, WireMock
from mock_server.wiremock._jsonpath import JsonPath

MakeRequest = Callable[..., RequestData]


@pytest.fixture
def make_request() -> MakeRequest:
    """Return a builder of requests with sensible defaults."""

    def build(**fields: Any) -> RequestData:
        fields.setdefault("method", "GET")
        fields.setdefault("path", "/things")
        return RequestData(**fields)

    return build


def _matches(pattern: dict[str, Any], request: RequestData) -> bool:
    return RequestPattern.compile(pattern).matches(request)


@pytest.mark.parametrize(
    ("pattern", "path", "query", "expected"),
    [
        ({"url": "/things?a=1"}, "/things", {"a": ("1",)}, True),
        ({"url": "/things"}, "/things", {"a": ("1",)}, False),
        ({"urlPath": "/things"}, "/things", {"a": ("1",)}, True),
        ({"urlPattern": "/thi.*\\?a=\\d"}, "/things", {"a": ("1",)}, True),
        ({"urlPathPattern": "/th[a-z]+"}, "/things", {}, True),
        ({"urlPathPattern": "/th"}, "/things", {}, False),  # a full match, as in Java
        ({"urlPathTemplate": "/things/{id}"}, "/things/7", {}, True),
        ({"urlPathTemplate": "/things/{id}"}, "/things/7/x", {}, False),
        ({}, "/anything", {}, True),
    ],
)
def test_url_matchers(
    make_request: MakeRequest,
    pattern: dict[str, Any],
    path: str,
    query: dict[str, Any],
    expected: bool,
) -> None:
    assert _matches(pattern, make_request(path=path, query=query)) is expected


def test_path_parameters_test_template_variables(make_request: MakeRequest) -> None:
    pattern = {"urlPathTemplate": "/things/{id}", "pathParameters": {"id": {"matches": "\\d+"}}}
    assert _matches(pattern, make_request(path="/things/12"))
    assert not _matches(pattern, make_request(path="/things/ab"))


@pytest.mark.parametrize(
    ("spec", "value", "expected"),
    [
        ({"equalTo": "abc"}, "abc", True),
        ({"equalTo": "abc"}, "ABC", False),
        ({"equalTo": "abc", "caseInsensitive": True}, "ABC", True),
        ({"contains": "b"}, "abc", True),
        ({"doesNotContain": "b"}, "abc", False),
        ({"matches": "a.c"}, "abc", True),
        ({"matches": "a"}, "abc", False),
        ({"doesNotMatch": "x.*"}, "abc", True),
        ({"doesNotMatch": "a.*"}, "abc", False),
        ({"absent": True}, None, True),
        ({"absent": True}, "abc", False),
        ({"absent": False}, "abc", True),
        ({"equalTo": "abc"}, None, False),
        ({"doesNotMatch": "x"}, None, False),
        ({"and": [{"contains": "a"}, {"contains": "c"}]}, "abc", True),
        ({"or": [{"contains": "x"}, {"contains": "c"}]}, "abc", True),
        ({"not": {"contains": "x"}}, "abc", True),
    ],
)
def test_header_patterns(
    make_request: MakeRequest, spec: dict[str, Any], value: str | None, expected: bool
) -> None:
    headers = {} if value is None else {"x-thing": value}
    # Header names match case-insensitively: the pattern says X-Thing, the edge lower-cases.
    assert _matches({"headers": {"X-Thing": spec}}, make_request(headers=headers)) is expected


def test_query_parameter_matches_any_of_its_values(make_request: MakeRequest) -> None:
    request = make_request(query={"tag": ("a", "b")})
    assert _matches({"queryParameters": {"tag": {"equalTo": "b"}}}, request)
    assert not _matches({"queryParameters": {"tag": {"equalTo": "c"}}}, request)
    assert _matches({"queryParameters": {"other": {"absent": True}}}, request)


def test_method_any_and_exact(make_request: MakeRequest) -> None:
    assert _matches({"method": "ANY"}, make_request(method="DELETE"))
    assert _matches({"method": "POST"}, make_request(method="POST"))
    assert not _matches({"method": "POST"}, make_request(method="GET"))


def test_cookies_and_basic_auth(make_request: MakeRequest) -> None:
    request = make_request(headers={"cookie": "a=1; session=xyz", "authorization": "Basic dTpw"})
    assert _matches({"cookies": {"session": {"equalTo": "xyz"}}}, request)
    assert _matches({"basicAuthCredentials": {"username": "u", "password": "p"}}, request)
    assert not _matches({"basicAuthCredentials": {"username": "u", "password": "q"}}, request)


@pytest.mark.parametrize(
    ("spec", "body", "expected"),
    [
        ({"equalToJson": {"a": 1, "b": [1, 2]}}, '{"b": [1, 2], "a": 1.0}', True),
        ({"equalToJson": '{"a": 1}'}, '{"a": 1, "c": 2}', False),
        ({"equalToJson": {"a": 1}, "ignoreExtraElements": True}, '{"a": 1, "c": 2}', True),
        ({"equalToJson": {"b": [1, 2]}}, '{"b": [2, 1]}', False),
        ({"equalToJson": {"b": [1, 2]}, "ignoreArrayOrder": True}, '{"b": [2, 1]}', True),
        ({"equalToJson": {"a": True}}, '{"a": 1}', False),
        ({"equalToJson": {"a": 1}}, "not json", False),
        ({"matchesJsonPath": "$.items[0].id"}, '{"items": [{"id": 3}]}', True),
        ({"matchesJsonPath": "$.items[1]"}, '{"items": [{"id": 3}]}', False),
        ({"matchesJsonPath": "$.a"}, '{"a": null}', False),
        ({"matchesJsonPath": "$[?(@.kind == 'x')]"}, '{"kind": "x"}', True),
        ({"matchesJsonPath": "$.items[?(@.n > 2)]"}, '{"items": [{"n": 1}, {"n": 3}]}', True),
        ({"matchesJsonPath": "$.items[?(@.n > 5)]"}, '{"items": [{"n": 1}, {"n": 3}]}', False),
        ({"matchesJsonPath": "$..id"}, '{"a": {"b": {"id": 1}}}', True),
        ({"matchesJsonPath": {"expression": "$.name", "equalTo": "Ann"}}, '{"name": "Ann"}', True),
        ({"matchesJsonPath": {"expression": "$.name", "contains": "z"}}, '{"name": "Ann"}', False),
        ({"contains": "ell"}, "hello", True),
        ({"equalTo": "hello"}, "hello", True),
        ({"matches": "h.*o"}, "hello", True),
    ],
)
def test_body_patterns(
    make_request: MakeRequest, spec: dict[str, Any], body: str, expected: bool
) -> None:
    assert _matches({"bodyPatterns": [spec]}, make_request(body=body.encode())) is expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("$.a.b", [1]),
        ("$['a']['b']", [1]),
        ("$.list[*]", [1, 2, 3]),
        ("$.list[-1]", [3]),
        ("$.*", [{"b": 1}, [1, 2, 3]]),
        ("$..b", [1]),
    ],
)
def test_jsonpath_subset(expression: str, expected: list[Any]) -> None:
    assert (
        JsonPath.compile(expression, pointer="").find({"a": {"b": 1}, "list": [1, 2, 3]})
        == expected
    )


@pytest.mark.parametrize(
    "pattern",
    [
        {"headers": {"X": {"foo": "bar"}}},
        {"headers": {"X": {"matches": "("}}},
        # Java regex constructs RE2 cannot run in linear time are refused, not mis-run.
        {"urlPattern": "/(a)\\1"},
        {"headers": {"X": {"matches": "(?=x)x"}}},
        {"urlPathTemplate": "/things/{id}", "pathParameters": {"id": {"matches": "a*+"}}},
        {"bodyPatterns": [{"matchesJsonPath": "$.a[?(@.b =~ /x/)]"}]},
        {"bodyPatterns": [{"equalToXml": "<a/>"}]},
        {"multipartPatterns": []},
        {"method": 3},
        "not an object",
    ],
)
def test_invalid_patterns_are_refused(pattern: Any) -> None:
    with pytest.raises(InvalidMappingError):
        RequestPattern.compile(pattern)


def test_lower_priority_number_wins_then_newest(make_request: MakeRequest) -> None:
    wm = WireMock()
    low = wm.stub({"priority": 1, "request": {"urlPath": "/things"}, "response": {"status": 201}})
    wm.stub({"request": {"urlPath": "/things"}, "response": {"status": 202}})
    newest = wm.stub({"request": {"urlPath": "/things"}, "response": {"status": 203}})
    match = wm.match(make_request())
    assert match is not None and match.stub_id == low
    wm.remove_stub(low)
    match = wm.match(make_request())
    assert match is not None and match.stub_id == newest and match.response.status == 203


def test_update_keeps_the_stubs_place(make_request: MakeRequest) -> None:
    wm = WireMock()
    first = wm.stub({"request": {"urlPath": "/things"}, "response": {"status": 201}})
    wm.stub({"request": {"urlPath": "/things"}, "response": {"status": 202}})
    wm.update_stub(first, {"request": {"urlPath": "/things"}, "response": {"status": 299}})
    match = wm.match(make_request())
    assert match is not None and match.response.status == 202


def test_match_result_carries_response_delay_fault_and_validate_flag(
    make_request: MakeRequest,
) -> None:
    wm = WireMock()
    stub_id = wm.stub(
        {
            "request": {"urlPath": "/things"},
            "response": {
                "status": 503,
                "statusMessage": "Busy",
                "headers": {"Retry-After": "1"},
                "jsonBody": {"ok": False},
                "fixedDelayMilliseconds": 250,
                "fault": "EMPTY_RESPONSE",
            },
            "metadata": {"mock-server": {"validate": False}},
        }
    )
    match = wm.match(make_request())
    assert match is not None
    assert (match.status_message, match.delay_ms, match.fault, match.validate) == (
        "Busy",
        250,
        StubFault.EMPTY_RESPONSE,
        False,
    )
    assert match.response.body == b'{"ok":false}'
    assert match.response.headers == {"Retry-After": "1", "Matched-Stub-Id": stub_id}
    assert match.response.connection_fault is ConnectionFault.EMPTY
    assert match.response.drop_connection  # the in-process transport's name for it


@pytest.mark.parametrize(
    ("fault", "kind"),
    [
        (StubFault.CONNECTION_RESET_BY_PEER, ConnectionFault.RESET),
        (StubFault.EMPTY_RESPONSE, ConnectionFault.EMPTY),
        (StubFault.MALFORMED_RESPONSE_CHUNK, ConnectionFault.MALFORMED_CHUNK),
        (StubFault.RANDOM_DATA_THEN_CLOSE, ConnectionFault.RANDOM_THEN_CLOSE),
    ],
)
def test_each_wiremock_fault_names_its_connection_fault(
    make_request: MakeRequest, fault: StubFault, kind: ConnectionFault
) -> None:
    wm = WireMock()
    wm.stub({"request": {"method": "ANY"}, "response": {"fault": fault.value}})
    match = wm.match(make_request())
    assert match is not None
    assert match.response.connection_fault is kind


def test_base64_body_and_default_validation(make_request: MakeRequest) -> None:
    wm = WireMock()
    wm.stub({"request": {}, "response": {"base64Body": "aGk="}})
    match = wm.match(make_request())
    assert (
        match is not None
        and match.response.body == b"hi"
        and match.validate
        and match.fault is None
    )


def test_body_file_name_reads_the_files_folder(tmp_path: Any, make_request: MakeRequest) -> None:
    (tmp_path / "__files").mkdir()
    (tmp_path / "__files" / "thing.json").write_text('{"id": 1}')
    wm = WireMock(mappings_dir=tmp_path / "mappings")
    wm.stub({"request": {"url": "/a"}, "response": {"bodyFileName": "thing.json"}})
    wm.stub({"request": {"url": "/b"}, "response": {"bodyFileName": "../escape.json"}})
    found = wm.match(make_request(path="/a"))
    missing = wm.match(make_request(path="/b"))
    assert found is not None and found.response.body == b'{"id": 1}'
    assert missing is not None and missing.response.status == 500


def test_distance_ranks_closer_urls_nearer(make_request: MakeRequest) -> None:
    pattern = RequestPattern.compile({"method": "GET", "url": "/users"})
    assert pattern.distance(make_request(path="/users")) == 0.0
    assert (
        0
        < pattern.distance(make_request(path="/user"))
        < pattern.distance(make_request(path="/orders"))
    )
    assert pattern.distance(make_request(path="/user", method="POST")) > pattern.distance(
        make_request(path="/user")
    )
