"""Per-test options: which keywords are engine options, which belong to a vendor.

The pytest marker and the factory take both kinds in one call; a keyword neither kind
knows is refused with every valid one listed, so a typo fails loudly instead of being
ignored.
"""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import fields
from functools import cache
from typing import Any

from mock_server.engine import EngineOptions
from mock_server.errors import ConfigError
from mock_server.vendors import APIS, ApiName, behaviour_for

__all__ = ["engine_option_names", "split_options", "vendor_option_names"]


def engine_option_names() -> tuple[str, ...]:
    """The :class:`EngineOptions` fields, sorted."""
    return tuple(sorted(f.name for f in fields(EngineOptions)))


@cache
def vendor_option_names(api: ApiName) -> tuple[str, ...]:
    """The options the vendor's behaviour takes (``processing_seconds``...), sorted."""
    parameters = inspect.signature(type(behaviour_for(api))).parameters.values()
    named = (inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    return tuple(sorted(p.name for p in parameters if p.kind in named))


def split_options(
    given: Mapping[str, Any], *, api: ApiName | None, strict: bool = True
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split keywords into (engine options, vendor options of ``api``).

    Args:
        given: The keywords, e.g. a marker's.
        api: The vendor whose options apply (None: a spec without a vendor).
        strict: Refuse another vendor's option too. A marker is not strict: it applies
            to every mock of its test, and each vendor takes only its own options.

    Raises:
        ConfigError: A keyword that is no engine option and no option of ``api`` (of any
            vendor, when not strict); the message lists the valid ones.
    """
    engine_names = set(engine_option_names())
    own = set(vendor_option_names(api)) if api is not None else set()
    accepted = own if strict else {name for vendor in APIS for name in vendor_option_names(vendor)}
    unknown = sorted(set(given) - engine_names - own - accepted)
    if unknown:
        raise ConfigError(_refusal(unknown, api=api, strict=strict))
    engine = {k: v for k, v in given.items() if k in engine_names}
    return engine, {k: v for k, v in given.items() if k in own}


def _refusal(unknown: list[str], *, api: ApiName | None, strict: bool) -> str:
    vendors: tuple[ApiName, ...] = APIS
    if strict:
        vendors = () if api is None else (api,)
    valid = [f"engine options: {', '.join(engine_option_names())}"]
    valid += [f"{vendor} options: {', '.join(vendor_option_names(vendor))}" for vendor in vendors]
    return f"unknown mock_server option(s) {', '.join(map(repr, unknown))}; " + "; ".join(valid)
