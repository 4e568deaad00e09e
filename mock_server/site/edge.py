"""What every front end shares: the one request builder and the one way to send an answer.

A front end (RSGI for granian, WSGI, the in-process httpx transport, the proxy) reads
the method, path, query string, header pairs and at most ``limit`` bytes of body, hands
them to :func:`build_request`, asks the :class:`~mock_server.site.Site` for the answer
and writes :func:`answer_wire`'s status, headers and body. Repeated headers are joined,
forms are parsed and an unreadable body is marked here, once, so an answer is the same
whichever way the request came in.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from typing import IO
from urllib.parse import parse_qsl

from mock_server.media import NO_BODY_STATUSES, wire
from mock_server.types import RequestData, ResponseData, UnreadBody, UploadedFile

__all__ = [
    "BODILESS_METHODS",
    "READ_CHUNK_BYTES",
    "answer_wire",
    "build_request",
    "join_headers",
    "request_data",
    "rsgi_headers",
    "too_large",
]

BODILESS_METHODS = frozenset({"GET", "HEAD", "DELETE", "OPTIONS"})
"""Methods that carry no body unless a Content-Length or Transfer-Encoding says so."""
READ_CHUNK_BYTES = 64 * 1024
"""Bodies are read in chunks of this size, and never past the limit."""

_FORM_TYPES = frozenset({"multipart/form-data", "application/x-www-form-urlencoded"})
# Limits werkzeug's multipart parser: without it a body of tiny parts costs O(parts).
_MAX_FORM_PARTS = 1000


class _MalformedBodyError(Exception):
    """The body claims a form content type but cannot be parsed as one."""


def join_headers(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Lower-cased header names; repeated headers joined with ``", "`` as WSGI servers do."""
    headers: dict[str, str] = {}
    for name, value in pairs:
        key = name.lower()
        headers[key] = f"{headers[key]}, {value}" if key in headers else value
    return headers


def rsgi_headers(pairs: list[tuple[str, str]]) -> dict[str, str]:
    """:func:`join_headers` of pairs whose names are lower-case already, as granian's are.

    HTTP/1 names reach granian's RSGI lower-cased and HTTP/2 sends them so: only a
    repeated header needs the join.
    """
    headers = dict(pairs)
    return headers if len(headers) == len(pairs) else join_headers(pairs)


def too_large(limit: int) -> UnreadBody:
    """Why a body over ``limit`` bytes was not read (the answer is 413)."""
    return UnreadBody(too_large=True, message=f"Request body too large (limit {limit} bytes)")


def build_request(
    *,
    method: str,
    path: str,
    query_string: str,
    headers: Mapping[str, str] | Iterable[tuple[str, str]],
    body: bytes | None,
    limit: int,
) -> RequestData:
    """The request record every front end hands to the site.

    Args:
        method: The request method (any case).
        path: The decoded path; leading slashes collapse to one.
        query_string: The raw query string.
        headers: Header pairs (repeated ones are joined), or a mapping already joined
            with lower-case names (:func:`join_headers`, :func:`rsgi_headers`).
        body: The body read, or None when it is over ``limit`` bytes (then not read).
        limit: The body limit the front end applied, for the 413's sentence.
    """
    # dict first: alone, the check against Mapping (an ABC) costs four times as much.
    joined = headers if isinstance(headers, (dict, Mapping)) else join_headers(headers)
    if not path.startswith("/") or path.startswith("//"):
        path = "/" + path.lstrip("/")
    if body is None:
        return RequestData(
            method=method.upper(),
            path=path,
            query=_query(query_string),
            query_string=query_string,
            headers=joined,
            unread=too_large(limit),
        )
    return request_data(method.upper(), path, query_string, joined, body)


def request_data(
    method: str, path: str, query_string: str, headers: Mapping[str, str], body: bytes
) -> RequestData:
    """The request record for a request already read: forms parsed, or marked unread."""
    form: dict[str, tuple[str, ...]] = {}
    files: dict[str, tuple[UploadedFile, ...]] = {}
    unread = None
    # The media type as werkzeug's parse_options_header reads it, without importing
    # werkzeug (a tenth of a second at launch) for the JSON bodies that are no form.
    mimetype = headers.get("content-type", "").partition(";")[0].strip(" \t")
    if mimetype in _FORM_TYPES:
        try:
            form, files = _parse_form(body, mimetype, headers["content-type"])
        except _MalformedBodyError as exc:
            unread = UnreadBody(too_large=False, message=str(exc))
    return RequestData(
        method=method,
        path=path,
        query=_query(query_string),
        query_string=query_string,
        headers=headers,
        body=body,
        form=form,
        files=files,
        unread=unread,
    )


def answer_wire(method: str, response: ResponseData) -> tuple[int, list[tuple[str, str]], bytes]:
    """Status, headers and body as every front end sends them.

    A HEAD answer has the GET answer's headers (its ``Content-Length`` included) and no
    body; nor do the statuses that never carry one.
    """
    status, headers, body = wire(response)
    if method.upper() == "HEAD" or status in NO_BODY_STATUSES:
        return status, headers, b""
    return status, headers, body


def _query(query_string: str) -> dict[str, tuple[str, ...]]:
    if not query_string:
        return {}
    grouped: dict[str, list[str]] = {}
    for key, value in parse_qsl(query_string, keep_blank_values=True, errors="replace"):
        grouped.setdefault(key, []).append(value)
    return {key: tuple(values) for key, values in grouped.items()}


def _parse_form(
    body: bytes, mimetype: str, content_type: str
) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[UploadedFile, ...]]]:
    from werkzeug.exceptions import RequestEntityTooLarge
    from werkzeug.formparser import FormDataParser
    from werkzeug.http import parse_options_header

    _, options = parse_options_header(content_type)
    parser = FormDataParser(
        stream_factory=_memory_stream,
        max_form_memory_size=len(body) + 1,
        silent=False,
        max_form_parts=_MAX_FORM_PARTS,
    )
    try:
        _, form, files = parser.parse(io.BytesIO(body), mimetype, len(body), options)
    except (ValueError, RequestEntityTooLarge) as exc:
        msg = f"Malformed {mimetype} body"
        raise _MalformedBodyError(msg) from exc
    if None in form or None in files:
        # A part whose name werkzeug could not read (a line break, an escaped quote).
        raise _MalformedBodyError(f"Malformed {mimetype} body: a part has no readable name")
    uploads = {
        name: tuple(
            UploadedFile(
                filename=f.filename or "",
                # RFC 7578 section 4.4: an unlabelled file part is application/octet-stream.
                content_type=f.content_type or "application/octet-stream",
                data=f.read(),
            )
            for f in files.getlist(name)
        )
        for name in files
    }
    return {k: tuple(form.getlist(k)) for k in form}, uploads


def _memory_stream(*_args: object, **_kwargs: object) -> IO[bytes]:
    # The whole body is already in memory (and bounded); werkzeug's default would spool
    # large parts to temporary files.
    return io.BytesIO()
