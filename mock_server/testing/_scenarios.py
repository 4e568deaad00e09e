"""Typed forms of the vendors' failure scenarios (``/__mock/scenarios/{name}`` over HTTP).

Each method arms one scenario through the behaviour's ``run_scenario``, the very call
``POST /__mock/scenarios/{name}`` makes, so both ways check the arguments alike and
reach the same state; :data:`HTTP_NAMES` maps each method to that scenario's name.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from mock_server.errors import ConfigError

if TYPE_CHECKING:
    from mock_server.engine import Behaviour

__all__ = ["AIHomeDesignScenarios", "AutoenhanceScenarios", "VendorScenarios"]


class VendorScenarios:
    """The scenarios of one vendor mock; reset (disarmed) with the mock.

    Args:
        behaviours: The behaviours of the mock's engines (AI HomeDesign: v1's, then v3's,
            which is mounted beside it); a scenario arms the one that knows its name.
    """

    HTTP_NAMES: ClassVar[Mapping[str, str]] = {}
    """Method name → the scenario's name in ``/__mock/scenarios``."""

    def __init__(self, *behaviours: Behaviour) -> None:
        self._behaviours = behaviours

    def _run(self, name: str, **arguments: Any) -> None:
        """Arm scenario ``name`` with the arguments given (None: left out).

        Raises:
            ConfigError: The behaviour does not know the scenario or refuses an argument;
                a ``LookupError`` (an unknown id) becomes one too.
        """
        given = {key: value for key, value in arguments.items() if value is not None}
        known = (b for b in self._behaviours if name in b.scenario_names())
        behaviour = next(known, self._behaviours[0])  # the first refuses an unknown name
        try:
            behaviour.run_scenario(name, given)
        except LookupError as exc:
            raise ConfigError(f"scenario {name!r}: not found: {exc}") from None


class AutoenhanceScenarios(VendorScenarios):
    """Autoenhance's failures, armed on purpose.

    Example:
        >>> from mock_server import AutoenhanceMock
        >>> mock = AutoenhanceMock()
        >>> mock.scenarios.fail_next_image(reason="Corrupt file.")
        >>> mock.scenarios.use_daily_quota(remaining=0)
    """

    HTTP_NAMES: ClassVar[Mapping[str, str]] = {
        "fail_next_image": "fail-next-image",
        "expire_image": "expire-image",
        "set_daily_quota": "daily-quota",
        "use_daily_quota": "daily-quota",
    }

    def fail_next_image(self, *, order_id: str | None = None, reason: str | None = None) -> None:
        """The next image of ``order_id`` (any order if None) to finish ends in ``error``.

        Its ``status_reason`` is ``reason`` (default: "Image processing failed.") and its
        ``image_processed`` webhook says ``error: true``. Armed failures queue up.

        Raises:
            ConfigError: Refused by the behaviour.
        """
        self._run("fail-next-image", order_id=order_id, reason=reason)

    def expire_image(self, image_id: str) -> None:
        """Put an image in ``expired`` (its enhanced download then answers 404).

        Raises:
            ConfigError: No such image.
        """
        self._run("expire-image", image_id=image_id)

    def use_daily_quota(self, *, remaining: int = 0) -> None:
        """Spend today's enhancement quota so only ``remaining`` more images may start.

        Past it, a new image goes straight to ``error`` ("Daily enhancement limit reached.").

        Raises:
            ConfigError: ``remaining`` is negative.
        """
        self._run("daily-quota", remaining=remaining)

    def set_daily_quota(self, limit: int) -> None:
        """Change the daily quota (500 by default, as the vendor's).

        Raises:
            ConfigError: ``limit`` is negative.
        """
        self._run("daily-quota", limit=limit)


class AIHomeDesignScenarios(VendorScenarios):
    """AI HomeDesign's failures, v1 (generations) and v3 (processes), armed on purpose.

    Example:
        >>> from mock_server import AIHomeDesignMock
        >>> AIHomeDesignMock().scenarios.fail_next_generation(reason="GPU on fire")
    """

    HTTP_NAMES: ClassVar[Mapping[str, str]] = {
        "fail_next_generation": "fail-next-generation",
        "fail_next_process": "fail-next-process",
        "deny_tool": "deny-tool",
        "rate_limit": "rate-limit",
    }

    def fail_next_generation(
        self, *, order_id: str | None = None, reason: str | None = None
    ) -> None:
        """v1: the next generation of ``order_id`` (any order if None) ends ``failed``.

        The failed image's ``comment`` is ``reason``; no generated-image webhook is sent.

        Raises:
            ConfigError: Refused by the behaviour.
        """
        self._run("fail-next-generation", order_id=order_id, reason=reason)

    def fail_next_process(self, *, order_id: str | None = None, reason: str | None = None) -> None:
        """v3: the next process of ``order_id`` (any order if None) to finish fails.

        Raises:
            ConfigError: The mock does not serve v3, or refuses an argument.
        """
        self._run("fail-next-process", order_id=order_id, reason=reason)

    def deny_tool(self, tool: str, *, api_key: str | None = None) -> None:
        """v3: the plan of ``api_key`` (every key if None) lacks ``tool`` (answers 403).

        Raises:
            ConfigError: The mock does not serve v3, or an unknown tool.
        """
        self._run("deny-tool", tool=tool, api_key=api_key)

    def rate_limit(self, count: int = 1) -> None:
        """v3: the next ``count`` process creations answer 429.

        Raises:
            ConfigError: The mock does not serve v3, or ``count`` is negative.
        """
        self._run("rate-limit", count=count)
