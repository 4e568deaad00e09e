"""The mappings folder: WireMock's ``mappings/*.json`` (and ``__files/``) on disk."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mock_server.wiremock._errors import InvalidMappingError
from mock_server.wiremock._mapping import StubMapping
from mock_server.wiremock._wire import pretty


@dataclass(frozen=True, kw_only=True)
class LoadedStub:
    """A stub read from the folder, and the file it came from."""

    stub: StubMapping
    file: Path
    shared: bool
    """Whether the file holds several stubs (``{"mappings": [...]}``); such files are
    never rewritten or deleted for one stub."""


@dataclass(frozen=True)
class MappingsFolder:
    """A folder of mapping files, read at start and reset, written by save and persistence.

    Attributes:
        path: The folder (WireMock's ``<root>/mappings``).
    """

    path: Path

    def load(self) -> list[LoadedStub]:
        """Read every ``*.json`` file below the folder, in path order.

        Each file holds one mapping or ``{"mappings": [...]}``.

        Raises:
            InvalidMappingError: A file is not JSON or holds an invalid mapping; the
                pointer names the file.
        """
        if not self.path.is_dir():
            return []
        return [loaded for file in sorted(self.path.rglob("*.json")) for loaded in _read(file)]

    def write(self, stub: StubMapping, file: Path | None = None) -> Path:
        """Write one stub to its own file (``<id>.json`` unless it already has one)."""
        target = file or self.path / f"{stub.id}.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(pretty(stub.source) + "\n", encoding="utf-8")
        return target

    @staticmethod
    def delete(file: Path) -> None:
        """Remove a stub's file, if it is still there."""
        file.unlink(missing_ok=True)


def _read(file: Path) -> list[LoadedStub]:
    try:
        data: Any = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:  # ValueError: not UTF-8, not JSON, a huge number
        raise InvalidMappingError(pointer=str(file), detail=str(exc)) from exc
    except RecursionError:
        detail = "the JSON nests too deeply to be parsed"
        raise InvalidMappingError(pointer=str(file), detail=detail) from None
    shared = isinstance(data, dict) and "mappings" in data
    items = data["mappings"] if shared else [data]
    if not isinstance(items, list):
        raise InvalidMappingError(pointer=f"{file}:/mappings", detail="mappings must be a list")
    try:
        return [
            LoadedStub(stub=StubMapping.compile(item), file=file, shared=shared) for item in items
        ]
    except InvalidMappingError as exc:
        raise InvalidMappingError(pointer=f"{file}:{exc.pointer}", detail=exc.detail) from exc
