"""The package's exceptions: one root, two families.

Exception tree::

    MockServerError
    ├── SpecError            (a) the OpenAPI document cannot be loaded or compiled
    ├── ConfigError          (a) invalid options or arguments
    ├── ResponseViolation    (a) strict self-check: a response breaks the spec
    └── RequestError         (b) a client request the mock refuses; becomes an HTTP response

Family (a) is raised to the caller. Family (b) never leaves the engine: the engine renders
it in the spec's vendor error shape (``x-mock-error-style``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass


class MockServerError(Exception):
    """Root of every exception this package raises."""


class SpecError(MockServerError):
    """The OpenAPI document is missing, unreadable, invalid or uses something unsupported."""


class ConfigError(MockServerError):
    """Options or arguments given to the mock server are invalid."""


@dataclass(kw_only=True, eq=False)
class ResponseViolation(MockServerError):
    """A response the engine produced does not match the spec (strict mode only).

    Attributes:
        operation_id: The operation that answered.
        status: The response's status code.
        message: What is wrong, e.g. ``body.images[0].id: 3 is not of type "string"``.
    """

    operation_id: str
    status: int
    message: str

    def __str__(self) -> str:
        return f"{self.operation_id} -> {self.status}: {self.message}"


@dataclass(frozen=True, kw_only=True)
class FieldIssue:
    """One problem with one field of a request, for validation error bodies.

    Attributes:
        location: Where the field is: ``json``, ``query``, ``path``, ``headers``,
            ``cookies``, ``form`` or ``files``.
        path: The field's path inside that location, e.g. ``("images", 0, "id")``;
            ``("_schema",)`` for the location as a whole.
        message: The problem without the field's name, e.g. ``Not a valid integer.``.
        rule: What failed: a JSON Schema keyword (``required``, ``type``, ``maximum``...)
            or one of ``json``, ``utf-8``, ``file``, ``file_type``, ``file_size``.
    """

    location: str
    path: tuple[str | int, ...]
    message: str
    rule: str = ""

    @property
    def field(self) -> str:
        """The dotted field path, e.g. ``images.0.id``."""
        return ".".join(str(part) for part in self.path)


@dataclass(kw_only=True, eq=False)
class RequestError(MockServerError):
    """A request the mock refuses; the engine turns it into an HTTP error response.

    Behaviours raise it to answer with an error in the vendor's shape.

    Attributes:
        status: The HTTP status to answer with.
        message: The human-readable message (``error``, ``message`` or ``detail``).
        field: The offending field, if one (used for validation detail bodies).
        location: Where ``field`` lives (``json``, ``query``, ``path``, ``headers``...).
        key: The ``error-key`` style's ``key``; derived from the status when omitted.
        headers: Extra response headers (e.g. ``Allow``, ``WWW-Authenticate``).
        issues: Every field problem found, for styles that list them all.
        check: The engine check that failed (``security``, ``parameters``,
            ``content_type``, ``body_size``, ``body``, ``prefer``); empty for behaviours.

    Example:
        >>> raise RequestError(status=404, message="Order not found",
        ...                    key="api_error_order_not_found")  # doctest: +SKIP
    """

    status: int
    message: str
    field: str | None = None
    location: str | None = None
    key: str | None = None
    headers: Mapping[str, str] = dataclasses.field(default_factory=dict)
    issues: tuple[FieldIssue, ...] = ()
    check: str = ""

    def __str__(self) -> str:
        return f"{self.status}: {self.message}"
