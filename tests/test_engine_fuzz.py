"""Whatever a client sends, the engine answers: never an exception, never a 5xx."""

from __future__ import annotations

import json
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mock_server.types import RequestData, UploadedFile
from tests._core import pets_engine

# Engines are stateless without a behaviour (bar their response cache), so share them.
engine_for = cache(pets_engine)

SEGMENTS = [
    "pets",
    "mine",
    "1",
    "0",
    "-1",
    "abc",
    "photo",
    "search",
    "health",
    "tree",
    "api",
    "teapot",
    "",
    "%2F",
    "%zz",
    "..",
    "\x00",
    "é",
    "{petId}",
]
METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE", "get", "BREW", ""]
CONTENT_TYPES = [
    "application/json",
    "application/json; charset=utf-8",
    "multipart/form-data; boundary=x",
    "application/x-www-form-urlencoded",
    "text/plain",
    "image/png",
    "application/xml",
    "",
    ";;",
    "*/*",
]
HEADER_NAMES = [
    "x-api-key",
    "prefer",
    "accept",
    "authorization",
    "cookie",
    "origin",
    "x-request-id",
    "access-control-request-method",
]
TEXT = st.text(max_size=12)

paths = st.one_of(
    st.lists(st.sampled_from(SEGMENTS), max_size=5).map(lambda parts: "/" + "/".join(parts)),
    st.lists(st.sampled_from(SEGMENTS), max_size=4).map(
        lambda parts: "/api/" + "/".join(parts) + "/"
    ),
    TEXT,
)
bodies = st.one_of(
    st.binary(max_size=64),
    st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT),
        lambda children: st.one_of(
            st.lists(children, max_size=3),
            st.dictionaries(
                st.sampled_from(["name", "kind", "age", "tags", "q", "x"]), children, max_size=4
            ),
        ),
        max_leaves=8,
    ).map(lambda value: json.dumps(value).encode()),
)
headers = st.dictionaries(
    st.sampled_from(HEADER_NAMES),
    st.one_of(
        st.sampled_from(
            [
                "test-key",
                "code=404",
                "dynamic=true",
                "example=dog",
                "code=abc",
                "Bearer test-key",
                "image/png",
                "*/*",
            ]
        ),
        TEXT,
    ),
    max_size=4,
)
uploads = st.builds(
    UploadedFile,
    filename=TEXT,
    content_type=st.sampled_from(["image/png", "image/jpeg", "text/plain", ""]),
    data=st.binary(max_size=32),
)

requests = st.builds(
    lambda method, path, query, hdrs, content_type, body, form, files: RequestData(
        method=method,
        path=path,
        query=query,
        headers={**hdrs, **({"content-type": content_type} if content_type else {})},
        body=body,
        form=form,
        files=files,
    ),
    method=st.sampled_from(METHODS),
    path=paths,
    query=st.dictionaries(
        st.sampled_from(["limit", "tags", "ids", "fat", "api_key", "x"]),
        st.lists(TEXT, min_size=1, max_size=2).map(tuple),
        max_size=3,
    ),
    hdrs=headers,
    content_type=st.sampled_from(CONTENT_TYPES),
    body=bodies,
    form=st.dictionaries(
        st.sampled_from(["file", "caption", "rating", "q", "limit", "x"]),
        st.lists(TEXT, min_size=1, max_size=2).map(tuple),
        max_size=3,
    ),
    files=st.dictionaries(
        st.sampled_from(["file", "caption", "x"]),
        st.lists(uploads, min_size=1, max_size=2).map(tuple),
        max_size=2,
    ),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(req=requests)
def test_engine_never_fails_a_client(req):
    # strict: the engine's own answers (synthesized or errors) must match the spec too
    engine = engine_for(strict=True, max_body_bytes=48)
    response = engine.handle(req)
    assert 200 <= response.status < 500
    json.dumps(response.json)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    req=requests,
    style=st.sampled_from(["error-key", "message-detail"]),
    slash=st.sampled_from(["strict", "ignore"]),
)
def test_other_styles_never_fail_a_client(req, style, slash):
    response = engine_for(style=style, trailing_slash=slash, cors=True).handle(req)
    assert 200 <= response.status < 500
    json.dumps(response.json)
