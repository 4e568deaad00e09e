"""The admin API's routes: ``/__admin/...`` requests to ``WireMock`` calls and JSON answers."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from mock_server.types import RequestData, ResponseData
from mock_server.wiremock._errors import AdminError, InvalidMappingError
from mock_server.wiremock._journal import ServeEvent, date_string, logged_request, serve_event
from mock_server.wiremock._mapping import StubMapping
from mock_server.wiremock._near_misses import nearest_requests, nearest_stubs, request_from_logged
from mock_server.wiremock._patterns import compile_pattern
from mock_server.wiremock._request_pattern import RequestPattern
from mock_server.wiremock._wire import empty, empty_json, error_response, json_response, parse_json

if TYPE_CHECKING:
    from mock_server.wiremock._registry import Registry as WireMock

    Handler = Callable[[WireMock, RequestData, re.Match[str]], ResponseData]

PREFIX = "/__admin"
"""Where the admin API is mounted."""
VERSION = "3.13.2"
"""The WireMock release whose admin API this follows."""

_ROUTES: list[tuple[str, re.Pattern[str], Handler]] = []


def handle(wiremock: WireMock, request: RequestData) -> ResponseData:
    """Answer one admin request.

    Args:
        wiremock: The registry to act on.
        request: A request whose path starts with ``/__admin``.

    Returns:
        WireMock's answer: JSON for data, an empty 404 for unknown paths, and
        ``{"errors": [...]}`` with a 4xx status for malformed input.
    """
    path = request.path[len(PREFIX) :].rstrip("/") or "/"
    for method, pattern, handler in _ROUTES:
        found = pattern.fullmatch(path)
        if found is not None and method == request.method.upper():
            try:
                return handler(wiremock, request, found)
            except (AdminError, InvalidMappingError) as error:
                return error_response(error)
    return empty(404)


def _route(method: str, path: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        _ROUTES.append((method, re.compile(path), handler))
        return handler

    return register


# -- stub mappings ---------------------------------------------------------------------------


@_route("GET", "/mappings")
def _list_mappings(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    stubs = wm.stubs()
    offset = _int_param(request, "offset") or 0
    limit = _int_param(request, "limit")
    page = stubs[offset : None if limit is None else offset + limit]
    return json_response({"mappings": [s.source for s in page], "meta": {"total": len(stubs)}})


@_route("POST", "/mappings")
def _create_mapping(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    stub_id = wm.stub(_object(request))
    return json_response(wm.get_stub(stub_id).source, status=201)


@_route("DELETE", "/mappings")
def _delete_mappings(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    wm.remove_all_stubs()
    return empty_json()


@_route("POST", "/mappings/save")
def _save_mappings(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    wm.save()
    return empty()


@_route("POST", "/mappings/reset")
def _reset_mappings(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    wm.reset_mappings()
    return empty()


@_route("POST", "/mappings/import")
def _import_mappings(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    body = _object(request)
    mappings = body.get("mappings")
    options = body.get("importOptions") or {}
    if not isinstance(mappings, list) or not isinstance(options, dict):
        raise InvalidMappingError(pointer="/mappings", detail="mappings must be a list")
    overwrite = options.get("duplicatePolicy", "OVERWRITE") != "IGNORE"
    wm.import_stubs(
        mappings, overwrite=overwrite, delete_others=options.get("deleteAllNotInImport") is True
    )
    return empty()


@_route("GET", "/mappings/unmatched")
def _unmatched_mappings(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    return json_response({"mappings": [s.source for s in _unused_stubs(wm)]})


@_route("DELETE", "/mappings/unmatched")
def _remove_unmatched_mappings(
    wm: WireMock, request: RequestData, _: re.Match[str]
) -> ResponseData:
    for stub in _unused_stubs(wm):
        wm.remove_stub(stub.id)
    return empty_json()


@_route("POST", "/mappings/find-by-metadata")
def _find_by_metadata(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    return json_response({"mappings": [s.source for s in _by_metadata(wm, request)]})


@_route("POST", "/mappings/remove-by-metadata")
def _remove_by_metadata(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    for stub in _by_metadata(wm, request):
        wm.remove_stub(stub.id)
    return empty_json()


@_route("GET", "/mappings/(?P<id>[^/]+)")
def _get_mapping(wm: WireMock, request: RequestData, found: re.Match[str]) -> ResponseData:
    return _or_404(lambda: json_response(wm.get_stub(_uuid(found["id"])).source))


@_route("PUT", "/mappings/(?P<id>[^/]+)")
def _update_mapping(wm: WireMock, request: RequestData, found: re.Match[str]) -> ResponseData:
    stub_id = _uuid(found["id"])
    mapping = _object(request)
    return _or_404(lambda: json_response(wm.update_stub(stub_id, mapping).source))


@_route("DELETE", "/mappings/(?P<id>[^/]+)")
def _delete_mapping(wm: WireMock, request: RequestData, found: re.Match[str]) -> ResponseData:
    stub_id = _uuid(found["id"])

    def remove() -> ResponseData:
        wm.remove_stub(stub_id)
        return empty_json()

    return _or_404(remove)


# -- the request journal -----------------------------------------------------------------------


@_route("GET", "/requests")
def _list_requests(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    events = wm.events()
    since = _since_param(request)
    if since is not None:
        events = [event for event in events if event.logged_at > since]
    limit = _int_param(request, "limit")
    shown = events if limit is None else events[:limit]
    return json_response(
        {
            "requests": [serve_event(event) for event in shown],
            "meta": {"total": len(events)},
            "requestJournalDisabled": False,
        }
    )


@_route("DELETE", "/requests")
@_route("POST", "/requests/reset")  # deprecated in WireMock, still used by python-wiremock
def _clear_requests(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    wm.clear_journal()
    return empty_json()


@_route("POST", "/requests/count")
def _count_requests(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    return json_response({"count": wm.count(_pattern(request)), "requestJournalDisabled": False})


@_route("POST", "/requests/find")
def _find_requests(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    return _logged_requests(wm.find(_pattern(request)))


@_route("POST", "/requests/remove")
def _remove_requests(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    events = wm.find(_pattern(request))
    wm.forget(events)
    return json_response({"serveEvents": [serve_event(event) for event in events]})


@_route("GET", "/requests/unmatched")
def _unmatched_requests(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    return _logged_requests(_unmatched(wm))


@_route("GET", "/requests/unmatched/near-misses")
def _unmatched_near_misses(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    stubs = wm.stubs()
    misses = [miss for event in _unmatched(wm) for miss in nearest_stubs(event, stubs)]
    return json_response({"nearMisses": misses})


@_route("GET", "/requests/(?P<id>[^/]+)")
def _get_request(wm: WireMock, request: RequestData, found: re.Match[str]) -> ResponseData:
    event = next((e for e in wm.events() if e.id == found["id"]), None)
    return empty(404) if event is None else json_response(serve_event(event))


@_route("DELETE", "/requests/(?P<id>[^/]+)")
def _delete_request(wm: WireMock, request: RequestData, found: re.Match[str]) -> ResponseData:
    wm.forget(e for e in wm.events() if e.id == found["id"])
    return empty_json()


# -- near misses ---------------------------------------------------------------------------------


@_route("POST", "/near-misses/request")
def _near_misses_for_request(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    probe = request_from_logged(parse_json(request.body))
    event = ServeEvent(
        id="", request=probe, response=ResponseData(status=0), logged_at=wm.now(), stub=None
    )
    return json_response({"nearMisses": nearest_stubs(event, wm.stubs())})


@_route("POST", "/near-misses/request-pattern")
def _near_misses_for_pattern(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    return json_response({"nearMisses": nearest_requests(_pattern(request), wm.events())})


# -- scenarios and the whole server -----------------------------------------------------------


@_route("GET", "/scenarios")
def _list_scenarios(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    return json_response({"scenarios": wm.scenarios()})


@_route("POST", "/scenarios/reset")
def _reset_scenarios(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    wm.reset_scenarios()
    return empty_json()


@_route("PUT", "/scenarios/(?P<name>[^/]+)/state")
def _set_scenario_state(wm: WireMock, request: RequestData, found: re.Match[str]) -> ResponseData:
    body = parse_json(request.body) if request.body.strip() else {}
    state = body.get("state") if isinstance(body, dict) else None
    if state is not None and not isinstance(state, str):
        raise InvalidMappingError(pointer="/state", detail="state must be a string")
    wm.set_scenario_state(found["name"], state)
    return empty_json()


@_route("POST", "/reset")
def _reset(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    wm.reset()
    return empty()


@_route("GET", "/health")
def _health(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    now = wm.now()
    return json_response(
        {
            "status": "healthy",
            "message": "Wiremock is ok",
            "version": VERSION,
            "uptimeInSeconds": int(now - wm.started_at),
            "timestamp": date_string(now),
        }
    )


@_route("GET", "/version")
def _version(wm: WireMock, request: RequestData, _: re.Match[str]) -> ResponseData:
    return json_response({"version": VERSION})


# -- helpers -------------------------------------------------------------------------------------


def _object(request: RequestData) -> dict[str, Any]:
    body = parse_json(request.body)
    if not isinstance(body, dict):
        raise InvalidMappingError(pointer="/", detail="the request body must be a JSON object")
    return body


def _pattern(request: RequestData) -> RequestPattern:
    return RequestPattern.compile(_object(request), pointer="")


def _uuid(text: str) -> str:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise AdminError(status=400, title=f"{text} is not a valid UUID") from None


def _or_404(answer: Callable[[], ResponseData]) -> ResponseData:
    """WireMock answers an unknown stub id with an empty 404, not an error body."""
    try:
        return answer()
    except AdminError as error:
        if error.status == 404:
            return empty(404)
        raise


def _int_param(request: RequestData, name: str) -> int | None:
    values = request.query.get(name)
    if not values:
        return None
    # isdigit() alone accepts "²", which int() refuses; nine digits bound the number.
    if not (values[0].isascii() and values[0].isdigit() and len(values[0]) <= 9):
        raise AdminError(status=400, title=f"{name} must be a whole number, not {values[0]!r}")
    return int(values[0])


def _since_param(request: RequestData) -> float | None:
    values = request.query.get("since")
    if not values:
        return None
    try:
        since = datetime.fromisoformat(values[0])
    except ValueError:
        raise AdminError(status=400, title=f"{values[0]} is not a valid ISO8601 date") from None
    # A date without an offset means UTC, as everywhere else in WireMock.
    return (since if since.tzinfo else since.replace(tzinfo=UTC)).timestamp()


def _logged_requests(events: list[ServeEvent]) -> ResponseData:
    return json_response(
        {"requests": [logged_request(event) for event in events], "requestJournalDisabled": False}
    )


def _unmatched(wm: WireMock) -> list[ServeEvent]:
    return [event for event in wm.events() if event.stub is None]


def _unused_stubs(wm: WireMock) -> list[StubMapping]:
    used = {event.stub.id for event in wm.events() if event.stub is not None}
    return [stub for stub in wm.stubs() if stub.id not in used]


def _by_metadata(wm: WireMock, request: RequestData) -> list[StubMapping]:
    matcher = compile_pattern(_object(request), pointer="")
    return [s for s in wm.stubs() if matcher(json.dumps(s.source.get("metadata") or {})) == 0.0]
