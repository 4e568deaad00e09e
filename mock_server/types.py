"""Library-neutral request and response records shared by the core and the edges.

The core (routing, validation, synthesis, state) only ever sees these records; the
werkzeug adapter in ``mock_server.app`` is the one place that converts to and from
werkzeug objects (STYLE.md convention 2).
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

JSON = Any
"""A decoded JSON value (dict, list, str, int, float, bool or None)."""


class ConnectionFault(enum.Enum):
    """A broken connection an edge sends instead of an answer (an injected fault).

    Each happens before any status line, as the failure it imitates does, except
    ``MALFORMED_CHUNK``, whose status line is part of the fault. Where an edge cannot reach
    the socket (the in-process transport, a server without one) it raises or sends the
    nearest it can; see ``mock_server.site._sockets``.
    """

    RESET = "reset"
    """The connection is reset (TCP RST): curl exit 56, httpx ``ReadError``."""
    EMPTY = "empty"
    """The connection closes without a byte: curl exit 52, httpx ``RemoteProtocolError``."""
    MALFORMED_CHUNK = "malformed_chunk"
    """A chunked ``200`` whose first chunk is not hex, then the connection closes."""
    RANDOM_THEN_CLOSE = "random_then_close"
    """Garbage bytes instead of an HTTP answer, then the connection closes."""


@dataclass(frozen=True, kw_only=True)
class UploadedFile:
    """One file part of a multipart body."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True, kw_only=True, slots=True)
class UnreadBody:
    """Why an edge did not hand a request's body over; the engine answers for it.

    Attributes:
        too_large: The body is over the size limit and was not read (413).
        message: What is wrong, e.g. ``Malformed multipart/form-data body``.
    """

    too_large: bool
    message: str


@dataclass(frozen=True, kw_only=True)
class RequestData:
    """A request as the core sees it.

    Header names are lower-cased. ``query`` and ``form`` keep every value of a repeated
    key, in order. ``form`` and ``files`` are filled by the edge for multipart and
    url-encoded bodies; ``body`` holds the raw bytes, unless ``unread`` says why the edge
    could not hand them over (too large, or a form it could not parse).
    """

    method: str
    path: str
    query: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    form: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    files: Mapping[str, tuple[UploadedFile, ...]] = field(default_factory=dict)
    unread: UnreadBody | None = None
    query_string: str = ""
    """The raw query string, as received (for the journal); empty when built by hand."""

    @functools.cached_property  # read by several checks; the record never changes
    def content_type(self) -> str:
        """The media type of the body, without parameters, lower-cased ('' if none)."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()


@dataclass(frozen=True, kw_only=True)
class ResponseData:
    """A response as the core produces it; the edge serializes it.

    Exactly one of ``json`` (a value to encode as JSON) and ``body`` (raw bytes) is used:
    ``json`` when ``has_json`` is true. ``connection_fault`` asks the edge to break the
    connection instead of answering (an injected fault).
    """

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    json: JSON = None
    has_json: bool = False
    body: bytes = b""
    content_type: str | None = None
    connection_fault: ConnectionFault | None = None
    delay_seconds: float = 0.0
    """How long the edge waits before answering (an injected latency); the engine never
    sleeps, so an event-driven edge can wait without holding up other requests."""
    note: str | None = field(default=None, compare=False)
    """Why the engine refused the request (its first violation), for the access log."""
    encoded: tuple[int, list[tuple[str, str]], bytes] | None = field(
        default=None, init=False, compare=False, repr=False
    )
    """The wire form, memoized by :func:`mock_server.media.wire` (the journal and the edge
    share one encoding). Not an init field, so ``dataclasses.replace`` never copies it."""

    @property
    def drop_connection(self) -> bool:
        """Whether the edge breaks the connection instead of answering (any fault)."""
        return self.connection_fault is not None
