"""Sessions by base URL (``/~NAME/...``): isolated mocks on one port, bounded and listed.

Against the ``mock-server`` CLI (a child process): two sessions interleaved share no
state, faults, stubs, clock, webhooks, journal or reset; an upload URL stays in its
session; many sessions created at once stay within ``--max-sessions``; the unprefixed
URL is the default session, as before. In process: the same router on a :class:`Site`.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest_httpserver import HTTPServer

from mock_server.cli import build_parser
from mock_server.clock import Clock
from mock_server.engine import EngineOptions
from mock_server.media import tiny_image
from mock_server.server import EngineTransport
from mock_server.site import Site
from mock_server.site._sessions import split_session
from mock_server.types import RequestData, UploadedFile
from mock_server.vendors import build_engine
from tests import _flow_aihomedesign, _flow_autoenhance
from tests._processes import free_port, spawn_cli, stop_cli
from tests._raw_http import KEY, exchange, raw_request

MAX = 6


@pytest.fixture(scope="module")
def cli() -> Iterator[dict[str, int]]:
    """Both APIs on a manual clock, at most MAX sessions a port."""
    proc, ports = spawn_cli("--clock", "manual", "--max-sessions", str(MAX))
    try:
        yield ports
    finally:
        stop_cli(proc)


def _client(ports: dict[str, int], api: str, session: str | None) -> httpx.Client:
    base = f"http://127.0.0.1:{ports[api]}" + ("" if session is None else f"/~{session}")
    return httpx.Client(base_url=base, headers={"x-api-key": KEY}, timeout=10)


@pytest.fixture
def pair(cli: dict[str, int]) -> Iterator[tuple[httpx.Client, httpx.Client]]:
    """Autoenhance in two fresh sessions, ended afterwards."""
    names = [f"t{threading.get_ident() % 10_000}-{n}" for n in ("a", "b")]
    clients = [_client(cli, "autoenhance", name) for name in names]
    yield clients[0], clients[1]
    admin = _client(cli, "autoenhance", None)
    for name in names:
        admin.delete(f"/__mock/sessions/{name}")
    for client in (*clients, admin):
        client.close()


def _order(api: httpx.Client) -> str:
    created = api.post("/v3/orders/", json={"name": "one"})
    assert created.status_code == 200, created.text
    order_id: str = created.json()["order_id"]
    return order_id


def test_state_journal_and_reset_do_not_cross(pair: tuple[httpx.Client, httpx.Client]) -> None:
    a, b = pair
    in_a = _order(a)
    in_b = _order(b)
    assert a.get(f"/v3/orders/{in_a}").status_code == 200
    assert b.get(f"/v3/orders/{in_a}").status_code == 404
    assert a.get(f"/v3/orders/{in_b}").status_code == 404
    journal_a = [e["path"] for e in a.get("/__mock/journal").json()]
    assert journal_a == ["/v3/orders/", f"/v3/orders/{in_a}", f"/v3/orders/{in_b}"]
    assert a.post("/__mock/reset").status_code == 204
    assert a.get(f"/v3/orders/{in_a}").status_code == 404
    assert b.get(f"/v3/orders/{in_b}").status_code == 200  # B's state outlived A's reset
    journal_b = [e["path"] for e in b.get("/__mock/journal").json()]
    assert journal_b == ["/v3/orders/", f"/v3/orders/{in_a}", f"/v3/orders/{in_b}"]
    assert [e["path"] for e in a.get("/__mock/journal").json()] == [f"/v3/orders/{in_a}"]


def test_faults_do_not_cross(pair: tuple[httpx.Client, httpx.Client]) -> None:
    a, b = pair
    fault = {"operation_id": "create_order", "status": 503}
    assert a.post("/__mock/faults", json=fault).status_code == 201
    assert b.post("/v3/orders/", json={"name": "b"}).status_code == 200
    assert a.post("/v3/orders/", json={"name": "a"}).status_code == 503
    assert b.get("/__mock/faults").json() == {}


def test_wiremock_stubs_do_not_cross(pair: tuple[httpx.Client, httpx.Client]) -> None:
    a, b = pair
    stub = {"request": {"method": "GET", "url": "/v3/hello"}, "response": {"status": 418}}
    assert a.post("/__admin/mappings", json=stub).status_code == 201
    assert a.get("/v3/hello").status_code == 418
    assert b.get("/v3/hello").status_code == 404
    assert b.get("/__admin/mappings").json()["mappings"] == []
    assert len(a.get("/__admin/requests").json()["requests"]) == 1


def test_clocks_do_not_cross(pair: tuple[httpx.Client, httpx.Client]) -> None:
    a, b = pair
    before = b.get("/__mock/clock").json()["now"]
    moved = a.post("/__mock/clock/advance", json={"seconds": 3600}).json()["now"]
    assert moved >= before + 3600
    assert b.get("/__mock/clock").json()["now"] == before


def test_webhooks_do_not_cross(
    pair: tuple[httpx.Client, httpx.Client], httpserver: HTTPServer
) -> None:
    a, b = pair
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    assert a.put("/__mock/webhook", json={"url": httpserver.url_for("/hook")}).status_code == 200
    assert b.get("/__mock/webhook").json() == {"url": None, "deliveries": []}
    for api in (a, b):
        order_id = _order(api)
        image = api.post("/v3/images/", json={"image_name": "a.jpg", "order_id": order_id})
        put = httpx.put(image.json()["upload_url"], content=tiny_image("jpeg"))
        assert put.status_code == 200, put.text
        api.post("/__mock/clock/complete")
    delivered = a.get("/__mock/webhook").json()["deliveries"]
    assert delivered
    assert len(httpserver.log) == len(delivered)
    assert b.get("/__mock/webhook").json()["deliveries"] == []


def test_an_upload_url_stays_in_its_session(pair: tuple[httpx.Client, httpx.Client]) -> None:
    a, b = pair
    image = a.post("/v3/images/", json={"image_name": "a.jpg", "order_id": _order(a)}).json()
    url = image["upload_url"]
    assert url.startswith(f"{a.base_url}_s3/")  # base_url ends with its slash
    elsewhere = url.replace(str(a.base_url).rstrip("/"), str(b.base_url).rstrip("/"))
    assert httpx.put(elsewhere, content=tiny_image("jpeg")).status_code != 200
    assert httpx.put(url, content=tiny_image("jpeg")).status_code == 200
    assert a.get(f"/v3/images/{image['image_id']}").json()["status"] != "waiting"


def test_ai_homedesign_result_urls_stay_in_their_session(cli: dict[str, int]) -> None:
    with _client(cli, "aihomedesign", "results") as api:
        files = {"image": ("room.jpg", tiny_image("jpeg"), "image/jpeg")}
        data = {"service_name": "service-creative-designer"}
        order_id = api.post("/v1/order/image", files=files, data=data).json()["order_id"]
        source = api.get(f"/v1/order/{order_id}").json()["before_image_src"]
        assert source.startswith(f"http://127.0.0.1:{cli['aihomedesign']}/~results/_files/")
        assert httpx.get(source).status_code == 200
        api.delete("/__mock/sessions/results")  # ended from inside: not the default's route


def test_the_default_session_is_the_unprefixed_url(cli: dict[str, int]) -> None:
    with _client(cli, "autoenhance", None) as default, _client(cli, "autoenhance", "d1") as one:
        default.post("/__mock/reset")
        order_id = _order(default)
        assert one.get(f"/v3/orders/{order_id}").status_code == 404
        _order(one)
        assert [e["path"] for e in default.get("/__mock/journal").json()] == ["/v3/orders/"]
        image = default.post("/v3/images/", json={"image_name": "a.jpg", "order_id": order_id})
        assert image.json()["upload_url"].startswith(f"http://127.0.0.1:{cli['autoenhance']}/_s3/")
        listed = default.get("/__mock/sessions").json()
        assert "d1" in [s["name"] for s in listed["sessions"]]
        assert listed["max_sessions"] == MAX
        assert default.delete("/__mock/sessions/d1").json() == {"ended": "d1"}
        assert default.delete("/__mock/sessions/d1").status_code == 404
        # Ended means gone: the next request starts it afresh.
        assert one.get(f"/v3/orders/{order_id}").status_code == 404
        assert one.get("/__mock/journal").json()[0]["path"] == f"/v3/orders/{order_id}"
        default.delete("/__mock/sessions/d1")


def test_many_sessions_at_once_stay_within_the_limit() -> None:
    proc, ports = spawn_cli("--max-sessions", "4")
    try:
        base = f"http://127.0.0.1:{ports['autoenhance']}"
        answers: list[httpx.Response] = []
        lock = threading.Lock()

        def create(n: int) -> None:
            response = httpx.get(f"{base}/~s{n}/__mock/health", timeout=10)
            with lock:
                answers.append(response)

        threads = [threading.Thread(target=create, args=(n,)) for n in range(24)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        statuses = sorted(r.status_code for r in answers)
        assert statuses == [200] * 4 + [503] * 20
        refused = next(r for r in answers if r.status_code == 503)
        assert "--max-sessions" in refused.json()["message"]
        # Room comes when the soonest idle session expires (--session-idle-seconds 600).
        assert 1 <= int(refused.headers["retry-after"]) <= 600
        listed = httpx.get(f"{base}/__mock/sessions").json()["sessions"]
        assert len(listed) == 4
        assert httpx.get(f"{base}/__mock/health").status_code == 200  # the default still answers
    finally:
        stop_cli(proc)


def test_sessions_can_be_turned_off() -> None:
    proc, ports = spawn_cli("--max-sessions", "0")
    try:
        base = f"http://127.0.0.1:{ports['autoenhance']}"
        assert httpx.get(f"{base}/~one/__mock/health").status_code == 404
        assert httpx.get(f"{base}/__mock/sessions").status_code == 404
    finally:
        stop_cli(proc)


def test_two_suites_in_parallel_each_in_its_own_session() -> None:
    """The issue's "done when": whole flows, reset before each, in two jobs at once."""
    proc, ports = spawn_cli()  # real time, as `make mock` serves
    failures: list[BaseException] = []

    def job(name: str) -> None:
        receiver = HTTPServer(host="127.0.0.1", port=free_port())
        receiver.start()
        try:
            for _ in range(3):
                for api, flow in (
                    ("aihomedesign", _flow_aihomedesign.run_flow),
                    ("autoenhance", _flow_autoenhance.run_flow),
                ):
                    base = f"http://127.0.0.1:{ports[api]}/~{name}"
                    assert httpx.post(f"{base}/__mock/reset").status_code == 204
                    flow(base_url=base, api_key=KEY, receiver=receiver)
                    receiver.clear()
        except BaseException as error:  # reported by the main thread
            failures.append(error)
        finally:
            receiver.stop()

    try:
        jobs = [threading.Thread(target=job, args=(name,)) for name in ("job-1", "job-2")]
        for thread in jobs:
            thread.start()
        for thread in jobs:
            thread.join()
        assert failures == []
        for port in ports.values():
            # Neither job touched the default session.
            assert httpx.get(f"http://127.0.0.1:{port}/__mock/journal").json() == []
    finally:
        stop_cli(proc)


