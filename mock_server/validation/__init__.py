"""Request validation: a fixed pipeline of small keyword-only checks.

:func:`run_validators` runs, in this order (the first failing check wins):

1. :func:`validate_security` - API keys / credentials (401).
2. :func:`validate_parameters` - path, query, header and cookie parameters, coerced from
   strings to their schema types (400/422).
3. :func:`validate_content_type` - the body's media type is declared (415); a required
   body is present.
4. :func:`validate_body_size` - the body is within the size limit (413). The edge enforces
   the limit before reading, so checking it before parsing keeps both answers the same.
5. :func:`validate_body` - JSON, form and multipart bodies against their schemas (400/422).
   A JSON body over :data:`~mock_server.validation._json.MAX_JSON_BYTES` gets 413 before
   it is decoded; one nested deeper than ``MAX_JSON_DEPTH`` or holding a lone surrogate
   is invalid JSON (see :mod:`mock_server.validation._json`).

Each check raises :class:`~mock_server.errors.RequestError` or returns what it parsed.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn
from urllib.parse import parse_qs

import orjson

from mock_server.errors import Check, FieldIssue, RequestError, Rule
from mock_server.media import covers
from mock_server.spec import Operation, Parameter
from mock_server.spec._bodies import BodyMedia, FilePart, FormField, RequestBody
from mock_server.types import RequestData, UnreadBody, UploadedFile
from mock_server.validation._coerce import coerce_one, coerce_parameter, coerce_scalar
from mock_server.validation._json import MAX_JSON_BYTES, json_problem
from mock_server.validation._messages import ROOT, issue, issues_from_errors
from mock_server.validation._parameters import compiled
from mock_server.validation._security import parse_cookies, validate_security

__all__ = [
    "ValidRequest",
    "coerce_parameter",
    "coerce_scalar",
    "parse_cookies",
    "run_validators",
    "validate_body",
    "validate_body_size",
    "validate_content_type",
    "validate_parameters",
    "validate_security",
]

Issues = list[tuple[FieldIssue, str]]
CLOSE = {"connection": "close"}
"""Sent with a 413: the unread rest of the body would otherwise be taken for a request."""


@dataclass(kw_only=True, slots=True)  # not frozen: built on every request, and cheaper
class ValidRequest:
    """What validation parsed from a request that passed every check."""

    path_params: Mapping[str, Any]
    query: Mapping[str, Any]
    headers: Mapping[str, str]
    cookies: Mapping[str, str]
    body: Any
    media_type: str | None


def run_validators(
    *,
    operation: Operation,
    request: RequestData,
    path_params: Mapping[str, str],
    accepted_keys: frozenset[str],
    accept_any_key: bool,
    max_body_bytes: int,
) -> ValidRequest:
    """Run every check in the documented order and return the parsed request.

    Raises:
        RequestError: The first check that fails.
    """
    if operation.ignore_non_json_body:
        request = _without_non_json_body(operation, request)
    has_body = request.unread is not None or bool(request.body or request.form or request.files)
    cookies, path, query, media = _checks_before_body(
        operation=operation,
        request=request,
        path_params=path_params,
        accepted_keys=accepted_keys,
        accept_any_key=accept_any_key,
        has_body=has_body,
    )
    if request.unread is not None:
        _refuse_unread(request.unread, status=operation.validation_status)
    validate_body_size(size=_body_size(request), limit=max_body_bytes)
    body = None
    if media is not None:
        body = validate_body(
            media=media, request=request, has_body=has_body, status=operation.validation_status
        )
    return ValidRequest(
        path_params=path,
        query=query,
        headers=request.headers,
        cookies=cookies,
        body=body,
        media_type=media.media_type if media is not None and has_body else None,
    )


def _refuse_unread(unread: UnreadBody, *, status: int) -> NoReturn:
    if unread.too_large:
        raise RequestError(status=413, message=unread.message, check=Check.BODY_SIZE, headers=CLOSE)
    raise RequestError(status=status, message=unread.message, location="body", check=Check.BODY)


def _without_non_json_body(operation: Operation, request: RequestData) -> RequestData:
    """The request as webargs sees it: a body it does not read as JSON is no body.

    A required body then reports its missing fields (validated as ``{}``); an optional
    one is simply absent.
    """
    body = operation.request_body
    if body is None or request.unread is not None:
        return request
    content_type = request.content_type
    if content_type and body.match(content_type) is not None:
        return request
    if not body.required:
        return dataclasses.replace(request, body=b"", form={}, files={})
    headers = {**request.headers, "content-type": body.media[0].media_type}
    return dataclasses.replace(request, body=b"{}", form={}, files={}, headers=headers)


def _checks_before_body(
    *,
    operation: Operation,
    request: RequestData,
    path_params: Mapping[str, str],
    accepted_keys: frozenset[str],
    accept_any_key: bool,
    has_body: bool,
) -> tuple[dict[str, str], dict[str, Any], dict[str, Any], BodyMedia | None]:
    """Checks 1-3; returns the cookies, the coerced path and query, and the body's media."""
    cookies = parse_cookies(request.headers.get("cookie", ""))
    validate_security(
        requirements=operation.security,
        headers=request.headers,
        query=request.query,
        cookies=cookies,
        accepted_keys=accepted_keys,
        accept_any_key=accept_any_key,
    )
    path, query = validate_parameters(
        parameters=operation.parameters,
        path_params=path_params,
        query=request.query,
        headers=request.headers,
        cookies=cookies,
        status=operation.validation_status,
    )
    media = validate_content_type(
        request_body=operation.request_body,
        content_type=request.content_type,
        has_body=has_body,
        status=operation.validation_status,
        unsupported_status=operation.unsupported_media_status,
    )
    return cookies, path, query, media


