"""The engines of one site and which paths each answers.

A vendor can serve two API versions from one host (AI HomeDesign answers ``/v1/`` and
``/v3/`` on ``api.aihomedesign.com``). A site then holds one primary engine, which
answers every path no other engine owns (its 404s included), and engines mounted under
path prefixes. The request reaches the owning engine unchanged: each spec already names
its full paths (``/v3/project``), so nothing strips or copies the path.

Mounted engines share the port's clock and journal, so ``/__mock/clock/advance`` moves
every engine's time and ``/__mock/journal`` is one record of the port, in arrival order.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mock_server.errors import ConfigError

if TYPE_CHECKING:
    from mock_server.engine import Engine

__all__ = ["Mount", "Mounts"]

_RESERVED = ("/__mock", "/__admin", "/openapi.json", "/openapi.yaml", "/docs")


@dataclass(frozen=True, kw_only=True)
class Mount:
    """One engine mounted under path prefixes.

    Attributes:
        engine: The engine answering the paths.
        prefixes: Each prefix owns itself and what is below it (``/v3`` owns
            ``/v3/project``, not ``/v3x``). The first is the base: the engine's spec and
            docs are served below it (``/v3/openapi.json``), its admin endpoints below
            ``/__mock`` + base (``/__mock/v3/faults``).
        name: Names the API in log lines.
    """

    engine: Engine
    prefixes: tuple[str, ...]
    name: str

    @property
    def base(self) -> str:
        """The first prefix (``/v3``)."""
        return self.prefixes[0]

    def owns(self, path: str) -> bool:
        """Whether ``path`` is one of this mount's."""
        return any(path == p or path.startswith(p + "/") for p in self.prefixes)


class Mounts:
    """The primary engine and the engines mounted beside it, in mount order.

    Args:
        primary: Answers every path no mount owns.
        name: Names the primary API in log lines.
    """

    def __init__(self, primary: Engine, *, name: str) -> None:
        self.primary = Mount(engine=primary, prefixes=("",), name=name)
        self._mounted: list[Mount] = []

    def add(self, engine: Engine, *, prefixes: Sequence[str], name: str | None = None) -> Mount:
        """Mount ``engine`` under ``prefixes``; it shares the primary's clock and journal.

        Raises:
            ConfigError: No prefix, a prefix that is not ``/segment[/...]`` or that
                overlaps the admin paths, the spec documents or another mount; or an
                engine on another clock (one clock per port: ``/__mock/clock``).
        """
        prefixes = tuple(prefixes)
        if not prefixes:
            raise ConfigError("a mounted engine needs at least one path prefix")
        for prefix in prefixes:
            if not prefix.startswith("/") or prefix.endswith("/") or "//" in prefix:
                raise ConfigError(f"a mount prefix is '/name' without a trailing '/': {prefix!r}")
            taken = [*_RESERVED, *(p for m in self._mounted for p in m.prefixes)]
            if any(_overlap(prefix, other) for other in taken):
                raise ConfigError(f"the mount prefix {prefix!r} overlaps a path already served")
        if engine.clock is not self.primary.engine.clock:
            raise ConfigError("a mounted engine must run on the site's clock (build it with it)")
        # One journal per port: the admin journal, WireMock's /__admin/requests and the
        # fixtures read one record, in arrival order (the engine takes no journal argument).
        engine.journal = self.primary.engine.journal
        mount = Mount(engine=engine, prefixes=prefixes, name=name or engine.spec.title)
        self._mounted.append(mount)
        return mount

    def for_path(self, path: str) -> Mount:
        """The mount owning ``path`` (the primary when none does)."""
        for mount in self._mounted:
            if mount.owns(path):
                return mount
        return self.primary

    def at_base(self, base: str) -> Mount | None:
        """The mounted engine whose base is ``base`` (``/v3``), if any."""
        return next((m for m in self._mounted if m.base == base), None)

    @property
    def mounted(self) -> tuple[Mount, ...]:
        """The engines mounted beside the primary, in mount order."""
        return tuple(self._mounted)

    def __iter__(self) -> Iterator[Mount]:
        """The primary, then every mounted engine."""
        yield self.primary
        yield from self._mounted

    def reset(self) -> None:
        """Reset every engine: state, journal, faults, webhooks, stubs, failures."""
        for mount in self:
            mount.engine.reset()


def _overlap(prefix: str, other: str) -> bool:
    return prefix == other or prefix.startswith(other + "/") or other.startswith(prefix + "/")
