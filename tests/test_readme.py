"""The README's examples run: its pytest examples pass, its client snippets import and call.

A README that drifts from the code is worse than none; these tests keep it honest.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import mock_server.pytest_plugin  # noqa: F401  (see tests/test_pytest_plugin.py)
from mock_server import MockServer
from mock_server.vendors import ApiName

pytest_plugins = ["pytester"]

README = Path(__file__).resolve().parent.parent / "README.md"
PLUGIN_ARGS = ("-p", "no:mock_server", "-p", "mock_server.pytest_plugin", "-p", "no:cacheprovider")


def _python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)


def _test_blocks() -> list[str]:
    return [block for block in _python_blocks() if "\ndef test_" in block]


def test_the_readme_has_a_pytest_example_per_fixture() -> None:
    fixtures = {f for block in _test_blocks() for f in re.findall(r"def test_\w+\((\w+)\)", block)}
    assert fixtures == {"aihomedesign_mock", "autoenhance_mock"}


@pytest.mark.parametrize("index", range(len(_test_blocks())))
def test_readme_pytest_example_passes(pytester: pytest.Pytester, index: int) -> None:
    block = _test_blocks()[index]
    pytester.makepyfile(block)
    tests = len(re.findall(r"^def test_", block, re.MULTILINE))
    pytester.runpytest(*PLUGIN_ARGS).assert_outcomes(passed=tests)


@pytest.mark.parametrize("api", ["autoenhance", "aihomedesign"])
def test_readme_client_snippet_works_against_the_mock(api: ApiName) -> None:
    (block,) = [b for b in _python_blocks() if f"from {api}_client import" in b]
    with MockServer.for_api(api) as mock:
        code = re.sub(r'base_url="[^"]+"', f'base_url="{mock.url}"', block)
        code = code.replace('"YOUR-KEY"', repr(mock.api_key))
        namespace: dict[str, object] = {}
        exec(compile(code, str(README), "exec"), namespace)
        result = namespace.get("order", namespace.get("spaces"))
        assert result is not None and type(result).__name__ in {"OrderOut", "SpaceList"}
