"""The two measured requests, and how each is prepared against a running server.

- Autoenhance ``create_order``: ``POST /v3/orders/`` with ``{"name": ...}``.
- AI HomeDesign ``submit_order``: ``POST /v1/order`` with an Item Removal body
  ``{"order_id": ...}`` (the vendor's smallest valid submit body). The order id comes from
  a real upload (``POST /v1/order/image``) made first against the same server, so once the
  mock keeps orders the submit refers to one that exists; until then, and under Prism,
  the synthesized id is used as it comes.

Whether a server keeps state is detected, not assumed: two creates (or uploads) that
return different ids mean the vendor behaviour is active; the same id twice means the
generic engine synthesized both from the spec.
"""

from __future__ import annotations

import json
import struct
import uuid
import zlib
from dataclasses import dataclass, field

from bench.procs import Probe, send

API_KEY = "test-key"
APIS = ("autoenhance", "aihomedesign")
_JSON_HEADERS = {"content-type": "application/json", "x-api-key": API_KEY}


def _png_1x1() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


PNG = _png_1x1()
"""A valid 1x1 PNG, the upload payload."""


@dataclass(frozen=True, kw_only=True)
class Prepared:
    """A scenario made ready against one server: the probe to load-test, and what we saw."""

    probe: Probe
    stateful: bool | None
    notes: list[str] = field(default_factory=list)


def multipart(
    fields: dict[str, str], files: dict[str, tuple[str, str, bytes]]
) -> tuple[bytes, str]:
    """Return the body and the content type of a multipart/form-data request."""
    boundary = f"bench-{uuid.uuid4().hex}"
    parts: list[bytes] = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
            f"{value}\r\n".encode()
        )
    for name, (filename, ctype, data) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def create_order_probe(name: str = "bench order") -> Probe:
    """The Autoenhance create-order request."""
    body = json.dumps({"name": name}).encode()
    return Probe(method="POST", path="/v3/orders/", headers=_JSON_HEADERS, body=body)


def upload_probe() -> Probe:
    """The AI HomeDesign image upload (Item Removal) that creates an order."""
    body, ctype = multipart(
        {"service_name": "service-item-removal"}, {"image": ("bench.png", "image/png", PNG)}
    )
    headers = {"content-type": ctype, "x-api-key": API_KEY}
    return Probe(method="POST", path="/v1/order/image", headers=headers, body=body)


def submit_order_probe(order_id: str) -> Probe:
    """The AI HomeDesign submit-order request for ``order_id``."""
    body = json.dumps({"order_id": order_id}).encode()
    return Probe(method="POST", path="/v1/order", headers=_JSON_HEADERS, body=body)


def readiness_probe(api: str) -> Probe:
    """A cheap request every server answers below 500 as soon as it serves ``api``."""
    return create_order_probe() if api == "autoenhance" else submit_order_probe("ready")


def _id_of(body: bytes, key: str) -> str | None:
    try:
        value = json.loads(body).get(key)
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) else None


def prepare(api: str, port: int) -> Prepared:
    """Make ``api``'s scenario ready against the server on ``port`` and describe it."""
    if api == "autoenhance":
        probe = create_order_probe()
        first, second = (send(port, probe) for _ in range(2))
        ids = {_id_of(first.body, "order_id"), _id_of(second.body, "order_id")}
        notes = [f"create_order preflight: {first.status}, {second.status}"]
        return Prepared(probe=probe, stateful=_stateful(ids), notes=notes)
    first, second = (send(port, upload_probe()) for _ in range(2))
    ids = {_id_of(first.body, "order_id"), _id_of(second.body, "order_id")}
    order_id = _id_of(second.body, "order_id") or "bench-order"
    probe = submit_order_probe(order_id)
    check = send(port, probe)
    notes = [
        f"upload preflight: {first.status}, {second.status}; "
        f"submit preflight: {check.status} {check.body[:120]!r}"
    ]
    return Prepared(probe=probe, stateful=_stateful(ids), notes=notes)


def _stateful(ids: set[str | None]) -> bool | None:
    if None in ids:
        return None
    return len(ids) == 2
