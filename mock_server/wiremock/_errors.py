"""The WireMock admin API's exceptions, rooted in the package's ``MockServerError``.

Exception tree::

    MockServerError
    └── WireMockError
        ├── InvalidMappingError   a stub mapping or request pattern is malformed (422)
        └── AdminError            an admin request the API refuses (404, 400, 422)

Both are family (b) errors inside ``WireMock.admin`` (rendered in WireMock's
``{"errors": [...]}`` shape) and family (a) errors for Python callers of ``WireMock.stub``.
"""

from __future__ import annotations

from dataclasses import dataclass

from mock_server.errors import MockServerError


class WireMockError(MockServerError):
    """Root of the WireMock admin API's errors."""


@dataclass(kw_only=True, eq=False)
class InvalidMappingError(WireMockError):
    """A stub mapping, request pattern or content pattern cannot be used.

    Attributes:
        pointer: A JSON pointer to the offending part, e.g. ``/request/headers/X-Id``.
        detail: What is wrong with it.
    """

    pointer: str
    detail: str

    def __str__(self) -> str:
        return f"{self.pointer}: {self.detail}"


@dataclass(kw_only=True, eq=False)
class AdminError(WireMockError):
    """An admin request the API refuses, with WireMock's status and error code.

    Attributes:
        status: The HTTP status to answer with.
        title: The error's title.
        code: WireMock's numeric error code (10 bad input, 11 bad scenario state, 404).
    """

    status: int
    title: str
    code: int = 10

    def __str__(self) -> str:
        return f"{self.status}: {self.title}"
