"""The hooks ``schemathesis.toml`` loads work from any schemathesis install.

A user runs ``st`` from ``pipx``, ``uvx`` or schemathesis' container image, whose
environment holds schemathesis and its dependencies, nothing of this project. So each
hooks file the configuration names imports only the standard library and schemathesis
(checked here from its source), it registers its hooks and its check when schemathesis
loads it and not when this suite imports it (in a child process: a registration lasts for
every schemathesis run of the process), and a deep test runs ``st run`` from a fresh
virtual environment holding only schemathesis, against the ``mock-server`` CLI.
"""

from __future__ import annotations

import ast
import base64
import importlib.metadata
import subprocess
import sys
import tomllib
import venv
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from schemathesis.openapi.checks import EnsureResourceAvailability, UseAfterFree

from contract_tests import st_hooks
from contract_tests._settings import ApiName
from contract_tests._st_run import ROOT
from mock_server.media import IMAGE_MEDIA_TYPES, tiny_image

ST_CONFIG = ROOT / "schemathesis.toml"
ALLOWED_IMPORTS = frozenset(sys.stdlib_module_names) | {"__future__", "schemathesis"}
"""What a hooks file may import: what every schemathesis install has."""


def _hooks_files() -> list[Path]:
    config = tomllib.loads(ST_CONFIG.read_text(encoding="utf-8"))
    named = [config["hooks"]] if "hooks" in config else []
    return [ROOT / name for name in named]


def _imported_modules(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def test_the_configuration_names_the_hooks_file() -> None:
    assert _hooks_files() == [ROOT / "contract_tests" / "st_hooks.py"]


def test_the_builtin_stateful_checks_give_way_to_the_hooks_versions() -> None:
    config = tomllib.loads(ST_CONFIG.read_text(encoding="utf-8"))
    assert config["checks"]["use_after_free"] == {"enabled": False}
    assert config["checks"]["ensure_resource_availability"] == {"enabled": False}
    # A per-operation exception names the check that runs, the hooks' one.
    for project in config["project"]:
        for operation in project.get("operations", []):
            stateful = operation.get("phases", {}).get("stateful", {}).get("checks", {})
            assert "ensure_resource_availability" not in stateful, operation
            assert "use_after_free" not in stateful, operation


def _case(case_id: str, label: str, **fields: Any) -> Any:
    return SimpleNamespace(
        id=case_id,
        operation=SimpleNamespace(label=label),
        path_parameters=fields.get("path_parameters", {}),
        body=fields.get("body"),
    )


def _scenario(cases: list[Any], answers: dict[str, Any], parents: Any = None) -> Any:
    """A stand-in for a stateful check's context: the cases sent, in order, and answers."""
    return SimpleNamespace(
        internals=SimpleNamespace(
            find_all_cases=lambda: cases,
            find_parent=lambda case_id: (parents or {}).get(case_id),
            find_response=lambda case_id: answers[case_id],
        )
    )


def _excused(check: Any, ctx: Any, case: Any) -> bool:
    """Whether ``check`` lets ``case`` pass where the built-in check under it failed it."""
    try:
        return check(ctx, None, case) is None
    except (UseAfterFree, EnsureResourceAvailability):
        return False


@pytest.mark.parametrize(
    ("image_status", "image_order", "excused"),
    [(200, "X", True), (422, "X", False), (200, "Y", False)],
    ids=["recreated", "create-refused", "another-order"],
)
def test_an_order_recreated_by_create_image_is_no_use_after_free(
    monkeypatch: pytest.MonkeyPatch, image_status: int, image_order: str, excused: bool
) -> None:
    delete = _case("d", "DELETE /v3/orders/{id}", path_parameters={"id": "X"})
    image = _case("i", "POST /v3/images/", body={"order_id": image_order})
    read = _case("r", "GET /v3/orders/{order_id}/brackets", path_parameters={"order_id": "X"})
    statuses = {"d": 204, "i": image_status, "r": 200}
    answers = {case_id: SimpleNamespace(status_code=code) for case_id, code in statuses.items()}
    ctx = _scenario([delete, image, read], answers)

    def builtin(ctx: Any, response: Any, case: Any) -> bool | None:
        raise UseAfterFree(
            operation=case.operation.label,
            message="200 after DELETE",
            free="DELETE /v3/orders/X",
            usage="GET /v3/orders/X/brackets",
            deleted_case_id="d",
        )

    monkeypatch.setattr(st_hooks, "use_after_free", builtin)
    assert _excused(st_hooks.use_after_free_with_recreations, ctx, read) is excused


@pytest.mark.parametrize(
    ("delete_status", "deleted_order", "excused"),
    [(204, "X", True), (404, "X", False), (204, "Y", False)],
    ids=["order-deleted", "delete-refused", "another-order"],
)
def test_an_image_gone_with_its_deleted_order_is_no_missing_resource(
    monkeypatch: pytest.MonkeyPatch, delete_status: int, deleted_order: str, excused: bool
) -> None:
    create = _case("c", "POST /v3/images/", body={"order_id": "X"})
    delete = _case("d", "DELETE /v3/orders/{id}", path_parameters={"id": deleted_order})
    read = _case("r", "GET /v3/images/{id}", path_parameters={"id": "I"})
    answers = {
        "c": SimpleNamespace(status_code=200, json=lambda: {"image_id": "I", "order_id": "X"}),
        "d": SimpleNamespace(status_code=delete_status),
        "r": SimpleNamespace(status_code=404),
    }
    ctx = _scenario([create, delete, read], answers, parents={"r": create})

    def builtin(ctx: Any, response: Any, case: Any) -> bool | None:
        raise EnsureResourceAvailability(
            operation=case.operation.label,
            message="404 right after the create",
            created_with="POST /v3/images/",
            not_available_with="GET /v3/images/I",
        )

    monkeypatch.setattr(st_hooks, "ensure_resource_availability", builtin)
    assert _excused(st_hooks.ensure_resource_availability_with_cascades, ctx, read) is excused


_REGISTERED = """
import sys
from schemathesis.checks import CHECKS
from schemathesis.hooks import get_all_by_name
if sys.argv[1] == "load":
    from schemathesis.core.hooks import load_from_path
    load_from_path("contract_tests/st_hooks.py")
else:
    import contract_tests.st_hooks
names = set(CHECKS.get_all_names())
ours = {"use_after_free_with_recreations", "ensure_resource_availability_with_cascades"}
print(ours <= names, len(get_all_by_name("after_call")))
"""


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("how", "registered"), [("load", "True 1"), ("import", "False 0")], ids=["st", "suite"]
)
def test_the_hooks_register_where_schemathesis_loads_them_only(how: str, registered: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _REGISTERED, how],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.split("\n")[-2] == registered