# --- in process -----------------------------------------------------------------------


def _site(*, max_sessions: int = 2, idle: float = 600.0, admin_key: str | None = None) -> Site:
    def engine() -> Any:
        return build_engine(
            "autoenhance",
            clock=Clock(manual=True),
            options=EngineOptions(accepted_keys=frozenset({KEY}), seed=None),
        )

    site = Site(engine(), admin_key=admin_key)
    site.serve_sessions(
        lambda name: Site(engine(), admin_key=admin_key, name=name),
        max_sessions=max_sessions,
        idle_seconds=idle,
    )
    return site


def _get(site: Site, path: str, **headers: str) -> Any:
    return site.handle(RequestData(method="GET", path=path, headers={"x-api-key": KEY, **headers}))


def test_the_session_flags_refuse_nonsense() -> None:
    args = build_parser().parse_args([])
    assert (args.max_sessions, args.session_idle_seconds) == (64, 600.0)
    for bad in (["--max-sessions", "-1"], ["--session-idle-seconds", "0"]):
        with pytest.raises(SystemExit):
            build_parser().parse_args(bad)


def test_the_in_process_transport_reaches_sessions() -> None:
    site = _site()
    with httpx.Client(transport=EngineTransport(site), base_url="http://mock.test") as client:
        created = client.post("/~one/v3/orders/", json={"name": "x"}, headers={"x-api-key": KEY})
        assert created.status_code == 200
        image = client.post(
            "/~one/v3/images/",
            json={"image_name": "a.jpg", "order_id": created.json()["order_id"]},
            headers={"x-api-key": KEY},
        ).json()
        assert image["upload_url"].startswith("http://mock.test/~one/_s3/")
        assert client.put(image["upload_url"], content=tiny_image("jpeg")).status_code == 200


