"""The one admin gate and route table: ``/__mock/`` and ``/__admin/`` behind the same checks.

Every admin extension (the mock's own ``/__mock/`` surface, WireMock's ``/__admin/`` API)
is mounted on one :class:`AdminRoutes` table, and every request to any of them passes
:meth:`AdminGate.refusal` first, as WireMock runs one authenticator before every admin
task. A web page must not be able to drive them (``docs/SECURITY.md``):

- 401 without the admin key, when one is set;
- 403 for a request a browser sent on behalf of another site: an ``Origin`` that is not
  the request's own host (``null`` included), or ``Sec-Fetch-Site`` other than
  ``same-origin``/``none``;
- 403, without an admin key, for a ``Host`` that is not a loopback name (a DNS-rebinding
  page reaches a loopback server under its own host name);
- 413 for a body over the extension's limit (the edge stopped reading it there);
- 415 for a body (or a Content-Type) that is not JSON: a browser's "simple" cross-site
  request can only send ``text/plain`` or a form;
- 400 for a JSON body nested deeper than 64 levels or holding a lone UTF-16 surrogate,
  before any handler decodes it.
"""

from __future__ import annotations

import dataclasses
import hmac
import ipaddress
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from mock_server.types import RequestData, ResponseData
from mock_server.validation._json import MAX_JSON_DEPTH, json_problem

__all__ = [
    "ADMIN_KEY_HEADER",
    "AdminExtension",
    "AdminGate",
    "AdminRoutes",
    "Refuse",
    "is_loopback",
]

ADMIN_KEY_HEADER = "x-mock-admin-key"
_SAFE_FETCH_SITES = frozenset({"same-origin", "none"})
# A JSON string, escapes included: removed before counting brackets.
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[\[\]{}]")

Refuse = Callable[[int, str], ResponseData]
"""Renders a refusal (status, sentence) in an extension's own error shape."""


@dataclass(frozen=True, kw_only=True)
class AdminExtension:
    """One admin surface mounted under a path prefix.

    Attributes:
        prefix: Where it is mounted, without a trailing slash (``/__mock``).
        handle: Answers a request the gate let through.
        refuse: Renders the gate's refusals in the extension's error shape.
        max_body_bytes: The edge reads at most this much of a request's body.
    """

    prefix: str
    handle: Callable[[RequestData], ResponseData]
    refuse: Refuse
    max_body_bytes: int

    def owns(self, path: str) -> bool:
        """Whether ``path`` is under this extension's prefix."""
        return path == self.prefix or path.startswith(self.prefix + "/")


class AdminGate:
    """The checks every admin request passes before any extension sees it.

    Args:
        key: If set, every admin request must send it in ``x-mock-admin-key``.
    """

    def __init__(self, *, key: str | None = None) -> None:
        self.key = key

    def refusal(self, request: RequestData) -> tuple[int, str] | None:
        """The status and sentence refusing ``request`` (module docstring), or None."""
        supplied = request.headers.get(ADMIN_KEY_HEADER, "")
        if self.key is not None and not hmac.compare_digest(supplied.encode(), self.key.encode()):
            return 401, f"Missing or invalid {ADMIN_KEY_HEADER}"
        problem = _cross_site(request, keyed=self.key is not None)
        if problem is not None:
            return 403, problem
        if request.unread is not None and request.unread.too_large:
            return 413, request.unread.message
        has_body = bool(request.body) or bool(request.content_type)
        if has_body and not _is_json(request.content_type):
            return 415, "Admin requests with a body must send application/json"
        problem = _json_body_problem(request.body)
        if problem is not None:
            return 400, f"The admin request's JSON body {problem}"
        return None


class AdminRoutes:
    """The one admin route table: extensions mounted by prefix, one gate before all.

    Args:
        gate: The checks run before any extension answers.
    """

    def __init__(self, gate: AdminGate) -> None:
        self.gate = gate
        self._extensions: list[AdminExtension] = []

    def mount(self, extension: AdminExtension) -> None:
        """Serve ``extension`` under its prefix (a later mount of a prefix replaces it)."""
        self._extensions = [e for e in self._extensions if e.prefix != extension.prefix]
        self._extensions.append(extension)

    def find(self, path: str) -> AdminExtension | None:
        """The extension that owns ``path``, if any (the longest prefix wins)."""
        owners = [e for e in self._extensions if e.owns(path)]
        return max(owners, key=lambda e: len(e.prefix), default=None)

    def handle(self, extension: AdminExtension, request: RequestData) -> ResponseData:
        """Answer ``request`` through the gate, then ``extension``."""
        refused = self.gate.refusal(request)
        if refused is not None:
            return extension.refuse(*refused)
        if request.method.upper() == "HEAD":
            # HEAD is GET without the body (the front end drops it), on every admin route.
            request = dataclasses.replace(request, method="GET")
        return extension.handle(request)


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address, IPv6 with or without brackets) is loopback.

    >>> is_loopback("127.0.0.1"), is_loopback("[::1]"), is_loopback("localhost")
    (True, True, True)
    >>> is_loopback("0.0.0.0"), is_loopback("example.test"), is_loopback("")
    (False, False, False)
    """
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _is_json(media_type: str) -> bool:
    return media_type == "application/json" or media_type.endswith("+json")


def _cross_site(request: RequestData, *, keyed: bool) -> str | None:
    """Why a request looks sent by a browser for another site, or None."""
    host = request.headers.get("host", "").lower()
    origin = request.headers.get("origin")
    if origin is not None and urlsplit(origin.lower()).netloc != host:
        return "Cross-origin admin requests are refused"
    if request.headers.get("sec-fetch-site", "none").lower() not in _SAFE_FETCH_SITES:
        return "Cross-site admin requests are refused"
    try:
        hostname = urlsplit(f"//{host}").hostname or ""
    except ValueError:  # an unbalanced bracket in the Host header
        hostname = ""
    # No Host at all: HTTP/1.0 or an in-process call, which no browser page can make.
    if not keyed and host and not is_loopback(hostname):
        return "Without an admin key the admin surface answers loopback host names only"
    return None


def _json_body_problem(body: bytes) -> str | None:
    """Why a JSON body would break its decoder or its encoder later, or None.

    Brackets are counted outside strings before anything is decoded, so a body of
    100,000 ``[`` never reaches a recursive decoder.
    """
    if body.count(b"[") + body.count(b"{") <= MAX_JSON_DEPTH and b"\\u" not in body:
        return None
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_JSON_STRING.sub(b'""', body)):
        if bracket in b"[{":
            depth += 1
            deepest = max(deepest, depth)
        elif bracket in b"]}":
            depth -= 1
    if deepest > MAX_JSON_DEPTH:
        return f"is nested deeper than {MAX_JSON_DEPTH} levels"
    if b"\\u" not in body:
        return None
    try:
        text = body.decode("utf-8")
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None  # not JSON: the extension answers in its own words
    return json_problem(text, value)
