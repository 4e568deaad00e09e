"""Answers the mock makes up itself: no route, an unread body, an injected fault, an error.

Each is built from the few compiled parts it needs (the error renderer, the synthesizer,
the canned errors), given explicitly, and says why in its ``note``.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Mapping

from mock_server._render import ErrorRenderer, reason
from mock_server.engine._responses import evolve
from mock_server.errors import RequestError
from mock_server.faults import UNROUTED, Fault
from mock_server.media import is_json
from mock_server.spec import Operation
from mock_server.synthesis import Preference, Synthesizer
from mock_server.types import RequestData, ResponseData, UnreadBody
from mock_server.validation import CLOSE


def rendered(
    renderer: ErrorRenderer,
    canned: Mapping[tuple[str, int], ResponseData],
    error: RequestError,
    operation_id: str | None,
    *,
    generic: bool,
) -> ResponseData:
    """``error`` in the vendor's shape: the spec's single example for it where it has one."""
    found = canned.get((operation_id or "", error.status)) if generic else None
    if found is None:
        return renderer.render(error, generic=generic)
    return ResponseData(
        status=found.status,
        headers={**found.headers, **error.headers},
        json=copy.deepcopy(found.json),
        has_json=True,
        content_type=found.content_type,
    )


def not_allowed(
    renderer: ErrorRenderer, method: str, path: str, allowed: tuple[str, ...]
) -> ResponseData:
    """405 naming the methods the path serves; an ``OPTIONS`` request gets 204 instead."""
    allow = ", ".join(allowed)
    if method == "OPTIONS":
        return ResponseData(status=204, headers={"Allow": allow})
    message = f"Method {method} is not allowed for {path}; allowed: {allow}"
    error = RequestError(status=405, message=message, headers={"Allow": allow})
    note = f"no route: method {method} not allowed (allowed: {allow})"
    return evolve(renderer.render(error, generic=True), note=note)


def unread(renderer: ErrorRenderer, body: UnreadBody) -> ResponseData:
    """413 (closing the connection) or 400 for a body the edge could not hand over."""
    status = 413 if body.too_large else 400
    headers = CLOSE if body.too_large else {}
    error = RequestError(status=status, message=body.message, headers=headers)
    return evolve(renderer.render(error, generic=True), note=error.message)


def no_route(renderer: ErrorRenderer, request: RequestData) -> ResponseData:
    """404: no operation matches the request's method and path."""
    where = f"{request.method.upper()} {request.path}"
    error = RequestError(status=404, message=f"No operation matches {where}")
    return evolve(
        renderer.render(error, generic=True), note=f"no route: no operation matches {where}"
    )


def target_of(prefixes: Mapping[str, str], path: str) -> str:
    """The URL target ``path`` falls under: the longest declared prefix, else unrouted."""
    found = [(len(prefix), name) for name, prefix in prefixes.items() if path.startswith(prefix)]
    return max(found)[1] if found else UNROUTED


def connection_fault(fault: Fault) -> ResponseData | None:
    """The broken connection ``fault`` asks for (no answer goes out), or None."""
    kind = fault.connection_fault
    if kind is None:
        return None
    return ResponseData(
        status=502, connection_fault=kind, note=f"injected fault: connection {kind.value}"
    )


def injected_status(
    fault: Fault,
    request: RequestData,
    operation: Operation | None,
    *,
    synthesizer: Synthesizer,
    renderer: ErrorRenderer,
) -> ResponseData:
    """What the vendor answers with ``fault.status``, as ``Prefer: code=N`` gets it."""
    status = fault.status or 500
    if operation is not None and operation.response_for(status) is not None:
        accept = request.headers.get("accept", "")
        response = synthesizer.respond(operation, preference=Preference(code=status), accept=accept)
    else:
        error = RequestError(status=status, message=reason(status))
        response = renderer.render(error, generic=True)
    if fault.body is not None:
        declared = (response.content_type or "").split(";", 1)[0].strip().lower()
        response = dataclasses.replace(
            response,
            json=copy.deepcopy(fault.body),
            has_json=True,
            body=b"",
            content_type=response.content_type if is_json(declared) else "application/json",
        )
    return evolve(
        response,
        headers={**response.headers, **fault.headers},
        note=f"injected fault: status {status}",
    )
