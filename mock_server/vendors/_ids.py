"""Seeded identifiers, the one pattern both vendors' stores use.

Every generated id comes from a stream seeded by ``EngineOptions.seed``, and a reset
restarts the stream: the same test run twice sees the same ids, whichever vendor it
talks to.
"""

from __future__ import annotations

import random
import threading
import uuid

__all__ = ["SeededIds"]


class SeededIds:
    """A restartable stream of UUIDs, tokens and serial numbers.

    Args:
        seed: The stream's seed.

    Example:
        >>> ids = SeededIds(seed=7)
        >>> first = ids.uuid4()
        >>> ids.restart()
        >>> ids.uuid4() == first, ids.serial(), ids.serial()
        (True, 1, 2)
    """

    def __init__(self, *, seed: int = 0) -> None:
        self.seed = seed
        self._lock = threading.Lock()
        self.restart()

    def restart(self) -> None:
        """Go back to the start of the stream (on reset)."""
        with self._lock:
            self._rng = random.Random(self.seed)
            self._serial = 0

    def uuid4(self) -> str:
        """A random-looking UUIDv4 string."""
        with self._lock:
            return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def token(self, bits: int = 256) -> str:
        """``bits`` random bits as lower-case hex (``bits / 4`` digits)."""
        with self._lock:
            return f"{self._rng.getrandbits(bits):0{bits // 4}x}"

    def serial(self) -> int:
        """1, 2, 3...: orders records by creation."""
        with self._lock:
            self._serial += 1
            return self._serial
