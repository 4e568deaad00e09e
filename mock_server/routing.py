"""Path routing: OpenAPI path templates compiled once, matched with a three-state result.

Literal paths are looked up in a dict; templated paths are anchored regexes, tried with
the fewest variables first (then the most literal text), as openapi-core does.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = ["MatchState", "Route", "RouteMatch", "Router"]

_VARIABLE = re.compile(r"\{([^{}/]+)\}")
_METHOD_ORDER = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE")


class MatchState(enum.Enum):
    """How far a request got in routing."""

    NOT_FOUND = 0
    """No path template matches: 404."""
    METHOD_NOT_ALLOWED = 1
    """A path matches but not with this method: 405."""
    FOUND = 2


@dataclass(frozen=True, slots=True)
class RouteMatch:
    """The result of :meth:`Router.match`.

    Attributes:
        state: Whether the path and the method matched.
        operation_id: The operation, when ``state`` is FOUND.
        template: The path template that matched, if any.
        path_params: The raw (string) path parameters.
        allowed: The methods the path serves (for ``Allow``), empty when NOT_FOUND.
    """

    state: MatchState
    operation_id: str | None = None
    template: str | None = None
    path_params: Mapping[str, str] = field(default_factory=dict)
    allowed: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Route:
    """One path template and the operations declared on it."""

    template: str
    methods: Mapping[str, str]
    regex: re.Pattern[str] | None
    variables: int
    literal_length: int
    names: tuple[str, ...] = ()
    allowed: tuple[str, ...] = ()
    """Declared methods, plus HEAD (served as GET) and OPTIONS (always answered)."""


def _allowed(methods: Iterable[str]) -> tuple[str, ...]:
    found = set(methods) | {"OPTIONS"}
    if "GET" in found:
        found.add("HEAD")
    return tuple(sorted(found, key=_method_rank))


def _method_rank(method: str) -> tuple[int, str]:
    return (_METHOD_ORDER.index(method) if method in _METHOD_ORDER else len(_METHOD_ORDER), method)


_NOT_FOUND = RouteMatch(MatchState.NOT_FOUND)
_NO_PARAMS: Mapping[str, str] = MappingProxyType({})


class Router:
    """Matches request paths to operations.

    Args:
        operations: ``(path template, HTTP method, operation id)`` triples.
        trailing_slash: ``strict`` (``/a/`` and ``/a`` differ) or ``ignore``.
        base_paths: Server URL path prefixes (e.g. ``/v3``) a request path may carry.

    Example:
        >>> router = Router([("/pets/{id}", "GET", "get_pet")])
        >>> router.match("GET", "/pets/7").path_params
        {'id': '7'}
    """

    def __init__(
        self,
        operations: Iterable[tuple[str, str, str]],
        *,
        trailing_slash: str = "strict",
        base_paths: Iterable[str] = (),
    ) -> None:
        self.ignore_slash = trailing_slash == "ignore"
        self.base_paths = tuple(base_paths)
        grouped: dict[str, dict[str, str]] = {}
        for template, method, operation_id in operations:
            grouped.setdefault(self._normalize(template), {})[method.upper()] = operation_id
        self._literal: dict[str, Route] = {}
        templated: list[Route] = []
        for template, methods in grouped.items():
            route = _compile(template, methods)
            if route.regex is None:
                self._literal[template] = route
            else:
                templated.append(route)
        # The answer for a literal path and a declared method is the same every time.
        self._literal_matches = {
            (template, method): RouteMatch(
                MatchState.FOUND, operation_id, template, _NO_PARAMS, route.allowed
            )
            for template, route in self._literal.items()
            for method, operation_id in route.methods.items()
        }
        templated.sort(key=lambda r: (r.variables, -r.literal_length))
        # Variables never span a "/", so only templates with as many segments can match.
        self._by_segments: dict[int, list[tuple[re.Pattern[str], Route]]] = {}
        for route in templated:
            if route.regex is not None:
                bucket = self._by_segments.setdefault(route.template.count("/"), [])
                bucket.append((route.regex, route))

    def _normalize(self, path: str) -> str:
        if self.ignore_slash and len(path) > 1:
            return path.rstrip("/") or "/"
        return path

    def match(self, method: str, path: str) -> RouteMatch:
        """Find the operation for ``method`` and the (percent-decoded) ``path``."""
        found = self._match(method.upper(), self._normalize(path))
        if found.state is MatchState.NOT_FOUND:
            for base in self.base_paths:
                if path.startswith(base + "/"):
                    return self._match(method.upper(), self._normalize(path[len(base) :]))
        return found

    def _match(self, method: str, path: str) -> RouteMatch:
        literal = self._literal.get(path)
        if literal is not None:
            # OpenAPI matches a concrete path before any template, whatever the method:
            # GET /v1/order/image is a 405 on the upload path, not get_order("image").
            found = self._literal_matches.get((path, method))
            if found is not None:
                return found
            operation_id = _operation(literal, method)
            if operation_id is None:
                return RouteMatch(
                    MatchState.METHOD_NOT_ALLOWED,
                    template=literal.template,
                    allowed=literal.allowed,
                )
            return RouteMatch(MatchState.FOUND, operation_id, literal.template, {}, literal.allowed)
        candidates: list[Route] = []
        for regex, route in self._by_segments.get(path.count("/"), ()):
            matched = regex.fullmatch(path)
            if matched is None:
                continue
            operation_id = _operation(route, method)
            if operation_id is not None:
                params = dict(zip(route.names, matched.groups(), strict=True))
                return RouteMatch(
                    MatchState.FOUND, operation_id, route.template, params, route.allowed
                )
            candidates.append(route)
        if not candidates:
            return _NOT_FOUND
        allowed = {m for route in candidates for m in route.allowed}
        return RouteMatch(
            MatchState.METHOD_NOT_ALLOWED,
            template=candidates[0].template,
            allowed=tuple(sorted(allowed, key=_method_rank)),
        )


def _operation(route: Route, method: str) -> str | None:
    found = route.methods.get(method)
    if found is None and method == "HEAD":
        return route.methods.get("GET")
    return found


def _compile(template: str, methods: Mapping[str, str]) -> Route:
    names = _VARIABLE.findall(template)
    if not names:
        return Route(template, dict(methods), None, 0, len(template), (), _allowed(methods))
    pattern, position = [], 0
    for found in _VARIABLE.finditer(template):
        pattern.append(re.escape(template[position : found.start()]))
        pattern.append("([^/]+)")
        position = found.end()
    pattern.append(re.escape(template[position:]))
    regex = re.compile("".join(pattern))
    literal_length = len(_VARIABLE.sub("", template))
    return Route(
        template, dict(methods), regex, len(names), literal_length, tuple(names), _allowed(methods)
    )
