from __future__ import annotations

import pytest

from mock_server.faults import Fault, Faults


def test_no_fault_by_default() -> None:
    assert Faults().take("create_order") is None


def test_a_counted_fault_applies_to_the_next_n_calls_only() -> None:
    faults = Faults()
    faults.set("create_order", Fault(status=503, times=2))
    taken = [faults.take("create_order") for _ in range(3)]
    assert [f.status if f else None for f in taken] == [503, 503, None]
    assert faults.take("list_orders") is None


def test_an_uncounted_fault_lasts_until_cleared() -> None:
    faults = Faults()
    faults.set("get_order", Fault(latency_ms=5))
    assert all(faults.take("get_order") for _ in range(5))
    faults.clear("get_order")
    assert faults.take("get_order") is None


def test_from_dict_round_trips() -> None:
    fault = Fault.from_dict({"status": 500, "times": 1, "drop": False, "latency_ms": 10})
    assert Fault.from_dict(fault.to_dict()) == fault


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": 200}, "'status' must be an integer from 400 to 599"),
        ({"status": True}, "'status' must be an integer from 400 to 599"),
        ({"latency_ms": -1}, "'latency_ms' must be a number from 0 to 10000"),
        ({"latency_ms": float("nan")}, "'latency_ms' must be a number from 0 to 10000"),
        ({"latency_ms": float("inf")}, "'latency_ms' must be a number from 0 to 10000"),
        ({"latency_ms": 10_001}, "'latency_ms' must be a number from 0 to 10000"),
        ({"times": 0}, "'times' must be a positive integer"),
        ({"drop": "yes"}, "'drop' must be a boolean"),
        ({"boom": 1}, "unknown fault fields: boom"),
    ],
)
def test_from_dict_rejects_bad_input(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Fault.from_dict(data)