def test_split_session() -> None:
    assert split_session("/~a/__mock/health") == ("a", "/__mock/health")
    assert split_session("/~a") == ("a", "/")
    assert split_session("/~/x") == ("", "/x")
    assert split_session("/a/~b") is None


def test_in_process_sessions_are_isolated_and_bounded() -> None:
    site = _site()
    post = RequestData(
        method="POST",
        path="/~one/v3/orders/",
        headers={"x-api-key": KEY, "content-type": "application/json"},
        body=b'{"name": "x"}',
    )
    order_id = site.handle(post).json["order_id"]
    assert _get(site, f"/~one/v3/orders/{order_id}").status == 200
    assert _get(site, f"/~two/v3/orders/{order_id}").status == 404
    assert _get(site, f"/v3/orders/{order_id}").status == 404
    refused = _get(site, "/~three/__mock/health")
    assert refused.status == 503
    assert "--max-sessions" in refused.json["message"]
    # Both sessions were just used: room comes when the sooner one's idle time runs out.
    assert 1 <= int(refused.headers["retry-after"]) <= 600
    assert site.sessions is not None
    assert site.sessions.names() == ["one", "two"]
    assert _get(site, "/~bad name/v3/orders").status == 404
    assert _get(site, "/~" + "x" * 65 + "/v3/orders").status == 404


