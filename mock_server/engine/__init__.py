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
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from mock_server._render import ErrorRenderer as _Renderer
from mock_server.clock import Clock
from mock_server.engine._compiled import CANNED_STATUSES, Compiled
from mock_server.engine._refusals import (
    connection_fault,
    injected_status,
    no_route,
    not_allowed,
    rendered,
    target_of,
    unread,
)
from mock_server.engine._responses import (
    REASON_HEADER,
    evolve,
    header_text,
    noted,
    refusal,
    stub_noted,
    with_cors,
)
from mock_server.errors import (
    ConfigError,
    MockServerError,
    RequestError,
    ResponseViolation,
    ServerFailure,
)
from mock_server.faults import UNROUTED, Fault, Faults
from mock_server.hooks import (
    BaseBehaviour,
    Behaviour,
    Call,
    ErrorRenderer,
    StubHook,
    VendorContext,
)
from mock_server.journal import DEFAULT_MAX_ENTRIES, Journal, Redactor, scrub_text
from mock_server.routing import MatchState, RouteMatch, Router
from mock_server.spec import Operation, Spec, compile_spec, load_spec
from mock_server.synthesis import NO_PREFERENCE, Preference, Synthesizer, parse_prefer
from mock_server.types import RequestData, ResponseData
from mock_server.validation import ValidRequest, run_validators
from mock_server.validation._selfcheck import check_response
from mock_server.webhooks import Delivery, WebhookSender

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

logger = logging.getLogger("mock_server")


@dataclass(frozen=True, kw_only=True)
class EngineOptions:
    """Options of an :class:`Engine`.

    Attributes:
        accepted_keys: API keys (and bearer tokens) the mock accepts.
        accept_any_key: Accept any non-empty key.
        seed: Seed of generated values and ids; None draws a fresh one at every start and
            reset, so ids never repeat across restarts.
        strict: Raise :class:`ResponseViolation` when a response breaks the spec,
            instead of logging a warning.
        max_body_bytes: Larger request bodies get 413.
        cors: Answer CORS preflights and add ``Access-Control-Allow-Origin``.
        journal_size: How many exchanges the journal keeps.
    """

    accepted_keys: frozenset[str] = frozenset({"test-key"})
    accept_any_key: bool = False
    seed: int | None = 0
    strict: bool = False
    max_body_bytes: int = 64 * 1024 * 1024
    cors: bool = False
    journal_size: int = DEFAULT_MAX_ENTRIES

    def __post_init__(self) -> None:
        if self.max_body_bytes <= 0:
            raise ConfigError(f"max_body_bytes must be positive, got {self.max_body_bytes}")


