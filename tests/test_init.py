"""The package's public surface is deliberate: explicit re-exports, a sorted ``__all__``."""

from __future__ import annotations

import mock_server


def test_all_is_sorted_and_matches_public_names() -> None:
    public = {name for name in vars(mock_server) if not name.startswith("_")}
    submodules = {name for name in public if type(getattr(mock_server, name)) is type(mock_server)}
    assert sorted(mock_server.__all__) == mock_server.__all__
    assert set(mock_server.__all__) == public - submodules - {"annotations"}


def test_every_export_is_documented() -> None:
    for name in mock_server.__all__:
        assert getattr(mock_server, name).__doc__, name
