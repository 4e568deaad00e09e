"""The request pipeline: route, validate, answer, self-check, journal.

:class:`Serving` is the half of :class:`~mock_server.engine.Engine` a request runs
through; the engine adds construction, configuration and the failure checks. Everything
derived from the spec is read from the :class:`~mock_server.engine._compiled.Compiled`
view the request started with, so a request does only per-request work.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from contextvars import ContextVar

from mock_server._render import ErrorRenderer as _Renderer
from mock_server.engine._compiled import CANNED_STATUSES, Compiled
from mock_server.engine._options import EngineOptions
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
from mock_server.errors import RequestError, ResponseViolation
from mock_server.faults import Fault, Faults
from mock_server.hooks import Behaviour, Call, StubHook
from mock_server.journal import Journal, scrub_text
from mock_server.routing import MatchState, RouteMatch
from mock_server.spec import Operation
from mock_server.synthesis import NO_PREFERENCE, Preference, Synthesizer, parse_prefer
from mock_server.types import RequestData, ResponseData
from mock_server.validation import ValidRequest, run_validators
from mock_server.validation._selfcheck import check_response

logger = logging.getLogger("mock_server")

_PINNED: ContextVar[tuple[object, Compiled] | None] = ContextVar("engine_pinned", default=None)
"""The engine serving in this context and the compiled view its request started with."""


class Serving:
    """How an engine answers a request (the engine's state is set by its constructor)."""

    options: EngineOptions
    behaviour: Behaviour
    faults: Faults
    stubs: StubHook | None
    journal: Journal
    _compiled: Compiled
    _failures: list[Exception]
    _failures_lock: threading.Lock

    def _view(self) -> Compiled:
        # A request keeps the compiled spec it started with, whatever reload() does meanwhile.
        pinned = _PINNED.get()
        if pinned is not None and pinned[0] is self:
            return pinned[1]
        return self._compiled

    @property
    def synthesizer(self) -> Synthesizer:
        """Responses from the spec's examples and schemas."""
        return self._view().synthesizer

    @property
    def renderer(self) -> _Renderer:
        """The spec's vendor error shape."""
        return self._view().renderer

    def record_failure(self, error: Exception) -> None:
        """Keep something that broke while serving, for :meth:`check` (edges call it too)."""
        with self._failures_lock:
            self._failures.append(error)

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
        *,
        target: str | None = None,
    ) -> ResponseData:
        """The answer under ``fault``; ``serve`` gives the normal one (a latency only).

        Injected on purpose, so the answer is exempt from the self-check. On a URL
        ``target``, a status answers as the host behind it does, unless the fault gives
        its own body.
        """
        response = connection_fault(fault)
        if response is not None:
            # No answer goes out; the header keeps the reason in the journal.
            response = self._with_reason(request, response)
        elif fault.status is not None:
            hosted = None
            if target is not None and fault.body is None:
                hosted = self.behaviour.target_error(target, fault.status)
            if hosted is not None:
                injected = evolve(
                    hosted,
                    headers={**hosted.headers, **fault.headers},
                    note=f"injected fault: status {fault.status}",
                )
            else:
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
                return self._faulted(
                    fault, request, None, lambda: self._outside_spec(request), target=target
                )
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
