"""The package's exceptions: one root, two families.

Exception tree::

    MockServerError
    ├── SpecError            (a) the OpenAPI document cannot be loaded or compiled
    ├── ConfigError          (a) invalid options or arguments
    ├── ServerStateError     (a) a server used in the wrong state (not running, running twice)
    ├── ResponseViolation    (a) strict self-check: a response breaks the spec
    ├── ServerFailure        (a) something broke while serving (a handler crash, failed
    │                            scheduled work); re-raised by ``check()`` and the clock
    └── RequestError         (b) a client request the mock refuses; becomes an HTTP response

Family (a) is raised to the caller. Family (b) never leaves the engine: the engine renders
it in the spec's vendor error shape (``x-mock-error-style``). :class:`Check` and
:class:`Rule` name what failed, so vendor behaviours branch on enums, not strings.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


class MockServerError(Exception):
    """Root of every exception this package raises."""


class SpecError(MockServerError):
    """The OpenAPI document is missing, unreadable, invalid or uses something unsupported."""


class ConfigError(MockServerError):
    """Options or arguments given to the mock server are invalid."""


class ServerStateError(MockServerError):
    """A server was used in a state that does not allow it (e.g. its URL while stopped)."""


class ServerFailure(MockServerError):
    """Something went wrong inside the mock while serving; the test that caused it fails.

    Attributes:
        errors: The original exceptions, oldest first (the first is also ``__cause__``).
    """

    def __init__(self, message: str, errors: Sequence[BaseException]) -> None:
        super().__init__(f"{message}: {errors[0]!r}" if errors else message)
        self.errors = tuple(errors)
        if errors:
            self.__cause__ = errors[0]


class Check(StrEnum):
    """The engine check a :class:`RequestError` comes from (``NONE`` for behaviours)."""

    NONE = ""
    SECURITY = "security"
    PARAMETERS = "parameters"
    CONTENT_TYPE = "content_type"
    BODY_SIZE = "body_size"
    BODY = "body"
    PREFER = "prefer"


class Rule(StrEnum):
    """What failed for one field: a JSON Schema keyword or one of the engine's own rules."""

    # The engine's own rules.
    SCHEMA = "schema"
    JSON = "json"
    UTF8 = "utf-8"
    FILE = "file"
    FILE_TYPE = "file_type"
    FILE_SIZE = "file_size"
    CONTENT_TYPE = "content_type"
    # JSON Schema keywords, as the validator names them.
    REQUIRED = "required"
    TYPE = "type"
    ENUM = "enum"
    CONST = "const"
    FORMAT = "format"
    PATTERN = "pattern"
    MINIMUM = "minimum"
    MAXIMUM = "maximum"
    EXCLUSIVE_MINIMUM = "exclusiveMinimum"
    EXCLUSIVE_MAXIMUM = "exclusiveMaximum"
    MULTIPLE_OF = "multipleOf"
    MIN_LENGTH = "minLength"
    MAX_LENGTH = "maxLength"
    MIN_ITEMS = "minItems"
    MAX_ITEMS = "maxItems"
    UNIQUE_ITEMS = "uniqueItems"
    MIN_PROPERTIES = "minProperties"
    MAX_PROPERTIES = "maxProperties"
    ADDITIONAL_PROPERTIES = "additionalProperties"
    UNEVALUATED_PROPERTIES = "unevaluatedProperties"
    ADDITIONAL_ITEMS = "additionalItems"
    UNEVALUATED_ITEMS = "unevaluatedItems"
    PROPERTY_NAMES = "propertyNames"
    CONTAINS = "contains"
    ANY_OF = "anyOf"
    ONE_OF = "oneOf"
    NOT = "not"

    @classmethod
    def of(cls, keyword: str) -> Rule:
        """The rule for a validator's keyword name (``SCHEMA`` for one not listed).

        >>> Rule.of("required"), Rule.of("someNewKeyword")
        (<Rule.REQUIRED: 'required'>, <Rule.SCHEMA: 'schema'>)
        """
        try:
            return cls(keyword)
        except ValueError:
            return cls.SCHEMA


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
        rule: What failed: a JSON Schema keyword or one of the engine's own rules.
    """

    location: str
    path: tuple[str | int, ...]
    message: str
    rule: Rule = Rule.SCHEMA

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
        check: The engine check that failed; ``Check.NONE`` for behaviours.

    Example:
        >>> str(RequestError(status=404, message="Order not found",
        ...                  key="api_error_order_not_found"))
        '404: Order not found'
    """

    status: int
    message: str
    field: str | None = None
    location: str | None = None
    key: str | None = None
    headers: Mapping[str, str] = dataclasses.field(default_factory=dict)
    issues: tuple[FieldIssue, ...] = ()
    check: Check = Check.NONE

    def __str__(self) -> str:
        return f"{self.status}: {self.message}"
