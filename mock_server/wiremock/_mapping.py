"""Stub mappings: a request pattern, a response, a priority and scenario wiring."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mock_server.types import RequestData
from mock_server.wiremock._errors import InvalidMappingError
from mock_server.wiremock._limits import MAX_JAVA_INT, checked_json
from mock_server.wiremock._request_pattern import RequestPattern
from mock_server.wiremock._response import ResponseDefinition

DEFAULT_PRIORITY = 5
"""WireMock's priority for stubs that set none (1 is the highest)."""
METADATA_KEY = "mock-server"
"""The ``metadata`` member holding this mock's per-stub options (``validate``)."""

# The order WireMock's Jackson serializer writes a mapping's members in.
_TOP_ORDER = (
    "id", "name", "request", "response", "uuid", "persistent", "priority", "scenarioName",
    "requiredScenarioState", "newScenarioState", "postServeActions", "serveEventListeners",
    "metadata",
)  # fmt: skip
_REQUEST_ORDER = (
    "url", "urlPattern", "urlPath", "urlPathPattern", "urlPathTemplate", "method", "headers",
    "pathParameters", "queryParameters", "formParameters", "cookies", "basicAuthCredentials",
    "bodyPatterns",
)  # fmt: skip
_RESPONSE_ORDER = (
    "status", "statusMessage", "body", "jsonBody", "base64Body", "bodyFileName", "headers",
    "fixedDelayMilliseconds", "fault", "transformers", "transformerParameters",
    "fromConfiguredStub",
)  # fmt: skip
_INERT_KEYS = frozenset({"postServeActions", "serveEventListeners"})


@dataclass(frozen=True, kw_only=True)
class StubMapping:
    """A compiled stub mapping.

    Attributes:
        id: Its UUID.
        source: The mapping as the admin API returns it (WireMock's member order,
            with ``id``/``uuid`` and the defaults WireMock fills in).
        request: Which requests it matches.
        response: What it answers.
        priority: Lower wins; ``DEFAULT_PRIORITY`` when unset.
        name: Its ``name``, if it has one.
        scenario: The scenario it belongs to, if any.
        required_state: The state the scenario must be in for it to match.
        new_state: The state the scenario moves to once it is served.
        persistent: Whether it is written to the mappings folder as soon as it changes.
        validate: False when its metadata opts out of spec validation.
    """

    id: str
    source: dict[str, Any]
    request: RequestPattern
    response: ResponseDefinition
    priority: int
    name: str | None
    scenario: str | None
    required_state: str | None
    new_state: str | None
    persistent: bool
    validate: bool

    @classmethod
    def compile(
        cls, data: Any, *, new_id: Callable[[], str] = lambda: str(uuid.uuid4())
    ) -> StubMapping:
        """Compile a mapping object as POSTed to ``/__admin/mappings``.

        Compiling has no side effect and keeps no reference to ``data``: a caller can
        compile every mapping of an import before storing any, and store all or none.

        Args:
            data: The decoded JSON mapping.
            new_id: Makes the id of a mapping that brings none.

        Returns:
            The stub; its ``source`` always serialises to JSON, and its ``matches``
            never raises.

        Raises:
            InvalidMappingError: The mapping is malformed, uses an unsupported feature or
                breaks one of the bounds in ``docs/WIREMOCK.md`` (the pointer names the
                field); no other exception escapes.
        """
        if not isinstance(data, dict):
            raise InvalidMappingError(pointer="/", detail="a stub mapping must be a JSON object")
        data = checked_json(data)
        _check_keys(data)
        request = RequestPattern.compile(data.get("request") or {})
        response = ResponseDefinition.compile(data.get("response") or {})
        stub_id = _stub_id(data, new_id)
        source = _ordered({**data, "id": stub_id, "uuid": stub_id}, _TOP_ORDER)
        source["request"] = _ordered({"method": "ANY", **request.source}, _REQUEST_ORDER)
        source["response"] = _ordered(
            {"status": 200, **(data.get("response") or {})}, _RESPONSE_ORDER
        )
        return cls(
            id=stub_id,
            source=source,
            request=request,
            response=response,
            priority=_priority(data),
            name=_optional_str(data, "name"),
            scenario=_optional_str(data, "scenarioName"),
            required_state=_optional_str(data, "requiredScenarioState"),
            new_state=_optional_str(data, "newScenarioState"),
            persistent=_persistent(data),
            validate=_validate_flag(data),
        )

    def matches(self, request: RequestData, *, scenario_state: str | None) -> bool:
        """Whether this stub answers ``request`` given its scenario's current state."""
        if self.required_state is not None and scenario_state != self.required_state:
            return False
        return self.request.matches(request)


def _check_keys(data: dict[str, Any]) -> None:
    for key, value in data.items():
        if key in _TOP_ORDER and (key not in _INERT_KEYS or not value):
            continue
        detail = f'Unrecognized or unsupported field "{key}" in a stub mapping'
        raise InvalidMappingError(pointer=f"/{key}", detail=detail)


def _stub_id(data: dict[str, Any], new_id: Callable[[], str]) -> str:
    given = data.get("id") or data.get("uuid")
    if given is None:
        return new_id()
    try:
        return str(uuid.UUID(str(given)))
    except ValueError as exc:
        raise InvalidMappingError(pointer="/id", detail=f"{given} is not a valid UUID") from exc


def _priority(data: dict[str, Any]) -> int:
    value = data.get("priority", DEFAULT_PRIORITY)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_JAVA_INT:
        detail = f"priority must be a whole number from 1 to {MAX_JAVA_INT}"
        raise InvalidMappingError(pointer="/priority", detail=detail)
    return value


def _persistent(data: dict[str, Any]) -> bool:
    value = data.get("persistent") or False
    if not isinstance(value, bool):
        raise InvalidMappingError(pointer="/persistent", detail="persistent must be a boolean")
    return value


def _optional_str(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise InvalidMappingError(pointer=f"/{key}", detail=f"{key} must be a string")
    return value


def _validate_flag(data: dict[str, Any]) -> bool:
    metadata = data.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise InvalidMappingError(pointer="/metadata", detail="metadata must be an object")
    options = metadata.get(METADATA_KEY) or {}
    if not isinstance(options, dict) or not isinstance(options.get("validate", True), bool):
        detail = f'metadata["{METADATA_KEY}"] must be an object like {{"validate": false}}'
        raise InvalidMappingError(pointer=f"/metadata/{METADATA_KEY}", detail=detail)
    return options.get("validate", True) is not False


def _ordered(data: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """``data`` with known members in WireMock's order, then any others as given."""
    known = {key: data[key] for key in order if key in data}
    return {**known, **{key: value for key, value in data.items() if key not in known}}
