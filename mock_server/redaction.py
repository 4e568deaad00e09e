r"""The one redactor: what is secret, and how it is removed before anything is kept.

The journal (both of its views), webhook delivery records and errors, the access log,
the proxy's log and recordings, and the CLI's ``--spec URL`` line all go through this
module, so a secret redacted in one place is redacted in every place:

- header values under a credential-bearing name (``x-api-key``, ``authorization``,
  ``cookie``, ``x-mock-admin-key``, the spec's own ``apiKey`` headers);
- query values under a credential-looking name (the spec's ``apiKey`` parameters, and
  any name holding ``key``, ``token``, ``secret``, ``sig``, ``pass``, ``auth``,
  ``credential``);
- a URL's password;
- and then every known secret value wherever else it appears (path, other headers,
  bodies), JSON-escaped too (``"test\u002dkey"`` is ``"test-key"``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

if TYPE_CHECKING:
    from mock_server.spec import Spec

__all__ = [
    "DEFAULT_SECRET_HEADERS",
    "REDACTED",
    "Redactor",
    "redacted_url",
    "scrub_bytes",
    "scrub_text",
    "secret_name",
    "url_secrets",
]

REDACTED = "REDACTED"
DEFAULT_SECRET_HEADERS = frozenset(
    {"x-api-key", "authorization", "proxy-authorization", "cookie", "x-mock-admin-key"}
)
# Scrubbing very short values from bodies would mangle unrelated text; such keys are
# still redacted wherever they appear under a credential-bearing name.
MIN_SCRUB_LENGTH = 4
_SECRET_QUERY_WORDS = ("key", "token", "secret", "sig", "pass", "auth", "credential")


def secret_name(name: str) -> bool:
    """Whether a query parameter's name says its value is a credential.

    >>> secret_name("api_key"), secret_name("X-Token"), secret_name("per_page")
    (True, True, False)
    """
    lowered = name.lower()
    return any(word in lowered for word in _SECRET_QUERY_WORDS)


@dataclass(frozen=True, kw_only=True)
class Redactor:
    """Knows which header and query-parameter names carry credentials.

    Args:
        header_names: Lower-cased header names whose values are secret.
        query_names: Query parameter names whose values are secret (besides every
            name :func:`secret_name` recognizes).
        secrets: Known secret values (e.g. the accepted API keys) to scrub anywhere.
    """

    header_names: frozenset[str] = DEFAULT_SECRET_HEADERS
    query_names: frozenset[str] = frozenset()
    secrets: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        # The journal redacts an entry when it is read, by the redactor in force when it
        # was recorded: the rules must not change under it, even if a caller passed sets.
        for name in ("header_names", "query_names", "secrets"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))

    @classmethod
    def for_spec(cls, spec: Spec, *, secrets: Iterable[str] = ()) -> Redactor:
        """The redactor of an API: its spec's credentials, the usual headers, ``secrets``.

        The engine (journal, logs) and the proxy (journal, logs, recordings) both use it.

        Args:
            spec: The API's compiled spec; every security scheme's header or query
                parameter is secret.
            secrets: Known secret values (the accepted API keys) to scrub anywhere.
        """
        schemes = spec.security_schemes.values()
        headers = {s.parameter.lower() for s in schemes if s.location == "header"}
        query = {s.parameter for s in schemes if s.location == "query"}
        return cls(
            header_names=DEFAULT_SECRET_HEADERS | headers,
            query_names=frozenset(query),
            secrets=frozenset(secrets),
        )

    def secret_query(self, name: str) -> bool:
        """Whether the query parameter ``name`` holds a credential."""
        return name in self.query_names or secret_name(name)

    def secrets_in(self, headers: Mapping[str, str], query_string: str) -> frozenset[str]:
        """Return the known secrets plus the values of this request's secret fields."""
        found = {v for k, v in headers.items() if k.lower() in self.header_names}
        if query_string:
            found.update(v for k, v in _parse_query(query_string) if self.secret_query(k))
        found.update(self.secrets)
        return frozenset(s for s in found if len(s) >= MIN_SCRUB_LENGTH)

    def headers(self, headers: Mapping[str, str], secrets: Iterable[str]) -> dict[str, str]:
        """Return a copy of ``headers`` with secret values replaced."""
        return {
            k: REDACTED if k.lower() in self.header_names else scrub_text(v, secrets)
            for k, v in headers.items()
        }

    def query(self, query_string: str, secrets: Iterable[str]) -> str:
        """Return ``query_string`` with secret parameter values replaced."""
        if not query_string:
            return query_string
        pairs = _parse_query(query_string)
        if any(self.secret_query(k) for k, _ in pairs):
            query_string = urlencode(
                [(k, REDACTED if self.secret_query(k) else v) for k, v in pairs]
            )
        return scrub_text(query_string, secrets)

    def query_values(
        self, query: Mapping[str, tuple[str, ...]], secrets: Iterable[str]
    ) -> dict[str, tuple[str, ...]]:
        """Return parsed query values with the secret ones replaced."""
        return {
            name: tuple(
                REDACTED if self.secret_query(name) else scrub_text(v, secrets) for v in values
            )
            for name, values in query.items()
        }


