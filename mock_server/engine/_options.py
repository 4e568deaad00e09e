"""The engine's options."""

from __future__ import annotations

from dataclasses import dataclass

from mock_server.errors import ConfigError
from mock_server.journal import DEFAULT_MAX_ENTRIES


@dataclass(frozen=True, kw_only=True)
class EngineOptions:
    """Options of an :class:`Engine`.

    Attributes:
        accepted_keys: API keys (and bearer tokens) the mock accepts.
        accept_any_key: Accept any non-empty key.
        seed: Seed of generated values and ids; None draws a fresh one at every start and
            reset, so ids never repeat across restarts.
        strict: Raise :class:`ResponseViolation` when a response breaks the spec,
            instead of logging a warning.
        max_body_bytes: Larger request bodies get 413.
        cors: Answer CORS preflights and add ``Access-Control-Allow-Origin``.
        journal_size: How many exchanges the journal keeps.
    """

    accepted_keys: frozenset[str] = frozenset({"test-key"})
    accept_any_key: bool = False
    seed: int | None = 0
    strict: bool = False
    max_body_bytes: int = 64 * 1024 * 1024
    cors: bool = False
    journal_size: int = DEFAULT_MAX_ENTRIES

    def __post_init__(self) -> None:
        if self.max_body_bytes <= 0:
            raise ConfigError(f"max_body_bytes must be positive, got {self.max_body_bytes}")
