"""Edits the engine makes to an answer on its way out: notes, ``x-mock-reason``, CORS.

Each returns a new :class:`~mock_server.types.ResponseData` (a behaviour may hand back
the same record twice, so none is changed in place), made by :func:`evolve`, which
costs a fifth of ``dataclasses.replace``.
"""

from __future__ import annotations

from collections.abc import Mapping

from mock_server._render import reason
from mock_server.errors import RequestError
from mock_server.types import RequestData, ResponseData

REASON_HEADER = "x-mock-reason"
"""Why the mock made an answer up itself (no route, refused, injected, a stub...)."""
_REASON_CHARS = 200


def evolve(
    response: ResponseData,
    *,
    headers: Mapping[str, str] | None = None,
    note: str | None = None,
    delay_seconds: float | None = None,
) -> ResponseData:
    """``response`` with new ``headers``, ``note`` or ``delay_seconds`` (None: kept).

    The same as ``dataclasses.replace``, which introspects the fields on every call; the
    memoized wire form is not carried over, since it depends on the headers.
    """
    new = object.__new__(type(response))
    state = new.__dict__
    state.update(response.__dict__)
    state["encoded"] = None
    if headers is not None:
        state["headers"] = headers
    if note is not None:
        state["note"] = note
    if delay_seconds is not None:
        state["delay_seconds"] = delay_seconds
    return new


def noted(response: ResponseData, note: str) -> ResponseData:
    """``response`` with ``note`` as the reason, unless it already gives one."""
    return response if response.note else evolve(response, note=note)


def with_cors(response: ResponseData, request: RequestData) -> ResponseData:
    """``response`` with the CORS headers a browser needs (a preflight's too)."""
    headers = dict(response.headers)
    origin = request.headers.get("origin", "*")
    headers["Access-Control-Allow-Origin"] = origin
    if origin != "*":
        headers["Vary"] = "Origin"
    if REASON_HEADER in headers:  # a browser's script may read it only if exposed
        headers["Access-Control-Expose-Headers"] = REASON_HEADER
    preflight = response.status == 204 and request.method.upper() == "OPTIONS"
    if preflight and "access-control-request-method" in request.headers:
        headers["Access-Control-Allow-Methods"] = response.headers.get("Allow", "")
        headers["Access-Control-Allow-Headers"] = request.headers.get(
            "access-control-request-headers", "*"
        )
        headers["Access-Control-Max-Age"] = "600"
    return evolve(response, headers=headers)


def stub_noted(response: ResponseData) -> ResponseData:
    """A stub's answer, noted with the id of the stub that matched."""
    stub_id = next((v for k, v in response.headers.items() if k.lower() == "matched-stub-id"), "")
    return noted(response, f"stub {stub_id}".strip())


def refusal(error: RequestError, path: str, path_params: Mapping[str, str]) -> str:
    """Why a request was refused, in a few words.

    A behaviour that answers the bare reason phrase for an unknown record (the vendor's
    body: ``Not Found``) is read as naming the request's last path parameter:
    ``/v3/images/{id}`` gives ``unknown image id: <id>``.
    """
    if error.location and error.field:
        return f"{error.location}.{error.field}: {error.message}"
    if error.status == 404 and error.message == reason(404) and path_params:
        name, value = list(path_params.items())[-1]
        return f"unknown {_record_name(path, name)}: {value}"
    return error.message


def _record_name(path: str, name: str) -> str:
    """``image id`` for ``{id}`` after ``/images/``; ``order id`` for ``{order_id}``."""
    if name != "id":
        return name.replace("_", " ")
    segments = path.split("/")
    where = segments.index("{id}") if "{id}" in segments else 0
    before = segments[where - 1] if where > 0 else ""
    noun = before[:-1] if before.endswith("s") else before
    return f"{noun} id".strip()


def header_text(text: str) -> str:
    """``text`` as one short header value of visible ASCII."""
    printable = "".join(c if " " <= c <= "~" else "?" for c in text)
    if len(printable) > _REASON_CHARS:
        return printable[: _REASON_CHARS - 3] + "..."
    return printable
