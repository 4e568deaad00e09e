"""What the journal keeps of an exchange when it records it, and the redacted form it reads.

Recording sits on every request's path and most journals are never read, so a
:class:`Capture` keeps references only: the request's path, query, headers, body and
form, the response record, and the redactor and body limit in force. :func:`redact`
does the rest when an entry is first read: the response's encoding (shared with the
edge, which memoizes it on the record), the redaction and the cut to ``limit`` bytes.

Both are the record-time rules: the redactor is a frozen record and the limit an int,
so a journal handed another redactor (a reloaded spec) or limit later still redacts and
cuts an older entry as it would have been when it was recorded.

What the references may retain is bounded as an eager cut would bound it: a body over
the limit is sliced at record time (a slice, with the margin a secret across the cut
needs), and a JSON answer's record is swapped for its wire bytes, so cut, once the
edge has encoded it (:meth:`Capture.settle`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from mock_server.media import wire
from mock_server.redaction import Redactor, redacted_url, scrub_bytes, scrub_text, url_secrets
from mock_server.types import ResponseData

WireHeaders = list[tuple[str, str]]


class Capture:
    """References to one exchange as recorded: nothing redacted, cut or encoded yet.

    Attributes are read once, by :func:`redact`, and never handed out.
    """

    __slots__ = (
        "form",
        "limit",
        "path",
        "query",
        "query_string",
        "redactor",
        "request_body",
        "request_headers",
        "response",
        "response_body",
        "response_headers",
        "response_size",
        "wire_headers",
    )

    def __init__(
        self,
        redactor: Redactor,
        limit: int,
        path: str,
        query_string: str,
        query: Mapping[str, tuple[str, ...]] | None,
        request_headers: Mapping[str, str],
        request_body: bytes,
    ) -> None:
        self.redactor = redactor
        self.limit = limit
        self.path = path
        self.query_string = query_string
        self.query = query
        self.request_headers = request_headers
        self.request_body = request_body if len(request_body) <= limit else self.kept(request_body)
        self.form: Mapping[str, tuple[str, ...]] | None = None
        self.response: ResponseData | None = None
        self.wire_headers: WireHeaders | None = None
        self.response_headers: Mapping[str, str] = {}
        self.response_body = b""
        self.response_size = 0

    def kept(self, body: bytes) -> bytes:
        """``body``, or as much of it as a cut after redaction can need (a slice)."""
        if len(body) <= self.limit:
            return body
        return body[: self.limit + _margin(self.secrets())]

    def sent(self, headers: Mapping[str, str], body: bytes) -> None:
        """Keep an answer given as headers and bytes (a webhook delivery, a proxied one)."""
        self.response_headers = headers
        self.response_size = len(body)
        self.response_body = self.kept(body)

    def answer(self, response: ResponseData) -> bool:
        """Keep the response record; True if it is JSON no edge has encoded yet.

        Its encoding waits for the edge (which memoizes it on the record) or a reader;
        only raw bytes over the limit are taken (and sliced) now.
        """
        encoded = response.encoded
        if encoded is None and (response.has_json or len(response.body) <= self.limit):
            self.response = response
            return response.has_json
        _status, headers, body = encoded or wire(response)  # raw bytes: nothing to encode
        self.wire_headers = headers
        self.response_size = len(body)
        self.response_body = self.kept(body)
        return False

    def settle(self) -> bool:
        """Swap an answer the edge has encoded for its (cut) bytes; True once done.

        The fields a reader falls back on are set before ``response`` is cleared, so a
        reader on another thread sees either the record or the bytes, never neither.
        """
        encoded = None if self.response is None else self.response.encoded
        if encoded is None:
            return self.response is None
        _status, headers, body = encoded
        self.wire_headers = headers
        self.response_size = len(body)
        self.response_body = self.kept(body)
        self.response = None
        return True

    def secrets(self) -> frozenset[str]:
        """The secret values of this exchange, by the record-time redactor."""
        found = self.redactor.secrets_in(self.request_headers, self.full_query_string())
        urls = url_secrets(self.path) if "://" in self.path else frozenset()
        return found | urls if urls else found

    def full_query_string(self) -> str:
        """The query string as received, or rebuilt from a request built by hand."""
        if self.query_string or not self.query:
            return self.query_string
        pairs = [(name, value) for name, values in self.query.items() for value in values]
        return urlencode(pairs)


@dataclass(frozen=True, slots=True)
class Redacted:
    """An exchange as every reader sees it: secrets redacted, bodies cut."""

    path: str
    query_string: str
    request_headers: Mapping[str, str]
    request_body: bytes
    response_headers: Mapping[str, str]
    response_body: bytes
    response_size: int
    form: Mapping[str, tuple[str, ...]]


def redact(capture: Capture) -> Redacted:
    """Encode, redact and cut a captured exchange (once per entry: the caller memoizes)."""
    red = capture.redactor
    secrets = capture.secrets()
    query_string = capture.full_query_string()
    headers, body, size = _response_parts(capture)
    path = capture.path
    if "://" in path and url_secrets(path):  # a webhook's URL: its password too
        path = redacted_url(path)
    return Redacted(
        path=scrub_text(path, secrets),
        query_string=red.query(query_string, secrets),
        request_headers=red.headers(capture.request_headers, secrets),
        request_body=_cut(capture.request_body, secrets, capture.limit),
        response_headers=red.headers(headers, secrets),
        response_body=_cut(body, secrets, capture.limit),
        response_size=size,
        form=_scrubbed_form(capture.form or {}, secrets),
    )


def _response_parts(capture: Capture) -> tuple[Mapping[str, str], bytes, int]:
    response = capture.response  # read once: settle() may clear it meanwhile
    if response is not None:
        _status, wire_headers, body = wire(response)
        return _lower(wire_headers), body, len(body)
    if capture.wire_headers is not None:
        return _lower(capture.wire_headers), capture.response_body, capture.response_size
    return capture.response_headers, capture.response_body, capture.response_size


def _cut(body: bytes, secrets: frozenset[str], limit: int) -> bytes:
    if not body:
        return body
    # Scrubbed with a margin, so a secret across the cut is still found, then cut.
    return scrub_bytes(body[: limit + _margin(secrets)], secrets)[:limit]


def _margin(secrets: Iterable[str]) -> int:
    return 6 * max((len(s) for s in secrets), default=0)  # \uXXXX per character


def _lower(headers: WireHeaders) -> dict[str, str]:
    return {name.lower(): value for name, value in headers}


def _scrubbed_form(
    form: Mapping[str, tuple[str, ...]], secrets: Iterable[str]
) -> dict[str, tuple[str, ...]]:
    return {k: tuple(scrub_text(v, secrets) for v in vs) for k, vs in form.items()}


def grouped(query_string: str) -> dict[str, tuple[str, ...]]:
    """A query string's values by name, each name's in order."""
    found: dict[str, list[str]] = {}
    for key, value in parse_qsl(query_string, keep_blank_values=True):
        found.setdefault(key, []).append(value)
    return {key: tuple(values) for key, values in found.items()}
