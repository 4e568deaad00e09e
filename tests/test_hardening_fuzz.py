"""A generated hostile corpus against the ``mock-server`` CLI: no 5xx, no hang, no write.

Hypothesis puts hostile values (random bytes, deep nesting, huge numbers, lone surrogates,
control characters) into every parameter location of every operation of both bundled
specs: the path parameters, the query, a header, the body. Every answer must come within
the socket timeout with a status under 500, and a refused request (4xx) must leave the
observable state (Autoenhance's order list, an AI HomeDesign order) as it was.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_from_bytes

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mock_server.spec import Operation, load_spec
from mock_server.vendors import bundled_spec
from tests._processes import spawn_cli, stop_cli
from tests._raw_http import KEY, exchange, raw_request, send, upload_order_image

# Sized by --corpus-examples (tests/conftest.py): make test runs the quick size,
# make check-deep the full one.
pytestmark = [pytest.mark.subprocess, pytest.mark.corpus]

_SPECS = {api: load_spec(bundled_spec(api)) for api in ("aihomedesign", "autoenhance")}
OPERATIONS = [(api, op) for api, spec in _SPECS.items() for op in spec.operations]


@dataclass
class Cli:
    ports: dict[str, int]
    aihd_order: str

    def snapshot(self, api: str) -> bytes:
        path = "/v3/orders/?per_page=15" if api == "autoenhance" else f"/v1/order/{self.aihd_order}"
        reply = send(self.ports[api], "GET", path)
        assert reply.status == 200, reply
        return reply.body


@pytest.fixture(scope="module")
def cli() -> Iterator[Cli]:
    proc, ports = spawn_cli()
    try:
        yield Cli(ports, upload_order_image(ports["aihomedesign"]))
    finally:
        stop_cli(proc)


# --- hostile values -------------------------------------------------------------------

_SPECIAL = [
    "\ud800",
    "\udfff",
    "9" * 5000,
    "-" + "9" * 400,
    "1e400",
    "NaN",
    "Infinity",
    "\x00",
    "\u202e",
    "%",
    "%ZZ",
    "../../__mock/reset",
    "",
    " ",
    "true",
]
strings = st.one_of(st.sampled_from(_SPECIAL), st.text(max_size=40))
raw = st.binary(max_size=200)
_leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), strings)
json_values = st.recursive(
    _leaves,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(strings, inner, max_size=4),
    max_leaves=20,
)


def _deep(depth: int) -> str:
    return "[" * depth + "]" * depth


def _encoded(value: str | bytes) -> str:
    data = value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")
    return quote_from_bytes(data, safe="")


@st.composite
def bodies(draw: st.DrawFn, op: Operation) -> bytes:
    kind = draw(st.sampled_from(["json", "deep", "bytes", "fields"]))
    if kind == "deep":
        return _deep(draw(st.sampled_from([63, 65, 1000, 100_000]))).encode()
    if kind == "bytes":
        return draw(raw)
    if kind == "json":
        return json.dumps(draw(json_values)).encode()
    # Every declared field with a hostile value.
    names = list(_body_fields(op)) or ["name"]
    return json.dumps({n: draw(json_values) for n in names}).encode()


def _body_fields(op: Operation) -> list[str]:
    body = op.request_body
    if body is None or not body.media:
        return []
    schema: Any = getattr(body.media[0], "schema", None) or {}
    props = schema.get("properties", {}) if isinstance(schema, dict) else {}
    return list(props)


@st.composite
def requests(draw: st.DrawFn) -> tuple[str, bytes]:
    api, op = draw(st.sampled_from(OPERATIONS))
    path = op.path
    for param in op.parameters:
        if param.location == "path":
            value = draw(st.one_of(strings, raw).filter(bool))
            path = path.replace("{" + param.name + "}", _encoded(value))
    query = [
        f"{_encoded(p.name)}={_encoded(draw(st.one_of(strings, raw)))}"
        for p in op.parameters
        if p.location == "query" and draw(st.booleans())
    ]
    if draw(st.booleans()):
        query.append(f"{_encoded(draw(strings))}={_encoded(draw(raw))}")
    target = path + ("?" + "&".join(query) if query else "")
    header_value = draw(raw).replace(b"\r", b"").replace(b"\n", b"")
    headers: list[tuple[bytes | str, bytes | str]] = [
        ("x-api-key", KEY),
        (draw(st.sampled_from(["x-api-version", "prefer", "accept", "x-extra"])), header_value),
    ]
    body = b""
    if op.request_body is not None:
        headers.append(("content-type", draw(st.sampled_from(["application/json", "text/plain"]))))
        body = draw(bodies(op))
    return api, raw_request(op.method.upper(), target.encode("latin-1"), headers, body)


@settings(settings.get_profile("hostile-corpus"))
@given(case=requests())
def test_hostile_requests_never_crash_hang_or_write(cli: Cli, case: tuple[str, bytes]) -> None:
    api, request = case
    before = cli.snapshot(api)
    reply = exchange(cli.ports[api], request, timeout=10)
    assert reply.status < 500, (request[:300], reply.status, reply.body[:300])
    if 400 <= reply.status < 500:
        assert cli.snapshot(api) == before, request[:300]


# --- WireMock's /__admin/ surface ----------------------------------------------------------

_ADMIN_ROUTES = [
    ("POST", "/__admin/mappings"),
    ("POST", "/__admin/mappings/import"),
    ("POST", "/__admin/mappings/find-by-metadata"),
    ("POST", "/__admin/mappings/remove-by-metadata"),
    ("PUT", "/__admin/mappings/{id}"),
    ("GET", "/__admin/mappings/{id}"),
    ("DELETE", "/__admin/mappings/{id}"),
    ("GET", "/__admin/mappings?limit={q}&offset={q}"),
    ("GET", "/__admin/requests?limit={q}&since={q}"),
    ("POST", "/__admin/requests/count"),
    ("POST", "/__admin/requests/find"),
    ("POST", "/__admin/requests/remove"),
    ("GET", "/__admin/requests/{id}"),
    ("POST", "/__admin/near-misses/request"),
    ("POST", "/__admin/near-misses/request-pattern"),
    ("PUT", "/__admin/scenarios/{id}/state"),
    ("GET", "/__admin/requests/unmatched/near-misses"),
]
_STATUSES = st.one_of(st.sampled_from([0, 99, 100, 599, 600, 1000, -1, 2**70]), strings)
stub_like = st.fixed_dictionaries(
    {
        "request": st.dictionaries(
            st.sampled_from(["url", "urlPath", "urlPattern", "method", "headers", "bodyPatterns"]),
            json_values,
            max_size=3,
        ),
        "response": st.dictionaries(
            st.sampled_from(["status", "body", "jsonBody", "headers", "fixedDelayMilliseconds"]),
            st.one_of(_STATUSES, json_values),
            max_size=3,
        ),
    },
    optional={"name": strings, "priority": json_values, "metadata": json_values},
)


@st.composite
def admin_requests(draw: st.DrawFn) -> bytes:
    method, path = draw(st.sampled_from(_ADMIN_ROUTES))
    path = path.replace("{id}", _encoded(draw(st.one_of(strings, raw).filter(bool))))
    path = path.replace("{q}", _encoded(draw(strings)))
    kind = draw(st.sampled_from(["stub", "import", "json", "deep", "bytes"]))
    body = {
        "stub": lambda: json.dumps(draw(stub_like)).encode(),
        "import": lambda: json.dumps({"mappings": draw(st.lists(stub_like, max_size=3))}).encode(),
        "json": lambda: json.dumps(draw(json_values)).encode(),
        "deep": lambda: _deep(draw(st.sampled_from([65, 1000, 100_000]))).encode(),
        "bytes": lambda: draw(raw),
    }[kind]()
    headers = [("content-type", "application/json")]
    return raw_request(method, path.encode("latin-1", "replace"), headers, body)


@settings(settings.get_profile("hostile-corpus"))
@given(request=admin_requests())
def test_hostile_admin_requests_never_crash_hang_or_store(cli: Cli, request: bytes) -> None:
    port = cli.ports["autoenhance"]
    assert exchange(port, raw_request("DELETE", "/__admin/mappings")).status == 200
    reply = exchange(port, request, timeout=10)
    assert reply.status < 500, (request[:300], reply.status, reply.body[:300])
    listing = exchange(port, raw_request("GET", "/__admin/mappings"))
    assert listing.status == 200, listing
    if 400 <= reply.status < 500:
        assert json.loads(listing.body)["meta"]["total"] == 0, request[:300]
    # Still serving (admin paths: a stored stub may rightly answer any API path).
    assert exchange(port, raw_request("GET", "/__mock/health")).status == 200
