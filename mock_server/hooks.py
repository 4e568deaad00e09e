"""What plugs into the engine: the vendor behaviour, the stubs, and what they are lent.

A :class:`Behaviour` answers valid requests by operationId and sees the engine only
through a :class:`VendorContext` (clock, webhook sender, seed, error renderer); a
:class:`StubHook` gives canned answers before the behaviour (WireMock's stubs). Every hook
is declared on its protocol, with a no-op default in :class:`BaseBehaviour`, so nothing
is found by ``getattr`` and a type checker sees every call.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from mock_server.errors import ConfigError, RequestError
from mock_server.types import RequestData, ResponseData

if TYPE_CHECKING:
    from mock_server.clock import Clock
    from mock_server.journal import Journal
    from mock_server.webhooks import WebhookSender

__all__ = [
    "BaseBehaviour",
    "Behaviour",
    "Call",
    "ErrorRenderer",
    "StubHook",
    "VendorContext",
]


@dataclass(frozen=True, kw_only=True)
class Call:
    """What a behaviour receives for a routed, valid request.

    Attributes:
        operation_id: The operation called.
        request: The request as received.
        path_params: Path parameters, coerced to their schema types.
        query: Query parameters: declared ones coerced (arrays as lists), others raw.
        headers: Request headers (lower-case names).
        body: Parsed JSON, a form dict (files as ``UploadedFile``), text, raw bytes, or
            None without a body.
        cookies: Request cookies.
        media_type: The declared request media type that matched, if a body was sent.
    """

    operation_id: str
    request: RequestData
    path_params: Mapping[str, Any]
    query: Mapping[str, Any]
    headers: Mapping[str, str]
    body: Any
    cookies: Mapping[str, str] = field(default_factory=dict)
    media_type: str | None = None


class ErrorRenderer(Protocol):
    """Renders an error in the served spec's vendor shape (see :meth:`Engine.error_response`)."""

    def __call__(
        self,
        *,
        status: int,
        message: str,
        field: str | None = None,
        location: str | None = None,
        operation_id: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> ResponseData:
        """The error response."""
        ...


@dataclass(frozen=True, kw_only=True)
class VendorContext:
    """What an engine lends the behaviour it serves, and nothing more.

    Attributes:
        clock: Times the work that takes time; a manual clock in tests.
        webhooks: Sends the vendor's webhooks (to the URL a test configured).
        seed: Seed of generated ids, so reruns see the same ones.
        render_error: Renders an error in the spec's vendor shape.
    """

    clock: Clock
    webhooks: WebhookSender
    seed: int | None
    render_error: ErrorRenderer


class Behaviour(Protocol):
    """Stateful or scripted answers plugged into the engine; every hook is called.

    :class:`BaseBehaviour` implements each hook as a no-op: subclass it and override
    what the vendor needs.
    """

    def bind(self, context: VendorContext) -> None:
        """Called once, when the engine is built, with what the behaviour may use."""

    def handle(self, call: Call) -> ResponseData | None:
        """Answer a valid request, or return None for the synthesized response.

        Raises:
            RequestError: To answer with an error in the vendor's shape.
        """

    def handle_unrouted(self, request: RequestData) -> ResponseData | None:
        """Answer a request no spec path matches (e.g. upload URLs), or None for 404."""

    def fault_targets(self) -> Mapping[str, str]:
        """Name the URLs outside the spec a fault may target, by path prefix.

        E.g. ``{"upload": "/_s3/bucket/"}``: ``faults.set("upload", Fault(...))`` then
        hits the uploads only. Requests outside the spec that no prefix claims are the
        target ``unrouted``.
        """
        ...

    def target_error(self, target: str, status: int) -> ResponseData | None:
        """What the host behind URL target ``target`` answers with ``status``, or None.

        An injected fault's status on a URL target (:meth:`fault_targets`) answers this,
        so a failing upload looks like the storage host's failure (S3's XML for
        Autoenhance's uploads); None gives the API's own error shape.
        """

    def handle_error(
        self, request: RequestData, operation_id: str, error: RequestError
    ) -> ResponseData | None:
        """Reword a failed validation (``error.check`` says which) or None to keep it.

        Raises:
            RequestError: To answer with this error instead.
        """

    def webhook_configured(self) -> None:
        """Called after a webhook URL is configured (Autoenhance sends ``webhook_updated``)."""

    def scenario_names(self) -> Mapping[str, str]:
        """The vendor scenarios :meth:`run_scenario` knows, each with what it does."""
        ...

    def run_scenario(self, name: str, arguments: Mapping[str, Any]) -> None:
        """Arm a vendor scenario (``fail-next-image``...), from ``/__mock/scenarios/{name}``.

        Raises:
            ConfigError: Unknown scenario, or arguments it does not take.
            LookupError: A record the arguments name does not exist.
        """

    def reset(self) -> None:
        """Forget all state and restart generated ids from the seed."""


class StubHook(Protocol):
    """Canned answers that come before the behaviour (WireMock's stub mappings).

    The engine asks twice: :meth:`early` before validating (a request no operation
    matches, or a stub that opts out of validation), :meth:`answer` once the request is
    valid. Whatever the stubs match on, a request body can never make either raise.
    """

    def early(self, request: RequestData, *, routed: bool) -> ResponseData | None:
        """The answer before validation, or None.

        Any stub may answer a request no operation matches; for a routed one, only a
        stub that opts out of validation.
        """

    def answer(self, request: RequestData) -> ResponseData | None:
        """The answer of a matching stub for a valid request, or None."""

    def tag(self, response: ResponseData) -> object:
        """What the journal keeps with an exchange (the stub that answered, or None)."""

    def bind_journal(self, journal: Journal) -> None:
        """Use ``journal`` as the record of served requests (one journal, two views)."""

    def reset(self) -> None:
        """Back to the stubs loaded at start; scenarios restart."""


class BaseBehaviour:
    """A :class:`Behaviour` whose hooks do nothing; vendor behaviours subclass it."""

    _context: VendorContext | None = None

    @property
    def context(self) -> VendorContext:
        """The context :meth:`bind` received.

        Raises:
            ConfigError: The behaviour is not bound to an engine yet.
        """
        if self._context is None:
            raise ConfigError(f"{type(self).__name__} is not bound to an engine")
        return self._context

    def bind(self, context: VendorContext) -> None:
        """Keep the context."""
        self._context = context

    def handle(self, call: Call) -> ResponseData | None:
        """Nothing modelled: the synthesized response."""
        return None

    def handle_unrouted(self, request: RequestData) -> ResponseData | None:
        """Nothing served outside the spec: 404."""
        return None

    def fault_targets(self) -> Mapping[str, str]:
        """No named URL targets: every request outside the spec is ``unrouted``."""
        return {}

    def target_error(self, target: str, status: int) -> ResponseData | None:
        """The API's own error shape."""
        return None

    def handle_error(
        self, request: RequestData, operation_id: str, error: RequestError
    ) -> ResponseData | None:
        """The engine's own error response."""
        return None

    def webhook_configured(self) -> None:
        """Nothing to send."""

    def scenario_names(self) -> Mapping[str, str]:
        """None."""
        return {}

    def run_scenario(self, name: str, arguments: Mapping[str, Any]) -> None:
        """No scenarios: every name is unknown.

        Raises:
            ConfigError: Always.
        """
        raise ConfigError(f"unknown scenario {name!r}")

    def reset(self) -> None:
        """No state."""
