"""``make conformance`` against the project's mock (green) and a server that drifted (red).

The mock is the ``mock-server`` CLI of ``conftest.mock_urls``; ``st`` runs as a subprocess.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from contract_tests import conformance
from contract_tests._settings import ApiName

pytestmark = pytest.mark.subprocess


@Request.application
def _drifted(request: Request) -> Response:
    del request
    return Response('{"unexpected": true}', content_type="application/json")


@pytest.fixture
def drifted_url() -> Iterator[str]:
    """A server that answers ``{"unexpected": true}`` to everything."""
    server = make_server("127.0.0.1", 0, _drifted, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


def _run(api: str, url: str, junit: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    argv = ["--api", api, "--url", url, "--key", "test-key", "--junit", str(junit)]
    status = conformance.main([*argv, "--seed", "0", "--max-examples", "5"])
    return status, capsys.readouterr().out


@pytest.mark.parametrize("api", ["aihomedesign", "aihomedesign-v3", "autoenhance"])
def test_conformance_against_the_mock_passes(
    api: ApiName, mock_urls: dict[ApiName, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = _run(api, mock_urls[api], tmp_path / "junit.xml", capsys)
    assert status == 0, out
    assert "every answer kept to the spec" in out
    assert "<testsuite" in (tmp_path / "junit.xml").read_text()


def test_conformance_against_a_drifted_server_fails_and_names_operations(
    drifted_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out = _run("autoenhance", drifted_url, tmp_path / "junit.xml", capsys)
    assert status != 0, out
    named = out.split("operations that broke the spec:", 1)[1].splitlines()[0]
    # A 200 without a key and a 200 for an invalid body break the spec in both creates.
    assert "create_order" in named, out
    assert "list_orders" in named, out
    assert "failure" in (tmp_path / "junit.xml").read_text()
