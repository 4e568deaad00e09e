"""The vendor's official v3 client, unchanged, runs a staging flow against the mock over HTTP.

``tests/data/aihomedesign-mcp-4b22a93.tar.gz`` is ``git archive`` of
``AIHomeDesign/aihomedesign-mcp`` at commit 4b22a93 (MIT licence, inside the archive). The
test unpacks it and runs its ``app/server.py`` tool functions in a subprocess, as a user
would run the package from its own folder, with ``AIHD_API_BASE`` pointing at the mock's
``/v3`` on a real port: a v3-only ``MockServer``, and ``mock-server``'s AI HomeDesign port,
where v3 answers beside v1. Its database is optional (no ``DB_DSN``: logging is off).

The package's web framework (``mcp``'s FastMCP and ``starlette``) only registers the tool
functions and serves them over MCP; the tests need neither, and the suite installs
nothing. When those packages are not installed (or ``mcp`` is 2.x, where ``FastMCP`` no
longer exists; the package asks for ``mcp>=1.12``), a minimal stand-in for them is put on
the subprocess's path (:data:`_STUBS`) whose ``tool()`` decorator returns the function as
is; with ``mcp<2`` and ``starlette`` installed, the real ones are used (checked by hand with
mcp 1.30.0 and starlette 1.10.0). Every HTTP call to the API is the client's
own code (``httpx``), byte for byte.
"""

from __future__ import annotations

import base64
import importlib.util
import json
import os
import re
import subprocess
import sys
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from mock_server.server import MockServer
from tests._aihomedesign_v3 import JPEG, KEY, make_engine

if TYPE_CHECKING:
    from tests._processes import Started

pytest_plugins = ["tests._processes"]  # the start_cli fixture

ARCHIVE = Path(__file__).resolve().parent / "data" / "aihomedesign-mcp-4b22a93.tar.gz"

_STUBS = {
    "mcp/__init__.py": "",
    "mcp/server/__init__.py": "",
    "mcp/server/fastmcp.py": '''
class FastMCP:
    """Stand-in: registers nothing, so the decorated tool functions stay plain functions."""

    def __init__(self, *args, **kwargs):
        pass

    def tool(self, *args, **kwargs):
        return lambda fn: fn

    def custom_route(self, *args, **kwargs):
        return lambda fn: fn
''',
    "starlette/__init__.py": "",
    "starlette/requests.py": "class Request:\n    pass\n",
    "starlette/responses.py": (
        "class JSONResponse:\n    pass\n\n\nclass PlainTextResponse:\n    pass\n"
    ),
}

# Runs inside the unpacked package's app/ folder; prints one JSON object of what it saw.
_FLOW = r"""
import json, sys
import httpx
import server  # the official client's app/server.py, unchanged

mock, image_b64 = sys.argv[1], sys.argv[2]


def advance(seconds):
    httpx.post(f"{mock}/__mock/clock/advance", json={"seconds": seconds}).raise_for_status()


seen = {}
project = server.create_project(address="123 Maple Street, Austin TX 78701")
seen["project"] = project
seen["listed"] = server.list_projects(page=1, limit=50, search="maple")
order = server.create_order(image_base64=[image_b64], project_id=project["id"])
seen["order"] = order
asset_id = order["assets"][0]["id"]
# The client downloads a URL itself before uploading it: use the mock's own input image.
seen["order_from_url"] = server.create_order(
    image_urls=[order["assets"][0]["src"]], project_id=project["id"])
describe = server.describe_tool("tool-virtual-staging")
widgets = [
    {"slug": "widget-space-tool-virtual-staging",
     "item_slugs": ["item-living-room-widget-space-tool-virtual-staging"]},
    {"slug": "widget-style-tool-virtual-staging",
     "item_slugs": ["item-modern-widget-style-tool-virtual-staging"]},
]
run = server.run_process(order_id=order["order_id"], tool="tool-virtual-staging",
                         asset_map={describe["input_slots"][0]: asset_id}, widgets=widgets)
seen["run"] = run
process_id = run["process_ids"][0]
seen["pending"] = server.get_process(process_id)
advance(30)
done = server.get_process(process_id)
seen["done"] = done
results = server._result_urls(done)
seen["results"] = results
download = httpx.get(results[0]["url"])
seen["download"] = {"status": download.status_code,
                    "type": download.headers.get("content-type"),
                    "jpeg": download.content[:3] == b"\xff\xd8\xff"}
seen["order_after"] = server.get_order(order["order_id"])
seen["project_after"] = server.get_project(project["id"])

# The one-shot helpers: upload + process, then wait (the process is done after advance).
staged = server.virtual_staging(image_base64=image_b64, style="modern", space="bedroom",
                                wait=False, project_id=project["id"])
seen["staged"] = staged
advance(30)
seen["staged_result"] = server.wait_for_result(staged["process_id"], timeout_seconds=5)
for helper, kwargs in [
    (server.enhance_image, {"area": "indoor", "options": ["add-fire-to-fireplace"]}),
    (server.remove_items, {}),
    (server.day_to_dusk, {}),
    (server.change_wall, {"space": "kitchen"}),
    (server.interior_design, {"style": "hampton", "space": "dining-room"}),
]:
    started = helper(image_base64=image_b64, wait=False, **kwargs)
    seen.setdefault("helpers", {})[helper.__name__] = started
advance(30)
seen["helper_results"] = {
    name: server.get_process(started["process_id"])["status"]
    for name, started in seen["helpers"].items()
}
seen["bad_slug"] = server.run_process(
    order_id=order["order_id"], tool="tool-virtual-staging",
    asset_map={"tool-virtual-staging-input-image": asset_id},
    widgets=[widgets[0], {"slug": widgets[1]["slug"],
                          "item_slugs": ["item-neon-widget-style-tool-virtual-staging"]}])
seen["unknown_process"] = server.get_process("0" * 24)
print(json.dumps(seen))
"""


