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
        names = list(dict.fromkeys(stub.scenario for stub in stubs if stub.scenario is not None))
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
        states: dict[str | None, None] = {}
        for stub in stubs:
            if stub.scenario == name:
                states.update(dict.fromkeys([STARTED, stub.required_state, stub.new_state]))
        return [state for state in states if state is not None]
