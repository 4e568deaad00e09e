"""Tests for the parsed-spec cache of mock_server.spec (the bundled specs' fast launch)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mock_server.errors import SpecError
from mock_server.spec import load_document
from mock_server.vendors import APIS, bundled_spec


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "mock-server" / "specs"


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.marshal")) if cache.is_dir() else []


@pytest.mark.parametrize("api", APIS)
def test_a_cached_bundled_spec_equals_the_parsed_one(api: str, cache_home: Path) -> None:
    parsed = load_document(bundled_spec(api))  # type: ignore[arg-type]
    assert _entries(cache_home) == []
    assert load_document(bundled_spec(api), cached=True) == parsed  # type: ignore[arg-type]
    assert len(_entries(cache_home)) == 1
    assert load_document(bundled_spec(api), cached=True) == parsed  # type: ignore[arg-type]


def test_an_edited_document_is_parsed_anew(tmp_path: Path, cache_home: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("openapi: 3.1.0\ninfo: {title: A, version: '1'}\npaths: {}\n")
    assert load_document(spec, cached=True)["info"]["title"] == "A"
    spec.write_text("openapi: 3.1.0\ninfo: {title: B, version: '1'}\npaths: {}\n")
    assert load_document(spec, cached=True)["info"]["title"] == "B"
    assert len(_entries(cache_home)) == 2


def test_a_damaged_entry_is_parsed_again_and_replaced(tmp_path: Path, cache_home: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("openapi: 3.1.0\ninfo: {title: A, version: '1'}\npaths: {}\n")
    expected = load_document(spec, cached=True)
    (entry,) = _entries(cache_home)
    entry.write_bytes(b"\xff not marshal")
    assert load_document(spec, cached=True) == expected
    assert entry.read_bytes() != b"\xff not marshal"


def test_what_marshal_cannot_hold_is_loaded_not_cached(tmp_path: Path, cache_home: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("openapi: 3.1.0\ninfo: {title: A, version: '1'}\nx-released: 2024-01-02\n")
    assert str(load_document(spec, cached=True)["x-released"]) == "2024-01-02"
    assert _entries(cache_home) == []


def test_uncached_loads_write_nothing(tmp_path: Path, cache_home: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("openapi: 3.1.0\ninfo: {title: A, version: '1'}\npaths: {}\n")
    load_document(spec)
    assert _entries(cache_home) == []


def test_an_unwritable_cache_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file: no directory below it
    spec = tmp_path / "spec.yaml"
    spec.write_text("openapi: 3.1.0\ninfo: {title: A, version: '1'}\npaths: {}\n")
    assert load_document(spec, cached=True)["info"]["title"] == "A"


def test_invalid_yaml_is_a_spec_error_cached_or_not(tmp_path: Path, cache_home: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text("openapi: [unclosed\n")
    for cached in (False, True):
        with pytest.raises(SpecError, match=r"spec\.yaml:\d+:\d+: invalid YAML"):
            load_document(spec, cached=cached)
    assert _entries(cache_home) == []


def test_a_warm_launch_builds_the_sites_without_the_yaml_parser(tmp_path: Path) -> None:
    code = (
        "import sys, mock_server.cli as cli; "
        "cli.build_sites(cli.build_parser().parse_args([])); "
        "print('yaml' in sys.modules)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["True", "False"]
