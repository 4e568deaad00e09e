"""Checking the arguments of a vendor scenario armed over HTTP (``/__mock/scenarios``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mock_server.errors import ConfigError

__all__ = ["optional_int", "optional_str", "reject_unknown", "required_str"]


def reject_unknown(arguments: Mapping[str, Any], *known: str) -> None:
    """Refuse arguments a scenario does not take.

    Raises:
        ConfigError: An unknown argument.
    """
    unknown = sorted(set(arguments) - set(known))
    if unknown:
        raise ConfigError(
            f"unknown argument(s): {', '.join(unknown)}; expected: {', '.join(known)}"
        )


def optional_str(arguments: Mapping[str, Any], name: str) -> str | None:
    """A string argument, or None when absent.

    Raises:
        ConfigError: Present but not a string.
    """
    value = arguments.get(name)
    if value is not None and not isinstance(value, str):
        raise ConfigError(f"{name!r} must be a string")
    return value


def required_str(arguments: Mapping[str, Any], name: str) -> str:
    """A string argument that must be given.

    Raises:
        ConfigError: Absent or not a string.
    """
    value = optional_str(arguments, name)
    if value is None:
        raise ConfigError(f"{name!r} is required")
    return value


def optional_int(arguments: Mapping[str, Any], name: str) -> int | None:
    """A non-negative integer argument, or None when absent.

    Raises:
        ConfigError: Present but not a non-negative integer.
    """
    value = arguments.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigError(f"{name!r} must be a non-negative integer")
    return value
