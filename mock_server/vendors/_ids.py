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

__all__ = ["SeededIds", "fresh_seed"]

# RFC 4122 version 4: the variant bits (10) and the version nibble (4), set as uuid does.
_UUID4_KEEP = ~((0xC000 << 48) | (0xF000 << 64))
_UUID4_SET = (0x8000 << 48) | (4 << 76)


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
        """A random-looking UUIDv4 string (``str(uuid.UUID(int=bits, version=4))``)."""
        with self._lock:
            bits = self._rng.getrandbits(128)
        # What uuid.UUID(version=4) does to the bits, without building the object.
        bits = (bits & _UUID4_KEEP) | _UUID4_SET
        text = f"{bits:032x}"
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"

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
