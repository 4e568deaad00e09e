"""The engine: route, validate, ask the behaviour, synthesize, self-check.

:class:`Engine` is library-neutral: it takes a :class:`~mock_server.types.RequestData`
and returns a :class:`~mock_server.types.ResponseData`. For anything a client sends it
answers with a response - never an exception - except :class:`ResponseViolation` in
strict mode, which reports a response that breaks the spec.

Order of work for a request: routing (404 / 405 / ``OPTIONS``), request validation
(:func:`mock_server.validation.run_validators`), the ``Prefer`` header, the behaviour
hook, response synthesis, then the self-check of whatever response was chosen.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from mock_server._render import ErrorRenderer, reason
from mock_server.clock import Clock
from mock_server.errors import ConfigError, RequestError, ResponseViolation
from mock_server.faults import Faults
from mock_server.media import is_json
from mock_server.routing import MatchState, RouteMatch, Router
from mock_server.spec import Operation, Spec, compile_spec, load_spec
from mock_server.synthesis import NO_PREFERENCE, Preference, Synthesizer, parse_prefer
from mock_server.types import RequestData, ResponseData
from mock_server.validation import ValidRequest, check_before_body, run_validators
from mock_server.validation._selfcheck import check_response
from mock_server.webhooks import WebhookSender

__all__ = ["Behaviour", "Call", "Engine", "EngineOptions"]

logger = logging.getLogger("mock_server")

# Errors the engine decides on its own; a single example declared for them in the spec
# is the vendor's body (the spec writer's decision), so it is served as is.
_CANNED_STATUSES = frozenset({401, 403, 405, 406, 413, 415})


@dataclass(frozen=True, kw_only=True)
class EngineOptions:
    """Options of an :class:`Engine`.

    Attributes:
        accepted_keys: API keys (and bearer tokens) the mock accepts.
        accept_any_key: Accept any non-empty key.
        seed: Seed of generated values.
        strict: Raise :class:`ResponseViolation` when a response breaks the spec,
            instead of logging a warning.
        max_body_bytes: Larger request bodies get 413.
        cors: Answer CORS preflights and add ``Access-Control-Allow-Origin``.
    """

    accepted_keys: frozenset[str] = frozenset({"test-key"})
    accept_any_key: bool = False
    seed: int = 0
    strict: bool = False
    max_body_bytes: int = 64 * 1024 * 1024
    cors: bool = False

    def __post_init__(self) -> None:
        if self.max_body_bytes <= 0:
            raise ConfigError(f"max_body_bytes must be positive, got {self.max_body_bytes}")


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
        engine: The engine, e.g. for ``engine.synthesize(...)`` or ``engine.error_response``.
        cookies: Request cookies.
        media_type: The declared request media type that matched, if a body was sent.
    """

    operation_id: str
    request: RequestData
    path_params: Mapping[str, Any]
    query: Mapping[str, Any]
    headers: Mapping[str, str]
    body: Any
    engine: Engine
    cookies: Mapping[str, str] = field(default_factory=dict)
    media_type: str | None = None


class Behaviour(Protocol):
    """Stateful or scripted answers plugged into the engine.

    Optional hooks, looked up by name:

    - ``bind(engine)``: called once when the engine is built, so the behaviour can keep
      the engine (its ``clock``, ``webhooks``, ``error_response``, ``synthesize``).
    - ``handle_error(request, operation_id, error)`` returning a ``ResponseData`` or
      None: called when request validation fails (the :class:`RequestError` says which
      ``check`` and ``issues``), to render vendor quirks.
    - ``webhook_configured()``: called after :meth:`Engine.configure_webhook`.
    """

    def handle(self, call: Call) -> ResponseData | None:
        """Answer a valid request, or return None for the synthesized response.

        Raises:
            RequestError: To answer with an error in the vendor's shape.
        """

    def handle_unrouted(self, request: RequestData) -> ResponseData | None:
        """Answer a request no spec path matches (e.g. upload URLs), or None for 404."""

    def reset(self) -> None:
        """Forget all state."""


