"""A consumer's tests against the typed fixtures pass ``mypy --strict``, and its mistakes fail it.

The consumer below uses only public names (``mock_server`` and the generated clients),
as a team following the README would; mypy runs on it in a scratch directory.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

GOOD = """
import httpx
from aihomedesign_client import AuthenticatedClient as AIHDClient
from aihomedesign_client.api.orders import get_order
from autoenhance_client import AuthenticatedClient as AEClient
from autoenhance_client.api.orders import create_order
from autoenhance_client.models import OrderIn, OrderOut

from mock_server import AIHomeDesignMock, AutoenhanceMock, Fault, JsonValue


def order_name(client: AEClient) -> str:
    order = create_order.sync(client=client, body=OrderIn(name="Oak St"))
    assert isinstance(order, OrderOut)
    return order.name


def test_autoenhance(autoenhance_mock: AutoenhanceMock) -> None:
    client: AEClient = autoenhance_mock.client()
    assert order_name(client) == "Oak St"
    body: JsonValue = autoenhance_mock.journal.last.request_json()
    assert isinstance(body, dict) and body["name"] == "Oak St"
    autoenhance_mock.scenarios.fail_next_image(order_id="o-1", reason="corrupt")
    autoenhance_mock.scenarios.use_daily_quota(remaining=0)
    autoenhance_mock.faults.set("create_order", Fault(status=503, times=1))
    with autoenhance_mock.http_client() as http:
        health: httpx.Response = http.get("/__mock/health")
    assert health.status_code == 200


def test_aihomedesign(aihomedesign_mock: AIHomeDesignMock) -> None:
    client: AIHDClient = aihomedesign_mock.client()
    get_order.sync("o-1", client=client)
    aihomedesign_mock.scenarios.fail_next_generation()
    aihomedesign_mock.scenarios.deny_tool("tool-virtual-staging")
"""

# Each mistake, and the words mypy's error must contain.
MISTAKES = [
    (
        "the AI HomeDesign client passed to an Autoenhance function",
        """
        from autoenhance_client.api.orders import list_orders
        from mock_server import AIHomeDesignMock

        def test_it(aihomedesign_mock: AIHomeDesignMock) -> None:
            list_orders.sync(client=aihomedesign_mock.client())
        """,
        'Argument "client" to "sync" has incompatible type '
        '"aihomedesign_client.client.AuthenticatedClient"',
    ),
    (
        "the Autoenhance client passed to an AI HomeDesign function",
        """
        from aihomedesign_client.api.orders import get_order
        from mock_server import AutoenhanceMock

        def test_it(autoenhance_mock: AutoenhanceMock) -> None:
            get_order.sync("o-1", client=autoenhance_mock.client())
        """,
        'Argument "client" to "sync" has incompatible type '
        '"autoenhance_client.client.AuthenticatedClient"',
    ),
    (
        "a misspelt scenario",
        """
        from mock_server import AutoenhanceMock

        def test_it(autoenhance_mock: AutoenhanceMock) -> None:
            autoenhance_mock.scenarios.fail_next_imag()
        """,
        '"AutoenhanceScenarios" has no attribute "fail_next_imag"',
    ),
    (
        "a scenario argument of the wrong type",
        """
        from mock_server import AutoenhanceMock

        def test_it(autoenhance_mock: AutoenhanceMock) -> None:
            autoenhance_mock.scenarios.use_daily_quota(remaining="none")
        """,
        'Argument "remaining" to "use_daily_quota" of "AutoenhanceScenarios" has '
        'incompatible type "str"',
    ),
    (
        "a journal body indexed without narrowing",
        """
        from mock_server import AutoenhanceMock

        def test_it(autoenhance_mock: AutoenhanceMock) -> None:
            autoenhance_mock.journal.last.request_json()["name"]
        """,
        "is not indexable",
    ),
]


def _mypy(tmp_path: Path, **modules: str) -> subprocess.CompletedProcess[str]:
    for name, source in modules.items():
        (tmp_path / f"{name}.py").write_text(textwrap.dedent(source))
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file=",
            *(f"{name}.py" for name in modules),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )


def test_a_consumer_passes_mypy_strict_and_each_mistake_fails_it(tmp_path: Path) -> None:
    good = _mypy(tmp_path, test_consumer=GOOD)
    assert good.returncode == 0, good.stdout + good.stderr
    # One module per mistake, all checked in one run; each must fail, for its reason.
    mistakes = {f"test_mistake_{i}": source for i, (_, source, _) in enumerate(MISTAKES)}
    bad = _mypy(tmp_path, **mistakes)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    for (what, _, expected), module in zip(MISTAKES, mistakes, strict=True):
        errors = [line for line in bad.stdout.splitlines() if line.startswith(f"{module}.py:")]
        assert errors, (what, bad.stdout)
        assert expected in "\n".join(errors), (what, errors)