class Engine:
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

    def _view(self) -> Compiled:
        # A request keeps the compiled spec it started with, whatever reload() does meanwhile.
        pinned = _PINNED.get()
        if pinned is not None and pinned[0] is self:
            return pinned[1]
        return self._compiled

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
    def synthesizer(self) -> Synthesizer:
        """Responses from the spec's examples and schemas."""
        return self._view().synthesizer

    @property
    def renderer(self) -> _Renderer:
        """The spec's vendor error shape."""
        return self._view().renderer

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

    def record_failure(self, error: Exception) -> None:
        """Keep something that broke while serving, for :meth:`check` (edges call it too)."""
        with self._failures_lock:
            self._failures.append(error)

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

    def error_response(
        self,
        *,
        status: int,
        message: str,
        field: str | None = None,
        location: str | None = None,
        operation_id: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> ResponseData:
        """Render an error in the spec's vendor shape (``x-mock-error-style``)."""
        error = RequestError(
            status=status,
            message=message,
            field=field,
            location=location,
            headers=dict(headers or {}),
        )
        return self._render(error, operation_id, generic=False)

    # --- serving ------------------------------------------------------------------

    def handle(self, request: RequestData) -> ResponseData:
        """Answer one request and journal it; never raises.

        A crash in the behaviour answers 500, and a response that breaks the spec is
        logged (strict mode: answers 500); both are kept for :meth:`check`.
        """
        started = time.perf_counter()
        view = self._compiled
        pin = _PINNED.set((self, view))
        try:
            return self._handle(view, request, started)
        finally:
            _PINNED.reset(pin)

    def _handle(self, view: Compiled, request: RequestData, started: float) -> ResponseData:
        operation_id: str | None = None
        try:
            method = request.method.upper()
            match = view.router.match(method, request.path)
            found = match.state is MatchState.FOUND and match.operation_id is not None
            if found:
                operation_id = match.operation_id
            early = None if self.stubs is None else self.stubs.early(request, routed=found)
            if early is not None:
                response = self._with_reason(request, stub_noted(early))
                if operation_id is not None:
                    response = self._self_check(view.operations[operation_id], request, response)
            elif found and operation_id is not None:
                response = self._serve(view.operations[operation_id], request, match)
            elif match.state is MatchState.METHOD_NOT_ALLOWED:
                refused = not_allowed(view.renderer, method, request.path, match.allowed)
                response = self._with_reason(request, refused)
            else:
                response = self._with_reason(request, self._unrouted(request))
        except Exception as error:  # a crash must become a 500 and fail the test
            response = self._with_reason(request, self._crashed(request, operation_id, error))
        if self.options.cors:
            response = with_cors(response, request)
        self._journal(request, operation_id, response, started)
        return response

    def _serve(self, operation: Operation, request: RequestData, match: RouteMatch) -> ResponseData:
        fault = self.faults.take(operation.operation_id)
        if fault is not None:
            return self._faulted(
                fault, request, operation, lambda: self._valid(operation, request, match)
            )
        return self._valid(operation, request, match)

    def _valid(self, operation: Operation, request: RequestData, match: RouteMatch) -> ResponseData:
        try:
            valid = run_validators(
                operation=operation,
                request=request,
                path_params=match.path_params,
                accepted_keys=self.options.accepted_keys,
                accept_any_key=self.options.accept_any_key,
                max_body_bytes=self.options.max_body_bytes,
            )
            prefer = request.headers.get("prefer")
            preference = NO_PREFERENCE
            if prefer:
                preference = parse_prefer(prefer, status=operation.validation_status)
            response = self._answer(operation, request, valid, preference)
        except RequestError as error:
            response = self._failed(operation, request, error, match.path_params)
            response = self._with_reason(request, response)
            if operation.response_for(response.status) is None:
                # An error status the spec does not declare (e.g. 413 for an API that
                # never documents it) is the mock's own decision, not a spec breach.
                return response
        # A breach the self-check finds is told in the access log, not the answer: the
        # answer is still the behaviour's own.
        return self._self_check(operation, request, self._with_reason(request, response))

    def _faulted(
        self,
        fault: Fault,
        request: RequestData,
        operation: Operation | None,
        serve: Callable[[], ResponseData],
    ) -> ResponseData:
        """The answer under ``fault``; ``serve`` gives the normal one (a latency only).

        Injected on purpose, so the answer is exempt from the self-check.
        """
        response = connection_fault(fault)
        if response is not None:
            # No answer goes out; the header keeps the reason in the journal.
            response = self._with_reason(request, response)
        elif fault.status is not None:
            injected = injected_status(
                fault,
                request,
                operation,
                synthesizer=self.synthesizer,
                renderer=self.renderer,
            )
            response = self._with_reason(request, injected)
        else:
            response = serve()
        if fault.latency_ms:
            # The edge waits, not the engine: an event-driven edge keeps serving meanwhile.
            response = evolve(response, delay_seconds=fault.latency_ms / 1000)
        return response

    def _answer(
        self,
        operation: Operation,
        request: RequestData,
        valid: ValidRequest,
        preference: Preference,
    ) -> ResponseData:
        response = None
        # A matching stub wins over the behaviour; an explicit Prefer over both, as in Prism.
        if preference == NO_PREFERENCE and self.stubs is not None:
            response = self.stubs.answer(request)
            if response is not None:
                response = stub_noted(response)
        if preference == NO_PREFERENCE and response is None:
            response = self.behaviour.handle(
                Call(
                    operation_id=operation.operation_id,
                    request=request,
                    path_params=valid.path_params,
                    query=valid.query,
                    headers=valid.headers,
                    body=valid.body,
                    cookies=valid.cookies,
                    media_type=valid.media_type,
                )
            )
        if response is None:
            accept = request.headers.get("accept", "")
            response = self.synthesizer.respond(operation, preference=preference, accept=accept)
        return response

    def _failed(
        self,
        operation: Operation,
        request: RequestData,
        error: RequestError,
        path_params: Mapping[str, str],
    ) -> ResponseData:
        response = self._failed_response(operation, request, error)
        return noted(response, refusal(error, operation.path, path_params))

    def _failed_response(
        self, operation: Operation, request: RequestData, error: RequestError
    ) -> ResponseData:
        if error.check:
            try:
                replaced = self.behaviour.handle_error(request, operation.operation_id, error)
            except RequestError as other:
                return self._render(other, operation.operation_id, generic=False)
            if replaced is not None:
                return replaced
        generic = error.status in CANNED_STATUSES
        return self._render(error, operation.operation_id, generic=generic)

    def _render(
        self, error: RequestError, operation_id: str | None, *, generic: bool
    ) -> ResponseData:
        view = self._view()
        return rendered(view.renderer, view.canned, error, operation_id, generic=generic)

    def _unrouted(self, request: RequestData) -> ResponseData:
        if request.unread is not None:
            return unread(self.renderer, request.unread)
        # Most requests meet no fault: the target is looked up only when one is set.
        if self.faults:
            target = target_of(self.behaviour.fault_targets(), request.path)
            fault = self.faults.take(target)
            if fault is not None:
                return self._faulted(fault, request, None, lambda: self._outside_spec(request))
        return self._outside_spec(request)

    def _outside_spec(self, request: RequestData) -> ResponseData:
        response = self.behaviour.handle_unrouted(request)
        return response if response is not None else no_route(self.renderer, request)

    def _with_reason(self, request: RequestData, response: ResponseData) -> ResponseData:
        """The answer with ``x-mock-reason`` when the mock made it up (``note`` says why).

        The header is scrubbed of the request's secrets, as the access log is, and kept
        to one short line of visible ASCII.
        """
        if not response.note or any(k.lower() == REASON_HEADER for k in response.headers):
            return response
        secrets = self.journal.redactor.secrets_in(request.headers, request.query_string)
        text = header_text(scrub_text(response.note, secrets))
        return evolve(response, headers={**response.headers, REASON_HEADER: text})

    def _self_check(
        self, operation: Operation, request: RequestData, response: ResponseData
    ) -> ResponseData:
        problem = check_response(operation, response)
        if problem is None:
            return response
        violation = ResponseViolation(
            operation_id=operation.operation_id, status=response.status, message=problem
        )
        if not self.options.strict:
            logger.warning("response does not match the spec: %s", violation)
            return evolve(response, note=f"response breaks the spec: {problem}")
        self.record_failure(violation)
        refused = self._render(
            RequestError(status=500, message=f"Mock response breaks the spec: {problem}"),
            operation.operation_id,
            generic=False,
        )
        refused = evolve(refused, note=f"response breaks the spec: {problem}")
        return self._with_reason(request, refused)

    def _crashed(
        self, request: RequestData, operation_id: str | None, error: Exception
    ) -> ResponseData:
        secrets = self.journal.redactor.secrets_in(request.headers, "")
        logger.error(
            "error serving %s %s: %s",
            request.method,
            scrub_text(request.path, secrets),
            scrub_text(repr(error), secrets),
        )
        self.record_failure(error)
        response = self.error_response(
            status=500, message="Internal Server Error", operation_id=operation_id
        )
        return evolve(response, note=f"the mock crashed: {type(error).__name__}")

    # --- journal ------------------------------------------------------------------

    def _journal(
        self,
        request: RequestData,
        operation_id: str | None,
        response: ResponseData,
        started: float,
    ) -> None:
        # The duration includes an injected latency, which the edge waits out.
        elapsed = time.perf_counter() - started + response.delay_seconds
        tag = None if self.stubs is None else self.stubs.tag(response)
        self.journal.record_exchange(
            request, response, operation_id=operation_id, duration_ms=elapsed * 1000, tag=tag
        )

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


_PINNED: ContextVar[tuple[Engine, Compiled] | None] = ContextVar("engine_pinned", default=None)


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
