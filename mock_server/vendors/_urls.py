"""The mock's own base URL, as the client reached it: host, then the session's path.

The vendors hand out URLs of the mock itself (Autoenhance's upload and asset URLs,
AI HomeDesign's result images). A site answering under a path prefix (a session,
``/~NAME``) sets :data:`BASE_PATH` for the length of the request, so those URLs lead
back into the same site; the behaviours never learn about sessions.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["BASE_PATH", "base_url", "based_at"]

BASE_PATH: ContextVar[str] = ContextVar("mock_server_base_path", default="")
"""The path the answering site is served under (``/~ci-42``), or ``""``."""


def base_url(headers: Mapping[str, str]) -> str:
    """``http://<Host header><base path>``: where the client reaches the answering site.

    The mock serves plain HTTP; the Host header is what the client used to reach it.

    >>> base_url({"host": "127.0.0.1:4011"})
    'http://127.0.0.1:4011'
    >>> with based_at("/~job-7"):
    ...     base_url({"host": "127.0.0.1:4011"})
    'http://127.0.0.1:4011/~job-7'
    """
    return f"http://{headers.get('host') or 'localhost'}{BASE_PATH.get()}"


@contextmanager
def based_at(path: str) -> Iterator[None]:
    """Answer under ``path`` (appended to any enclosing base path) inside the block."""
    token = BASE_PATH.set(BASE_PATH.get() + path)
    try:
        yield
    finally:
        BASE_PATH.reset(token)
