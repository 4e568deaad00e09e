"""A validating proxy: forward each request upstream, answer with the upstream's response.

Every exchange is checked against the OpenAPI spec on the way through: the request before
it is forwarded, the response when it comes back. Nothing is blocked; each violation is
logged (one line naming the operation and the field), kept in the journal, and reported
to the client in Prism's ``sl-violations`` response header. A :class:`Recorder` may save
each exchange as a WireMock mapping. See ``docs/PROXY.md``.

Example:
    >>> from mock_server.spec import load_spec
    >>> from mock_server.vendors import bundled_spec
    >>> proxy = Proxy(load_spec(bundled_spec("autoenhance")), upstream="http://127.0.0.1:9")
    >>> proxy.handle(RequestData(method="GET", path="/v3/orders/")).status
    502
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

from mock_server.errors import ConfigError, RequestError
from mock_server.journal import Journal, Redactor, scrub_text
from mock_server.media import best_match, encode, is_json
from mock_server.routing import MatchState, Router
from mock_server.spec import load_spec
from mock_server.types import RequestData, ResponseData
from mock_server.validation import run_validators
from mock_server.validation._messages import ROOT, issues_from_errors
from mock_server.validation._selfcheck import check_response
from mock_server.wiremock.record import Recorder

if TYPE_CHECKING:
    import os

    import httpx

    from mock_server.spec import Operation, Spec
    from mock_server.vendors import ApiName

__all__ = [
    "VIOLATIONS_HEADER",
    "Proxy",
    "ProxyResult",
    "Violation",
    "open_proxy",
    "spec_redactor",
    "violations_header",
]

VIOLATIONS_HEADER = "sl-violations"
"""The response header listing the violations, named and shaped as Prism's."""
DEFAULT_TIMEOUT = 30.0
MAX_BODY_BYTES = 64 * 1024 * 1024
"""The largest body the proxy reads, either way (the mock's own request limit)."""
log = logging.getLogger("mock_server.proxy")

# Prism caps the header at "8kb minus some" and prefixes what it cuts (http-server/server.ts).
_MAX_HEADER_LENGTH = 8 * 1024 - 100
_TRUNCATED = "Too many violations! "
# RFC 9110 7.6.1: meaningful for one connection only, never forwarded. Content-Length is
# recomputed for the body as sent; Host is the upstream's.
_HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "proxy-connection",
        "te",
        "trailer",
        "trailers",
        "transfer-encoding",
        "upgrade",
    }
)
_NOT_FORWARDED = _HOP_BY_HOP | {"host", "content-length"}
# httpx decodes gzip/deflate/br bodies, so the body handed on is no longer encoded.
_NOT_RETURNED = _HOP_BY_HOP | {"content-length", "content-encoding", "content-type"}
_UNLIMITED = 2**62


@dataclass(frozen=True, kw_only=True)
class Violation:
    """One way a request or a response breaks the spec.

    Attributes:
        location: Where, as Prism writes it: ``("request", "query", "limit")``,
            ``("response", "body", "orders", "0", "total_images")``, ``("request",)``.
        code: What failed: a JSON Schema keyword (``type``, ``required``), one of the
            proxy's own codes (``status``, ``content-type``, ``header``, ``json``), or
            an HTTP status for a refusal with no single field (401 for a missing key).
        message: What is wrong, e.g. ``Not a valid number.``.
        operation_id: The operation the request was routed to, if any.
        severity: ``Error``, as Prism marks a breach of the spec.
    """

    location: tuple[str, ...]
    code: str | int
    message: str
    operation_id: str | None = None
    severity: str = "Error"

    @property
    def field(self) -> str:
        """The location as one dotted name, e.g. ``response.body.orders.0.total_images``."""
        return ".".join(self.location)

    def to_json(self) -> dict[str, Any]:
        """The violation as one item of Prism's ``sl-violations`` list."""
        return {
            "location": list(self.location),
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }

    def __str__(self) -> str:
        return f"{self.operation_id or '-'} {self.field}: {self.message} [{self.code}]"


@dataclass(frozen=True, kw_only=True)
class ProxyResult:
    """One proxied exchange.

    Attributes:
        response: What to send back: the upstream's answer (a 502 if it could not be
            reached), plus ``sl-violations`` when there are violations.
        violations: Request violations first, then response violations.
        operation_id: The operation the request was routed to, if any.
        upstream_response: The upstream's answer as received (None when unreachable);
            this is what a recorder saves.
    """

    response: ResponseData
    violations: tuple[Violation, ...] = ()
    operation_id: str | None = None
    upstream_response: ResponseData | None = field(default=None, repr=False)