class Engine:
    """Serves an OpenAPI document: validation, vendor-shaped errors, synthesized responses.

    Args:
        spec: The compiled spec (see :meth:`from_path` and :meth:`from_dict`).
        options: Engine options.
        behaviour: Optional hook answering valid requests (and unrouted ones).
        clock: The time source of stateful behaviours and faults (default: real time).

    Example:
        >>> engine = Engine.from_path("openapi/autoenhance.yaml")  # doctest: +SKIP
        >>> engine.handle(RequestData(method="GET", path="/v3/orders/",
        ...     headers={"x-api-key": "test-key"})).status  # doctest: +SKIP
        200
    """

    def __init__(
        self,
        spec: Spec,
        *,
        options: EngineOptions | None = None,
        behaviour: Behaviour | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.spec = spec
        self.options = options or EngineOptions()
        self.behaviour = behaviour
        self.clock = clock if clock is not None else Clock()
        self.faults = Faults()
        self.webhooks = WebhookSender()
        self.title = spec.title
        self.operation_ids = tuple(op.operation_id for op in spec.operations)
        self._operations = {op.operation_id: op for op in spec.operations}
        self.router = Router(
            ((op.path, op.method, op.operation_id) for op in spec.operations),
            trailing_slash=spec.trailing_slash,
            base_paths=spec.base_paths,
        )
        self.synthesizer = Synthesizer(spec, seed=self.options.seed)
        self.renderer = ErrorRenderer(spec.error_style)
        self._canned = {
            (op.operation_id, status): canned
            for op in spec.operations
            for status in _CANNED_STATUSES
            if (canned := _single_example(op, status)) is not None
        }
        bind = getattr(behaviour, "bind", None)
        if bind is not None:
            bind(self)

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
        found = {(s.location, s.parameter) for s in self.spec.security_schemes.values()}
        return tuple(sorted(found))

    def operation(self, operation_id: str) -> Operation:
        """The compiled operation ``operation_id``.

        Raises:
            ConfigError: No such operation.
        """
        try:
            return self._operations[operation_id]
        except KeyError:
            raise ConfigError(f"unknown operationId {operation_id!r}") from None

    def operation_for(self, method: str, path: str) -> str | None:
        """The operationId serving ``method`` ``path``, or None (for the journal)."""
        match = self.router.match(method, path)
        return match.operation_id if match.state is MatchState.FOUND else None

    def reset(self) -> None:
        """Forget all state: behaviour, pending work, faults, webhook URL, random stream."""
        self.clock.reset()
        self.faults.clear()
        self.webhooks.configure(url=None)
        self.webhooks.clear()
        self.synthesizer.reset()
        if self.behaviour is not None:
            self.behaviour.reset()

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
        hook = getattr(self.behaviour, "webhook_configured", None)
        if hook is not None and url is not None:
            hook()

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

    def handle(self, request: RequestData) -> ResponseData:
        """Answer one request.

        Raises:
            ResponseViolation: Strict mode only: the response breaks the spec.
        """
        method = request.method.upper()
        match = self.router.match(method, request.path)
        if match.state is MatchState.FOUND and match.operation_id is not None:
            response = self._serve(self._operations[match.operation_id], request, match)
        elif match.state is MatchState.METHOD_NOT_ALLOWED:
            response = self._not_allowed(method, request, match)
        else:
            response = self._unrouted(request)
        if self.options.cors:
            response = _with_cors(response, request)
        return response

    def refuse_oversize(self, request: RequestData, *, limit: int) -> ResponseData:
        """Answer a request whose body the edge refused to read (over ``limit`` bytes)."""
        error = RequestError(
            status=413,
            message=f"Request body too large (limit {limit} bytes)",
            check="body_size",
            headers={"connection": "close"},
        )
        response = self.refuse(request, error)
        return dataclasses.replace(response, headers={**response.headers, "connection": "close"})

    def refuse_malformed(self, request: RequestData, *, message: str) -> ResponseData:
        """Answer a request whose form body the edge could not parse."""
        match = self.router.match(request.method.upper(), request.path)
        status = 400
        if match.state is MatchState.FOUND and match.operation_id is not None:
            status = self._operations[match.operation_id].validation_status
        error = RequestError(status=status, message=message, location="body", check="body")
        return self.refuse(request, error)

    def refuse(self, request: RequestData, error: RequestError) -> ResponseData:
        """Answer with ``error`` a request the edge could not hand over whole.

        The checks that come before the body in the pipeline (key, parameters, content
        type) still run first, so a request without a key gets 401 whatever its body is.
        The answer goes through the same path as a failed validation, so a behaviour's
        ``handle_error`` can reword it (AI HomeDesign answers a too-large upload with 400).
        """
        match = self.router.match(request.method.upper(), request.path)
        if match.state is MatchState.METHOD_NOT_ALLOWED:
            return self.handle(request)  # the 405 comes first, as for any request
        if match.state is not MatchState.FOUND or match.operation_id is None:
            return self._render(error, None, generic=True)
        operation = self._operations[match.operation_id]
        try:
            check_before_body(
                operation=operation,
                request=request,
                path_params=match.path_params,
                accepted_keys=self.options.accepted_keys,
                accept_any_key=self.options.accept_any_key,
            )
        except RequestError as earlier:
            error = earlier
        response = self._failed(operation, request, error)
        if operation.response_for(response.status) is not None:
            self._self_check(operation, response)
        return response

    def _serve(self, operation: Operation, request: RequestData, match: RouteMatch) -> ResponseData:
        fault = self.faults.take(operation.operation_id)
        if fault is not None:
            if fault.latency_ms:
                time.sleep(fault.latency_ms / 1000)
            if fault.drop:
                return ResponseData(status=502, drop_connection=True)
            if fault.status is not None:
                # Injected on purpose, so exempt from the self-check.
                message = f"Injected fault: {reason(fault.status)}"
                return self._render(
                    RequestError(status=fault.status, message=message),
                    operation.operation_id,
                    generic=False,
                )
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
            checked = True
        except RequestError as error:
            response = self._failed(operation, request, error)
            checked = operation.response_for(error.status) is not None
        if checked:
            self._self_check(operation, response)
        return response

    def _answer(
        self,
        operation: Operation,
        request: RequestData,
        valid: ValidRequest,
        preference: Preference,
    ) -> ResponseData:
        response = None
        # An explicit Prefer overrides the behaviour, as it does in Prism.
        if self.behaviour is not None and preference == NO_PREFERENCE:
            response = self.behaviour.handle(
                Call(
                    operation_id=operation.operation_id,
                    request=request,
                    path_params=valid.path_params,
                    query=valid.query,
                    headers=valid.headers,
                    body=valid.body,
                    engine=self,
                    cookies=valid.cookies,
                    media_type=valid.media_type,
                )
            )
        if response is None:
            accept = request.headers.get("accept", "")
            response = self.synthesizer.respond(operation, preference=preference, accept=accept)
        return response

    def _failed(
        self, operation: Operation, request: RequestData, error: RequestError
    ) -> ResponseData:
        if error.check and self.behaviour is not None:
            hook = getattr(self.behaviour, "handle_error", None)
            if hook is not None:
                try:
                    replaced = hook(request, operation.operation_id, error)
                except RequestError as other:
                    return self._render(other, operation.operation_id, generic=False)
                if isinstance(replaced, ResponseData):
                    return replaced
        generic = error.status in _CANNED_STATUSES
        return self._render(error, operation.operation_id, generic=generic)

    def _render(
        self, error: RequestError, operation_id: str | None, *, generic: bool
    ) -> ResponseData:
        canned = self._canned.get((operation_id or "", error.status)) if generic else None
        if canned is not None:
            return ResponseData(
                status=canned.status,
                headers={**canned.headers, **error.headers},
                json=copy.deepcopy(canned.json),
                has_json=True,
                content_type=canned.content_type,
            )
        return self.renderer.render(error, generic=generic)

    def _not_allowed(self, method: str, request: RequestData, match: RouteMatch) -> ResponseData:
        allow = ", ".join(match.allowed)
        if method == "OPTIONS":
            return ResponseData(status=204, headers={"Allow": allow})
        message = f"Method {method} is not allowed for {request.path}; allowed: {allow}"
        error = RequestError(status=405, message=message, headers={"Allow": allow})
        return self.renderer.render(error, generic=True)

    def _unrouted(self, request: RequestData) -> ResponseData:
        if self.behaviour is not None:
            response = self.behaviour.handle_unrouted(request)
            if response is not None:
                return response
        message = f"No operation matches {request.method.upper()} {request.path}"
        return self.renderer.render(RequestError(status=404, message=message), generic=True)

    def _self_check(self, operation: Operation, response: ResponseData) -> None:
        problem = check_response(operation, response)
        if problem is None:
            return
        if self.options.strict:
            raise ResponseViolation(
                operation_id=operation.operation_id, status=response.status, message=problem
            )
        logger.warning(
            "response of %s (%d) does not match the spec: %s",
            operation.operation_id,
            response.status,
            problem,
        )


def _single_example(operation: Operation, status: int) -> ResponseData | None:
    response = operation.responses.get(str(status))
    if response is None:
        return None
    for media in response.content:
        if not is_json(media.essence):
            continue
        values = list(media.example) or list(media.examples.values())
        if len(values) == 1 and isinstance(values[0], dict):
            return ResponseData(
                status=status, json=values[0], has_json=True, content_type=media.media_type
            )
    return None


def _with_cors(response: ResponseData, request: RequestData) -> ResponseData:
    origin = request.headers.get("origin", "*")
    headers = {**response.headers, "Access-Control-Allow-Origin": origin}
    if origin != "*":
        headers["Vary"] = "Origin"
    is_preflight = request.method.upper() == "OPTIONS" and response.status == 204
    if is_preflight and "access-control-request-method" in request.headers:
        headers["Access-Control-Allow-Methods"] = response.headers.get("Allow", "")
        headers["Access-Control-Allow-Headers"] = request.headers.get(
            "access-control-request-headers", "*"
        )
        headers["Access-Control-Max-Age"] = "600"
    return dataclasses.replace(response, headers=headers)
