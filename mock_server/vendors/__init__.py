"""The vendors this package mocks: their names, bundled specs and behaviours.

:func:`build_engine` is the one way to build an engine, for the fixtures, the CLI and
the test suites alike: it picks the spec, the vendor behaviour, the clock and the options.

A behaviour answers valid requests by operationId, keeps its state behind one lock,
schedules what takes time on the clock its :class:`~mock_server.engine.VendorContext`
lends it and sends webhooks through the context's sender; the engine still validates
everything it answers against the spec.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from mock_server.clock import Clock
from mock_server.engine import Engine, EngineOptions
from mock_server.errors import ConfigError
from mock_server.spec import Spec, load_spec
from mock_server.wiremock import WireMock

if TYPE_CHECKING:
    from mock_server.engine import Behaviour

__all__ = [
    "APIS",
    "AUTOENHANCE_MERGING_SECONDS",
    "AUTOENHANCE_PROCESSING_SECONDS",
    "PORT_APIS",
    "ApiName",
    "Beside",
    "behaviour_for",
    "build_engine",
    "bundled_spec",
    "is_bundled_spec",
    "served_beside",
]

ApiName = Literal["aihomedesign", "aihomedesign-v3", "autoenhance"]
"""The bundled vendor APIs (AI HomeDesign's v1 and v3 are two APIs of one host)."""

APIS: tuple[ApiName, ...] = get_args(ApiName)
"""Every bundled vendor API."""

PORT_APIS: tuple[ApiName, ...] = ("aihomedesign", "autoenhance")
"""The APIs with a port of their own, in the order the CLI serves them."""


@dataclass(frozen=True, kw_only=True)
class Beside:
    """An API served on another API's port, as its vendor serves both from one host.

    Attributes:
        api: The API served beside.
        prefixes: The paths it owns (each with what is below it), its base first: its
            spec's paths and the image URLs its behaviour hands out.
    """

    api: ApiName
    prefixes: tuple[str, ...]


_BESIDE: Mapping[ApiName, tuple[Beside, ...]] = {
    # api.aihomedesign.com answers /v1/ and /v3/; v3's tool list and the mock's v3 image
    # URLs are v3's too (openapi/DECISIONS.md, AHD3-Q20).
    "aihomedesign": (Beside(api="aihomedesign-v3", prefixes=("/v3", "/api/tools", "/_files/v3")),),
}


def served_beside(api: ApiName) -> tuple[Beside, ...]:
    """The APIs served on ``api``'s port besides ``api`` itself (none for most).

    >>> [b.api for b in served_beside("aihomedesign")], served_beside("autoenhance")
    (['aihomedesign-v3'], ())
    """
    return _BESIDE.get(api, ())


AUTOENHANCE_PROCESSING_SECONDS = 10.0
"""The standalone server's image processing time (undocumented; long enough to poll)."""

AUTOENHANCE_MERGING_SECONDS = 10.0
"""The standalone server's bracket grouping time: the documented range's minimum (10 s)."""

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def _candidates(name: str) -> tuple[Path, Path]:
    # Inside the installed package (the wheel ships them), then in a source checkout.
    return (
        _PACKAGE_DIR / "specs" / f"{name}.yaml",
        _PACKAGE_DIR.parent / "openapi" / f"{name}.yaml",
    )


def bundled_spec(name: ApiName) -> Path:
    """Return the path of a bundled vendor spec.

    Args:
        name: ``"aihomedesign"``, ``"aihomedesign-v3"`` or ``"autoenhance"``.

    Raises:
        ConfigError: The name is unknown or the spec file cannot be found.
    """
    if name not in APIS:
        msg = f"unknown bundled spec {name!r}; expected one of {', '.join(APIS)}"
        raise ConfigError(msg)
    candidates = _candidates(name)
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    msg = f"bundled spec {name!r} not found (looked in {', '.join(map(str, candidates))})"
    raise ConfigError(msg)


def is_bundled_spec(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is one of the specs this package ships (validated by its tests)."""
    resolved = Path(path).resolve()
    return any(resolved == c.resolve() for name in APIS for c in _candidates(name))


def behaviour_for(name: ApiName, **vendor_options: Any) -> Behaviour:
    """A new, empty stateful behaviour for the bundled API ``name``.

    Args:
        name: ``"aihomedesign"``, ``"aihomedesign-v3"`` or ``"autoenhance"``.
        **vendor_options: The vendor behaviour's own options, passed to its constructor
            as given: AI HomeDesign (v1 and v3) takes ``rate_limit`` and
            ``generation_seconds``, Autoenhance ``processing_seconds`` and
            ``merging_seconds``.

    Raises:
        ConfigError: An option the vendor does not take.
    """
    # Imported here: each vendor module is only loaded by the processes that serve it.
    factory: Callable[..., Behaviour]
    if name == "autoenhance":
        from mock_server.vendors.autoenhance import AutoenhanceBehaviour

        factory = AutoenhanceBehaviour
    elif name == "aihomedesign-v3":
        from mock_server.vendors.aihomedesign_v3 import AIHomeDesignV3Behaviour

        factory = AIHomeDesignV3Behaviour
    else:
        from mock_server.vendors.aihomedesign import AIHomeDesignBehaviour

        factory = AIHomeDesignBehaviour
    known = set(inspect.signature(factory).parameters)
    unknown = sorted(set(vendor_options) - known)
    if unknown:
        msg = (
            f"{name} takes no option {', '.join(unknown)}; its options: {', '.join(sorted(known))}"
        )
        raise ConfigError(msg)
    return factory(**vendor_options)


@cache
def _compiled(path: Path, *, validate: bool) -> Spec:
    # A compiled Spec is immutable, so engines share it: loading is the slow part. A
    # bundled spec (not validated: the project's tests do) is parsed once per machine.
    return load_spec(path, validate=validate, cached=not validate)


def build_engine(
    api: ApiName | None = None,
    *,
    spec: str | os.PathLike[str] | None = None,
    clock: Clock,
    options: EngineOptions,
    behaviour: Behaviour | None = None,
    vendor_options: Mapping[str, Any] | None = None,
    mappings_dir: str | os.PathLike[str] | None = None,
    mappings_read_only: bool = False,
) -> Engine:
    """Build the engine serving a vendor API, or any spec.

    Args:
        api: The vendor whose behaviour answers (None: the spec's examples and schemas
            only, Prism-style).
        spec: The OpenAPI file to serve (default: the vendor's bundled spec). A vendor's
            behaviour attaches to an edited copy of its spec by operationId.
        clock: ``Clock(manual=True)`` for tests, ``Clock()`` for real time.
        options: Engine options.
        behaviour: Use this behaviour instead of the vendor's (e.g. a wrapper around it).
        vendor_options: The vendor behaviour's own options (see :func:`behaviour_for`),
            e.g. ``{"rate_limit": False}``; the engine never reads them.
        mappings_dir: WireMock stub mappings to load (a recording's root, holding
            ``mappings/``, or the ``mappings`` folder itself).
        mappings_read_only: Load ``mappings_dir`` but never write it (a session's engine:
            the folder is the server's, shared by every session).

    Raises:
        ConfigError: Neither ``api`` nor ``spec`` given, an unknown ``api``, or a vendor
            option the vendor does not take.
        SpecError: The spec cannot be loaded.
    """
    if spec is None:
        if api is None:
            raise ConfigError("build_engine needs an api, a spec, or both")
        spec = bundled_spec(api)
    path = Path(spec).resolve()
    if behaviour is None and api is not None:
        behaviour = behaviour_for(api, **(vendor_options or {}))
    compiled = _compiled(path, validate=not is_bundled_spec(path))
    folder = None
    if mappings_dir is not None:
        folder = Path(mappings_dir)
        if (folder / "mappings").is_dir():
            folder = folder / "mappings"
    stubs = WireMock(
        mappings_dir=folder,
        journal_size=options.journal_size,
        folder_read_only=mappings_read_only,
    )
    return Engine(compiled, options=options, behaviour=behaviour, clock=clock, stubs=stubs)
