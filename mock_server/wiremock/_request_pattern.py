"""WireMock request patterns: which requests a stub (or a journal query) matches."""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from mock_server.types import RequestData
from mock_server.wiremock._budget import Budget
from mock_server.wiremock._errors import InvalidMappingError
from mock_server.wiremock._http import cookies_of, url_of
from mock_server.wiremock._limits import MAX_PATTERNS, checked_json
from mock_server.wiremock._patterns import Matcher, compile_pattern
from mock_server.wiremock._regex import compile_regex

_URL_KEYS = ("url", "urlPattern", "urlPath", "urlPathPattern", "urlPathTemplate")
_KNOWN_KEYS = frozenset(
    {
        *_URL_KEYS,
        "method",
        "headers",
        "queryParameters",
        "formParameters",
        "pathParameters",
        "cookies",
        "basicAuthCredentials",
        "bodyPatterns",
    }
)
# WireMock weighs the URL and method above any one header, parameter or body pattern
# when it ranks near misses; these are its weights.
_URL_WEIGHT = 10.0
_METHOD_WEIGHT = 3.0
_TEMPLATE_VARIABLE = re.compile(r"\{([^{}/]+)\}")

Probe = Callable[[RequestData], float]
"""One criterion of a pattern: a request to a distance (``0.0`` when it holds)."""
Lookup = Callable[[RequestData, str], "str | tuple[str, ...] | None"]
"""Finds a named header, parameter or cookie in a request (``None`` when absent)."""


@dataclass(frozen=True)
class RequestPattern:
    """A compiled request pattern.

    Attributes:
        source: The pattern as given (returned unchanged by the admin API).
    """

    source: Mapping[str, Any]
    _probes: tuple[tuple[float, Probe], ...]

    @classmethod
    def compile(cls, source: Any, *, pointer: str = "/request") -> RequestPattern:
        """Compile a request pattern object.

        Args:
            source: The ``request`` object of a mapping, or a journal query.
            pointer: Where it sits, for error messages.

        Raises:
            InvalidMappingError: It is not an object, has an unknown or unsupported key,
                holds a malformed content pattern or breaks a bound of ``_limits``.
        """
        if not isinstance(source, dict):
            raise InvalidMappingError(pointer=pointer, detail="a request pattern must be an object")
        source = checked_json(source, pointer=pointer)
        for key in source:
            if key not in _KNOWN_KEYS:
                detail = f'Unrecognized or unsupported field "{key}" in a request pattern'
                raise InvalidMappingError(pointer=f"{pointer}/{key}", detail=detail)
        count = Budget(MAX_PATTERNS)  # shared by every content pattern below
        probes = [
            *_url_probes(source, pointer, count),
            (_METHOD_WEIGHT, _method_probe(source, pointer)),
        ]
        headers: Lookup = lambda r, name: r.headers.get(name.lower())  # noqa: E731
        cookies: Lookup = lambda r, name: cookies_of(r).get(name)  # noqa: E731
        probes += _keyed(source, "headers", pointer, headers, count)
        probes += _keyed(source, "queryParameters", pointer, _multi(lambda r: r.query), count)
        probes += _keyed(source, "formParameters", pointer, _multi(lambda r: r.form), count)
        probes += _keyed(source, "cookies", pointer, cookies, count)
        probes += _basic_auth(source, pointer)
        probes += _body_probes(source, pointer, count)
        return cls(source, tuple(probes))

    def distance(self, request: RequestData) -> float:
        """How far ``request`` is from matching: ``0.0`` on a match, at most ``1.0``."""
        total = sum(weight for weight, _ in self._probes)
        return sum(weight * probe(request) for weight, probe in self._probes) / total

    def matches(self, request: RequestData) -> bool:
        """Whether ``request`` satisfies every criterion."""
        return all(probe(request) == 0.0 for _, probe in self._probes)


def _method_probe(source: Mapping[str, Any], pointer: str) -> Probe:
    method = source.get("method", "ANY")
    if not isinstance(method, str):
        raise InvalidMappingError(pointer=f"{pointer}/method", detail="method must be a string")
    if method.upper() == "ANY":
        return lambda request: 0.0
    return lambda request: 0.0 if request.method.upper() == method.upper() else 1.0


def _url_probes(
    source: Mapping[str, Any], pointer: str, count: Budget
) -> list[tuple[float, Probe]]:
    key = next((key for key in _URL_KEYS if key in source), None)
    if key is None:
        return []  # WireMock's "any URL"
    value = source[key]
    if not isinstance(value, str):
        raise InvalidMappingError(pointer=f"{pointer}/{key}", detail=f"{key} must be a string")
    if key == "urlPathTemplate":
        return _template_probes(value, source.get("pathParameters") or {}, pointer, count)
    operator = "equalTo" if key in ("url", "urlPath") else "matches"
    matcher = compile_pattern({operator: value}, pointer=f"{pointer}/{key}", count=count)
    if key in ("url", "urlPattern"):
        return [(_URL_WEIGHT, lambda request: matcher(_url(request)))]
    return [(_URL_WEIGHT, lambda request: matcher(request.path))]


