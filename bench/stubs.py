"""WireMock's static stubs: the same answer ours gave, for the same request.

A stub matches the benchmarked request by method and URL path only, and answers with
the status, content type and body ours answered that request with in its preflight, so
both servers put the same bytes on the wire. The mappings are written as files into a
``mappings/`` directory that WireMock reads at launch (``--root-dir``), so the launch to
first answer includes loading them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.procs import Probe, Reply

# Headers that describe the transport or the server, not the answer.
_SKIPPED = frozenset({"content-length", "connection", "date", "server", "transfer-encoding"})


def mapping(probe: Probe, reply: Reply) -> dict[str, Any]:
    """A WireMock stub mapping that answers ``probe`` with ``reply``."""
    headers = {k: v for k, v in reply.headers.items() if k.lower() not in _SKIPPED}
    return {
        "request": {"method": probe.method, "urlPath": probe.path},
        "response": {
            "status": reply.status,
            "headers": headers,
            "body": reply.body.decode("utf-8"),
        },
    }


def write(root_dir: Path, name: str, stub: dict[str, Any]) -> Path:
    """Write ``stub`` as ``<root_dir>/mappings/<name>.json`` and return its path."""
    directory = root_dir / "mappings"
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.json"
    path.write_text(json.dumps(stub, indent=2) + "\n", encoding="utf-8")
    return path
