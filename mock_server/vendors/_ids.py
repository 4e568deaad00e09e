"""Seeded identifiers, the one pattern both vendors' stores use.

Every generated id comes from a stream seeded by ``EngineOptions.seed``, and a reset
restarts the stream: the same test run twice sees the same ids, whichever vendor it
talks to.

Without a seed (``seed=None``) every start and every reset draws a fresh random seed
from the operating system, so an id a client still holds from before a restart (or a
reset) never names different data afterwards. Give a seed only where ids must repeat.
"""

from __future__ import annotations

import random
import secrets
import threading
import uuid

__all__ = ["SeededIds", "fresh_seed"]


class SeededIds:
    """A restartable stream of UUIDs, tokens and serial numbers.

    Args:
        seed: The stream's seed; None draws a fresh random one at every (re)start.

    Example:
        >>> ids = SeededIds(seed=7)
        >>> first = ids.uuid4()
        >>> ids.restart()
        >>> ids.uuid4() == first, ids.serial(), ids.serial()
        (True, 1, 2)
        >>> unseeded = SeededIds(seed=None)
        >>> first = unseeded.uuid4()
        >>> unseeded.restart()
        >>> unseeded.uuid4() == first
        False
    """

    def __init__(self, *, seed: int | None = 0) -> None:
        self.seed = seed
        self._lock = threading.Lock()
        self.restart()

    def restart(self) -> None:
        """Go back to the start of the stream (on reset); unseeded, start a new one."""
        with self._lock:
            self._rng = random.Random(fresh_seed() if self.seed is None else self.seed)
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


def fresh_seed() -> int:
    """A random 128-bit seed from the operating system (never repeats in practice)."""
    return secrets.randbits(128)
