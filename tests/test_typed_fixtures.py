"""The typed vendor mocks: their clients, keyless in-process clients, timeouts, scenarios."""

from __future__ import annotations

import asyncio
import io
import socket
import sys
import threading
from collections.abc import Iterator

import aihomedesign_client
import autoenhance_client
import httpx
import pytest
from aihomedesign_client.api.catalog import list_widgets
from aihomedesign_client.api.orders import get_order, submit_order, upload_image
from aihomedesign_client.models import (
    CatalogServiceName,
    Order,
    SelectedWidget,
    ServiceName,
    SubmitOrderRequest,
    UploadImageBody,
    UploadImageResponse,
    WidgetList,
)
from aihomedesign_client.types import File
from autoenhance_client.api.images import create_image, retrieve_image
from autoenhance_client.api.orders import create_order, retrieve_order
from autoenhance_client.errors import UnexpectedStatus
from autoenhance_client.models import ImageCreatedOut, ImageIn, ImageOut, OrderIn, OrderOut

from mock_server import (
    AIHomeDesignMock,
    AIHomeDesignScenarios,
    AutoenhanceMock,
    AutoenhanceScenarios,
    ConfigError,
    EngineOptions,
    Fault,
    MockServer,
)
from mock_server.media import tiny_image
from mock_server.vendors.aihomedesign import AIHomeDesignBehaviour
from mock_server.vendors.aihomedesign_v3 import AIHomeDesignV3Behaviour

JPEG = tiny_image("jpeg")


@pytest.fixture(scope="module")
def autoenhance() -> Iterator[AutoenhanceMock]:
    with AutoenhanceMock(options=EngineOptions(strict=True)) as mock:
        yield mock


@pytest.fixture(scope="module")
def aihomedesign() -> Iterator[AIHomeDesignMock]:
    with AIHomeDesignMock(options=EngineOptions(strict=True), rate_limit=False) as mock:
        yield mock


@pytest.fixture
def ae(autoenhance: AutoenhanceMock) -> Iterator[AutoenhanceMock]:
    autoenhance.reset()
    yield autoenhance
    autoenhance.check()


@pytest.fixture
def ahd(aihomedesign: AIHomeDesignMock) -> Iterator[AIHomeDesignMock]:
    aihomedesign.reset()
    yield aihomedesign
    aihomedesign.check()


def _no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("an in-process client opened a socket")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


def _upload_url(image: ImageCreatedOut) -> str:
    assert isinstance(image.upload_url, str)
    return image.upload_url


def _status(image: ImageOut) -> str:
    assert image.status is not None
    return image.status.value


# --- the typed clients ------------------------------------------------------------------


def test_each_vendor_mock_returns_its_own_generated_client(
    ae: AutoenhanceMock, ahd: AIHomeDesignMock
) -> None:
    assert type(ae.client()) is autoenhance_client.AuthenticatedClient
    assert type(ahd.client()) is aihomedesign_client.AuthenticatedClient
    for client in (ae.client(), ahd.client()):
        assert client.raise_on_unexpected_status is True
        assert client.token == "test-key"
    assert str(ae.client().get_httpx_client().base_url) == "http://autoenhance.localhost"


def test_client_v3_without_the_v3_package_is_a_config_error(
    ahd: AIHomeDesignMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "aihomedesign_v3_client", None)  # import fails
    with pytest.raises(ConfigError, match="needs the generated v3 client"):
        ahd.client_v3()


def test_an_undeclared_status_raises_instead_of_returning_none(ae: AutoenhanceMock) -> None:
    ae.faults.set("create_order", Fault(status=503, times=1))
    with pytest.raises(UnexpectedStatus) as raised:
        create_order.sync(client=ae.client(), body=OrderIn(name="Oak St"))
    assert raised.value.status_code == 503
    created = create_order.sync(client=ae.client(), body=OrderIn(name="Oak St"))
    assert isinstance(created, OrderOut)