def _missing_framework() -> bool:
    """Whether the package's framework imports here (mcp 2.x renamed FastMCP: no)."""
    try:
        importlib.import_module("mcp.server.fastmcp")
        importlib.import_module("starlette.responses")
    except ImportError:
        return True
    return False


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The unpacked official package's ``app/`` folder."""
    root = tmp_path_factory.mktemp("mcp")
    with tarfile.open(ARCHIVE) as archive:
        archive.extractall(root, filter="data")
    return root / "aihomedesign-mcp" / "app"


def _run(app: Path, mock_url: str, tmp_path: Path) -> dict[str, Any]:
    paths = [str(app)]
    if _missing_framework():
        for name, text in _STUBS.items():
            target = tmp_path / "stubs" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / "stubs"))
    script = tmp_path / "flow.py"
    script.write_text(_FLOW, encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.pathsep.join(paths),
        "AIHD_API_BASE": f"{mock_url}/v3",
        "AIHD_API_KEY": KEY,
        "NO_PROXY": "*",
    }
    image = base64.b64encode(JPEG).decode()
    done = subprocess.run(
        [sys.executable, str(script), mock_url, image],
        cwd=app,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_the_official_client_runs_a_staging_flow_unchanged(package: Path, tmp_path: Path) -> None:
    engine = make_engine()
    with MockServer(engine) as server:
        url = server.url
        seen = _run(package, url, tmp_path)
        server.check()
    _assert_flow(seen, url)


def test_the_official_client_runs_against_mock_servers_v3(
    package: Path, tmp_path: Path, start_cli: Callable[..., Started]
) -> None:
    """``AIHD_API_BASE`` at ``mock-server``'s AI HomeDesign port + ``/v3``, beside v1."""
    _, out = start_cli(
        "--api", "aihomedesign", "--aihomedesign-port", "0", "--clock", "manual", "--api-key", KEY
    )
    found = re.search(r"^AI HomeDesign API v3: (http://\S+)/v3 ", out, re.M)
    assert found is not None, out
    url = found[1]
    seen = _run(package, url, tmp_path)
    _assert_flow(seen, url)
    journal = httpx.get(f"{url}/__mock/journal").json()
    assert [e["path"] for e in journal if e["status"] >= 500] == []
    assert {e["path"].split("/")[1] for e in journal} == {"v3", "_files"}  # all v3's


def _assert_flow(seen: dict[str, Any], url: str) -> None:
    project = seen["project"]
    assert project["ok"] is True and project["address"].startswith("123 Maple")
    assert [p["id"] for p in seen["listed"]["data"]] == [project["id"]]
    assert seen["listed"]["pagination"]["total"] == 1
    assert seen["order"]["ok"] is True and seen["order"]["assets"][0]["role"] == "primary_angle"
    assert seen["order_from_url"]["ok"] is True
    assert seen["run"]["ok"] is True and len(seen["run"]["process_ids"]) == 1
    assert seen["pending"]["status"] == "pending"
    assert seen["done"]["status"] == "done"
    (result,) = seen["results"]
    assert result["url"].startswith(url + "/_files/v3/result/")
    assert result["asset_id"] == seen["done"]["final_assets"][0]["asset_id"]
    assert seen["download"] == {"status": 200, "type": "image/jpeg", "jpeg": True}
    assert seen["order_after"]["status"] == "idle"
    assert seen["project_after"]["result_count"] == 1

    assert seen["staged"]["ok"] is True and seen["staged"]["tool"] == "tool-virtual-staging"
    staged = seen["staged_result"]
    assert (staged["ok"], staged["status"], len(staged["results"])) == (True, "done", 1)
    assert all(started["ok"] for started in seen["helpers"].values()), seen["helpers"]
    assert set(seen["helper_results"].values()) == {"done"}, seen["helper_results"]

    bad = seen["bad_slug"]
    assert (bad["ok"], bad["status"], bad["key"]) == (False, 422, "api_error_invalid_item")
    missing = seen["unknown_process"]
    assert (missing["ok"], missing["status"], missing["key"]) == (
        False,
        404,
        "api_error_process_not_found",
    )
