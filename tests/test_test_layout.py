"""The test suites' own layout: test modules stand alone and are named after what they test.

A helper two test modules share lives in a conftest or an underscored helper module
(``tests/_raw_http.py``, ``tests/_processes.py``...), never in a test module: importing
one test module from another runs its tests' module code twice, ties one file's helpers to
another file's tests, and hides which module a helper belongs to. A test module is named
after the module or concern it tests, never after the issue that prompted it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SUITES = ("tests", "contract_tests")
TEST_MODULES = sorted(path for suite in SUITES for path in (ROOT / suite).glob("test_*.py"))


def _dotted(path: Path, root: Path = ROOT) -> str:
    return ".".join(path.relative_to(root).with_suffix("").parts)


def _imported_modules(path: Path, root: Path = ROOT) -> Iterator[str]:
    """Every dotted module ``path`` imports, by any spelling, or loads as a pytest plugin."""
    package = _dotted(path, root).rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            parts = package.split(".")
            base = ".".join(parts[: len(parts) - node.level + 1]) if node.level else ""
            module = ".".join(filter(None, [base, node.module or ""]))
            yield module
            # ``from tests import test_x`` imports the module test_x itself.
            yield from (f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytest_plugins" for t in node.targets
        ):
            for item in ast.walk(node.value):
                if isinstance(item, ast.Constant) and isinstance(item.value, str):
                    yield item.value


def _is_test_module(dotted: str) -> bool:
    parts = dotted.split(".")
    return parts[-1].startswith("test_") and (
        len(parts) == 1 or (len(parts) == 2 and parts[0] in SUITES)
    )


def test_the_suites_have_test_modules() -> None:
    # Guards the checks below against a glob that finds nothing.
    assert {path.parent.name for path in TEST_MODULES} == set(SUITES)
    assert Path(__file__).resolve() in TEST_MODULES


@pytest.mark.parametrize("path", TEST_MODULES, ids=_dotted)
def test_no_test_module_imports_another(path: Path) -> None:
    imported = sorted({m for m in _imported_modules(path) if _is_test_module(m)})
    assert not imported, (
        f"{_dotted(path)} imports the test module(s) {imported}: move what they share "
        "into a conftest or an underscored helper module (tests/_*.py)"
    )


def test_no_test_module_is_named_after_an_issue() -> None:
    named = [_dotted(path) for path in TEST_MODULES if "issue" in path.stem.lower()]
    assert not named, f"name these after the module or concern they test: {named}"


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("from tests.test_proxy import drift", True),
        ("from .test_proxy import drift", True),
        ("from tests import test_proxy", True),
        ("import tests.test_proxy", True),
        ("import test_proxy", True),
        ('pytest_plugins = ["tests.test_proxy"]', True),
        ("from contract_tests.test_st_cli import run", True),
        ("from tests._drift import drift", False),
        ("from tests import _processes", False),
        ("from contract_tests.conftest import witness_of", False),
        ("from mock_server.testing import test_client", False),
    ],
)
def test_the_import_check_sees_every_spelling(tmp_path: Path, source: str, found: bool) -> None:
    # The parser must see the imports it is meant to forbid, or the check above passes idly.
    suite = tmp_path / "tests"
    suite.mkdir()
    module = suite / "test_example.py"
    module.write_text(source + "\n", encoding="utf-8")
    imported = [m for m in _imported_modules(module, tmp_path) if _is_test_module(m)]
    assert bool(imported) is found, imported
