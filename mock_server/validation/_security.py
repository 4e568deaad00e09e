"""Request check 1: security requirements (API keys, bearer and basic credentials)."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping, Sequence

from mock_server.errors import Check, RequestError
from mock_server.spec import SecurityScheme

LOCATIONS = {"path": "path", "query": "query", "header": "headers", "cookie": "cookies"}
"""Parameter locations as the validation error bodies name them."""


def validate_security(
    *,
    requirements: Sequence[Sequence[SecurityScheme]],
    headers: Mapping[str, str],
    query: Mapping[str, Sequence[str]],
    cookies: Mapping[str, str],
    accepted_keys: frozenset[str],
    accept_any_key: bool,
) -> None:
    """Check that one alternative of the security requirements is satisfied.

    Raises:
        RequestError: 401 when every alternative lacks a credential or has a wrong one.
    """
    if not requirements:
        return
    missing: SecurityScheme | None = None
    wrong: SecurityScheme | None = None
    for alternative in requirements:
        for scheme in alternative:
            credential = _credential(scheme, headers, query, cookies)
            if not credential:
                missing = missing or scheme
                break
            if not (accept_any_key or _accepted(scheme, credential, accepted_keys)):
                wrong = wrong or scheme
                break
        else:
            return
    culprit = wrong or missing
    if culprit is None:  # pragma: no cover - an alternative either passed or set one
        return
    raise RequestError(
        status=401,
        message=_security_message(culprit, missing=wrong is None),
        field=culprit.parameter,
        location=LOCATIONS.get(culprit.location, culprit.location),
        headers=_challenge(culprit),
        check=Check.SECURITY,
    )


def _credential(
    scheme: SecurityScheme,
    headers: Mapping[str, str],
    query: Mapping[str, Sequence[str]],
    cookies: Mapping[str, str],
) -> str:
    if scheme.kind == "mutualTLS":
        return "tls"  # the transport's business; nothing to check in a request
    if scheme.location == "query":
        values = query.get(scheme.parameter) or ("",)
        return values[0]
    if scheme.location == "cookie":
        return cookies.get(scheme.parameter, "")
    value = headers.get(scheme.parameter, "").strip()
    if scheme.kind == "apiKey":
        return value
    prefix, _, token = value.partition(" ")
    expected = "basic" if scheme.http_scheme == "basic" else "bearer"
    return token.strip() if prefix.lower() == expected else ""


def _accepted(scheme: SecurityScheme, credential: str, accepted_keys: frozenset[str]) -> bool:
    if scheme.kind == "mutualTLS" or credential in accepted_keys:
        return True
    if scheme.kind == "http" and scheme.http_scheme == "basic":
        try:
            decoded = base64.b64decode(credential, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return False
        user, _, password = decoded.partition(":")
        return bool({decoded, user, password} & accepted_keys)
    return False


def _security_message(scheme: SecurityScheme, *, missing: bool) -> str:
    if scheme.kind == "apiKey":
        where = {"query": "query parameter", "cookie": "cookie"}.get(scheme.location, "header")
        if missing:
            return f"Missing API key: send it in the '{scheme.parameter}' {where}"
        return f"Invalid API key in the '{scheme.parameter}' {where}"
    return "Missing credentials" if missing else "Invalid credentials"


def _challenge(scheme: SecurityScheme) -> dict[str, str]:
    if scheme.kind in ("http", "oauth2", "openIdConnect"):
        return {"WWW-Authenticate": "Basic" if scheme.http_scheme == "basic" else "Bearer"}
    return {}


def parse_cookies(header: str) -> dict[str, str]:
    """Parse a ``Cookie`` header into a dict (first value of a name wins)."""
    cookies: dict[str, str] = {}
    if not header:
        return cookies
    for pair in header.split(";"):
        name, sep, value = pair.partition("=")
        if sep and name.strip():
            cookies.setdefault(name.strip(), value.strip().strip('"'))
    return cookies
