"""Tests for mock_server.wiremock's bounds: stub input refused, matching that cannot blow up.

Pathological cases assert on results and on work counters (``Budget.spent``), never on
time: the bounds are counted in steps, so a slow machine gives the same answers.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mock_server.types import RequestData, ResponseData
from mock_server.wiremock import (
    InvalidMappingError,
    RequestPattern,
    StubMapping,
    WireMock,
    _edit_distance,
    _patterns,
)
from mock_server.wiremock._budget import Budget
from mock_server.wiremock._edit_distance import MAX_EDIT_WORDS, edit_distance
from mock_server.wiremock._journal import ServeEvent
from mock_server.wiremock._jsoneq import MAX_JSON_COMPARISONS, json_equal
from mock_server.wiremock._jsonpath import MAX_JSONPATH_NODES, JsonPath
from mock_server.wiremock._limits import (
    MAX_BODY_BYTES,
    MAX_DELAY_MS,
    MAX_DEPTH,
    MAX_HEADER_BYTES,
    MAX_HEADERS,
    MAX_MAPPING_BYTES,
    MAX_PATTERNS,
)
from mock_server.wiremock._near_misses import nearest_stubs, request_from_logged
from mock_server.wiremock._patterns import compile_pattern
from mock_server.wiremock._regex import Regex, compile_regex, unsupported_construct
from mock_server.wiremock._wire import error_response, json_response, parse_json, pretty

MIB = 1024 * 1024


def _mapping(**response: Any) -> dict[str, Any]:
    return {"request": {"urlPath": "/x"}, "response": response}


def _nested(depth: int, leaf: Any = 1) -> Any:
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def _refusal(mapping: Any) -> InvalidMappingError:
    with pytest.raises(InvalidMappingError) as caught:
        StubMapping.compile(mapping)
    return caught.value


# -- refused input ------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [0, 99, 600, 1000, "200", True, 1e3, 200.0, None, -1])
def test_a_status_outside_100_to_599_or_not_an_integer_is_refused(status: Any) -> None:
    error = _refusal(_mapping(status=status))
    assert error.pointer == "/response/status"
    assert "100 to 599" in error.detail


@pytest.mark.parametrize("status", [100, 200, 599])
def test_statuses_at_the_bounds_are_kept(status: int) -> None:
    assert StubMapping.compile(_mapping(status=status)).response.status == status


@pytest.mark.parametrize(
    ("delay", "pointer"),
    [
        (MAX_DELAY_MS + 1, "/response/fixedDelayMilliseconds"),
        (10**14, "/response/fixedDelayMilliseconds"),
        (1e14, "/response/fixedDelayMilliseconds"),
        (-1, "/response/fixedDelayMilliseconds"),
        (math.nan, "/response/fixedDelayMilliseconds"),
        (math.inf, "/response/fixedDelayMilliseconds"),
        (2.5, "/response/fixedDelayMilliseconds"),
    ],
)
def test_a_delay_past_the_cap_or_not_a_whole_number_is_refused(delay: Any, pointer: str) -> None:
    assert _refusal(_mapping(fixedDelayMilliseconds=delay)).pointer == pointer


def test_a_delay_at_the_cap_is_kept() -> None:
    stub = StubMapping.compile(_mapping(fixedDelayMilliseconds=MAX_DELAY_MS))
    assert stub.response.delay_ms == MAX_DELAY_MS


@pytest.mark.parametrize(
    "key",
    ["delayDistribution", "chunkedDribbleDelay"],
)
def test_random_and_dribbled_delays_are_refused_as_unsupported(key: str) -> None:
    delay = {"type": "lognormal", "median": 1e14, "sigma": 0.1}
    error = _refusal(_mapping(**{key: delay}))
    assert error.pointer == f"/response/{key}"
    assert "unsupported" in error.detail


@pytest.mark.parametrize(
    ("response", "pointer"),
    [
        ({"body": "x" * (MAX_BODY_BYTES + 1)}, "/response/body"),
        ({"body": "é" * (MAX_BODY_BYTES // 2 + 1)}, "/response/body"),  # bytes, not chars
        ({"jsonBody": ["x" * 1000] * (MAX_BODY_BYTES // 1000 + 1)}, "/response/jsonBody"),
        ({"base64Body": "QUFB" * (MAX_BODY_BYTES // 3 + 1)}, "/response/base64Body"),
        ({"base64Body": "not base64!"}, "/response/base64Body"),
        ({"base64Body": 12}, "/response/base64Body"),
        ({"headers": {f"X-{i}": "v" for i in range(MAX_HEADERS + 1)}}, "/response/headers"),
        ({"headers": {"X-Big": "v" * MAX_HEADER_BYTES}}, "/response/headers/X-Big"),
        ({"headers": {"X-Split": "a\r\nSet-Cookie: x=1"}}, "/response/headers/X-Split"),
        ({"headers": {"X-Nul": "a\0b"}}, "/response/headers/X-Nul"),
        ({"headers": {"X-Wide": "snow ☃"}}, "/response/headers/X-Wide"),
        ({"headers": {"Bad Name": "v"}}, "/response/headers/Bad Name"),
        ({"headers": {"": "v"}}, "/response/headers/"),
        ({"headers": {"X-Obj": {"a": 1}}}, "/response/headers/X-Obj"),
        ({"headers": {"X-None": None}}, "/response/headers/X-None"),
        ({"statusMessage": "OK\r\nX: y"}, "/response/statusMessage"),
        ({"bodyFileName": "a\0b"}, "/response/bodyFileName"),
        ({"fault": ["EMPTY_RESPONSE"]}, "/response/fault"),
    ],
)
def test_oversized_or_unsendable_responses_are_refused(
    response: dict[str, Any], pointer: str
) -> None:
    assert _refusal(_mapping(**response)).pointer == pointer


def test_framing_headers_are_kept_in_the_mapping_but_not_sent() -> None:
    stub = StubMapping.compile(
        _mapping(body="hi", headers={"Content-Length": "99", "Transfer-Encoding": "chunked"})
    )
    assert stub.response.headers == {}
    assert stub.source["response"]["headers"] == {
        "Content-Length": "99",
        "Transfer-Encoding": "chunked",
    }


def test_header_lists_and_numbers_are_sent_as_text() -> None:
    stub = StubMapping.compile(_mapping(headers={"Vary": ["Accept", "Origin"], "Retry-After": 3}))
    assert stub.response.headers == {"Vary": "Accept, Origin", "Retry-After": "3"}


def test_a_body_at_the_limit_is_kept() -> None:
    stub = StubMapping.compile(_mapping(body="x" * MAX_BODY_BYTES))
    assert stub.response.body is not None and len(stub.response.body) == MAX_BODY_BYTES


def test_a_mapping_past_the_total_size_is_refused() -> None:
    mapping = {**_mapping(), "metadata": {"blob": "x" * MAX_MAPPING_BYTES}}
    assert "larger than" in _refusal(mapping).detail


@pytest.mark.parametrize(
    ("mapping", "pointer"),
    [
        (_mapping(jsonBody=_nested(MAX_DEPTH)), "/response/jsonBody"),
        (_mapping(jsonBody=_nested(50_000)), "/response/jsonBody"),
        ({**_mapping(), "metadata": {"deep": _nested(MAX_DEPTH)}}, "/metadata/deep"),
        (
            {"request": {"bodyPatterns": [{"equalToJson": _nested(MAX_DEPTH)}]}, "response": {}},
            "/request/bodyPatterns/0/equalToJson",
        ),
        (
            {"request": {"bodyPatterns": [{"equalToJson": "[" * 5000 + "]" * 5000}]}},
            "/request/bodyPatterns/0",
        ),
        (
            {"request": {"bodyPatterns": [{"equalToJson": json.dumps(_nested(MAX_DEPTH))}]}},
            "/request/bodyPatterns/0/equalToJson",
        ),
    ],
)
def test_deep_nesting_is_refused_without_recursion(mapping: Any, pointer: str) -> None:
    assert _refusal(mapping).pointer.startswith(pointer)


def test_nesting_within_the_limit_is_kept() -> None:
    stub = StubMapping.compile(_mapping(jsonBody=_nested(MAX_DEPTH - 4)))
    assert stub.response.body == ("[" * (MAX_DEPTH - 4) + "1" + "]" * (MAX_DEPTH - 4)).encode()


@pytest.mark.parametrize(
    ("mapping", "pointer"),
    [
        ({"name": "\ud800", "request": {}, "response": {}}, "/name"),
        ({"request": {"url": "/a\udfff"}, "response": {}}, "/request/url"),
        ({"request": {"headers": {"X": {"equalTo": "\ud800"}}}}, "/request/headers/X/equalTo"),
        ({"request": {"headers": {"\ud800": {"absent": True}}}}, "/request/headers/\\ud800"),
        (_mapping(headers={"X-A": "\ud800"}), "/response/headers/X-A"),
        (_mapping(body="ok \ud800"), "/response/body"),
        (_mapping(jsonBody={"k": ["\udc80"]}), "/response/jsonBody/k/0"),
        (
            {"request": {"bodyPatterns": [{"equalToJson": '{"a": "\\ud800"}'}]}},
            "/request/bodyPatterns/0/equalToJson/a",
        ),
    ],
)
def test_lone_surrogates_are_refused_where_they_are(mapping: Any, pointer: str) -> None:
    error = _refusal(mapping)
    assert error.pointer == pointer
    assert "surrogate" in error.detail
    # The refusal itself must render: it is the 422 the admin API answers.
    assert error_response(error).status == 422


@pytest.mark.parametrize(
    ("mapping", "pointer"),
    [
        (_mapping(jsonBody={"n": math.nan}), "/response/jsonBody/n"),
        (_mapping(jsonBody={"n": -math.inf}), "/response/jsonBody/n"),
        (_mapping(jsonBody={"n": 10**1000}), "/response/jsonBody/n"),
        (_mapping(jsonBody={"n": b"bytes"}), "/response/jsonBody/n"),
        (_mapping(jsonBody={"n": {1, 2}}), "/response/jsonBody/n"),
        (_mapping(jsonBody={1: "int key"}), "/response/jsonBody"),
        ({"priority": 2**31, "request": {}, "response": {}}, "/priority"),
        ({"persistent": "yes", "request": {}, "response": {}}, "/persistent"),
        ({"name": 3, "request": {}, "response": {}}, "/name"),
    ],
)
def test_values_json_cannot_hold_or_java_cannot_read_are_refused(
    mapping: Any, pointer: str
) -> None:
    assert _refusal(mapping).pointer == pointer


@pytest.mark.parametrize(
    ("regex", "construct"),
    [
        ("(a)\\1", "backreference"),
        ("(?<n>a)\\k<n>", "backreference"),
        ("(?=a)a", "lookahead"),
        ("(?!a)b", "negative lookahead"),
        ("(?<=a)b", "lookbehind"),
        ("(?<!a)b", "negative lookbehind"),
        ("(?>a+)b", "atomic group"),
        ("a*+b", "possessive quantifier"),
        ("a++b", "possessive quantifier"),
        ("a{2,3}+b", "possessive quantifier"),
        ("\\d++", "possessive quantifier"),
        ("[a-z&&[^aeiou]]", "intersection"),
        ("[a-d[m-p]]", "nested character class"),
        ("a\\Z", "\\Z"),
        ("\\Ga", "\\G"),
        ("a\\R", "\\R"),
        ("a\\h", "\\h"),
    ],
)
def test_a_regex_re2_cannot_run_is_refused_naming_the_construct(regex: str, construct: str) -> None:
    error = _refusal({"request": {"urlPathPattern": regex}, "response": {}})
    assert error.pointer == "/request/urlPathPattern"
    assert construct in error.detail
    assert "RE2" in error.detail


@pytest.mark.parametrize(
    "regex",
    [
        "/a}+",  # a literal brace, repeated: not possessive
        "[]a]+",  # a leading ] is a literal in a class
        "[^]a]+",
        "[[:alpha:]]+",
        "\\Q(a)\\1\\E",  # quoted: no backreference
        "[\\[]+",  # an escaped bracket inside a class
        "(?<name>a)(?:b)(?i)c",
        "a{2}b{1,}c{1,3}?",
        "\\p{L}+\\d\\w\\s\\b",
    ],
)
def test_regexes_within_re2_and_java_are_accepted(regex: str) -> None:
    assert unsupported_construct(regex) is None
    assert isinstance(compile_regex(regex, pointer=""), Regex)


@pytest.mark.parametrize(
    "regex",
    ["(", "a{1001}", "(?x) a", "\\p{javaLowerCase}", "x" * 10_001, "(((a{100}){100}){100})"],
)
def test_malformed_or_oversized_regexes_are_refused_at_compile(regex: str) -> None:
    error = _refusal({"request": {"headers": {"X": {"matches": regex}}}, "response": {}})
    assert error.pointer == "/request/headers/X"


def test_too_many_content_patterns_are_refused() -> None:
    headers = {f"X-{i}": {"contains": "a"} for i in range(MAX_PATTERNS // 2)}
    bodies = [{"or": [{"contains": "a"}, {"contains": "b"}]}] * (MAX_PATTERNS // 4)
    error = _refusal({"request": {"headers": headers, "bodyPatterns": bodies}, "response": {}})
    assert str(MAX_PATTERNS) in error.detail


def test_a_jsonpath_too_long_or_with_a_container_literal_is_refused() -> None:
    for expression in ["$" + ".a" * 600, "$.a[?(@.b == [1])]"]:
        pattern = {"bodyPatterns": [{"matchesJsonPath": expression}]}
        with pytest.raises(InvalidMappingError):
            RequestPattern.compile(pattern)


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 100_000,
        b"1" * 5000,
        b'{"a": NaN}',
        b'{"a": 1e999999}'.replace(b"1e999999", b"9" * 5000),
        b"\xff\xfe",
    ],
)
def test_parse_json_refuses_what_python_cannot_decode_with_a_422(body: bytes) -> None:
    with pytest.raises(InvalidMappingError) as caught:
        parse_json(body)
    assert error_response(caught.value).status == 422


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        ("[" * 100_000, "nests too deeply"),
        ('{"request": {}, "response": {"jsonBody": ' + "1" * 5000 + "}}", "digits"),
        ('{"request": {}, "response": {"status": 0}}', "100 to 599"),
    ],
)
def test_a_bad_mappings_file_fails_construction_naming_the_file(
    tmp_path: Any, content: str, detail: str
) -> None:
    (tmp_path / "mappings").mkdir()
    (tmp_path / "mappings" / "bad.json").write_text(content)
    with pytest.raises(InvalidMappingError) as caught:
        WireMock(mappings_dir=tmp_path / "mappings")
    assert "bad.json" in caught.value.pointer and detail in caught.value.detail


def test_compile_neither_changes_nor_keeps_the_callers_objects() -> None:
    mapping = _mapping(jsonBody={"a": [1, 2]}, headers={"X-A": "1"})
    before = json.dumps(mapping)
    stub = StubMapping.compile(mapping)
    assert json.dumps(mapping) == before
    mapping["response"]["jsonBody"]["a"].append(3)
    mapping["response"]["headers"]["X-B"] = "2"
    assert stub.source["response"]["jsonBody"] == {"a": [1, 2]}
    assert stub.source["response"]["headers"] == {"X-A": "1"}


def test_a_refused_stub_is_not_stored_and_an_import_is_all_or_nothing() -> None:
    wm = WireMock()
    with pytest.raises(InvalidMappingError):
        wm.stub({"name": "\ud800", "request": {}, "response": {}})
    good = {"request": {"urlPath": "/good"}, "response": {}}
    with pytest.raises(InvalidMappingError):
        wm.import_stubs([good, _mapping(jsonBody=_nested(10_000)), good])
    with pytest.raises(InvalidMappingError):
        wm.import_stubs([good, _mapping(status=0)])
    assert wm.stubs() == []


def test_the_admin_api_answers_422_to_hostile_mappings_and_keeps_serving() -> None:
    wm = WireMock()

    def post(body: bytes) -> int:
        return wm.admin(RequestData(method="POST", path="/__admin/mappings", body=body)).status

    assert post(b"[" * 100_000) == 422
    assert post(b'{"name": "\\ud800", "request": {}, "response": {}}') == 422
    assert post(b'{"request": {}, "response": {"status": 0}}') == 422
    assert post(b'{"request": {}, "response": {"fixedDelayMilliseconds": 1e14}}') == 422
    listed = wm.admin(RequestData(method="GET", path="/__admin/mappings"))
    assert listed.status == 200 and json.loads(listed.body)["mappings"] == []


def test_json_response_escapes_a_lone_surrogate_instead_of_failing() -> None:
    response = json_response({"url": "/a\ud800", "name": "café"})
    assert json.loads(response.body) == {"url": "/a\ud800", "name": "café"}


# -- matching that cannot blow up -------------------------------------------------------------


def test_nested_quantifiers_run_on_re2_and_match_as_java_would() -> None:
    pattern = RequestPattern.compile({"urlPathPattern": "/(a+)+b"})
    assert not pattern.matches(RequestData(method="GET", path="/" + "a" * 26))
    assert pattern.matches(RequestData(method="GET", path="/aaab"))
    regex = compile_regex("/(a+)+b", pointer="")
    assert type(regex._compiled).__module__.startswith("re2")


def test_regexes_match_in_full_with_dot_matching_newlines() -> None:
    regex = compile_regex("a.c", pointer="")
    assert regex.fullmatch("a\nc")
    assert not regex.fullmatch("xa\ncx")
    assert regex.fullmatch("a\ud800c")  # a lone surrogate in a request value: no raise


def test_a_template_with_adjacent_variables_runs_on_re2() -> None:
    pattern = RequestPattern.compile(
        {
            "urlPathTemplate": "/t/{a}{b}{c}{d}{e}{f}/x",
            "pathParameters": {"f": {"equalTo": "z"}},
        }
    )
    assert not pattern.matches(RequestData(method="GET", path="/t/" + "y" * 5000 + "/q"))
    assert pattern.matches(RequestData(method="GET", path="/t/abcdez/x"))


@pytest.mark.parametrize("body", ["[" * 200 + "]" * 200, "[" * 300 + "]" * 300])
def test_a_deep_scan_over_a_deep_body_stops_at_its_budget(body: str) -> None:
    path = JsonPath.compile("$..*..*..*", pointer="")
    budget = Budget(MAX_JSONPATH_NODES)
    assert path.find(json.loads(body), budget=budget) is None
    assert budget.spent == MAX_JSONPATH_NODES + 1  # it stopped at the first step over
    matcher = compile_pattern({"matchesJsonPath": "$..*..*..*"}, pointer="")
    assert matcher(body) == 1.0


def test_a_deep_scan_within_budget_still_finds_deep_values() -> None:
    document: Any = {"id": 7}
    for _ in range(900):  # deeper than Python's recursion limit would allow a recursive walk
        document = {"a": document}
    budget = Budget(MAX_JSONPATH_NODES)
    assert JsonPath.compile("$..id", pointer="").find(document, budget=budget) == [7]
    assert budget.spent <= 2 * 901


@pytest.mark.parametrize(
    "body",
    [b"1" * 5000, b'{"a": ' + b"9" * 5000 + b"}", b"[" * 100_000, b"\xff", b"", b'{"a": NaN}'],
)
def test_body_matchers_never_raise_on_hostile_bodies(body: bytes) -> None:
    pattern = RequestPattern.compile(
        {
            "bodyPatterns": [
                {"or": [{"equalToJson": {"a": 1}}, {"matchesJsonPath": "$.a"}]},
                {"or": [{"matches": ".*"}, {"equalTo": "x"}]},
            ]
        }
    )
    request = RequestData(method="POST", path="/v3/orders/", body=body)
    matched = pattern.matches(request)
    assert matched is (body == b'{"a": NaN}')  # Python reads NaN; $.a then selects it
    assert 0.0 <= pattern.distance(request) <= 1.0


def test_a_keyless_post_of_5000_digits_finds_no_stub_instead_of_raising() -> None:
    wm = WireMock()
    wm.stub({"request": {"method": "POST", "bodyPatterns": [{"equalToJson": {"a": 1}}]}})
    assert wm.match(RequestData(method="POST", path="/v3/orders/", body=b"1" * 5000)) is None


def test_a_body_is_parsed_once_however_many_stubs_read_it_as_json(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wm = WireMock()
    for i in range(50):
        wm.stub(
            {"request": {"bodyPatterns": [{"equalToJson": {"i": i}}, {"matchesJsonPath": "$.x"}]}}
        )
    _patterns._load.cache_clear()  # a body an earlier test left in the one-slot cache
    parses: list[str] = []
    loads = json.loads

    def counting(text: str, **options: Any) -> Any:
        parses.append(text)
        return loads(text, **options)

    monkeypatch.setattr(json, "loads", counting)
    assert wm.match(RequestData(method="POST", path="/", body=b'{"i": 99, "x": 1}')) is None
    assert parses == ['{"i": 99, "x": 1}']


def test_order_free_json_comparison_stops_at_its_budget() -> None:
    expected = [[i, i + 1] for i in range(400)]
    # Equal as multisets, but each element sits where the search finds it last.
    actual = [*[[i + 1, i] for i in range(400)][::-1], [-1, -1]]
    budget = Budget(MAX_JSON_COMPARISONS)
    same = json_equal(expected, actual, ignore_array_order=True, ignore_extra=True, budget=budget)
    assert same is False and budget.spent == MAX_JSON_COMPARISONS + 1
    small = json_equal([[1, 2], [3]], [[3], [2, 1]], ignore_array_order=True, ignore_extra=False)
    assert small is True


def test_edit_distance_is_exact_when_small_and_bounded_when_long() -> None:
    assert edit_distance("kitten", "sitting") == 3
    budget = Budget(MAX_EDIT_WORDS)
    long_a, long_b = "x" * 200_000 + "a" * 3000, "x" * 200_000 + "b" * 3000
    assert edit_distance(long_a, long_b, budget=budget) == 3000  # the upper bound
    assert budget.spent == 0  # past the limits nothing is stepped through
    budget = Budget(MAX_EDIT_WORDS)
    assert edit_distance("/v3/" + "q" * 500 + "/a", "/v3/" + "q" * 500 + "/bc", budget=budget) == 2
    assert 0 < budget.spent <= MAX_EDIT_WORDS


@settings(max_examples=300, deadline=None)
@given(st.text("abc", max_size=40), st.text("abc", max_size=40))
def test_edit_distance_agrees_with_the_textbook_table(a: str, b: str) -> None:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        current = [i]
        for j, y in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    assert edit_distance(a, b) == previous[-1]


def test_near_misses_over_long_unmatched_urls_do_bounded_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spent = Budget(limit=2**62)
    counted: Callable[..., int] = edit_distance

    def counting(a: str, b: str, *, budget: Budget | None = None) -> int:
        return counted(a, b, budget=spent)

    monkeypatch.setattr(_edit_distance, "edit_distance", counting)
    wm = WireMock()
    for i in range(10):
        wm.stub({"request": {"method": "GET", "url": f"/v3/orders/{'x' * 400}{i}"}})
    stubs = wm.stubs()
    events = [
        ServeEvent(
            id=str(i),
            request=RequestData(method="GET", path=f"/v3/orders/{'x' * 400}{i}/{'y' * 4000}"),
            response=ResponseData(status=404),
            logged_at=0.0,
            stub=None,
        )
        for i in range(60)
    ]
    misses = [nearest_stubs(event, stubs) for event in events]
    assert spent.spent <= 60 * len(stubs) * MAX_EDIT_WORDS
    # The nearest stub is still the one sharing the longest prefix.
    assert misses[3][0]["stubMapping"]["request"]["url"].endswith("x3")


def test_a_logged_request_for_near_misses_is_checked_like_a_mapping() -> None:
    with pytest.raises(InvalidMappingError):
        request_from_logged({"url": "/a", "headers": {"x": _nested(MAX_DEPTH)}})
    request = request_from_logged({"url": "/a?b=1", "headers": {"X": "y"}, "body": "z"})
    assert (request.path, dict(request.query), request.body) == ("/a", {"b": ("1",)}, b"z")


def test_a_query_value_with_a_lone_surrogate_does_not_break_url_matching() -> None:
    pattern = RequestPattern.compile({"urlPattern": "/a\\?q=.*"})
    request = RequestData(method="GET", path="/a", query={"q": ("\ud800",)})
    assert pattern.matches(request)
    assert not RequestPattern.compile({"url": "/a?q=x"}).matches(request)


def test_a_body_file_with_an_unusable_name_answers_500_not_an_exception(tmp_path: Any) -> None:
    wm = WireMock(mappings_dir=tmp_path / "mappings")
    wm.stub({"request": {"url": "/f"}, "response": {"bodyFileName": "x" * 4000}})
    match = wm.match(RequestData(method="GET", path="/f"))
    assert match is not None and match.response.status == 500


# -- properties -------------------------------------------------------------------------------

_ODD_STRINGS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["\ud800", "a\udfff", "\x00", "\r\n", "(a+)+b", "(a)\\1", "[", "$..*", "é"]),
    st.text(st.characters(categories=["Cs", "Cc", "Zl"]), max_size=4),
)
_ODD_NUMBERS = st.one_of(
    st.integers(),
    st.sampled_from([0, 99, 100, 599, 600, 10**14, -(2**63), 10**1200, 2**31]),
    st.floats(allow_nan=True, allow_infinity=True),
)
_SCALARS = st.one_of(st.none(), st.booleans(), _ODD_NUMBERS, _ODD_STRINGS)
_JSONISH = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(_ODD_STRINGS, inner, max_size=4)
    ),
    max_leaves=20,
)
_OPERATORS = [
    "equalTo",
    "contains",
    "doesNotContain",
    "matches",
    "doesNotMatch",
    "absent",
    "anything",
    "equalToJson",
    "matchesJsonPath",
]
_PATTERN = st.recursive(
    st.builds(lambda op, value: {op: value}, st.sampled_from(_OPERATORS), _SCALARS | _JSONISH),
    lambda inner: st.one_of(
        st.builds(lambda parts: {"or": parts}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda parts: {"and": parts}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda part: {"not": part}, inner),
    ),
    max_leaves=6,
)
_REQUEST_PATTERN = st.fixed_dictionaries(
    {},
    optional={
        "urlPattern": _ODD_STRINGS,
        "urlPath": _ODD_STRINGS,
        "urlPathTemplate": st.sampled_from(["/a/{x}", "/{x}{y}", "/{x}/b"]),
        "method": st.sampled_from(["GET", "POST", "ANY"]) | _SCALARS,
        "headers": st.dictionaries(_ODD_STRINGS, _PATTERN, max_size=3),
        "queryParameters": st.dictionaries(_ODD_STRINGS, _PATTERN, max_size=3),
        "cookies": st.dictionaries(_ODD_STRINGS, _PATTERN, max_size=2),
        "bodyPatterns": st.lists(_PATTERN, max_size=3),
        "basicAuthCredentials": _JSONISH,
    },
)
_RESPONSE = st.fixed_dictionaries(
    {},
    optional={
        "status": _ODD_NUMBERS | _SCALARS,
        "statusMessage": _ODD_STRINGS,
        "headers": st.dictionaries(_ODD_STRINGS, _SCALARS | _JSONISH, max_size=3),
        "body": _ODD_STRINGS | _JSONISH,
        "jsonBody": _JSONISH | st.builds(_nested, st.integers(0, 3 * MAX_DEPTH)),
        "base64Body": _ODD_STRINGS,
        "fixedDelayMilliseconds": _ODD_NUMBERS | _SCALARS,
        "fault": _ODD_STRINGS,
    },
)
_TAME_PATTERN = st.one_of(
    st.builds(lambda value: {"matches": value}, st.sampled_from([".*", "/(a+)+b", "[a-z]+", "é?"])),
    st.builds(lambda value: {"equalTo": value}, st.text(max_size=8)),
    st.builds(lambda value: {"equalToJson": value}, _JSONISH),
    st.builds(
        lambda value: {"matchesJsonPath": value},
        st.sampled_from(["$.a", "$..*..*", "$[?(@.a > 1)]", "$.a[-1]", "$['b'][*]"]),
    ),
)
_TAME_MAPPINGS = st.fixed_dictionaries(
    {
        "request": st.fixed_dictionaries(
            {},
            optional={
                "urlPathPattern": st.sampled_from(["/.*", "/(a+)+b", "/[^/]+"]),
                "url": st.text(max_size=8).map(lambda url: "/" + url),
                "headers": st.dictionaries(st.sampled_from(["X-A", "Cookie"]), _TAME_PATTERN),
                "queryParameters": st.dictionaries(st.sampled_from(["q", ""]), _TAME_PATTERN),
                "bodyPatterns": st.lists(_TAME_PATTERN, max_size=3),
            },
        ),
        "response": st.fixed_dictionaries(
            {"status": st.integers(100, 599)}, optional={"jsonBody": _JSONISH}
        ),
    }
)
_MAPPINGS = st.one_of(
    _JSONISH,
    _TAME_MAPPINGS,
    st.fixed_dictionaries(
        {"request": _REQUEST_PATTERN, "response": _RESPONSE},
        optional={
            "name": _SCALARS,
            "priority": _ODD_NUMBERS | _SCALARS,
            "scenarioName": _SCALARS,
            "metadata": _JSONISH,
            "persistent": _SCALARS,
        },
    ),
)
_REQUESTS = st.builds(
    RequestData,
    method=st.sampled_from(["GET", "POST"]) | _ODD_STRINGS,
    path=_ODD_STRINGS.map(lambda path: "/" + path),
    query=st.dictionaries(_ODD_STRINGS, st.lists(_ODD_STRINGS, max_size=2).map(tuple), max_size=3),
    headers=st.dictionaries(_ODD_STRINGS, _ODD_STRINGS, max_size=3),
    body=st.one_of(
        st.binary(max_size=64),
        _JSONISH.map(lambda value: json.dumps(value).encode("utf-8", "surrogatepass")),
        st.sampled_from([b"1" * 5000, b"[" * 3000, b'{"a": 1}']),
    ),
)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mapping=_MAPPINGS, requests=st.lists(_REQUESTS, max_size=3))
def test_any_mapping_compiles_or_is_refused_and_a_stub_never_raises(
    mapping: Any, requests: list[RequestData]
) -> None:
    try:
        stub = StubMapping.compile(mapping)
    except InvalidMappingError as error:
        assert error_response(error).status == 422  # the refusal renders
        return
    # What is stored always serialises again, as strict JSON and as WireMock's pretty JSON.
    json.dumps(stub.source, allow_nan=False).encode()
    pretty(stub.source).encode()
    assert 100 <= stub.response.status <= 599
    assert 0 <= stub.response.delay_ms <= MAX_DELAY_MS
    for request in requests:
        assert stub.matches(request, scenario_state=None) in (True, False)
        assert 0.0 <= stub.request.distance(request) <= 1.0
