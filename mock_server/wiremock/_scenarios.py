"""Scenario states: the finite-state machines that ``scenarioName`` stubs step through."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from mock_server.wiremock._errors import AdminError
from mock_server.wiremock._mapping import StubMapping

STARTED = "Started"
"""Every scenario's initial state."""


class Scenarios:
    """The current state of each scenario; scenarios themselves come from the stubs.

    A scenario exists while at least one stub names it, as in WireMock 3, so this keeps
    only the states that moved away from ``Started``. Not thread-safe on its own: the
    ``WireMock`` lock guards it.
    """

    def __init__(self) -> None:
        self._states: dict[str, str] = {}

    def state(self, name: str) -> str:
        """The scenario's current state (``Started`` until a stub moves it)."""
        return self._states.get(name, STARTED)

    def advance(self, stub: StubMapping) -> None:
        """Apply a served stub's ``newScenarioState``, if it sets one."""
        if stub.scenario is not None and stub.new_state is not None:
            self._states[stub.scenario] = stub.new_state

    def reset(self) -> None:
        """Put every scenario back in ``Started``."""
        self._states.clear()

    def set_state(self, name: str, state: str | None, *, stubs: Iterable[StubMapping]) -> None:
        """Force a scenario into ``state`` (``Started`` when ``None``).

        Raises:
            AdminError: No stub names the scenario (404), or none of its stubs mentions
                that state (422), as WireMock answers.
        """
        possible = self._possible_states(name, stubs)
        if not possible:
            raise AdminError(status=404, title=f"Scenario {name} does not exist", code=404)
        target = STARTED if state is None else state
        if target not in possible:
            raise AdminError(
                status=422, title=f"Scenario {name} does not support state {target}", code=11
            )
        self._states[name] = target

    def describe(self, stubs: list[StubMapping]) -> list[dict[str, Any]]:
        """Every scenario in WireMock's ``GET /__admin/scenarios`` shape, in stub order."""
        names = _hash_order(stub.scenario for stub in reversed(stubs) if stub.scenario is not None)
        return [
            {
                "id": name,
                "name": name,
                "state": self.state(name),
                "possibleStates": self._possible_states(name, stubs),
                "mappings": [stub.source for stub in stubs if stub.scenario == name],
            }
            for name in names
        ]

    def forget_missing(self, stubs: Iterable[StubMapping]) -> None:
        """Drop the state of scenarios no stub names any more (they no longer exist)."""
        names = {stub.scenario for stub in stubs}
        self._states = {name: state for name, state in self._states.items() if name in names}

    @staticmethod
    def _possible_states(name: str, stubs: Iterable[StubMapping]) -> list[str]:
        named = [stub for stub in stubs if stub.scenario == name]
        if not named:
            return []
        mentioned = [
            state
            for stub in reversed(named)  # oldest first, roughly WireMock's insertion order
            for state in (stub.required_state, stub.new_state)
            if state is not None
        ]
        return _hash_order([*mentioned, STARTED])


def _hash_order(items: Iterable[str]) -> list[str]:
    """Distinct ``items`` in the order a Java ``HashSet`` of them iterates.

    WireMock keeps scenarios and their possible states in Java hash sets, so its answers
    list them in bucket order; copying that order keeps answers byte-identical.
    """
    distinct = list(dict.fromkeys(items))
    buckets = 16
    while len(distinct) > buckets * 0.75:  # HashMap doubles its table past this load
        buckets *= 2
    return sorted(distinct, key=lambda item: _spread(_java_hash(item)) & (buckets - 1))


def _java_hash(text: str) -> int:
    """Java's ``String.hashCode`` (over UTF-16 code units), as an unsigned 32-bit int."""
    data = text.encode("utf-16-be")
    value = 0
    for i in range(0, len(data), 2):
        value = (31 * value + (data[i] << 8 | data[i + 1])) & 0xFFFFFFFF
    return value


def _spread(value: int) -> int:
    return value ^ (value >> 16)
