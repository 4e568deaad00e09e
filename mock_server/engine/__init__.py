"""The engine: route, validate, ask the behaviour, synthesize, self-check, journal.

:class:`Engine` is library-neutral: :meth:`Engine.handle` takes a
:class:`~mock_server.types.RequestData` and returns a
:class:`~mock_server.types.ResponseData`, and it is the only way in, whatever the edge
(WSGI, the in-process transport). For anything a client sends it answers with a
response, never an exception: a behaviour that crashes gets the client a 500, a response
that breaks the spec is logged (or, in strict mode, replaced by a 500); both are kept
and :meth:`Engine.check` raises them, so a test cannot miss them.

Order of work for a request: routing (404 / 405 / ``OPTIONS``), the stub hook's early
answer, faults, request validation (:func:`mock_server.validation.run_validators`, which
also refuses a body the edge could not read), the ``Prefer`` header, the stub hook, the
behaviour hook, response synthesis, the self-check of whatever response was chosen, and
the journal. A request runs on the compiled spec it started with, whatever ``reload``
does meanwhile. An answer the mock makes up itself (no route, a refusal, an injected
fault, a stub, a crash) says why in ``x-mock-reason``, which the journal keeps; the body
stays the vendor's.

What plugs in is declared in :mod:`mock_server.hooks` (re-exported here): behaviours see
the engine only through a :class:`VendorContext` (clock, webhook sender, seed, error
rendering), stubs through the :class:`StubHook` calls; neither reaches its router, journal
or options, and the engine imports no stub implementation.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping
from typing import Any

from mock_server.clock import Clock
from mock_server.engine._compiled import Compiled
from mock_server.engine._options import EngineOptions
from mock_server.engine._serving import Serving
from mock_server.errors import (
    ConfigError,
    MockServerError,
    RequestError,
    ServerFailure,
)
from mock_server.faults import UNROUTED, Faults
from mock_server.hooks import (
    BaseBehaviour,
    Behaviour,
    Call,
    ErrorRenderer,
    StubHook,
    VendorContext,
)
from mock_server.journal import Journal, Redactor
from mock_server.routing import Router
from mock_server.spec import Operation, Spec, compile_spec, load_spec
from mock_server.synthesis import Preference
from mock_server.types import RequestData, ResponseData  # noqa: F401 - the Example uses it
from mock_server.webhooks import DEFAULT_TIMEOUT, Delivery, WebhookSender

__all__ = [
    "BaseBehaviour",
    "Behaviour",
    "Call",
    "Engine",
    "EngineOptions",
    "ErrorRenderer",
    "StubHook",
    "VendorContext",
]


class Engine(Serving):
    """Serves an OpenAPI document: validation, vendor-shaped errors, synthesized responses.

    Args:
        spec: The compiled spec (see :meth:`from_path` and :meth:`from_dict`).
        options: Engine options.
        behaviour: Optional hook answering valid requests (and unrouted ones).
        clock: The time source of stateful behaviours and faults (default: real time).
        stubs: Canned answers that come before the behaviour (a ``WireMock`` registry;
            a :class:`~mock_server.site.Site` gives its engine one if it has none).

    Example:
        >>> engine = Engine.from_dict({
        ...     "openapi": "3.1.0", "info": {"title": "Pets", "version": "1"},
        ...     "paths": {"/pets": {"get": {"operationId": "list_pets", "responses": {
        ...         "200": {"description": "ok", "content": {"application/json": {
        ...             "example": [{"name": "Rex"}]}}}}}}}})
        >>> engine.handle(RequestData(method="GET", path="/pets")).json
        [{'name': 'Rex'}]
        >>> engine.journal.last.operation_id
        'list_pets'
    """

    def __init__(
        self,
        spec: Spec,
        *,
        options: EngineOptions | None = None,
        behaviour: Behaviour | None = None,
        clock: Clock | None = None,
        stubs: StubHook | None = None,
    ) -> None:
        self.options = options or EngineOptions()
        self.behaviour: Behaviour = behaviour if behaviour is not None else BaseBehaviour()
        self.clock = clock if clock is not None else Clock()
        self.faults = Faults(names=self.fault_targets)
        self.journal = Journal(
            max_entries=self.options.journal_size, redactor=_redactor(spec, self.options)
        )
        self.stubs: StubHook | None = None
        if stubs is not None:
            self.use_stubs(stubs)
        # On real time a slow receiver must delay nothing: deliveries go out from a queue.
        # On a manual clock they go out inline, so advance() returns after them.
        self.webhooks = WebhookSender(
            on_delivery=self._journal_delivery, background=not self.clock.manual
        )
        self._use(spec)
        self._failures: list[Exception] = []
        self._failures_lock = threading.Lock()
        self.behaviour.bind(
            VendorContext(
                clock=self.clock,
                webhooks=self.webhooks,
                seed=self.options.seed,
                render_error=self.error_response,
            )
        )

    def _use(self, spec: Spec) -> None:
        """Compile what the engine derives from the spec, and switch to it in one step."""
        self._compiled = Compiled.of(spec, seed=self.options.seed)
        self.webhooks.timeout = spec.webhook_timeout or DEFAULT_TIMEOUT

    @property
    def spec(self) -> Spec:
        """The spec served (the one a request in flight started with)."""
        return self._view().spec

    @property
    def title(self) -> str:
        """The spec's title."""
        return self._view().spec.title

    @property
    def operation_ids(self) -> tuple[str, ...]:
        """Every operationId of the spec, in its order."""
        return self._view().operation_ids

    def fault_targets(self) -> tuple[str, ...]:
        """What a fault may name: every operationId, the behaviour's URL targets, ``unrouted``.

        A URL target names requests outside the spec (upload and result URLs) by path
        prefix (:meth:`~mock_server.hooks.Behaviour.fault_targets`); ``unrouted`` is every
        other request no operation matches.
        """
        return (*self.operation_ids, *self.behaviour.fault_targets(), UNROUTED)

    @property
    def router(self) -> Router:
        """The spec's routes."""
        return self._view().router

    @property
    def _operations(self) -> Mapping[str, Operation]:
        return self._view().operations

    def use_stubs(self, stubs: StubHook) -> None:
        """Answer from ``stubs`` before the behaviour; they read this engine's journal."""
        stubs.bind_journal(self.journal)
        self.stubs = stubs

    def reload(self, spec: Spec) -> None:
        """Serve a new version of the spec, keeping all state (orders, journal, stubs).

        The switch is one assignment: a request in flight finishes on the spec it started
        with (routes, synthesis, error shapes), and the next one sees the new spec. The
        behaviour keeps answering the operations it knows that the new spec still has.
        """
        self._use(spec)

    @classmethod
    def from_path(
        cls,
        path: str | os.PathLike[str],
        *,
        options: EngineOptions | None = None,
        behaviour: Behaviour | None = None,
        clock: Clock | None = None,
    ) -> Engine:
        """Load, validate and compile the OpenAPI document at ``path`` (YAML or JSON).

        Raises:
            SpecError: The document cannot be loaded or is invalid.
        """
        return cls(load_spec(path), options=options, behaviour=behaviour, clock=clock)

    @classmethod
    def from_dict(
        cls,
        document: Mapping[str, Any],
        *,
        options: EngineOptions | None = None,
        behaviour: Behaviour | None = None,
        clock: Clock | None = None,
    ) -> Engine:
        """Validate and compile an OpenAPI document given as a mapping.

        Raises:
            SpecError: The document is invalid.
        """
        return cls(compile_spec(document), options=options, behaviour=behaviour, clock=clock)

    @property
    def secret_parameters(self) -> tuple[tuple[str, str], ...]:
        """``(location, name)`` of every credential the spec declares, for redaction."""
        return _secret_parameters(self.spec)

    def operation(self, operation_id: str) -> Operation:
        """The compiled operation ``operation_id``.

        Raises:
            ConfigError: No such operation.
        """
        try:
            return self._operations[operation_id]
        except KeyError:
            raise ConfigError(f"unknown operationId {operation_id!r}") from None

    def reset(self) -> None:
        """Forget all state: behaviour, pending work, faults, webhooks, journal, failures."""
        self.clock.reset()
        self.faults.clear()
        self.webhooks.configure(url=None)
        self.webhooks.clear()
        self.synthesizer.reset()
        self.behaviour.reset()
        self.journal.clear()
        if self.stubs is not None:
            self.stubs.reset()
        with self._failures_lock:
            self._failures.clear()

    # --- failures ---------------------------------------------------------------

    def take_failures(self) -> list[MockServerError]:
        """Return and forget what broke while serving, oldest first.

        Handler crashes and failed scheduled work come wrapped in :class:`ServerFailure`;
        strict-mode :class:`ResponseViolation` as they are.
        """
        with self._failures_lock:
            found, self._failures = self._failures, []
        found.extend(self.clock.take_failures())
        return [_as_package_error(error) for error in found]

    def check(self) -> None:
        """Raise the first failure since the last check (see :meth:`take_failures`).

        Raises:
            MockServerError: A :class:`ServerFailure` or :class:`ResponseViolation`.
        """
        failures = self.take_failures()
        if failures:
            first = failures[0]
            if len(failures) > 1:
                first.add_note(f"({len(failures) - 1} more mock server failure(s) followed)")
            raise first

    # --- configuration ------------------------------------------------------------

    def configure_webhook(
        self, url: str | None, *, headers: Mapping[str, str] | None = None
    ) -> None:
        """Send the vendor's webhooks to ``url`` (None stops them), as its dashboard would.

        Args:
            url: The receiver; the behaviour is told (Autoenhance then sends
                ``webhook_updated``).
            headers: Extra headers on every delivery (e.g. the vendor's auth value).
        """
        self.webhooks.configure(url=url, headers=headers)
        if url is not None:
            self.behaviour.webhook_configured()

    def synthesize(
        self,
        operation_id: str,
        *,
        status: int | None = None,
        example: str | None = None,
        dynamic: bool = False,
        accept: str = "",
    ) -> ResponseData:
        """The response the spec gives for an operation, as ``Prefer`` would ask for it.

        Raises:
            ConfigError: Unknown operation, or a status/example it does not declare.
        """
        operation = self.operation(operation_id)
        preference = Preference(code=status, example=example, dynamic=dynamic)
        try:
            return self.synthesizer.respond(operation, preference=preference, accept=accept)
        except RequestError as exc:
            raise ConfigError(exc.message) from None

    def _journal_delivery(self, delivery: Delivery) -> None:
        outcome = delivery.error or ""
        self.journal.record(
            method="POST",
            path=delivery.url,
            operation_id=f"webhook:{delivery.event}",
            request_headers=delivery.headers,
            request_body=json.dumps(delivery.payload, separators=(",", ":")).encode(),
            status=delivery.status or 0,
            response_headers={},
            response_body=outcome.encode(),
            kind="webhook",
        )


def _secret_parameters(spec: Spec) -> tuple[tuple[str, str], ...]:
    found = {(s.location, s.parameter) for s in spec.security_schemes.values()}
    return tuple(sorted(found))


def _redactor(spec: Spec, options: EngineOptions) -> Redactor:
    """The one redactor of an API (as the proxy's), with the accepted keys as secrets."""
    return Redactor.for_spec(spec, secrets=options.accepted_keys)


def _as_package_error(error: Exception) -> MockServerError:
    if isinstance(error, MockServerError):
        return error
    return ServerFailure("the mock crashed while serving a request", [error])
