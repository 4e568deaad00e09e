"""Sessions: isolated copies of a site on one port, addressed by base URL (``/~NAME/...``).

Several test runs can share one server without touching each other: a request whose
path starts with ``/~NAME/`` is answered by the session NAME's own site, built on first
use by the same factory as the port's default site (its own engines, clock, faults,
journal, stubs, webhook configuration, scenarios, rate limits and ids), with ``/~NAME``
removed from the path. The unprefixed path is the default session, unchanged. URLs the
vendors hand out carry the prefix (``vendors._urls.BASE_PATH``), so they lead back into
the session.

Sessions are bounded: at most ``max_sessions`` at once (one more answers 503 naming
``--max-sessions``; nothing grows), and a session idle for ``idle_seconds`` is ended,
with its state, at the next session request or listing (so before one more is refused).
``GET /__mock/sessions`` lists them and ``DELETE /__mock/sessions/NAME`` ends one, on the
default site's admin surface, behind its gate.
"""

from __future__ import annotations

import dataclasses
import math
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol

from mock_server.site._gate import AdminExtension, Refuse
from mock_server.types import RequestData, ResponseData
from mock_server.vendors._urls import based_at

if TYPE_CHECKING:
    from mock_server.engine import Engine

__all__ = [
    "DEFAULT_IDLE_SECONDS",
    "DEFAULT_MAX_SESSIONS",
    "SESSION_MARK",
    "Sessions",
    "split_session",
]

SESSION_MARK = "/~"
"""A path starting with this names a session: ``/~NAME/...``."""
DEFAULT_MAX_SESSIONS = 64
DEFAULT_IDLE_SECONDS = 600.0
SESSIONS_ADMIN_PREFIX = "/__mock/sessions"

_NAME = re.compile(r"[A-Za-z0-9._-]{1,64}")
_NAME_RULE = "a session name is 1 to 64 of A-Z a-z 0-9 . _ -"


class SessionSite(Protocol):
    """What a session needs of its site (a :class:`~mock_server.site.Site`)."""

    def handle(self, request: RequestData, /) -> ResponseData:
        """Answer one request; never raises."""
        ...

    @property
    def engines(self) -> tuple[Engine, ...]:
        """Every engine of the site (their clocks stop when the session ends)."""
        ...


SiteFactory = Callable[[str], SessionSite]
"""Builds the site of the session it is given the name of."""


def split_session(path: str) -> tuple[str, str] | None:
    """``(NAME, rest)`` of a session path, ``rest`` starting with ``/``; None otherwise.

    The name is returned as given, valid or not (:meth:`Sessions.handle` refuses it).

    >>> split_session("/~ci-42/v1/orders"), split_session("/~ci-42"), split_session("/v1")
    (('ci-42', '/v1/orders'), ('ci-42', '/'), None)
    """
    if not path.startswith(SESSION_MARK):
        return None
    name, slash, rest = path[len(SESSION_MARK) :].partition("/")
    return name, slash + rest if slash else "/"


@dataclass(kw_only=True)
class _Session:
    name: str
    site: SessionSite
    created_at: float
    last_used: float
    in_flight: int = 0
    requests: int = 0


