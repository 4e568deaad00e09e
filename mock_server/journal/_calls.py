"""``Calls``: a snapshot of journal entries that reads like ``unittest.mock``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import overload

from mock_server.journal._entry import JournalEntry


class Calls(Sequence[JournalEntry]):
    """An immutable list of journal entries that reads like ``unittest.mock``.

    Example:
        >>> calls = Calls([])
        >>> calls.called, calls.call_count
        (False, 0)
    """

    def __init__(self, entries: Iterable[JournalEntry]) -> None:
        """Wrap ``entries`` (oldest first)."""
        self._entries = tuple(entries)

    @overload
    def __getitem__(self, index: int) -> JournalEntry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[JournalEntry]: ...
    def __getitem__(self, index: int | slice) -> JournalEntry | Sequence[JournalEntry]:
        """Return one entry or a slice of entries."""
        return self._entries[index]

    def __len__(self) -> int:
        """Return the number of entries."""
        return len(self._entries)

    def __repr__(self) -> str:
        """Show the count and the method/path/status of each entry."""
        calls = ", ".join(f"{e.method} {e.path} {e.status}" for e in self._entries)
        return f"<Calls {len(self._entries)}: [{calls}]>"

    @property
    def called(self) -> bool:
        """Whether at least one call was recorded."""
        return bool(self._entries)

    @property
    def call_count(self) -> int:
        """How many calls were recorded."""
        return len(self._entries)

    @property
    def last(self) -> JournalEntry:
        """The most recent call.

        Raises:
            IndexError: No call was recorded.
        """
        if not self._entries:
            msg = "no calls recorded"
            raise IndexError(msg)
        return self._entries[-1]
