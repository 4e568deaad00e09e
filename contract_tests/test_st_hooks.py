"""The hooks ``schemathesis.toml`` loads work from any schemathesis install.

A user runs ``st`` from ``pipx``, ``uvx`` or schemathesis' container image, whose
environment holds schemathesis and its dependencies, nothing of this project. So each
hooks file the configuration names imports only the standard library and schemathesis
(checked here from its source, without importing it: an import would register its hooks
for every schemathesis run of this pytest process), and a deep test runs ``st run`` from
a fresh virtual environment holding only schemathesis, against the ``mock-server`` CLI.
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
from typing import Any

import httpx
import pytest

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


def test_the_configuration_names_the_upload_hooks() -> None:
    assert _hooks_files() == [ROOT / "contract_tests" / "st_upload_hooks.py"]


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
    source = (ROOT / "contract_tests" / "st_upload_hooks.py").read_text(encoding="utf-8")
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