def violations_header(violations: Iterable[Violation]) -> str | None:
    """The ``sl-violations`` value for ``violations`` (None when there are none).

    Compact JSON, as Prism's ``JSON.stringify``; past about 8 KB it is cut and prefixed
    with ``Too many violations!``, as Prism does. Non-ASCII text is escaped as JSON
    escapes, since a header value must be Latin-1.

    >>> violations_header([Violation(location=("request",), code=401, message="No key")])
    '[{"location":["request"],"severity":"Error","code":401,"message":"No key"}]'
    """
    items = [v.to_json() for v in violations]
    if not items:
        return None
    value = json.dumps(items, separators=(",", ":"))
    if len(value) > _MAX_HEADER_LENGTH:
        value = _TRUNCATED + value[:_MAX_HEADER_LENGTH]
    return value


def spec_redactor(spec: Spec, *, secrets: Iterable[str] = ()) -> Redactor:
    """A redactor for the spec's credentials and the usual credential headers.

    Secret: every security scheme's header or query parameter, plus ``x-api-key``,
    ``authorization``, ``cookie`` and the other names of ``DEFAULT_SECRET_HEADERS``.

    Args:
        spec: The API's compiled spec.
        secrets: Known secret values to scrub wherever they appear.
    """
    return Redactor.for_spec(spec, secrets=secrets)


def open_proxy(
    api: ApiName | None = None,
    *,
    spec: str | os.PathLike[str] | None = None,
    upstream: str,
    record: str | os.PathLike[str] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    on_violation: Callable[[Violation], None] | None = None,
) -> Proxy:
    """Build a proxy from command-line style options (what ``mock-server proxy`` calls).

    Args:
        api: A bundled API whose spec the traffic is checked against.
        spec: The path of another spec (takes precedence over ``api``).
        upstream: The upstream's base URL (``http://`` or ``https://``).
        record: A folder to record every exchange to, as WireMock mappings
            (``<record>/mappings``, ``<record>/__files``).
        timeout: Seconds to wait for the upstream.
        on_violation: Called with each violation, after it is logged.

    Raises:
        ConfigError: Neither ``api`` nor ``spec`` is given, or ``upstream`` is not an
            http(s) URL.
        SpecError: The spec cannot be loaded.
    """
    if not upstream.startswith(("http://", "https://")):
        msg = f"the upstream must be an http:// or https:// URL, got {upstream!r}"
        raise ConfigError(msg)
    if spec is None:
        if api is None:
            msg = "give the API name or a spec path to check the traffic against"
            raise ConfigError(msg)
        # Imported here: the vendors package builds engines, which the proxy never needs.
        from mock_server.vendors import bundled_spec

        spec = bundled_spec(api)
    compiled = load_spec(spec)
    redactor = spec_redactor(compiled)
    recorder = Recorder(Path(record), redactor=redactor) if record is not None else None
    return Proxy(
        compiled,
        upstream=upstream,
        recorder=recorder,
        redactor=redactor,
        timeout=timeout,
        on_violation=on_violation,
    )