def _body_size(request: RequestData) -> int:
    if request.body or not request.files:
        return len(request.body)
    return sum(len(f.data) for files in request.files.values() for f in files)


# --- 2. parameters -------------------------------------------------------------


def validate_parameters(
    *,
    parameters: Sequence[Parameter],
    path_params: Mapping[str, str],
    query: Mapping[str, Sequence[str]],
    headers: Mapping[str, str],
    cookies: Mapping[str, str],
    status: int,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Coerce and validate every declared parameter.

    Returns:
        The path parameters and the query (declared ones coerced to their schema types,
        absent ones with a schema ``default`` set to it, undeclared ones as their first
        raw value).

    Raises:
        RequestError: ``status`` listing every parameter problem found.
    """
    path: dict[str, Any] = dict(path_params)
    coerced_query: dict[str, Any] = {k: v[0] for k, v in query.items() if v}
    problems: Issues = []
    for param in parameters:
        plan = compiled(param)
        raw = plan.read(path_params, query, headers, cookies)
        if raw is None:
            if param.required:
                problems.append(_required(plan.location, param.name))
            elif param.default and param.location == "query":
                coerced_query[param.name] = param.default[0]
            continue
        value = plan.coerce(raw)
        if param.validator is not None and not param.validator.is_valid(value):
            errors = param.validator.iter_errors(value)
            problems += issues_from_errors(errors, location=plan.location, prefix=(param.name,))
        if param.location == "path":
            path[param.name] = value
        elif param.location == "query":
            coerced_query[param.name] = value
    _raise_issues(problems, status=status, check=Check.PARAMETERS)
    return path, coerced_query


def _required(location: str, name: str) -> tuple[FieldIssue, str]:
    return issue(
        location=location,
        path=(name,),
        message="Missing data for required field.",
        predicate="is required",
        rule=Rule.REQUIRED,
    )


# --- 3. content type -----------------------------------------------------------


def media_matches(declared: str, actual: str) -> bool:
    """Whether a media range (``image/*``, ``*/*``...) covers ``actual`` (both bare)."""
    if declared in ("*/*", actual):
        return True
    return declared.endswith("/*") and actual.startswith(declared[:-1])


def validate_content_type(
    *,
    request_body: RequestBody | None,
    content_type: str,
    has_body: bool,
    status: int,
    unsupported_status: int = 415,
) -> BodyMedia | None:
    """Pick the declared media type for the request's body.

    Returns:
        The media type to validate against, or None when there is nothing to validate
        (no body declared, or an optional body not sent). A missing required body returns
        the first declared media type, so that :func:`validate_body` names what is missing.

    Raises:
        RequestError: ``unsupported_status`` (415, or the validation ``status`` for
            vendors that treat it as an invalid body) for an undeclared or missing
            Content-Type.
    """
    if request_body is None or not request_body.media:
        return None
    if not has_body:
        return request_body.media[0] if request_body.required else None
    media = request_body.match(content_type) if content_type else None
    if media is not None:
        return media
    declared = ", ".join(request_body.media_types)
    if content_type:
        message = f"Unsupported Content-Type '{content_type}'; expected one of: {declared}"
    else:
        message = f"Missing Content-Type header; expected one of: {declared}"
    if unsupported_status == 415:
        raise RequestError(
            status=415,
            message=message,
            location="headers",
            field="content-type",
            check=Check.CONTENT_TYPE,
        )
    first = request_body.media[0]
    location = {"json": "json", "form": "form", "multipart": "form"}.get(first.kind, "body")
    detail = "Invalid JSON body." if first.kind == "json" else "Unsupported media type."
    found = FieldIssue(location=location, path=(ROOT,), message=detail, rule=Rule.CONTENT_TYPE)
    raise RequestError(
        status=status,
        message=message,
        field=ROOT,
        location=location,
        issues=(found,),
        check=Check.CONTENT_TYPE,
    )


# --- 4. body size ---------------------------------------------------------------


def validate_body_size(*, size: int, limit: int) -> None:
    """Refuse bodies over ``limit`` bytes.

    Raises:
        RequestError: 413.
    """
    if size > limit:
        message = f"Request body too large: {size} bytes (limit {limit})"
        raise RequestError(status=413, message=message, check=Check.BODY_SIZE)


# --- 5. body --------------------------------------------------------------------


def validate_body(*, media: BodyMedia, request: RequestData, has_body: bool, status: int) -> Any:
    """Decode the body as ``media`` says and validate it against its schema.

    Returns:
        The parsed JSON value, the form as a dict (files as :class:`UploadedFile`), the
        text, or the raw bytes.

    Raises:
        RequestError: ``status`` when the body cannot be decoded or breaks its schema.
    """
    if media.kind == "json":
        validate_body_size(size=len(request.body), limit=MAX_JSON_BYTES)
        value = _parse_json(request.body, status=status) if has_body else {}
        _check_schema(media, value, location="json", status=status, has_body=has_body)
        return value
    if media.kind in ("form", "multipart"):
        return _validate_form(media, request, status=status, has_body=has_body)
    if media.kind == "text":
        text = _decode(request.body, location="body", status=status)
        _check_schema(media, text, location="body", status=status, has_body=has_body)
        return text
    if not has_body:
        _raise_missing_body("body", status)
    return request.body


def _raise_missing_body(location: str, status: int) -> NoReturn:
    found = issue(
        location=location,
        path=(),
        message="Missing request body.",
        predicate="is required",
        rule=Rule.REQUIRED,
    )
    _fail([found], status=status, check=Check.BODY)


def _check_schema(
    media: BodyMedia, value: Any, *, location: str, status: int, has_body: bool
) -> None:
    problems: Issues = []
    if media.validator is not None and not media.validator.is_valid(value):
        problems = issues_from_errors(media.validator.iter_errors(value), location=location)
    if not has_body and not problems:
        _raise_missing_body(location, status)
    _raise_issues(problems, status=status, check=Check.BODY)


def _decode(body: bytes, *, location: str, status: int) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        found = issue(
            location=location,
            path=(),
            message="Invalid UTF-8 body.",
            predicate="is not valid UTF-8",
            rule=Rule.UTF8,
        )
        _fail([found], status=status, check=Check.BODY)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


# One decoder for every body: json.loads() with options builds a new one per call.
_DECODER = json.JSONDecoder(parse_constant=_reject_constant)

# orjson reads an integer over 64 bits as a float, which a schema's ``integer`` refuses;
# a body with a run of 19 digits or more is read by the standard decoder instead.
_LONG_NUMBER = re.compile(rb"[0-9]{19}")


def _parse_json(body: bytes, *, status: int) -> Any:
    # orjson accepts a subset of what the standard decoder does (no NaN, no lone
    # surrogate, no invalid UTF-8), with the same values; whatever it refuses is read
    # again the standard way, which names the problem as the vendor-shaped error does.
    if _LONG_NUMBER.search(body) is None:
        try:
            value = orjson.loads(body)
        except orjson.JSONDecodeError:
            pass
        else:
            if json_problem(body, value) is None:
                return value
    return _parse_json_slowly(body, status=status)


def _parse_json_slowly(body: bytes, *, status: int) -> Any:
    text = _decode(body, location="json", status=status)
    try:
        value = _DECODER.decode(text)
        problem = json_problem(text, value)
        if problem is None:
            return value
        raise ValueError(problem)
    except (ValueError, RecursionError) as exc:
        reason = exc.args[0] if isinstance(exc, json.JSONDecodeError) else str(exc)
        found = issue(
            location="json",
            path=(),
            message="Invalid JSON body.",
            predicate=f"is not valid JSON ({reason})",
            rule=Rule.JSON,
        )
        _fail([found], status=status, check=Check.BODY)


def _form_value(field: FormField | None, values: Sequence[str], *, parts: bool = False) -> Any:
    if field is None:
        return values[0] if len(values) == 1 else list(values)
    if field.json and not field.multiple:
        try:
            value = _DECODER.decode(values[0])
        except (ValueError, RecursionError):
            return values[0]
        # Refused JSON stays the text it was sent as; the schema then judges that.
        return values[0] if json_problem(values[0], value) else value
    if field.multiple:
        items = (
            values
            if len(values) > 1
            else [p for p in values[0].split(",") if p]
            if values[0]
            else [""]
            if parts  # a multipart part sent empty is one empty item, not no items
            else []
        )
        return [coerce_scalar(v, field.item_types) for v in items]
    return coerce_one(values, field.types)


def _form_fields(
    request: RequestData, media: BodyMedia, status: int
) -> Mapping[str, Sequence[str]]:
    if request.form or media.kind == "multipart" or not request.body:
        return request.form
    text = _decode(request.body, location="form", status=status)
    return parse_qs(text, keep_blank_values=True)


def _validate_form(
    media: BodyMedia, request: RequestData, *, status: int, has_body: bool
) -> dict[str, Any]:
    form = _form_fields(request, media, status)
    value: dict[str, Any] = {
        name: _form_value(media.fields.get(name), values, parts=media.kind == "multipart")
        for name, values in form.items()
        if values
    }
    instance = dict(value)
    missing: Issues = []
    file_problems: Issues = []
    for name, part in media.files.items():
        uploads = request.files.get(name, ())
        if not uploads:
            if name in form:
                file_problems.append(
                    issue(
                        location="files",
                        path=(name,),
                        message="Not a valid file.",
                        predicate="must be a file",
                        rule=Rule.FILE,
                    )
                )
            elif name in media.required:
                missing.append(_required("files", name))
            continue
        value[name] = uploads if part.multiple else uploads[0]
        instance[name] = "<file>"
        file_problems += _check_files(part, uploads)
    for name, uploads in request.files.items():
        if name not in media.files and uploads:
            field = media.fields.get(name)
            texts = [u.data.decode("utf-8", errors="replace") for u in uploads]
            value[name] = instance[name] = _form_value(field, texts) if field else "<file>"
    problems = (
        missing
        + issues_from_errors(media.validator.iter_errors(instance), location="form")
        + file_problems
    )
    if not has_body and not problems:
        _raise_missing_body("form", status)
    _raise_issues(problems, status=status, check=Check.BODY)
    return value


def _check_files(part: FilePart, uploads: Sequence[UploadedFile]) -> Issues:
    problems: Issues = []
    for index, upload in enumerate(uploads):
        path: tuple[str | int, ...] = (part.name, index) if part.multiple else (part.name,)
        if part.max_bytes is not None and len(upload.data) > part.max_bytes:
            problems.append(
                issue(
                    location="files",
                    path=path,
                    message=f"File larger than {part.max_bytes} bytes.",
                    predicate=f"must be at most {part.max_bytes} bytes",
                    rule=Rule.FILE_SIZE,
                )
            )
        content_type = upload.content_type.split(";", 1)[0].strip().lower()
        if part.content_types and not any(covers(t, content_type) for t in part.content_types):
            allowed = ", ".join(part.content_types)
            problems.append(
                issue(
                    location="files",
                    path=path,
                    message=f"Unsupported file type {content_type}.",
                    predicate=f"must be one of: {allowed} (got {content_type})",
                    rule=Rule.FILE_TYPE,
                )
            )
    return problems


def _raise_issues(problems: Issues, *, status: int, check: Check) -> None:
    if problems:
        _fail(problems, status=status, check=check)


def _fail(problems: Issues, *, status: int, check: Check) -> NoReturn:
    first, sentence = problems[0]
    raise RequestError(
        status=status,
        message=sentence,
        field=first.field,
        location=first.location,
        issues=tuple(found for found, _ in problems),
        check=check,
    )