def test_the_vendor_mocks_take_their_vendor_options() -> None:
    mock = AutoenhanceMock(processing_seconds=30, merging_seconds=12)
    behaviour = mock.engine.behaviour
    assert (getattr(behaviour, "processing_seconds", None), mock.api) == (30, "autoenhance")
    with pytest.raises(ConfigError, match="autoenhance takes no option rate_limit"):
        AutoenhanceMock(rate_limit=False)
    with pytest.raises(ConfigError, match="either an engine or its options"):
        AIHomeDesignMock(mock.engine, rate_limit=False)


# --- keyless in-process clients ---------------------------------------------------------


def test_an_autoenhance_upload_url_and_asset_url_answer_in_process(
    ae: AutoenhanceMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_sockets(monkeypatch)
    client = ae.client()
    order = create_order.sync(client=client, body=OrderIn(name="Oak St"))
    assert isinstance(order, OrderOut)
    body = ImageIn(image_name="room.jpg", order_id=order.order_id)
    image = create_image.sync(client=client, body=body, x_api_version="2025-05-08")
    assert isinstance(image, ImageCreatedOut)
    assert _upload_url(image).startswith("http://autoenhance.localhost/_s3/")
    with ae.http_client(follow_redirects=True) as http:
        put = http.put(_upload_url(image), content=JPEG, headers={"Content-Type": "image/jpeg"})
        assert put.status_code == 200, put.text
        assert "x-api-key" not in put.request.headers
        ae.clock.complete_all()
        processed = retrieve_image.sync(image.image_id, client=client)
        assert isinstance(processed, ImageOut)
        assert _status(processed) == "processed"
        download = http.get(
            f"/v3/images/{image.image_id}/enhanced", headers={"x-api-key": ae.api_key}
        )
        assert download.history[0].status_code == 302
        assert "/_assets/" in str(download.url)
        assert download.content.startswith(b"\xff\xd8\xff")


def test_an_aihomedesign_result_image_answers_in_process(
    ahd: AIHomeDesignMock, monkeypatch: pytest.MonkeyPatch
) -> None:
    _no_sockets(monkeypatch)
    client = ahd.client()
    photo = File(payload=io.BytesIO(JPEG), file_name="room.jpg", mime_type="image/jpeg")
    service = ServiceName.SERVICE_AI_VIRTUAL_STAGING
    uploaded = upload_image.sync(
        client=client, body=UploadImageBody(image=photo, service_name=service)
    )
    assert isinstance(uploaded, UploadImageResponse)
    widgets = list_widgets.sync(
        client=client,
        service_name=CatalogServiceName(service.value),
        space_name="space-living-room",
    )
    assert isinstance(widgets, WidgetList)
    style = next(w for w in widgets.data if not w.is_optional)
    body = SubmitOrderRequest(
        order_id=uploaded.order_id,
        space_name="space-living-room",
        selected_widgets=[SelectedWidget(id=style.id, item_id=style.items[0].id)],
    )
    assert submit_order.sync(client=client, body=body) is not None
    with ahd.http_client() as http:
        ahd.clock.complete_all()
        order = get_order.sync(uploaded.order_id, client=client)
        assert isinstance(order, Order)
        src = order.generated_images[0].src
        assert src.startswith("http://aihomedesign.localhost/")
        image = http.get(src)
        assert image.status_code == 200
        assert image.content.startswith(b"\xff\xd8\xff")
        assert http.get(order.before_image_src).status_code == 200


@pytest.mark.parametrize(
    ("path", "status", "content_type"),
    [
        ("/__mock/health", 200, "application/json"),
        ("/__mock/scenarios", 200, "application/json"),
        ("/__admin/mappings", 200, "application/json"),
        ("/openapi.json", 200, "application/json"),
        ("/openapi.yaml", 200, "application/yaml"),
        ("/docs", 200, "text/html; charset=utf-8"),
        ("/v3/orders/", 401, "application/json"),
    ],
)
def test_the_keyless_client_reaches_every_surface_as_over_http(
    ae: AutoenhanceMock, path: str, status: int, content_type: str
) -> None:
    with ae.http_client() as local, httpx.Client(base_url=ae.url) as remote:
        here, there = local.get(path), remote.get(path)
    assert (here.status_code, here.headers["content-type"]) == (status, content_type)
    assert (there.status_code, there.headers["content-type"]) == (status, content_type)
    if path != "/v3/orders/":
        assert here.content == there.content


def test_one_transport_serves_every_client_and_survives_their_close(ae: AutoenhanceMock) -> None:
    with ae.http_client() as first:
        assert first.get("/__mock/health").status_code == 200
    with ae.http_client() as second:
        assert second.get("/__mock/health").status_code == 200
    assert ae.client().get_httpx_client()._transport is ae.transport


def test_the_async_client_reaches_the_mock(ae: AutoenhanceMock) -> None:
    async def health() -> int:
        async with ae.async_http_client() as http:
            return (await http.get("/__mock/health")).status_code

    assert asyncio.run(health()) == 200


# --- timeouts -----------------------------------------------------------------------------


class _Sleeps:
    """Records the waits instead of waiting them (no timed assertions)."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)

    async def async_sleep(self, seconds: float) -> None:
        self.waits.append(seconds)


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> _Sleeps:
    recorded = _Sleeps()
    monkeypatch.setattr("mock_server.server.time.sleep", recorded.sleep)
    monkeypatch.setattr("mock_server.server.asyncio.sleep", recorded.async_sleep)
    return recorded


def test_a_latency_longer_than_the_timeout_raises_a_timeout(
    ae: AutoenhanceMock, sleeps: _Sleeps
) -> None:
    ae.faults.set("list_orders", Fault(latency_ms=500))
    client = ae.client().with_timeout(httpx.Timeout(0.1))
    with pytest.raises(httpx.TimeoutException) as raised:
        client.get_httpx_client().get("/v3/orders/")
    assert isinstance(raised.value, httpx.ReadTimeout)
    assert sleeps.waits == [0.1]
    assert ae.journal.calls(operation_id="list_orders").call_count == 1  # served, as over HTTP


def test_a_latency_within_the_timeout_is_waited_out(ae: AutoenhanceMock, sleeps: _Sleeps) -> None:
    ae.faults.set("list_orders", Fault(latency_ms=50))
    with ae.http_client(timeout=1.0, headers={"x-api-key": ae.api_key}) as http:
        assert http.get("/v3/orders/").status_code == 200
    with ae.http_client(timeout=None, headers={"x-api-key": ae.api_key}) as http:
        assert http.get("/v3/orders/").status_code == 200
    assert sleeps.waits == [0.05, 0.05]


def test_the_async_client_times_out_too(ae: AutoenhanceMock, sleeps: _Sleeps) -> None:
    ae.faults.set("list_orders", Fault(latency_ms=500))

    async def fetch() -> None:
        async with ae.async_http_client(timeout=0.2) as http:
            await http.get("/v3/orders/", headers={"x-api-key": ae.api_key})

    with pytest.raises(httpx.ReadTimeout):
        asyncio.run(fetch())
    assert sleeps.waits == [0.2]


# --- scenarios ------------------------------------------------------------------------------


def _served_scenarios(mock: MockServer) -> set[str]:
    with mock.http_client() as http:
        return set(http.get("/__mock/scenarios").json())


def test_the_typed_scenarios_are_the_served_ones(
    ae: AutoenhanceMock, ahd: AIHomeDesignMock
) -> None:
    assert set(AutoenhanceScenarios.HTTP_NAMES.values()) == _served_scenarios(ae)
    assert set(AutoenhanceScenarios.HTTP_NAMES) == {
        name for name in vars(AutoenhanceScenarios) if not name.startswith("_")
    } - {"HTTP_NAMES"}
    # AI HomeDesign's: v1's and v3's, every one a method.
    v1_and_v3 = {
        *AIHomeDesignBehaviour().scenario_names(),
        *AIHomeDesignV3Behaviour().scenario_names(),
    }
    assert set(AIHomeDesignScenarios.HTTP_NAMES.values()) == v1_and_v3
    assert _served_scenarios(ahd) <= v1_and_v3
    for name in AIHomeDesignScenarios.HTTP_NAMES:
        assert callable(getattr(AIHomeDesignScenarios, name))


def test_fail_next_image_fails_the_next_image(ae: AutoenhanceMock) -> None:
    client = ae.client()
    order = create_order.sync(client=client, body=OrderIn(name="Oak St"))
    assert isinstance(order, OrderOut)
    ae.scenarios.fail_next_image(order_id=order.order_id, reason="Corrupt file.")
    image = create_image.sync(
        client=client, body=ImageIn(image_name="a.jpg", order_id=order.order_id)
    )
    assert isinstance(image, ImageCreatedOut)
    with ae.http_client() as http:
        http.put(_upload_url(image), content=JPEG, headers={"Content-Type": "image/jpeg"})
    ae.clock.complete_all()
    failed = retrieve_image.sync(image.image_id, client=client)
    assert isinstance(failed, ImageOut)
    assert (_status(failed), failed.status_reason) == ("error", "Corrupt file.")
    ae.scenarios.expire_image(image.image_id)
    expired = retrieve_image.sync(image.image_id, client=client)
    assert isinstance(expired, ImageOut)
    assert _status(expired) == "expired"


def test_the_docs_page_lists_every_served_scenario_in_its_http_form(
    ae: AutoenhanceMock, ahd: AIHomeDesignMock
) -> None:
    with ae.http_client() as http:
        page = http.get("/docs").text
    assert {f"POST /__mock/scenarios/{name}" for name in _served_scenarios(ae)} <= set(
        line.split("</code>")[0] for line in page.split("<code>")
    )
    with ahd.http_client() as http:
        v3_names = set(http.get("/__mock/v3/scenarios").json())
        v3_page = http.get("/v3/docs").text
    assert v3_names and all(f"POST /__mock/v3/scenarios/{name}" in v3_page for name in v3_names)


def test_the_daily_quota_scenarios(ae: AutoenhanceMock) -> None:
    client = ae.client()
    ae.scenarios.set_daily_quota(1)
    ae.scenarios.use_daily_quota(remaining=0)
    order = create_order.sync(client=client, body=OrderIn(name="Oak St"))
    assert isinstance(order, OrderOut)
    image = create_image.sync(
        client=client, body=ImageIn(image_name="a.jpg", order_id=order.order_id)
    )
    assert isinstance(image, ImageCreatedOut)
    with ae.http_client() as http:
        http.put(_upload_url(image), content=JPEG, headers={"Content-Type": "image/jpeg"})
    refused = retrieve_image.sync(image.image_id, client=client)
    assert isinstance(refused, ImageOut)
    assert (_status(refused), refused.status_reason) == (
        "error",
        "Daily enhancement limit reached.",
    )
    fetched = retrieve_order.sync(order.order_id, client=client)
    assert fetched is not None


def test_scenario_refusals_are_config_errors(ae: AutoenhanceMock, ahd: AIHomeDesignMock) -> None:
    with pytest.raises(ConfigError, match="not found"):
        ae.scenarios.expire_image("no-such-image")
    with pytest.raises(ConfigError, match="non-negative"):
        ae.scenarios.set_daily_quota(-1)
    with pytest.raises(ConfigError, match="unknown tool"):
        AIHomeDesignScenarios(AIHomeDesignV3Behaviour()).deny_tool("tool-nope")


def test_fail_next_generation_fails_the_next_generation(ahd: AIHomeDesignMock) -> None:
    ahd.scenarios.fail_next_generation(reason="GPU on fire")
    behaviour = ahd.engine.behaviour
    assert isinstance(behaviour, AIHomeDesignBehaviour)
    assert behaviour.scenarios.take_failure("any-order") == "GPU on fire"


def test_the_v3_scenarios_arm_the_v3_behaviour() -> None:
    behaviour = AIHomeDesignV3Behaviour()
    scenarios = AIHomeDesignScenarios(behaviour)
    scenarios.fail_next_process(order_id="o-1", reason="no room")
    scenarios.deny_tool("tool-virtual-staging", api_key="k")
    scenarios.rate_limit(2)
    assert behaviour.scenarios.take_failure("o-1") == "no room"
    assert behaviour.scenarios.denies("k", "tool-virtual-staging")
    assert [behaviour.scenarios.take_rate_limit() for _ in range(3)] == [True, True, False]


def test_the_clients_are_safe_to_share_across_threads(ae: AutoenhanceMock) -> None:
    client = ae.client()
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                create_order.sync(client=client, body=OrderIn(name="Oak St"))
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert ae.journal.calls(operation_id="create_order").call_count == 20