def _url(request: RequestData) -> str:
    try:
        return url_of(request)
    except UnicodeEncodeError:
        # A query value with a lone surrogate cannot be percent-encoded as UTF-8; its
        # surrogate bytes are encoded as they are, so matching goes on instead of raising.
        pairs = [
            f"{quote(name, safe='', errors='surrogatepass')}="
            f"{quote(value, safe='', errors='surrogatepass')}"
            for name, values in request.query.items()
            for value in values
        ]
        return request.path + ("?" + "&".join(pairs) if pairs else "")


def _template_probes(
    template: str, parameters: Any, pointer: str, count: Budget
) -> list[tuple[float, Probe]]:
    """``/contacts/{id}`` becomes a path regex; ``pathParameters`` test its variables."""
    names = _TEMPLATE_VARIABLE.findall(template)
    pieces = _TEMPLATE_VARIABLE.split(template)
    # split() alternates literal text and variable names; only the text is quoted. RE2
    # runs it: with several variables in one segment a backtracking engine is polynomial.
    regex = compile_regex(
        "".join(re.escape(p) if i % 2 == 0 else "([^/]+)" for i, p in enumerate(pieces)),
        pointer=f"{pointer}/urlPathTemplate",
    )
    if not isinstance(parameters, dict) or any(name not in names for name in parameters):
        detail = "pathParameters must name variables of the urlPathTemplate"
        raise InvalidMappingError(pointer=f"{pointer}/pathParameters", detail=detail)
    matchers = {
        names.index(name): compile_pattern(
            spec, pointer=f"{pointer}/pathParameters/{name}", count=count
        )
        for name, spec in parameters.items()
    }

    def probe(request: RequestData) -> float:
        found = regex.groups(request.path)
        if found is None:
            return 1.0
        return max((m(found[i]) for i, m in matchers.items()), default=0.0)

    return [(_URL_WEIGHT, probe)]


def _multi(values: Callable[[RequestData], Mapping[str, tuple[str, ...]]]) -> Lookup:
    """A lookup over a multi-valued mapping; the pattern sees each value in turn."""

    def lookup(request: RequestData, name: str) -> tuple[str, ...] | None:
        return values(request).get(name) or None

    return lookup


def _keyed(
    source: Mapping[str, Any], key: str, pointer: str, lookup: Lookup, count: Budget
) -> list[tuple[float, Probe]]:
    specs = source.get(key) or {}
    if not isinstance(specs, dict):
        raise InvalidMappingError(pointer=f"{pointer}/{key}", detail=f"{key} must be an object")
    return [
        (
            1.0,
            _keyed_probe(
                name, compile_pattern(spec, pointer=f"{pointer}/{key}/{name}", count=count), lookup
            ),
        )
        for name, spec in specs.items()
    ]


def _keyed_probe(name: str, matcher: Matcher, lookup: Lookup) -> Probe:
    def probe(request: RequestData) -> float:
        found = lookup(request, name)
        if isinstance(found, tuple):
            return min(matcher(value) for value in found)
        return matcher(found)

    return probe


def _basic_auth(source: Mapping[str, Any], pointer: str) -> list[tuple[float, Probe]]:
    credentials = source.get("basicAuthCredentials")
    if credentials is None:
        return []
    if not isinstance(credentials, dict) or set(credentials) != {"username", "password"}:
        detail = "basicAuthCredentials needs a username and a password"
        raise InvalidMappingError(pointer=f"{pointer}/basicAuthCredentials", detail=detail)
    token = f"{credentials['username']}:{credentials['password']}".encode()
    matcher = compile_pattern(
        {"equalTo": "Basic " + base64.b64encode(token).decode()}, pointer=pointer
    )
    return [(1.0, lambda request: matcher(request.headers.get("authorization")))]


def _body_probes(
    source: Mapping[str, Any], pointer: str, count: Budget
) -> list[tuple[float, Probe]]:
    specs = source.get("bodyPatterns") or []
    if not isinstance(specs, list):
        raise InvalidMappingError(
            pointer=f"{pointer}/bodyPatterns", detail="bodyPatterns must be a list"
        )
    matchers = [
        compile_pattern(spec, pointer=f"{pointer}/bodyPatterns/{i}", count=count)
        for i, spec in enumerate(specs)
    ]
    return [(1.0, _body_probe(matcher)) for matcher in matchers]


def _body_probe(matcher: Matcher) -> Probe:
    return lambda request: matcher(_body_text(request.body))


@functools.lru_cache(maxsize=1)
def _body_text(body: bytes) -> str:
    # Decoded once per request, not once per body pattern of every stub; the same text
    # object then hits the parse cache of the JSON patterns.
    return body.decode("utf-8", errors="replace")