class Proxy:
    """Forwards requests to one upstream and checks each exchange against a spec.

    Library-neutral: it takes :class:`~mock_server.types.RequestData` and returns
    :class:`~mock_server.types.ResponseData`, so any edge can serve it (see
    ``docs/ARCHITECTURE.md``, "A new edge"). It never raises for a request: an upstream
    it cannot reach answers 502 with a JSON message.

    Args:
        spec: The spec requests and responses are checked against.
        upstream: The upstream's base URL, e.g. ``https://api.autoenhance.ai``; a path
            in it (``http://host/base``) prefixes every forwarded path.
        recorder: Saves every exchange the upstream answered (see
            :class:`~mock_server.wiremock.record.Recorder`).
        redactor: Which header and query values are secret, for the journal and the
            log; defaults to :func:`spec_redactor`.
        client: The HTTP client to forward with; by default one is made (and closed by
            :meth:`close`) that sends only the client's headers and follows no redirect.
        journal: Where every exchange is kept; by default a new one with ``redactor``.
        timeout: Seconds to wait for the upstream (connect, read, write each).
        on_violation: Called with each violation, after it is logged.
        max_body_bytes: Request bodies (read by the edge) and upstream bodies are read up
            to this many bytes; a larger request gets 413, a larger answer 502.
    """

    def __init__(
        self,
        spec: Spec,
        *,
        upstream: str,
        recorder: Recorder | None = None,
        redactor: Redactor | None = None,
        client: httpx.Client | None = None,
        journal: Journal | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        on_violation: Callable[[Violation], None] | None = None,
        max_body_bytes: int = MAX_BODY_BYTES,
    ) -> None:
        """Create the proxy; no connection is opened until the first request."""
        self.spec = spec
        self.max_body_bytes = max_body_bytes
        self.upstream = upstream.rstrip("/")
        self.recorder = recorder
        self.redactor = redactor or spec_redactor(spec)
        self.journal = journal or Journal(redactor=self.redactor)
        self.timeout = timeout
        self.on_violation = on_violation
        self._client = client
        self._owns_client = client is None
        self._operations = {op.operation_id: op for op in spec.operations}
        self._router = Router(
            ((op.path, op.method, op.operation_id) for op in spec.operations),
            trailing_slash=spec.trailing_slash,
            base_paths=spec.base_paths,
        )

    def __enter__(self) -> Proxy:
        """Use the proxy as a context manager; :meth:`close` runs on exit."""
        return self

    def __exit__(self, *_exc: object) -> None:
        """Close the client the proxy made."""
        self.close()

    def close(self) -> None:
        """Close the HTTP client, if the proxy made it."""
        if self._client is not None and self._owns_client:
            self._client.close()
            self._client = None

    def handle(self, request: RequestData) -> ResponseData:
        """Forward ``request`` and answer with the upstream's response (never raises).

        Args:
            request: The request as the edge read it.

        Returns:
            The upstream's response, with ``sl-violations`` when the exchange breaks the
            spec; a 502 when the upstream cannot be reached.
        """
        return self.exchange(request).response

    def exchange(self, request: RequestData) -> ProxyResult:
        """Forward ``request``, check both sides, journal and record the exchange.

        Args:
            request: The request as the edge read it.

        Returns:
            The response to send, the violations, and the upstream's answer.
        """
        started = time.perf_counter()
        operation, violations = self._check_request(request)
        if request.unread is not None and request.unread.too_large:
            # The edge kept the body back; forwarding the rest would send a different request.
            upstream = None
            response = _error(413, "Payload Too Large", request.unread.message)
        else:
            upstream = self._forward(request)
            response = upstream or _error(
                502, "Bad Gateway", f"The upstream {self.upstream} could not be reached"
            )
        # A HEAD answer has the GET's headers and no body: there is no body to check.
        if upstream is not None and operation is not None and request.method != "HEAD":
            violations += _check_response(operation, upstream)
        operation_id = operation.operation_id if operation else None
        secrets = self.redactor.secrets_in(request.headers, request.query_string)
        for violation in violations:
            log.warning("%s %s %s", request.method, scrub_text(request.path, secrets), violation)
            if self.on_violation is not None:
                self.on_violation(violation)
        header = violations_header(violations)
        if header is not None:
            response = replace(response, headers={**response.headers, VIOLATIONS_HEADER: header})
        self._journal(request, response, operation_id, started)
        if upstream is not None and self.recorder is not None:
            self.recorder.record(request, upstream)
        return ProxyResult(
            response=response,
            violations=tuple(violations),
            operation_id=operation_id,
            upstream_response=upstream,
        )

    # -- the request side ----------------------------------------------------------------

    def _check_request(self, request: RequestData) -> tuple[Operation | None, list[Violation]]:
        match = self._router.match(request.method, request.path)
        if match.state is not MatchState.FOUND or match.operation_id is None:
            allowed = f" (allowed: {', '.join(match.allowed)})" if match.allowed else ""
            code, what = (405, "method is not allowed") if allowed else (404, "path is unknown")
            message = f"{request.method} {request.path}: the {what} in the spec{allowed}"
            return None, [Violation(location=("request",), code=code, message=message)]
        operation = self._operations[match.operation_id]
        try:
            run_validators(
                operation=operation,
                request=request,
                path_params=match.path_params,
                accepted_keys=frozenset(),
                accept_any_key=True,  # the upstream, not the proxy, knows the keys
                max_body_bytes=_UNLIMITED,
            )
        except RequestError as error:
            return operation, _request_violations(error, operation.operation_id)
        return operation, []

    # -- forwarding ----------------------------------------------------------------------

    def _forward(self, request: RequestData) -> ResponseData | None:
        import httpx  # only the proxy needs it; importing it costs the other edges time

        client = self._client
        if client is None:
            client = self._client = httpx.Client(timeout=self.timeout, follow_redirects=False)
            # Forward the client's headers only: no default User-Agent or Accept-Encoding.
            client.headers.clear()
        headers = _forwarded_headers(request.headers)
        try:
            with client.stream(
                request.method,
                self._url(request),
                headers=headers,
                content=request.body,
                timeout=self.timeout,
            ) as answer:
                body = self._bounded_body(answer)
        except httpx.HTTPError as error:
            secrets = self.redactor.secrets_in(request.headers, request.query_string)
            log.error(
                "%s %s: upstream %s failed: %s",
                request.method,
                scrub_text(request.path, secrets),
                self.upstream,
                scrub_text(f"{type(error).__name__}: {error}", secrets),
            )
            return None
        if body is None:
            log.error(
                "%s: the upstream's answer is over %d bytes", self.upstream, self.max_body_bytes
            )
            return None
        return ResponseData(
            status=answer.status_code,
            headers=_returned_headers(answer.headers.multi_items()),
            body=body,
            content_type=answer.headers.get("content-type"),
        )

    def _bounded_body(self, answer: httpx.Response) -> bytes | None:
        """The upstream's body, read in chunks; None once it passes ``max_body_bytes``."""
        received = bytearray()
        for chunk in answer.iter_bytes():
            received += chunk
            if len(received) > self.max_body_bytes:
                return None
        return bytes(received)

    def _url(self, request: RequestData) -> str:
        query = request.query_string or urlencode(
            [(name, value) for name, values in request.query.items() for value in values]
        )
        # The edge hands the path over percent-decoded; encode it again as sent.
        path = quote(request.path, safe="/:@!$&'()*+,;=-._~")
        return f"{self.upstream}{path}" + (f"?{query}" if query else "")

    def _journal(
        self, request: RequestData, response: ResponseData, operation_id: str | None, started: float
    ) -> None:
        body, _ = encode(response)
        self.journal.record(
            method=request.method,
            path=request.path,
            query_string=request.query_string,
            operation_id=operation_id,
            request_headers=request.headers,
            request_body=request.body,
            status=response.status,
            response_headers=response.headers,
            response_body=body,
            duration_ms=(time.perf_counter() - started) * 1000,
        )


