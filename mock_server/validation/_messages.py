"""Human messages for JSON Schema failures, in two voices.

Each failure gets a field-less message in marshmallow's wording (APIFlask bodies list them
per field, e.g. ``Not a valid integer.``) and a sentence that names the field, e.g.
``'per_page' must be <= 15``, for styles with one message string.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import jsonschema_rs

from mock_server.errors import FieldIssue, Rule
from mock_server.spec._schema import keyword_parent

ROOT = "_schema"
"""The field name marshmallow uses for a problem with a whole location."""

_TYPE_WORDS = {
    "integer": ("Not a valid integer.", "must be an integer"),
    "number": ("Not a valid number.", "must be a number"),
    "string": ("Not a valid string.", "must be a string"),
    "boolean": ("Not a valid boolean.", "must be a boolean"),
    "array": ("Not a valid list.", "must be an array"),
    "object": ("Invalid input type.", "must be an object"),
    "null": ("Field must be null.", "must be null"),
}
_FORMAT_WORDS = {
    "date-time": "datetime",
    "date": "date",
    "time": "time",
    "uuid": "UUID",
    "email": "email address",
    "uri": "URL",
    "url": "URL",
    "hostname": "hostname",
    "ipv4": "IPv4 address",
    "ipv6": "IPv6 address",
}
_LOCATION_WORDS = {
    "json": "request body",
    "form": "form body",
    "files": "form body",
    "body": "request body",
}

_LOWS = (("minimum", " or equal to"), ("exclusiveMinimum", ""))
_HIGHS = (("maximum", " or equal to"), ("exclusiveMaximum", ""))

Failure = tuple[tuple[str | int, ...], str, str, Rule]
"""A failure as (path, field-less message, predicate for the sentence, keyword)."""


def _literal(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def _rules(error: jsonschema_rs.ValidationError) -> list[Failure]:
    path = tuple(error.instance_path)
    kind = error.kind
    k = jsonschema_rs.ValidationErrorKind
    if isinstance(kind, k.Required):
        return [
            (
                (*path, kind.property),
                "Missing data for required field.",
                "is required",
                Rule.REQUIRED,
            )
        ]
    if isinstance(kind, k.AdditionalProperties | k.UnevaluatedProperties):
        return [
            ((*path, name), "Unknown field.", "is not an allowed field", Rule.of(kind.name))
            for name in kind.unexpected
        ]
    words = _words(kind, error.instance)
    if isinstance(kind, k.Minimum | k.Maximum | k.ExclusiveMinimum | k.ExclusiveMaximum):
        words = (_range(keyword_parent(error.absolute_keyword_location)) or words[0], words[1])
    elif isinstance(kind, k.MinLength | k.MaxLength):
        words = (_length(keyword_parent(error.absolute_keyword_location)) or words[0], words[1])
    return [(path, *words, Rule.of(kind.name))]


def _range(schema: Any) -> str | None:
    """The ``Range`` wording of marshmallow, which names both bounds when there are two."""
    if not isinstance(schema, dict):
        return None
    low = next((f"greater than{s} {schema[k]}" for k, s in _LOWS if k in schema), None)
    high = next((f"less than{s} {schema[k]}" for k, s in _HIGHS if k in schema), None)
    if low and high:
        return f"Must be {low} and {high}."
    return None


def _length(schema: Any) -> str | None:
    """The ``Length`` wording of marshmallow for a string with both bounds."""
    if not isinstance(schema, dict) or "minLength" not in schema or "maxLength" not in schema:
        return None
    low, high = schema["minLength"], schema["maxLength"]
    return f"Length must be {low}." if low == high else f"Length must be between {low} and {high}."


def _words(kind: jsonschema_rs.ValidationErrorKind, instance: Any) -> tuple[str, str]:
    k = jsonschema_rs.ValidationErrorKind
    if isinstance(kind, k.Type):
        if instance is None and "null" not in kind.types:
            return "Field may not be null.", "may not be null"
        wanted = next((t for t in kind.types if t != "null"), "null")
        return _TYPE_WORDS.get(wanted, ("Invalid type.", f"must be of type {wanted}"))
    if isinstance(kind, k.Enum):
        options = ", ".join(_literal(o) for o in kind.options)
        return f"Must be one of: {options}.", f"must be one of: {options}"
    if isinstance(kind, k.Constant):
        value = _literal(kind.expected_value)
        return f"Must be equal to {value}.", f"must be equal to {value}"
    if isinstance(kind, k.Minimum):
        return f"Must be greater than or equal to {kind.limit}.", f"must be >= {kind.limit}"
    if isinstance(kind, k.Maximum):
        return f"Must be less than or equal to {kind.limit}.", f"must be <= {kind.limit}"
    if isinstance(kind, k.ExclusiveMinimum):
        return f"Must be greater than {kind.limit}.", f"must be > {kind.limit}"
    if isinstance(kind, k.ExclusiveMaximum):
        return f"Must be less than {kind.limit}.", f"must be < {kind.limit}"
    if isinstance(kind, k.MultipleOf):
        return (
            f"Must be a multiple of {kind.multiple_of}.",
            f"must be a multiple of {kind.multiple_of}",
        )
    if isinstance(kind, k.MinLength):
        return (
            f"Shorter than minimum length {kind.limit}.",
            f"must be at least {kind.limit} characters long",
        )
    if isinstance(kind, k.MaxLength):
        return (
            f"Longer than maximum length {kind.limit}.",
            f"must be at most {kind.limit} characters long",
        )
    if isinstance(kind, k.MinItems):
        return (
            f"Shorter than minimum length {kind.limit}.",
            f"must have at least {kind.limit} items",
        )
    if isinstance(kind, k.MaxItems):
        return f"Longer than maximum length {kind.limit}.", f"must have at most {kind.limit} items"
    if isinstance(kind, k.UniqueItems):
        return "Items must be unique.", "must not contain duplicate items"
    if isinstance(kind, k.Pattern):
        return "String does not match expected pattern.", f"must match the pattern {kind.pattern}"
    if isinstance(kind, k.Format):
        word = _FORMAT_WORDS.get(kind.format, kind.format)
        return f"Not a valid {word}.", f"must be a valid {word}"
    if isinstance(kind, k.FalseSchema):
        return "Unknown field.", "is not allowed"
    if isinstance(kind, k.MinProperties):
        return f"Must have at least {kind.limit} fields.", f"must have at least {kind.limit} fields"
    if isinstance(kind, k.MaxProperties):
        return f"Must have at most {kind.limit} fields.", f"must have at most {kind.limit} fields"
    return "Invalid value.", "is not valid"


def _subject(location: str, path: tuple[str | int, ...]) -> str:
    if path:
        return "'" + ".".join(str(p) for p in path) + "'"
    return _LOCATION_WORDS.get(location, location)


def issues_from_errors(
    errors: Iterable[jsonschema_rs.ValidationError],
    *,
    location: str,
    prefix: tuple[str | int, ...] = (),
    limit: int = 20,
) -> list[tuple[FieldIssue, str]]:
    """Turn schema failures into (issue, sentence) pairs, at most ``limit`` of them.

    Args:
        errors: The failures, e.g. ``validator.iter_errors(instance)``.
        location: Where the validated value came from (``json``, ``query``...).
        prefix: The path of the validated value inside the location (a parameter name).
        limit: How many failures to keep.

    Returns:
        One pair per failing field: the issue and a sentence naming the field.
    """
    result: list[tuple[FieldIssue, str]] = []
    for error in errors:
        for path, message, predicate, rule in _rules(error):
            full = (*prefix, *path)
            issue = FieldIssue(location=location, path=full or (ROOT,), message=message, rule=rule)
            result.append((issue, f"{_subject(location, full)} {predicate}"))
        if len(result) >= limit:
            break
    return result[:limit]


def issue(
    *, location: str, path: tuple[str | int, ...], message: str, predicate: str, rule: Rule
) -> tuple[FieldIssue, str]:
    """Build one (issue, sentence) pair by hand, for checks outside JSON Schema."""
    return (
        FieldIssue(location=location, path=path or (ROOT,), message=message, rule=rule),
        f"{_subject(location, path)} {predicate}",
    )
