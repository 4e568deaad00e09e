"""One :class:`MockServer` subclass per vendor, whose clients and scenarios are typed.

``mypy --strict`` then checks what a test does with them: the Autoenhance client cannot
be passed to an AI HomeDesign function, and a scenario's arguments are checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from mock_server.clock import Clock
from mock_server.engine import Engine, EngineOptions
from mock_server.errors import ConfigError
from mock_server.server import DEFAULT_HOST, MockServer
from mock_server.testing._scenarios import AIHomeDesignScenarios, AutoenhanceScenarios
from mock_server.vendors import ApiName, build_engine

if TYPE_CHECKING:
    import aihomedesign_client
    import aihomedesign_v3_client
    import autoenhance_client

__all__ = ["AIHomeDesignMock", "AutoenhanceMock", "vendor_mock"]


def _engine(
    api: ApiName,
    engine: Engine | None,
    *,
    options: EngineOptions | None,
    manual_clock: bool,
    vendor_options: dict[str, Any],
) -> Engine:
    if engine is None:
        return build_engine(
            api,
            options=options or EngineOptions(),
            clock=Clock(manual=manual_clock),
            vendor_options=vendor_options,
        )
    if options is not None or vendor_options:
        raise ConfigError("give either an engine or its options, not both")
    return engine


class _VendorMock(MockServer):
    """What the typed vendor mocks share: building their engine, or serving the one given."""

    API: ClassVar[ApiName]

    def __init__(
        self,
        engine: Engine | None = None,
        *,
        options: EngineOptions | None = None,
        manual_clock: bool = True,
        host: str = DEFAULT_HOST,
        port: int = 0,
        admin: bool = True,
        admin_key: str | None = None,
        threaded: bool = True,
        **vendor_options: Any,
    ) -> None:
        served = _engine(
            self.API,
            engine,
            options=options,
            manual_clock=manual_clock,
            vendor_options=vendor_options,
        )
        super().__init__(
            served,
            api=self.API,
            host=host,
            port=port,
            admin=admin,
            admin_key=admin_key,
            threaded=threaded,
        )
        if engine is None:  # the bundled spec: served as the CLI serves it (v3 beside v1)
            self.serve_beside(vendor_options)


class AutoenhanceMock(_VendorMock):
    """A (stopped) Autoenhance mock; the ``autoenhance_mock`` fixture is a running one.

    Args:
        engine: Serve this engine (default: the bundled spec with the vendor behaviour).
        options: Engine options of the default engine (key ``test-key``, strict off).
        manual_clock: The default engine's clock moves only when told (False: real time).
        host: Interface to bind.
        port: TCP port (0: a free one).
        admin: Serve ``/__mock/`` and ``/__admin/``.
        admin_key: Require this ``x-mock-admin-key`` on admin requests.
        threaded: Serve each request in its own thread.
        **vendor_options: The behaviour's options: ``processing_seconds``,
            ``merging_seconds`` (both 0 here; 10 s in the CLI), ``upload_ttl_seconds``...

    Raises:
        ConfigError: An option the vendor does not take, or ``engine`` with options.

    Example:
        >>> from autoenhance_client.api.orders import create_order
        >>> from autoenhance_client.models import OrderIn
        >>> with AutoenhanceMock(processing_seconds=30) as mock:
        ...     create_order.sync(client=mock.client(), body=OrderIn(name="Oak")).status.value
        'waiting'
    """

    API: ClassVar[ApiName] = "autoenhance"

    def client(self) -> autoenhance_client.AuthenticatedClient:
        """The generated Autoenhance client, in-process (see :meth:`MockServer.client`)."""
        import autoenhance_client  # loaded only by those who use it

        client: autoenhance_client.AuthenticatedClient = self._generated_client(autoenhance_client)
        return client

    @property
    def scenarios(self) -> AutoenhanceScenarios:
        """Arm Autoenhance's failures: ``mock.scenarios.fail_next_image(...)``..."""
        return AutoenhanceScenarios(self.engine.behaviour)


class AIHomeDesignMock(_VendorMock):
    """A (stopped) AI HomeDesign mock; the ``aihomedesign_mock`` fixture is a running one.

    Args:
        engine: Serve this engine (default: the bundled spec with the vendor behaviour).
        options: Engine options of the default engine (key ``test-key``, strict off).
        manual_clock: The default engine's clock moves only when told (False: real time).
        host: Interface to bind.
        port: TCP port (0: a free one).
        admin: Serve ``/__mock/`` and ``/__admin/``.
        admin_key: Require this ``x-mock-admin-key`` on admin requests.
        threaded: Serve each request in its own thread.
        **vendor_options: The behaviour's options: ``rate_limit``, ``generation_seconds``.

    Raises:
        ConfigError: An option the vendor does not take, or ``engine`` with options.
    """

    API: ClassVar[ApiName] = "aihomedesign"

    def client(self) -> aihomedesign_client.AuthenticatedClient:
        """The generated AI HomeDesign v1 client, in-process (see :meth:`MockServer.client`)."""
        import aihomedesign_client  # loaded only by those who use it

        client: aihomedesign_client.AuthenticatedClient = self._generated_client(
            aihomedesign_client
        )
        return client

    def client_v3(self) -> aihomedesign_v3_client.AuthenticatedClient:
        """The generated AI HomeDesign v3 client, in-process, on the same base URL as v1.

        The vendor serves both versions from one host (``/v1/...``, ``/v3/...``), and so
        does the mock.

        Raises:
            ConfigError: The generated v3 client is not installed.
        """
        try:
            import aihomedesign_v3_client  # loaded only by those who use it
        except ImportError as error:
            msg = "client_v3() needs the generated v3 client (generated_client/aihomedesign_v3)"
            raise ConfigError(msg) from error

        client: aihomedesign_v3_client.AuthenticatedClient = self._generated_client(
            aihomedesign_v3_client
        )
        return client

    @property
    def scenarios(self) -> AIHomeDesignScenarios:
        """Arm AI HomeDesign's failures: ``mock.scenarios.fail_next_generation(...)``..."""
        return AIHomeDesignScenarios(*(engine.behaviour for engine in self.app.site.engines))


def vendor_mock(
    engine: Engine, api: ApiName | None, *, host: str = DEFAULT_HOST, port: int = 0
) -> MockServer:
    """A stopped server for ``engine``: the vendor's typed class when ``api`` names one."""
    if api == "autoenhance":
        return AutoenhanceMock(engine, host=host, port=port)
    if api == "aihomedesign":
        return AIHomeDesignMock(engine, host=host, port=port)
    return MockServer(engine, host=host, port=port)