def _forwarded_headers(headers: Mapping[str, str]) -> dict[str, str]:
    named = {n.strip().lower() for n in headers.get("connection", "").split(",")}
    return {k: v for k, v in headers.items() if k.lower() not in _NOT_FORWARDED | named}


def _returned_headers(items: Iterable[tuple[str, str]]) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in items:
        if name.lower() in _NOT_RETURNED:
            continue
        # ResponseData holds one value per name; Set-Cookie is the one that cannot be
        # joined, so a second cookie is lost (see docs/PROXY.md).
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return headers


def _error(status: int, error: str, message: str) -> ResponseData:
    """The proxy's own answer, when the upstream's cannot be had."""
    return ResponseData(status=status, json={"error": error, "message": message}, has_json=True)


def _request_violations(error: RequestError, operation_id: str) -> list[Violation]:
    if error.issues:
        return [
            Violation(
                location=("request", issue.location, *_parts(issue.path)),
                code=issue.rule.value,
                message=f"'{issue.field}' {issue.message}" if _parts(issue.path) else issue.message,
                operation_id=operation_id,
            )
            for issue in error.issues
        ]
    where = tuple(p for p in (error.location, error.field) if p)
    return [
        Violation(
            location=("request", *where),
            code=error.status,
            message=error.message,
            operation_id=operation_id,
        )
    ]


# -- the response side -------------------------------------------------------------------


def _check_response(operation: Operation, response: ResponseData) -> list[Violation]:
    """Every way ``response`` breaks the operation's declared responses."""
    essence = (response.content_type or "").split(";", 1)[0].strip().lower()
    checked = response
    if response.body and is_json(essence):
        try:
            value = json.loads(response.body)
        except ValueError as error:  # JSONDecodeError and UnicodeDecodeError
            return [_response_violation(operation, ("body",), "json", f"not JSON: {error}")]
        checked = replace(response, json=value, has_json=True, body=b"")
    problem = check_response(operation, checked)
    if problem is None:
        return []
    if problem.startswith("body"):
        return _body_violations(operation, checked, essence) or [
            _response_violation(operation, ("body",), "schema", problem)
        ]
    code = "status" if problem.startswith("status") else "content-type"
    if problem.startswith("required header"):
        code = "header"
    return [_response_violation(operation, (), code, problem)]


def _body_violations(operation: Operation, response: ResponseData, essence: str) -> list[Violation]:
    declared = operation.response_for(response.status)
    media = best_match(declared.content, essence, key=lambda m: m.essence) if declared else None
    if media is None or media.validator is None:
        return []
    errors = media.validator.iter_errors(response.json)
    return [
        _response_violation(operation, ("body", *_parts(issue.path)), issue.rule.value, sentence)
        for issue, sentence in issues_from_errors(errors, location="response body")
    ]


def _parts(path: tuple[str | int, ...]) -> tuple[str, ...]:
    return () if path == (ROOT,) else tuple(map(str, path))


def _response_violation(
    operation: Operation, where: tuple[str, ...], code: str, message: str
) -> Violation:
    return Violation(
        location=("response", *where),
        code=code,
        message=message,
        operation_id=operation.operation_id,
    )
