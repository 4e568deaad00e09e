"""JSON request bodies: the orjson fast path reads exactly what the standard decoder reads."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mock_server.errors import RequestError
from mock_server.validation import _parse_json, _parse_json_slowly

VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=6),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=8,
)


def _outcome(parse: Any, body: bytes) -> tuple[str, Any]:
    try:
        return "value", repr(parse(body, status=422))
    except RequestError as error:
        return "refused", (error.status, error.message, [i.rule for i in error.issues])


@given(VALUES, st.booleans())
def test_encoded_values_read_back_the_same_either_way(value: Any, ascii_only: bool) -> None:
    body = json.dumps(value, ensure_ascii=ascii_only).encode()
    assert _outcome(_parse_json, body) == _outcome(_parse_json_slowly, body)


@given(
    st.binary(max_size=24)
    | st.text(alphabet='{}[]":,0123456789.eE-+ \\uadfntrl', max_size=24).map(str.encode)
)
@example(b'"\\ud800"')
@example(b"\xef\xbb\xbf{}")
@example(b"[1e400]")
@example(b"NaN")
@example(b"-0")
@example(b"123456789012345678901234567890")
@example(b"[" * 65 + b"]" * 65)
@example(b"[" * 2000 + b"]" * 2000)
def test_any_bytes_get_the_same_value_or_the_same_refusal(body: bytes) -> None:
    assert _outcome(_parse_json, body) == _outcome(_parse_json_slowly, body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b'{"n": 100000000000000000000}', {"n": 100000000000000000000}),
        (b'{"n": -9223372036854775809}', {"n": -9223372036854775809}),
        (b'{"n": 18446744073709551615}', {"n": 18446744073709551615}),
        (b'{"a": 1, "a": 2}', {"a": 2}),
    ],
)
def test_integers_over_64_bits_stay_integers(body: bytes, expected: Any) -> None:
    value = _parse_json(body, status=422)
    assert value == expected
    assert all(type(v) is int for v in value.values())


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (b'{"name": "\\ud800"}', "lone UTF-16 surrogate"),
        (b"[" * 65 + b"]" * 65, "nested deeper than 64"),
        (b"\xef\xbb\xbf{}", "Expecting value"),  # a BOM is no JSON value
        (b"[Infinity]", "Infinity is not valid JSON"),
    ],
)
def test_refusals_name_the_problem(body: bytes, fragment: str) -> None:
    with pytest.raises(RequestError) as caught:
        _parse_json(body, status=422)
    assert fragment in caught.value.message
