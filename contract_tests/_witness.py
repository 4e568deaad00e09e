"""A pass-through behaviour that records which requests got past the mock's validation.

The engine calls ``behaviour.handle`` only for a routed request that passed every
request validator (and carries no ``Prefer`` header), so a request the witness saw was
accepted as spec-valid, whatever the vendor behaviour then answered (a 404 for an
unknown id, a 429, ...). A 400/415/422 the witness did not see came from validation.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from mock_server.engine import BaseBehaviour

if TYPE_CHECKING:
    from collections.abc import Mapping

    from mock_server import Call, RequestData, RequestError, ResponseData
    from mock_server.engine import Behaviour, VendorContext


class ValidationWitness(BaseBehaviour):
    """Wraps the vendor behaviour (or none) without changing any answer.

    Args:
        inner: The vendor behaviour, or None for the generic example-serving engine.
    """

    def __init__(self, inner: Behaviour | None) -> None:
        self.inner: Behaviour = inner if inner is not None else BaseBehaviour()
        self._seen: list[str] = []
        self._lock = threading.Lock()

    def bind(self, context: VendorContext) -> None:
        """Bind the vendor behaviour."""
        super().bind(context)
        self.inner.bind(context)

    def handle(self, call: Call) -> ResponseData | None:
        """Record the validated call, then let the vendor behaviour answer."""
        with self._lock:
            self._seen.append(call.operation_id)
        return self.inner.handle(call)

    def fault_targets(self) -> Mapping[str, str]:
        """Delegate the vendor's URL fault targets."""
        return self.inner.fault_targets()

    def handle_unrouted(self, request: RequestData) -> ResponseData | None:
        """Delegate unrouted requests (upload URLs and the like)."""
        return self.inner.handle_unrouted(request)

    def handle_error(
        self, request: RequestData, operation_id: str, error: RequestError
    ) -> ResponseData | None:
        """Delegate the rewording of validation failures."""
        return self.inner.handle_error(request, operation_id, error)

    def webhook_configured(self) -> None:
        """Delegate."""
        self.inner.webhook_configured()

    def reset(self) -> None:
        """Reset the vendor behaviour; the record survives so marks stay valid."""
        self.inner.reset()

    def mark(self) -> int:
        """A position in the record; see :meth:`since`."""
        with self._lock:
            return len(self._seen)

    def since(self, mark: int) -> list[str]:
        """The operationIds validated since ``mark``, oldest first."""
        with self._lock:
            return self._seen[mark:]
