"""Tests for mock_server.redaction: the one redactor's rules and scrubbing."""

from __future__ import annotations

import json

import pytest

from mock_server.redaction import REDACTED, Redactor, scrub_bytes, scrub_text


def test_a_redactor_given_mutable_sets_is_frozen_when_built() -> None:
    # The journal redacts an entry when it is read, by the redactor it was recorded with.
    secrets, names = {"later-secret-9"}, {"x-one"}
    redactor = Redactor(secrets=secrets, header_names=names)  # type: ignore[arg-type]
    secrets.add("added-after-5")
    names.add("x-two")
    assert redactor.secrets == frozenset({"later-secret-9"})
    assert redactor.header_names == frozenset({"x-one"})
    assert isinstance(redactor.query_names, frozenset)


@pytest.mark.parametrize(
    ("secret", "body", "expected"),
    [
        ("test-key", b'{"k":"test-key"}', b'{"k":"REDACTED"}'),
        ("test-key", b'{"k":"test\\u002dkey"}', b'{"k":"REDACTED"}'),
        ("test-key", b'{"k":"\\u0074EST-key"}', b'{"k":"\\u0074EST-key"}'),
        ("caf\u00e9-key", json.dumps({"k": "caf\u00e9-key"}).encode(), b'{"k": "REDACTED"}'),
        ("\ud800-lone-key", b"\xed\xa0\x80-lone-key", b"REDACTED"),
    ],
    ids=["plain", "json-escaped", "case-differs", "escaped-non-ascii", "lone-surrogate"],
)
def test_scrub_bytes(secret: str, body: bytes, expected: bytes) -> None:
    assert scrub_bytes(body, {secret}) == expected


def test_scrub_text_and_headers_agree() -> None:
    redactor = Redactor(secrets=frozenset({"sk-123456"}))
    secrets = redactor.secrets_in({"authorization": "Bearer tok-98765"}, "token=qs-55555")
    assert secrets == {"sk-123456", "Bearer tok-98765", "qs-55555"}
    headers = redactor.headers({"authorization": "x", "x-echo": "qs-55555 sk-123456"}, secrets)
    assert headers == {"authorization": REDACTED, "x-echo": f"{REDACTED} {REDACTED}"}
    assert scrub_text("/p/sk-123456", secrets) == f"/p/{REDACTED}"
