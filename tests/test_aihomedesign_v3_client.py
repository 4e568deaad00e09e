"""The generated v3 client (``aihomedesign_v3_client``) runs the staging flow in-process.

The client is generated from ``openapi/aihomedesign-v3.yaml``; this drives it through the
engine with ``EngineTransport`` (no socket), as ``MockServer.client()`` does for v1, and
checks that its typed models parse every answer, the envelope included.
"""

from __future__ import annotations

import io

import pytest

from mock_server.engine import Engine
from mock_server.server import EngineTransport
from tests._aihomedesign_v3 import JPEG, KEY, STAGING_WIDGETS, make_engine

pytest.importorskip(
    "aihomedesign_v3_client",
    reason="generated_client/aihomedesign_v3 is not installed (pip install -e it)",
)

from aihomedesign_v3_client import AuthenticatedClient
from aihomedesign_v3_client.api.orders import create_order, get_order
from aihomedesign_v3_client.api.processes import create_process, get_process
from aihomedesign_v3_client.api.projects import create_project, list_projects
from aihomedesign_v3_client.api.tools import list_tools
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
    ProjectListEnvelope,
    ToolList,
    WidgetSelection,
)
from aihomedesign_v3_client.types import File


def _client(engine: Engine) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url="http://aihomedesign-v3.in-process",
        token=KEY,
        prefix="",
        auth_header_name="x-api-key",
        httpx_args={"transport": EngineTransport(engine)},
    )


def test_the_generated_client_runs_the_staging_flow() -> None:
    engine = make_engine()
    client = _client(engine)
    project = create_project.sync(
        client=client, body=CreateProjectRequest(address="123 Maple Street")
    )
    assert isinstance(project, ProjectEnvelope) and project.message == "ok"
    assert project.data.default is False

    form = CreateOrderForm(
        asset_file=[File(payload=io.BytesIO(JPEG), file_name="room.jpg", mime_type="image/jpeg")],
        project_id=project.data.id,
        asset_role=[AssetRole.PRIMARY_ANGLE],
    )
    order = create_order.sync(client=client, body=form)
    assert isinstance(order, OrderEnvelope), order
    asset = order.data.assets[0]
    assert asset.role is AssetRole.PRIMARY_ANGLE

    request = CreateProcessRequest(
        order_id=order.data.order_id,
        tool="tool-virtual-staging",
        asset_map=CreateProcessRequestAssetMap.from_dict(
            {"tool-virtual-staging-input-image": asset.id}
        ),
        widgets=[WidgetSelection.from_dict(w) for w in STAGING_WIDGETS],
    )
    created = create_process.sync_detailed(client=client, body=request)
    assert created.status_code == 201
    assert created.parsed is not None and not isinstance(created.parsed, ApiError)
    process_id = created.parsed.data.process_ids[0]
    engine.clock.complete_all()
    process = get_process.sync(process_id, client=client)
    assert isinstance(process, ProcessEnvelope)
    assert process.data.status is ProcessStatus.DONE
    assert len(process.data.final_assets) == 1

    shown = get_order.sync(order.data.order_id, client=client)
    assert isinstance(shown, OrderEnvelope) and shown.data.processes[0].process_id == process_id
    listed = list_projects.sync(client=client, limit=5)
    assert isinstance(listed, ProjectListEnvelope) and listed.pagination.total == 1
    tools = list_tools.sync(client=client)
    assert isinstance(tools, ToolList) and len(tools.data) == 15
    engine.check()


def test_the_generated_client_parses_the_vendor_errors() -> None:
    engine = make_engine()
    client = _client(engine)
    missing = get_process.sync("0" * 24, client=client)
    assert isinstance(missing, ApiError) and missing.key == "api_error_process_not_found"
    too_many = list_projects.sync_detailed(client=client, limit=31)
    assert too_many.status_code == 400
    assert isinstance(too_many.parsed, ApiError)
    assert too_many.parsed.key == "api_error_invalid_request"
