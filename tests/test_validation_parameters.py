"""Compiled parameters: the reader and coercer built once agree with the generic ones."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from mock_server.spec import Parameter
from mock_server.validation._coerce import coerce_parameter, raw_parameter
from mock_server.validation._parameters import compiled

TYPES = st.frozensets(
    st.sampled_from(["string", "integer", "number", "boolean", "null", "array", "object"]),
    max_size=3,
)
TEXT = st.text(alphabet='ab1-.,|[]{}="e ', max_size=8)
NAMES = st.sampled_from(["a", "b", "a[x]"])


@st.composite
def parameters(draw: Any) -> Parameter:
    location = draw(st.sampled_from(["path", "query", "header", "cookie"]))
    return Parameter(
        name=draw(st.sampled_from(["a", "b"])),
        location=location,
        required=draw(st.booleans()),
        style=draw(
            st.sampled_from(["form", "simple", "deepObject", "spaceDelimited", "pipeDelimited"])
        ),
        explode=draw(st.booleans()),
        types=draw(TYPES),
        item_types=draw(TYPES),
        json_content=draw(st.booleans()),
        validator=None,
    )


@given(
    parameters(),
    st.dictionaries(NAMES, TEXT, max_size=3),
    st.dictionaries(NAMES, st.lists(TEXT, max_size=3).map(tuple), max_size=3),
    st.dictionaries(NAMES, TEXT, max_size=3),
    st.dictionaries(NAMES, TEXT, max_size=3),
)
def test_compiled_parameter_reads_and_coerces_as_the_generic_code(
    param: Parameter,
    path: dict[str, str],
    query: dict[str, tuple[str, ...]],
    headers: dict[str, str],
    cookies: dict[str, str],
) -> None:
    plan = compiled(param)
    raw = raw_parameter(param, path, query, headers, cookies)
    assert plan.read(path, query, headers, cookies) == raw
    if raw:
        assert repr(plan.coerce(raw)) == repr(coerce_parameter(param, raw))


def test_compiled_form_is_built_once_and_kept_on_the_parameter() -> None:
    param = Parameter(
        name="n",
        location="query",
        required=False,
        style="form",
        explode=True,
        types=frozenset({"integer"}),
        item_types=frozenset(),
        json_content=False,
        validator=None,
    )
    assert param.compiled is None
    first = compiled(param)
    assert compiled(param) is first
    assert first.coerce(("15",)) == 15
    assert first.read({}, {"n": ("7",)}, {}, {}) == ("7",)
    assert first.location == "query"
