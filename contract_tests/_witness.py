"""A pass-through behaviour that records which requests got past the mock's validation.

The engine calls ``behaviour.handle`` only for a routed request that passed every
request validator (and carries no ``Prefer`` header), so a request the witness saw was
accepted as spec-valid, whatever the vendor behaviour then answered (a 404 for an
unknown id, a 429, ...). A 400/415/422 the witness did not see came from validation.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mock_server import Call, RequestData, ResponseData
    from mock_server.engine import Behaviour


class ValidationWitness:
    """Wraps the vendor behaviour (or none) without changing any answer.

    Args:
        inner: The vendor behaviour, or None for the generic example-serving engine.
    """

    def __init__(self, inner: Behaviour | None) -> None:
        self.inner = inner
        self._seen: list[str] = []
        self._lock = threading.Lock()

    @property
    def stateful(self) -> bool:
        """Whether a vendor behaviour (state: orders, uploads, 404s) is plugged in."""
        return self.inner is not None

    def handle(self, call: Call) -> ResponseData | None:
        """Record the validated call, then let the vendor behaviour answer."""
        with self._lock:
            self._seen.append(call.operation_id)
        return self.inner.handle(call) if self.inner is not None else None

    def handle_unrouted(self, request: RequestData) -> ResponseData | None:
        """Delegate unrouted requests (upload URLs and the like)."""
        return self.inner.handle_unrouted(request) if self.inner is not None else None

    def reset(self) -> None:
        """Reset the vendor behaviour; the record survives so marks stay valid."""
        if self.inner is not None:
            self.inner.reset()

    def __getattr__(self, name: str) -> Any:
        # Optional hooks (``handle_error``) and whatever else the engine looks up exist
        # exactly when the vendor behaviour has them.
        inner = self.__dict__.get("inner")
        if inner is None:
            raise AttributeError(name)
        return getattr(inner, name)

    def mark(self) -> int:
        """A position in the record; see :meth:`since`."""
        with self._lock:
            return len(self._seen)

    def since(self, mark: int) -> list[str]:
        """The operationIds validated since ``mark``, oldest first."""
        with self._lock:
            return self._seen[mark:]
