"""mock_server.wiremock's public surface: explicit re-exports and a sorted ``__all__``."""

from __future__ import annotations

import mock_server.wiremock as package


def test_all_is_sorted_and_matches_public_names() -> None:
    public = {name for name in vars(package) if not name.startswith("_")}
    submodules = {name for name in public if type(getattr(package, name)) is type(package)}
    # The order itself is ruff's (RUF022: constants, then classes, each alphabetical).
    assert set(package.__all__) == public - submodules - {"annotations"}


def test_every_class_export_is_documented() -> None:
    for name in package.__all__:
        value = getattr(package, name)
        if isinstance(value, type):
            assert value.__doc__, name
