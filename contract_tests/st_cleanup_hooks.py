"""schemathesis hooks of ``make conformance``: delete every order the run created.

Loaded by ``st`` through ``SCHEMATHESIS_HOOKS``; the runner passes the base URL and key in
``CONFORMANCE_URL`` and ``CONFORMANCE_KEY``. Only Autoenhance has a delete (deleting an
order deletes its brackets and images); AI HomeDesign orders cannot be deleted, which is
why its upload runs only with ``ALLOW_WRITES=1``.
"""

from __future__ import annotations

import atexit
import os
from typing import Any

import httpx
import schemathesis

_CREATED: list[str] = []


@schemathesis.hook
def after_call(context: Any, case: Any, response: Any) -> None:
    """Note the order a successful Create Order made."""
    del context
    if case.operation.label == "POST /v3/orders/" and 200 <= response.status_code < 300:
        order_id = response.json().get("order_id")
        if isinstance(order_id, str):
            _CREATED.append(order_id)


def _clean_up() -> None:
    url, key = os.environ.get("CONFORMANCE_URL"), os.environ.get("CONFORMANCE_KEY")
    if not (_CREATED and url and key):
        return
    with httpx.Client(base_url=url, headers={"x-api-key": key}, timeout=30) as client:
        for order_id in dict.fromkeys(_CREATED):
            client.delete(f"/v3/orders/{order_id}")
    print(f"conformance: deleted the {len(set(_CREATED))} order(s) this run created")


atexit.register(_clean_up)
