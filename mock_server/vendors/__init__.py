"""Vendor-faithful behaviours plugged into the generic engine, keyed by operationId.

``behaviour_for(name)`` returns a fresh stateful behaviour for a bundled API.

A behaviour answers valid requests by operationId, keeps its state behind one lock,
schedules what takes time on the engine's clock and sends webhooks through the engine;
the engine still validates everything it answers against the spec.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mock_server.engine import Behaviour
    from mock_server.server import ApiName

__all__ = ["behaviour_for"]


def behaviour_for(name: ApiName, *, rate_limit: bool = True) -> Behaviour:
    """A new, empty stateful behaviour for the bundled API ``name``.

    Args:
        name: ``"aihomedesign"`` or ``"autoenhance"``.
        rate_limit: AI HomeDesign only: enforce 10 order submissions per 10 minutes.
    """
    # Imported here: each vendor module is only loaded by the processes that serve it.
    if name == "autoenhance":
        from mock_server.vendors.autoenhance import AutoenhanceBehaviour

        return AutoenhanceBehaviour()
    from mock_server.vendors.aihomedesign import AIHomeDesignBehaviour

    return AIHomeDesignBehaviour(rate_limit=rate_limit)
