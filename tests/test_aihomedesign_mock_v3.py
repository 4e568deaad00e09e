"""``AIHomeDesignMock.client_v3()``: the v3 client on the same mock, base URL and key as v1.

The vendor serves v1 and v3 from one host; so does the AI HomeDesign mock once v3 is
served next to v1 (issue 21). This drives a v3 staging flow through ``client_v3()`` and
the typed v3 scenarios, in-process, with the v1 client working on the same mock.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import aihomedesign_v3_client
import pytest
from aihomedesign_v3_client.api.orders import create_order
from aihomedesign_v3_client.api.processes import create_process, get_process
from aihomedesign_v3_client.api.projects import create_project
from aihomedesign_v3_client.models import (
    ApiError,
    AssetRole,
    CreateOrderForm,
    CreateProcessRequest,
    CreateProcessRequestAssetMap,
    CreateProjectRequest,
    OrderEnvelope,
    ProcessEnvelope,
    ProcessStatus,
    ProjectEnvelope,
    WidgetSelection,
)
from aihomedesign_v3_client.types import File

from mock_server import AIHomeDesignMock, EngineOptions
from tests._aihomedesign_v3 import JPEG, STAGING_WIDGETS


@pytest.fixture
def mock() -> Iterator[AIHomeDesignMock]:
    with AIHomeDesignMock(options=EngineOptions(strict=True)) as server:
        yield server
        server.check()


def _staging(client: aihomedesign_v3_client.AuthenticatedClient) -> CreateProcessRequest:
    project = create_project.sync(client=client, body=CreateProjectRequest(address="1 Elm St"))
    assert isinstance(project, ProjectEnvelope)
    photo = File(payload=io.BytesIO(JPEG), file_name="room.jpg", mime_type="image/jpeg")
    form = CreateOrderForm(
        asset_file=[photo], project_id=project.data.id, asset_role=[AssetRole.PRIMARY_ANGLE]
    )
    order = create_order.sync(client=client, body=form)
    assert isinstance(order, OrderEnvelope)
    return CreateProcessRequest(
        order_id=order.data.order_id,
        tool="tool-virtual-staging",
        asset_map=CreateProcessRequestAssetMap.from_dict(
            {"tool-virtual-staging-input-image": order.data.assets[0].id}
        ),
        widgets=[WidgetSelection.from_dict(w) for w in STAGING_WIDGETS],
    )


def test_client_v3_runs_a_staging_flow_on_the_v1_mock(mock: AIHomeDesignMock) -> None:
    client = mock.client_v3()
    assert type(client) is aihomedesign_v3_client.AuthenticatedClient
    assert client.raise_on_unexpected_status is True
    assert str(client.get_httpx_client().base_url) == str(mock.client().get_httpx_client().base_url)
    created = create_process.sync_detailed(client=client, body=_staging(client))
    assert created.status_code == 201
    assert created.parsed is not None and hasattr(created.parsed, "data")
    process_id = created.parsed.data.process_ids[0]
    mock.clock.complete_all()
    process = get_process.sync(process_id, client=client)
    assert isinstance(process, ProcessEnvelope)
    assert process.data.status is ProcessStatus.DONE
    result = process.data.final_assets[0].src
    with mock.http_client() as http:
        image = http.get(result)
    assert image.status_code == 200 and image.content.startswith(b"\xff\xd8\xff")


def test_the_v3_scenarios_reach_the_served_v3(mock: AIHomeDesignMock) -> None:
    client = mock.client_v3()
    request = _staging(client)
    mock.scenarios.deny_tool("tool-virtual-staging")
    denied = create_process.sync_detailed(client=client, body=request)
    assert denied.status_code == 403
    assert isinstance(denied.parsed, ApiError)
    mock.scenarios.rate_limit(1)
    mock.reset()  # the scenarios are the mock's state: a reset disarms them
    assert create_process.sync_detailed(client=client, body=_staging(client)).status_code == 201