@pytest.mark.parametrize("hooks", _hooks_files(), ids=lambda path: path.name)
def test_a_hooks_file_imports_only_what_schemathesis_brings(hooks: Path) -> None:
    imported = _imported_modules(hooks.read_text(encoding="utf-8"))
    assert "schemathesis" in imported
    assert imported <= ALLOWED_IMPORTS, f"{hooks.name} imports {sorted(imported - ALLOWED_IMPORTS)}"


def _assigned_literal(source: str, name: str) -> Any:
    for node in ast.parse(source).body:
        if not isinstance(node, ast.Assign):
            continue
        if any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"no {name} = <literal> in the hooks file")


def test_the_uploaded_images_are_the_mocks_tiny_images() -> None:
    source = (ROOT / "contract_tests" / "st_hooks.py").read_text(encoding="utf-8")
    images = _assigned_literal(source, "_IMAGES")
    assert set(images) == set(IMAGE_MEDIA_TYPES.values())
    for fmt, media_type in IMAGE_MEDIA_TYPES.items():
        assert base64.b64decode(images[media_type]) == tiny_image(fmt), media_type


@pytest.fixture(scope="module")
def schemathesis_only(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` directory of a new venv holding only this project's schemathesis version.

    pip is this environment's, pointed at the new interpreter (``--python``): the venv
    itself gets no pip, so it holds schemathesis and its dependencies and nothing else.
    """
    env_dir = tmp_path_factory.mktemp("st-only") / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    version = importlib.metadata.version("schemathesis")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", "--python"]
    subprocess.run(
        [*pip, str(python), "install", f"schemathesis=={version}"],
        check=True,
        capture_output=True,
    )
    absent = subprocess.run([str(python), "-c", "import httpx"], capture_output=True, check=False)
    assert absent.returncode != 0, "the venv must not hold httpx (schemathesis does not bring it)"
    return env_dir / "bin"


@pytest.mark.subprocess
@pytest.mark.deep
def test_plain_st_run_from_a_schemathesis_only_venv(
    schemathesis_only: Path, mock_urls: dict[ApiName, str]
) -> None:
    url = mock_urls["autoenhance"]
    assert httpx.post(f"{url}/__mock/reset", timeout=30).status_code == 204
    # Exactly the README's command, from the repo root: schemathesis.toml loads the hooks.
    command = [str(schemathesis_only / "st"), "run", "openapi/autoenhance.yaml", "--url", url]
    done = subprocess.run(
        [*command, "-H", "x-api-key: test-key", "--no-color"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    output = done.stdout + done.stderr
    assert "Unable to load Schemathesis extension hooks" not in output, output[-4000:]
    assert done.returncode == 0, output[-6000:]
    # The hook uploaded. Not read from the journal: it keeps the last 1,000 exchanges of
    # a run that sends over 3,000, so whether an upload is still there depends on the seed.
    # From the state instead: an image is processed only once its bytes were PUT to the
    # upload URL, which is no operation of the spec, so only the hook can have sent it
    # (st cannot upload brackets either, so no merge makes one).
    statuses = _image_statuses(url)
    assert statuses.get("processed", 0) > 0, f"image statuses after the run: {statuses}"


def _image_statuses(url: str) -> dict[str, int]:
    """How many images of every order the mock holds are in each status."""
    counts: dict[str, int] = {}
    params: dict[str, str] = {}
    with httpx.Client(base_url=url, headers={"x-api-key": "test-key"}, timeout=30) as http:
        while True:
            page = http.get("/v3/orders/", params=params).json()
            for order in page["orders"]:
                for image in order.get("images", []):
                    counts[image["status"]] = counts.get(image["status"], 0) + 1
            offset = page["pagination"].get("next_offset")
            if not offset:
                return counts
            params = {"offset": offset}
