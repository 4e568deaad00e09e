"""The package's public surface is deliberate: explicit re-exports, a sorted ``__all__``."""

from __future__ import annotations

import subprocess
import sys

import pytest

import mock_server


def test_all_is_sorted_and_matches_public_names() -> None:
    for name in mock_server.__all__:  # imported on first use
        getattr(mock_server, name)
    public = {name for name in vars(mock_server) if not name.startswith("_")}
    submodules = {name for name in public if type(getattr(mock_server, name)) is type(mock_server)}
    assert sorted(mock_server.__all__) == mock_server.__all__
    assert set(mock_server.__all__) == public - submodules - {"annotations"}


def test_every_export_is_documented() -> None:
    for name in mock_server.__all__:
        assert getattr(mock_server, name).__doc__, name


def test_every_export_resolves_and_is_listed_by_dir() -> None:
    for name in mock_server.__all__:
        assert getattr(mock_server, name) is not None
    assert set(mock_server.__all__) <= set(dir(mock_server))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        mock_server.no_such_name  # noqa: B018


def test_the_served_path_imports_no_client_or_test_library() -> None:
    # httpx, werkzeug and pytest-httpserver cost a fifth of a second at launch: the CLI
    # imports them only for the proxy, the werkzeug server or a form body.
    code = (
        "import sys, mock_server.cli, mock_server.app; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'httpx', 'werkzeug', 'pytest_httpserver', 'rich', 'click', 'pygments'}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
