"""The vendors' time text: fast formatting that reads exactly as datetime's."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mock_server.vendors._timing import utc_parts
from mock_server.vendors.aihomedesign._records import timestamp
from mock_server.vendors.autoenhance._store import iso_time

# From the epoch to 2100, with fractions that land on every rounding boundary.
EPOCHS = st.floats(min_value=0, max_value=4_102_444_800, allow_nan=False) | st.builds(
    lambda s, half_micros: s + half_micros * 0.5e-6,
    st.integers(min_value=0, max_value=4_102_444_800),
    st.integers(min_value=0, max_value=2_000_001),
)


@given(EPOCHS)
@example(1746699330.9999996)  # rounds up into the next second
@example(0.0000005)  # half a microsecond: half to even
@example(0.0000015)
def test_utc_parts_read_as_datetime_does(epoch: float) -> None:
    moment = datetime.fromtimestamp(epoch, UTC)
    assert utc_parts(epoch) == (moment.strftime("%Y-%m-%dT%H:%M:%S"), moment.microsecond)


@given(EPOCHS)
def test_each_vendors_stamp_is_the_one_strftime_writes(epoch: float) -> None:
    moment = datetime.fromtimestamp(epoch, UTC)
    assert iso_time(epoch) == moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    millis = f"{moment.microsecond // 1000:03d}"
    assert timestamp(epoch) == moment.strftime("%Y-%m-%dT%H:%M:%S.") + millis + "Z"


@pytest.mark.parametrize(
    ("epoch", "expected"),
    [
        (1746699330.1234567, "2025-05-08T10:15:30.123457Z"),
        (1746699330.9999996, "2025-05-08T10:15:31.000000Z"),
        (-1.5, "1969-12-31T23:59:58.500000Z"),
    ],
)
def test_iso_time_examples(epoch: float, expected: str) -> None:
    assert iso_time(epoch) == expected