def test_an_idle_session_expires_and_makes_room() -> None:
    now = [0.0]
    site = _site(max_sessions=1, idle=10.0)
    assert site.sessions is not None
    site.sessions._monotonic = lambda: now[0]
    assert _get(site, "/~one/__mock/health").status == 200
    refused = _get(site, "/~two/__mock/health")
    assert (refused.status, refused.headers["retry-after"]) == (503, "10")
    now[0] = 3.5
    assert _get(site, "/~two/__mock/health").headers["retry-after"] == "7"  # 6.5, rounded up
    now[0] = 10.0
    assert _get(site, "/~two/__mock/health").status == 200
    assert site.sessions.names() == ["two"]
    now[0] = 25.0  # the listing ends what has expired too
    assert _get(site, "/__mock/sessions").json["sessions"] == []


def test_the_admin_gate_guards_every_session_and_the_listing() -> None:
    site = _site(admin_key="secret")
    assert _get(site, "/~one/__mock/journal").status == 401
    assert _get(site, "/~one/__admin/mappings").status == 401
    assert _get(site, "/__mock/sessions").status == 401
    assert _get(site, "/__mock/sessions", **{"x-mock-admin-key": "secret"}).status == 200
    assert _get(site, "/~one/__mock/journal", **{"x-mock-admin-key": "secret"}).status == 200