def scrub_text(text: str, secrets: Iterable[str]) -> str:
    """Replace every occurrence of each secret in ``text``, JSON-escaped ones included."""
    for secret in secrets:
        text = text.replace(secret, REDACTED)
        if "\\" in text:
            text = _escaped(secret).sub(REDACTED, text)
    return text


def scrub_bytes(data: bytes, secrets: Iterable[str]) -> bytes:
    """:func:`scrub_text` for bytes (a body, as received)."""
    for secret in secrets:
        # A lone surrogate (a hand-built header) cannot be in UTF-8 bytes as received.
        data = data.replace(secret.encode("utf-8", "surrogatepass"), REDACTED.encode())
        if b"\\" in data:
            data = _escaped_bytes(secret).sub(REDACTED.encode(), data)
    return data


def redacted_url(url: str) -> str:
    """``url`` without its password and with secret-looking query values redacted.

    >>> redacted_url("http://u:pw@h/hook?token=abc&a=1")
    'http://u:REDACTED@h/hook?token=REDACTED&a=1'
    """
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:  # not even a URL: nothing in it can be told apart
        return REDACTED
    netloc = parts.netloc
    if password is not None:
        userinfo, _, host = netloc.rpartition("@")
        netloc = f"{userinfo.partition(':')[0]}:{REDACTED}@{host}"
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = parts.query
    if any(secret_name(name) for name, _ in pairs):
        query = urlencode([(k, REDACTED if secret_name(k) else v) for k, v in pairs])
    clean = urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    return scrub_text(clean, url_secrets(url))


def url_secrets(url: str) -> frozenset[str]:
    """The secret values a URL carries (its password, its secret query values).

    Scrub them from any text that may quote the URL (an error message, a log line).
    """
    try:
        parts = urlsplit(url)
        found = {parts.password or ""}
    except ValueError:
        return frozenset()
    found.update(v for k, v in parse_qsl(parts.query, keep_blank_values=True) if secret_name(k))
    raw = (pair.partition("=") for pair in parts.query.split("&"))
    found.update(v for k, _, v in raw if secret_name(k))
    return frozenset(s for s in found if len(s) >= MIN_SCRUB_LENGTH)


def _parse_query(query_string: str) -> list[tuple[str, str]]:
    return parse_qsl(query_string, keep_blank_values=True)


def _pattern(secret: str) -> str:
    # Each character as itself or as a JSON \uXXXX escape (either case of hex digits).
    return "".join(f"(?:{re.escape(c)}|\\\\u(?i:{ord(c):04x}))" for c in secret)


@lru_cache(maxsize=64)
def _escaped(secret: str) -> re.Pattern[str]:
    return re.compile(_pattern(secret))


@lru_cache(maxsize=64)
def _escaped_bytes(secret: str) -> re.Pattern[bytes]:
    return re.compile(_pattern(secret).encode("utf-8", "backslashreplace"))
