"""Seeded ids: the stream is the one ``uuid.UUID(version=4)`` would give from its bits."""

from __future__ import annotations

import random
import uuid

from hypothesis import given
from hypothesis import strategies as st

from mock_server.vendors._ids import SeededIds


@given(st.integers(min_value=0, max_value=2**64))
def test_uuid4_is_uuids_own_text_of_the_seeded_bits(seed: int) -> None:
    ids = SeededIds(seed=seed)
    bits = random.Random(seed)
    for _ in range(20):
        expected = uuid.UUID(int=bits.getrandbits(128), version=4)
        text = ids.uuid4()
        assert text == str(expected)
        assert uuid.UUID(text).version == 4
        assert uuid.UUID(text).variant == uuid.RFC_4122


def test_uuid4_restarts_with_the_stream() -> None:
    ids = SeededIds(seed=3)
    first = [ids.uuid4() for _ in range(3)]
    ids.restart()
    assert [ids.uuid4() for _ in range(3)] == first