class Sessions:
    """The sessions of one port, each with its own site; bounded in number and idle time.

    Args:
        factory: Builds a session's site (the same options as the port's default site).
        max_sessions: How many may exist at once (the default session not counted).
        idle_seconds: A session unused this long is ended at the next session request
            or listing.
        error: Renders an error in the default site's shape (status, sentence).
        monotonic: The time source of idleness (a test's own).
    """

    def __init__(
        self,
        factory: SiteFactory,
        *,
        max_sessions: int = DEFAULT_MAX_SESSIONS,
        idle_seconds: float = DEFAULT_IDLE_SECONDS,
        error: Refuse,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._factory = factory
        self.max_sessions = max_sessions
        self.idle_seconds = idle_seconds
        self._error = error
        self._monotonic = monotonic
        self._sessions: dict[str, _Session] = {}
        # Held while a session is built too: the limit is never passed, however many
        # requests race to create sessions.
        self._lock = threading.Lock()

    def handle(self, request: RequestData) -> ResponseData:
        """Answer a request to ``/~NAME/...`` in the session NAME (started if need be)."""
        split = split_session(request.path)
        assert split is not None  # the site sends only session paths here
        name, rest = split
        if _NAME.fullmatch(name) is None:
            return self._error(404, f"No session at {SESSION_MARK}{name[:80]}: {_NAME_RULE}")
        session = self._enter(name)
        if session is None:
            message = (
                f"The mock already holds {self.max_sessions} sessions (--max-sessions); "
                f"end one with DELETE {SESSIONS_ADMIN_PREFIX}/NAME or wait "
                f"{self.idle_seconds:g}s for an idle one to expire (--session-idle-seconds)"
            )
            refused = self._error(503, message)
            retry = str(self._seconds_until_room())
            return dataclasses.replace(refused, headers={**refused.headers, "retry-after": retry})
        try:
            with based_at(SESSION_MARK + name):
                return session.site.handle(dataclasses.replace(request, path=rest))
        finally:
            with self._lock:
                session.in_flight -= 1
                session.last_used = self._monotonic()

    def _seconds_until_room(self) -> int:
        """Whole seconds until the soonest idle session expires (``Retry-After``), at least 1.

        With every session busy, none is due to expire: a full idle period.
        """
        now = self._monotonic()
        with self._lock:
            due = [
                s.last_used + self.idle_seconds - now
                for s in self._sessions.values()
                if s.in_flight == 0
            ]
        return max(1, math.ceil(min(due, default=self.idle_seconds)))

    def body_limit(self, path: str, limit: Callable[[str], int]) -> int:
        """The body limit of ``path`` inside a session: the default site's for the rest."""
        split = split_session(path)
        return limit("/" if split is None else split[1])

    def names(self) -> list[str]:
        """The live sessions' names, oldest first."""
        with self._lock:
            return list(self._sessions)

    def site(self, name: str) -> SessionSite | None:
        """The site of session ``name``, if it is live."""
        with self._lock:
            session = self._sessions.get(name)
            return None if session is None else session.site

    def end(self, name: str) -> bool:
        """End session ``name`` (its state is gone; a later request starts it afresh)."""
        with self._lock:
            session = self._sessions.pop(name, None)
        if session is None:
            return False
        _close(session)
        return True

    def close(self) -> None:
        """End every session (the server stops)."""
        with self._lock:
            sessions = list(self._sessions.values())
            self._sessions.clear()
        for session in sessions:
            _close(session)

    def extension(self) -> AdminExtension:
        """``GET /__mock/sessions`` and ``DELETE /__mock/sessions/NAME`` as an admin route."""
        return AdminExtension(
            prefix=SESSIONS_ADMIN_PREFIX,
            handle=self._admin,
            refuse=self._error,
            max_body_bytes=64 * 1024,
        )

    def _enter(self, name: str) -> _Session | None:
        expired: list[_Session] = []
        try:
            with self._lock:
                now = self._monotonic()
                expired = self._expire(now)
                session = self._sessions.get(name)
                if session is None:
                    if len(self._sessions) >= self.max_sessions:
                        return None
                    session = _Session(
                        name=name, site=self._factory(name), created_at=time.time(), last_used=now
                    )
                    self._sessions[name] = session
                session.in_flight += 1
                session.requests += 1
                return session
        finally:
            for old in expired:
                _close(old)

    def _expire(self, now: float) -> list[_Session]:
        """Remove the sessions idle too long (call with the lock held; close them after)."""
        return [
            self._sessions.pop(old.name)
            for old in list(self._sessions.values())
            if old.in_flight == 0 and now - old.last_used >= self.idle_seconds
        ]

    def _admin(self, request: RequestData) -> ResponseData:
        method = request.method.upper()
        rest = request.path.removeprefix(SESSIONS_ADMIN_PREFIX).strip("/")
        if not rest:
            if method != "GET":
                return self._error(405, "Method Not Allowed")
            return ResponseData(status=200, json=self._listing(), has_json=True)
        if method != "DELETE":
            return self._error(405, "Method Not Allowed")
        if not self.end(rest):
            return self._error(404, f"No session named {rest[:80]!r}")
        return ResponseData(status=200, json={"ended": rest}, has_json=True)

    def _listing(self) -> dict[str, object]:
        with self._lock:
            now = self._monotonic()
            expired = self._expire(now)
            sessions = [
                {
                    "name": s.name,
                    "base_path": SESSION_MARK + s.name,
                    "created_at": datetime.fromtimestamp(s.created_at, UTC).isoformat(),
                    "idle_seconds": round(now - s.last_used, 3),
                    "requests": s.requests,
                }
                for s in self._sessions.values()
            ]
        for old in expired:
            _close(old)
        return {
            "sessions": sessions,
            "max_sessions": self.max_sessions,
            "idle_expiry_seconds": self.idle_seconds,
        }


def _close(session: _Session) -> None:
    """Stop what a session's site runs in the background (its clocks' tickers)."""
    for engine in session.site.engines:
        engine.clock.stop()
