"""Views of a ``RequestData`` in WireMock's terms: its URL, header names and cookies."""

from __future__ import annotations

from urllib.parse import quote

from mock_server.types import RequestData


def url_of(request: RequestData) -> str:
    """The request's path and query, as WireMock's ``url`` matchers see it.

    ``RequestData`` keeps the query decoded and grouped by name, so the query is
    re-encoded here: repeated names come out together, in first-seen order.
    """
    # A lone surrogate in a query value cannot be encoded strictly; keep it escapable.
    pairs = [
        f"{_quote(name)}={_quote(value)}"
        for name, values in request.query.items()
        for value in values
    ]
    return request.path + ("?" + "&".join(pairs) if pairs else "")


def display_header(name: str) -> str:
    """A lower-cased header name in its usual spelling (``content-type`` -> ``Content-Type``).

    The edge lower-cases header names; WireMock's journal shows them as sent, which is
    almost always this canonical form.
    """
    return "-".join(part[:1].upper() + part[1:] for part in name.split("-"))


def cookies_of(request: RequestData) -> dict[str, str]:
    """The request's cookies by name (the first value wins)."""
    cookies: dict[str, str] = {}
    for part in request.headers.get("cookie", "").split(";"):
        name, sep, value = part.strip().partition("=")
        if sep and name not in cookies:
            cookies[name] = value
    return cookies


def _quote(text: str) -> str:
    return quote(text, safe="", errors="surrogatepass")
