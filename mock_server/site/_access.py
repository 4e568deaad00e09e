"""The access log: one line per answered request, on the ``mock_server.access`` logger.

Through ``logging`` a line costs about 8 µs (a ``LogRecord`` with its extras, the logger
chain, the handler's formatter), as much as the rest of the site's own work on a request.
A handler that formats lines itself (the CLI's, ``cli._logs``) can claim them
(:func:`claim_access_log`): while it is the only handler an access record would reach and
nothing filters the record, the site hands it the record's fields and it writes the same
line, without a record being made. Any other configuration (a test's ``caplog``, a
filter, a second handler) gets the records through ``logging`` as before.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Protocol

__all__ = ["AccessWriter", "access_log", "claim_access_log", "log_access"]

access_log = logging.getLogger("mock_server.access")


class AccessWriter(Protocol):
    """A ``logging.Handler`` that writes an access line from its fields, without a record."""

    @property
    def filters(self) -> Sequence[object]:
        """The handler's filters (any one makes the record go through ``logging``)."""
        ...

    def write_fields(
        self, name: str, msg: str, args: tuple[Any, ...], extra: dict[str, Any]
    ) -> bool:
        """Write the INFO line ``logger.info(msg, *args, extra=extra)`` on logger ``name``.

        Returns False, having written nothing, when it cannot write the very line its
        formatter would (then the record goes through ``logging``).
        """
        ...


class _Claim:
    """The handler that claimed the access lines, if any (one per process)."""

    writer: AccessWriter | None = None


_CLAIM = _Claim()


def claim_access_log(writer: AccessWriter | None) -> None:
    """Let ``writer`` (an :class:`AccessWriter` handler) write access lines directly.

    It does so only while it is the one handler the ``mock_server.access`` records reach;
    ``None`` withdraws the claim.
    """
    _CLAIM.writer = writer


def log_access(
    api: str, method: str, path: str, status: int, elapsed_ms: float, reason: str | None
) -> None:
    """Log the access line of one answered request (the caller checked the level).

    Args:
        api: Names the API that answered (``[Autoenhance.ai API]``).
        method: The request method.
        path: The request path, secrets scrubbed.
        status: The answer's status.
        elapsed_ms: How long the site took.
        reason: Why the request was refused, secrets scrubbed, if it was.
    """
    extra = {"api": api, "method": method, "path": path, "status": status}
    extra.update(ms=round(elapsed_ms, 1), reason=reason)
    args: tuple[Any, ...] = (method, path, status, elapsed_ms)
    msg = "%s %s %d %.1fms"
    if reason:
        msg, args = msg + " - %s", (*args, reason)
    writer = _CLAIM.writer
    if (
        writer is not None
        and not writer.filters
        and _only_reaches(writer)
        and writer.write_fields(access_log.name, msg, args, extra)
    ):
        return
    access_log.info(msg, *args, extra=extra)


def _only_reaches(handler: object) -> bool:
    """Whether an INFO record of the access logger would reach ``handler`` alone.

    Walks the loggers as ``Logger.callHandlers`` does; a handler above INFO is no obstacle
    (it would skip the record).
    """
    node: logging.Logger | None = access_log
    if access_log.filters or access_log.disabled:
        return False
    found = False
    while node is not None:
        for other in node.handlers:
            if other.level > logging.INFO:
                continue
            if other is not handler or found:
                return False
            found = True
        node = node.parent if node.propagate else None
    return found
