"""The wheel works for another team: a non-editable install into a fresh virtual environment.

The wheel is built once per session and installed with ``--no-deps`` into a new venv
whose dependencies come from this project's environment through a ``.pth`` path entry
(the editable installs there are ``.pth`` files of their own, which a plain path entry
does not run, so only the wheel's copy of ``mock_server`` is importable). Everything
then runs from a directory outside the checkout, so nothing is imported from the source.
"""

from __future__ import annotations

import re
import site
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.subprocess

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``bin`` directory of a fresh venv holding only the built wheel."""
    base = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "-w", str(base), str(ROOT)], check=True)
    (wheel,) = base.glob("realestate_ai_api_mocks-*.whl")
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run([*pip, "--python", str(python), "install", "--no-deps", str(wheel)], check=True)
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(purelib) / "_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    return env_dir / "bin"


def _run(bin_dir: Path, *argv: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bin_dir / "python"), *argv], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_the_wheel_ships_code_specs_and_clients(installed: Path, tmp_path: Path) -> None:
    probe = (
        "import mock_server, aihomedesign_client, autoenhance_client;"
        "from mock_server import bundled_spec;"
        "print(mock_server.__file__); print(bundled_spec('autoenhance'))"
    )
    result = _run(installed, "-c", probe, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    module_file, spec_path = result.stdout.split()
    assert not module_file.startswith(str(ROOT)), "imported from the checkout, not the wheel"
    assert spec_path.endswith("mock_server/specs/autoenhance.yaml")


def test_fixtures_come_from_the_entry_point(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "test_uses_fixtures.py").write_text(
        textwrap.dedent(
            """
            import httpx

            def test_both(aihomedesign_mock, autoenhance_mock):
                key = {"x-api-key": autoenhance_mock.api_key}
                created = httpx.post(f"{autoenhance_mock.url}/v3/orders/", json={}, headers=key)
                assert created.status_code == 200
                spaces = httpx.get(
                    f"{aihomedesign_mock.url}/v1/catalog/spaces",
                    params={"service_name": "service-ai-virtual-staging"},
                    headers={"x-api-key": aihomedesign_mock.api_key},
                )
                assert spaces.status_code == 200 and spaces.json()["data"]
            """
        )
    )
    result = _run(installed, "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b1 passed\b", result.stdout), result.stdout


def test_the_cli_serves_from_the_wheel(installed: Path, tmp_path: Path) -> None:
    proc = subprocess.Popen(
        [str(installed / "mock-server"), "--api", "autoenhance", "--autoenhance-port", "0"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.search(r"\(base_url (http://127\.0\.0\.1:\d+)\)", line)
        assert match, line + (proc.stderr.read() if proc.poll() is not None and proc.stderr else "")
        response = httpx.get(f"{match.group(1)}/v3/orders/", headers={"x-api-key": "test-key"})
        assert response.status_code == 200
        assert response.json()["pagination"]["next_offset"] is None
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
