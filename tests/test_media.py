import json
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mock_server.media import (
    best_match,
    covers,
    encode,
    encode_json,
    sample_bytes,
    sniff_format,
    tiny_image,
    to_werkzeug_response,
    wire,
)
from mock_server.types import ResponseData


@pytest.mark.parametrize(
    ("declared", "actual", "matches"),
    [
        ("application/json", "application/json", True),
        ("image/*", "image/png", True),
        ("image/*", "text/plain", False),
        ("*/*", "anything/else", True),
        ("application/json", "application/xml", False),
    ],
)
def test_covers(declared, actual, matches):
    assert covers(declared, actual) is matches


@pytest.mark.parametrize(
    ("media_type", "magic"),
    [
        ("image/png", b"\x89PNG\r\n\x1a\n"),
        ("image/jpeg", b"\xff\xd8\xff"),
        ("image/webp", b"RIFF"),
        ("image/gif", b"GIF8"),
        ("application/pdf", b"%PDF-"),
        ("application/zip", b"PK\x05\x06"),
        ("application/octet-stream", b"mock"),
    ],
)
def test_sample_bytes(media_type, magic):
    assert sample_bytes(media_type).startswith(magic)


def test_sample_images_are_complete():
    assert sample_bytes("image/jpeg").endswith(b"\xff\xd9")
    assert sample_bytes("image/png").endswith(b"IEND\xaeB`\x82")
    webp = sample_bytes("image/webp")
    assert webp[8:12] == b"WEBP" and int.from_bytes(webp[4:8], "little") == len(webp) - 8


@pytest.mark.parametrize(
    ("declared", "actual", "expected"),
    [
        (["image/*", "*/*", "image/png"], "image/png", "image/png"),
        (["*/*", "image/*"], "image/gif", "image/*"),
        (["*/*", "text/plain"], "image/gif", "*/*"),
        (["text/plain"], "image/gif", None),
        (["image/*", "image/*"], "image/gif", "image/*"),
    ],
)
def test_best_match_prefers_the_most_specific(declared, actual, expected):
    assert best_match(declared, actual, key=str) == expected


@pytest.mark.parametrize("fmt", ["png", "jpeg", "webp", "gif"])
def test_tiny_images_sniff_as_their_format(fmt):
    assert sniff_format(tiny_image(fmt)) == fmt


def test_wire_adds_type_and_length_and_keeps_a_declared_type():
    status, headers, body = wire(ResponseData(status=201, json=[1], has_json=True))
    assert (status, body) == (201, b"[1]")
    assert headers == [("Content-Type", "application/json"), ("Content-Length", "3")]
    _, headers, _ = wire(
        ResponseData(status=200, body=b"x", headers={"content-type": "text/plain"})
    )
    assert headers == [("content-type", "text/plain"), ("Content-Length", "1")]


def test_no_length_on_204():
    assert wire(ResponseData(status=204)) == (204, [], b"")


def test_lone_surrogates_are_escaped_not_a_crash():
    body, _ = encode(ResponseData(status=200, json={"a": "\ud800"}, has_json=True))
    assert body == b'{"a":"\\ud800"}'


def test_werkzeug_response_carries_the_wire_bytes():
    response = to_werkzeug_response(
        ResponseData(status=404, json={"e": 1}, has_json=True, headers={"X-A": "1"})
    )
    assert response.status_code == 404
    assert response.get_data() == b'{"e":1}'
    assert response.headers["X-A"] == "1"
    assert response.headers["Content-Type"] == "application/json"


_FLOATLESS = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**80), max_value=2**80)
    | st.text(max_size=6),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=4) | st.integers(max_value=9), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(_FLOATLESS)
def test_encode_json_writes_the_bytes_json_dumps_writes(value: object) -> None:
    expected = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    try:
        wanted = expected.encode()
    except UnicodeEncodeError:  # a lone surrogate: escaped, as before
        wanted = json.dumps(value, separators=(",", ":")).encode()
    assert encode_json(value) == wanted


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_encode_json_floats_keep_their_value(number: float) -> None:
    assert json.loads(encode_json([number])) == [number]


def test_encode_json_refuses_what_json_dumps_refuses() -> None:
    with pytest.raises(TypeError):
        encode_json({"when": datetime.now(UTC)})
    with pytest.raises(TypeError):
        encode_json({"raw": b"bytes"})