def test_body_limits_inside_a_session_are_the_sites() -> None:
    site = _site()
    assert site.body_limit("/~one/__mock/faults") == site.body_limit("/__mock/faults")
    assert site.body_limit("/~one/v3/images/") == site.body_limit("/v3/images/")
    assert site.sessions is not None
    assert site.sessions.names() == []  # asking for a limit starts no session


def test_ai_homedesign_ids_never_repeat_unseeded_and_repeat_seeded() -> None:
    def ids(seed: int | None) -> list[str]:
        engine = build_engine(
            "aihomedesign",
            clock=Clock(manual=True, start=1_700_000_000),
            options=EngineOptions(accepted_keys=frozenset({KEY}), seed=seed),
        )
        image = UploadedFile(filename="a.jpg", content_type="image/jpeg", data=tiny_image("jpeg"))
        found = []
        for _ in range(3):
            request = RequestData(
                method="POST",
                path="/v1/order/image",
                headers={"x-api-key": KEY, "content-type": "multipart/form-data; boundary=x"},
                files={"image": (image,)},
                form={"service_name": ("service-creative-designer",)},
            )
            found.append(engine.handle(request).json["order_id"])
            engine.reset()
        return found

    unseeded = ids(None) + ids(None)
    assert len(set(unseeded)) == 6
    assert ids(7) == [ids(7)[0]] * 3


# --- the hostile corpus under a session prefix ------------------------------------------------

_HOSTILE_TAIL = st.text(st.characters(codec="latin-1", exclude_characters="\r\n #?"), max_size=80)
"""What follows ``/~``: names in and out of the allowed set, odd bytes, admin paths."""


_SHARED_SITE = _site(max_sessions=2)
"""One site for the whole corpus: state left by one case must not break the next."""


def _hostile_paths() -> st.SearchStrategy[str]:
    rest = st.sampled_from(["", "/", "/__mock/reset", "/__admin/mappings", "/v3/orders/", "/docs"])
    return st.builds(lambda tail, more: f"/~{tail}{more}", _HOSTILE_TAIL, rest)


@pytest.mark.corpus
@settings(settings.get_profile("hostile-corpus"))
@given(path=_hostile_paths(), method=st.sampled_from(["GET", "POST", "DELETE", "HEAD"]))
def test_hostile_session_paths_in_process_never_crash_or_grow(path: str, method: str) -> None:
    site = _SHARED_SITE
    answer = site.handle(RequestData(method=method, path=path, headers={"x-api-key": KEY}))
    assert 100 <= answer.status < 500 or answer.status == 503, (path, answer.status)
    listed = _get(site, "/__mock/sessions")
    assert listed.status == 200 and len(listed.json["sessions"]) <= 2


@pytest.mark.subprocess
@pytest.mark.corpus
@settings(settings.get_profile("hostile-corpus"))
@given(path=_hostile_paths(), method=st.sampled_from(["GET", "POST", "DELETE"]))
def test_hostile_session_paths_over_the_cli_never_crash_or_grow(
    cli: dict[str, int], path: str, method: str
) -> None:
    port = cli["autoenhance"]
    target = quote(path, safe="/~:@!$&'()*+,;=-._")
    reply = exchange(port, raw_request(method, target, [("x-api-key", KEY)]), timeout=20)
    assert 100 <= reply.status < 500 or reply.status == 503, (path, reply.status)
    health = exchange(port, raw_request("GET", "/__mock/health"), timeout=20)
    assert health.status == 200
    sessions = exchange(port, raw_request("GET", "/__mock/sessions"), timeout=20)
    assert sessions.status == 200 and len(json.loads(sessions.body)["sessions"]) <= MAX
