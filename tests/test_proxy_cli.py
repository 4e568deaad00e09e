"""``mock-server proxy`` as users run it: a child process between a client and an upstream."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from mock_server.server import MockServer
from mock_server.vendors import bundled_spec
from tests._drift import drift

ROOT = Path(__file__).resolve().parent.parent
KEY = {"x-api-key": "test-key"}


pytestmark = pytest.mark.subprocess


@pytest.fixture
def start_proxy() -> Iterator[Callable[..., str]]:
    procs: list[subprocess.Popen[bytes]] = []

    def start(*argv: str) -> str:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mock_server.cli", "proxy", "--port", "0", *argv],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        procs.append(proc)
        assert proc.stdout is not None
        line = proc.stdout.readline().decode()
        assert line.startswith("proxy: http://"), line
        return line.split()[1]

    yield start
    for proc in procs:
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=10)


def test_a_faithful_upstream_passes_through_clean(
    start_proxy: Callable[..., str], tmp_path: Path
) -> None:
    with MockServer.for_api("autoenhance") as upstream:
        url = start_proxy(
            "--api", "autoenhance", "--upstream", upstream.url, "--record", str(tmp_path)
        )
        created = httpx.post(f"{url}/v3/orders/", json={"name": "Oak"}, headers=KEY)
        assert created.status_code == 200
        assert "sl-violations" not in created.headers
        assert upstream.journal.last.operation_id == "create_order"
    recorded = list((tmp_path / "mappings").glob("*.json"))
    assert len(recorded) == 1
    assert "test-key" not in recorded[0].read_text()
    assert json.loads(recorded[0].read_text())["request"]["method"] == "POST"


def test_a_drifted_upstream_is_reported_by_field(
    start_proxy: Callable[..., str], tmp_path: Path
) -> None:
    document = yaml.safe_load(bundled_spec("autoenhance").read_text(encoding="utf-8"))
    altered = tmp_path / "drifted.yaml"
    altered.write_text(yaml.safe_dump(drift(document)), encoding="utf-8")
    with MockServer.from_spec(altered) as upstream:
        url = start_proxy("--api", "autoenhance", "--upstream", upstream.url)
        answer = httpx.post(f"{url}/v3/orders/", json={"name": "Oak"}, headers=KEY)
    assert answer.status_code == 200
    assert answer.json()["total_images"] == "none"  # passed on unchanged
    violations = json.loads(answer.headers["sl-violations"])
    assert ["response", "body", "total_images"] in [v["location"] for v in violations]


def test_a_bad_upstream_url_is_an_error() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mock_server.cli", "proxy", "--api", "autoenhance",
         "--upstream", "ftp://nowhere"],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 2
    assert b"mock-server proxy: error:" in done.stderr


def test_identical_exchanges_record_once_and_no_query_key_is_logged(tmp_path: Path) -> None:
    with MockServer.for_api("autoenhance") as upstream:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mock_server.cli", "proxy", "--port", "0", "--api",
             "autoenhance", "--upstream", upstream.url, "--record", str(tmp_path),
             "--log-level", "debug"],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        assert proc.stdout is not None
        url = proc.stdout.readline().decode().split()[1]
        for _ in range(4):
            answer = httpx.get(f"{url}/v3/orders/?api_key=qs-secret-4242", headers=KEY)
            assert answer.status_code < 500
        proc.send_signal(signal.SIGTERM)
        _, stderr = proc.communicate(timeout=10)
    recorded = list((tmp_path / "mappings").glob("*.json"))
    assert len(recorded) == 1, recorded  # one file per distinct exchange
    assert b"qs-secret-4242" not in stderr
    assert all("qs-secret-4242" not in path.read_text() for path in recorded)
