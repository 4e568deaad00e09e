from __future__ import annotations

import pytest

from mock_server.routing import MatchState, Router

OPERATIONS = [
    ("/pets", "GET", "list_pets"),
    ("/pets", "POST", "create_pet"),
    ("/pets/{petId}", "GET", "show_pet"),
    ("/pets/{petId}", "DELETE", "delete_pet"),
    ("/pets/mine", "POST", "adopt"),
    ("/pets/{petId}/toys/{toyId}", "GET", "show_toy"),
    ("/pets/{petId}/toys/latest", "GET", "latest_toy"),
    ("/files/{name}.{ext}", "GET", "get_file"),
    ("/", "GET", "root"),
]


@pytest.fixture
def router_factory():
    def make(trailing_slash: str = "strict", base_paths: tuple[str, ...] = ()) -> Router:
        return Router(OPERATIONS, trailing_slash=trailing_slash, base_paths=base_paths)

    return make


@pytest.mark.parametrize(
    ("method", "path", "operation_id", "params"),
    [
        ("GET", "/pets", "list_pets", {}),
        ("post", "/pets", "create_pet", {}),
        ("GET", "/pets/7", "show_pet", {"petId": "7"}),
        ("GET", "/pets/abc", "show_pet", {"petId": "abc"}),
        ("DELETE", "/pets/7", "delete_pet", {"petId": "7"}),
        ("POST", "/pets/mine", "adopt", {}),
        ("GET", "/pets/1/toys/latest", "latest_toy", {"petId": "1"}),
        ("GET", "/pets/1/toys/9", "show_toy", {"petId": "1", "toyId": "9"}),
        ("GET", "/files/report.pdf", "get_file", {"name": "report", "ext": "pdf"}),
        ("GET", "/", "root", {}),
        ("HEAD", "/pets/3", "show_pet", {"petId": "3"}),
    ],
)
def test_found(router_factory, method, path, operation_id, params):
    match = router_factory().match(method, path)
    assert match.state is MatchState.FOUND
    assert match.operation_id == operation_id
    assert dict(match.path_params) == params


@pytest.mark.parametrize(
    "path",
    ["/nope", "/pets/1/2", "/pets/", "//pets", "/pets/1/toys", "/files/noext", "/PETS", ""],
)
def test_not_found(router_factory, path):
    match = router_factory().match("GET", path)
    assert match.state is MatchState.NOT_FOUND
    assert match.allowed == ()


@pytest.mark.parametrize(
    ("method", "path", "allowed"),
    [
        ("PUT", "/pets", ("GET", "HEAD", "POST", "OPTIONS")),
        ("PATCH", "/pets/1", ("GET", "HEAD", "DELETE", "OPTIONS")),
        # both the literal and the templated path match: the union is allowed
        # a concrete path wins whatever the method: its own methods only, no fall-through
        ("GET", "/pets/mine", ("POST", "OPTIONS")),
        ("PUT", "/pets/mine", ("POST", "OPTIONS")),
        ("OPTIONS", "/pets", ("GET", "HEAD", "POST", "OPTIONS")),
    ],
)
def test_method_not_allowed(router_factory, method, path, allowed):
    match = router_factory().match(method, path)
    assert match.state is MatchState.METHOD_NOT_ALLOWED
    assert match.allowed == allowed


@pytest.mark.parametrize(
    ("trailing_slash", "path", "state"),
    [
        ("strict", "/pets/", MatchState.NOT_FOUND),
        ("strict", "/pets/1/", MatchState.NOT_FOUND),
        ("ignore", "/pets/", MatchState.FOUND),
        ("ignore", "/pets/1/", MatchState.FOUND),
        ("ignore", "/pets//", MatchState.FOUND),
        ("ignore", "/", MatchState.FOUND),
    ],
)
def test_trailing_slash(router_factory, trailing_slash, path, state):
    assert router_factory(trailing_slash).match("GET", path).state is state


def test_trailing_slash_ignore_with_slashed_template():
    router = Router([("/v3/orders/", "GET", "list_orders")], trailing_slash="ignore")
    assert router.match("GET", "/v3/orders").operation_id == "list_orders"
    assert router.match("GET", "/v3/orders/").operation_id == "list_orders"
    strict = Router([("/v3/orders/", "GET", "list_orders")])
    assert strict.match("GET", "/v3/orders").state is MatchState.NOT_FOUND


def test_server_base_path_is_optional(router_factory):
    router = router_factory(base_paths=("/api",))
    assert router.match("GET", "/api/pets/2").path_params == {"petId": "2"}
    assert router.match("GET", "/pets/2").operation_id == "show_pet"
    assert router.match("GET", "/apipets").state is MatchState.NOT_FOUND


def test_fewer_variables_win():
    router = Router([("/{a}/{b}", "GET", "two"), ("/{a}/b", "GET", "one"), ("/a/b", "GET", "zero")])
    assert router.match("GET", "/a/b").operation_id == "zero"
    assert router.match("GET", "/x/b").operation_id == "one"
    assert router.match("GET", "/x/y").operation_id == "two"


def test_more_literal_text_wins_among_equal_variables():
    router = Router([("/{a}.json", "GET", "short"), ("/{a}.tar.gz", "GET", "long")])
    assert router.match("GET", "/x.tar.gz").operation_id == "long"
    assert router.match("GET", "/x.json").operation_id == "short"


def test_special_characters_in_templates_are_literal():
    router = Router([("/a+b/{id}(x)", "GET", "odd")])
    assert router.match("GET", "/a+b/7(x)").path_params == {"id": "7"}
    assert router.match("GET", "/aab/7x").state is MatchState.NOT_FOUND


def test_a_literal_route_answers_a_prebuilt_match_with_read_only_params():
    router = Router([("/pets", "GET", "list_pets"), ("/pets", "POST", "add_pet")])
    first = router.match("GET", "/pets")
    assert first is router.match("get", "/pets")  # built once, with the router
    assert (first.state, first.operation_id, first.template) == (
        MatchState.FOUND,
        "list_pets",
        "/pets",
    )
    assert first.allowed == ("GET", "HEAD", "POST", "OPTIONS")
    assert dict(first.path_params) == {}
    with pytest.raises(TypeError):
        first.path_params["x"] = "1"  # type: ignore[index]
    # HEAD is served as GET without a prebuilt match of its own.
    assert router.match("HEAD", "/pets").operation_id == "list_pets"
    assert router.match("DELETE", "/pets").state is MatchState.METHOD_NOT_ALLOWED
