"""Projects, orders, assets and processes as the v3 mock keeps them, and their JSON.

Plain mutable records guarded by the behaviour's lock. Image URLs are built when a record
is shown, from the base URL of the request being answered (or, for a webhook, of the
request that started the process), so they always point at the mock itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

__all__ = [
    "FILES_PREFIX",
    "Asset",
    "FinalAsset",
    "Order",
    "Process",
    "Project",
    "Resize",
    "day",
    "file_url",
    "timestamp",
]

FILES_PREFIX = "/_files/v3/"
"""Where the mock serves v3 images: ``input/{id}.jpeg`` and ``result/{id}.jpeg`` (AHD3-Q13)."""

PENDING, PROCESSING, DONE, FAILED = "pending", "processing", "done", "failed"
FINISHED = frozenset({DONE, FAILED})


def timestamp(seconds: float) -> str:
    """RFC 3339 in UTC with milliseconds."""
    moment = datetime.fromtimestamp(seconds, tz=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def day(seconds: float) -> str:
    """``YYYY-MM-DD`` in UTC, as the docs' project sample writes ``updated_at``."""
    return datetime.fromtimestamp(seconds, tz=UTC).strftime("%Y-%m-%d")


@dataclass(frozen=True, kw_only=True)
class Resize:
    """The ``width``/``height`` a request asked image URLs for (None: not asked)."""

    width: int | None = None
    height: int | None = None

    def query(self, *, thumbnail: bool = False) -> str:
        """The query string the image URLs carry (``""`` when there is none)."""
        pairs: list[tuple[str, Any]] = []
        if self.width is not None:
            pairs.append(("width", self.width))
        if self.height is not None:
            pairs.append(("height", self.height))
        if thumbnail:
            pairs.append(("thumbnail", 1))
        return "?" + urlencode(pairs) if pairs else ""


def file_url(
    base: str, kind: str, asset_id: str, resize: Resize, *, thumbnail: bool = False
) -> str:
    """The mock's URL of an image: ``{base}/_files/v3/{kind}/{id}.jpeg[?...]``."""
    return f"{base}{FILES_PREFIX}{kind}/{asset_id}.jpeg{resize.query(thumbnail=thumbnail)}"


@dataclass(kw_only=True)
class Asset:
    """An uploaded image of an order."""

    id: str
    role: str

    def to_json(self, base: str, resize: Resize) -> dict[str, Any]:
        """The asset as orders show it."""
        return {
            "id": self.id,
            "role": self.role,
            "asset_type": "image",
            "src": file_url(base, "input", self.id, resize),
            "thumbnail_src": file_url(base, "input", self.id, resize, thumbnail=True),
        }


@dataclass(kw_only=True)
class FinalAsset:
    """A result image of a finished process."""

    id: str

    def to_json(self, base: str, resize: Resize) -> dict[str, Any]:
        """The result as ``get_process`` shows it: both the client's and the webhook's names."""
        src = file_url(base, "result", self.id, resize)
        thumbnail = file_url(base, "result", self.id, resize, thumbnail=True)
        return {
            "asset_id": self.id,
            "asset_type": "image",
            "src": src,
            "thumbnail_src": thumbnail,
            "temp_src": src,
            "temp_thumbnail_src": thumbnail,
        }

    def to_webhook(self, base: str) -> dict[str, Any]:
        """The result as the webhook reference shows it."""
        return {
            "asset_id": self.id,
            "asset_type": "image",
            "temp_src": file_url(base, "result", self.id, Resize()),
            "temp_thumbnail_src": file_url(base, "result", self.id, Resize(), thumbnail=True),
        }


@dataclass(kw_only=True)
class Process:
    """One AI job on an order."""

    id: str
    order_id: str
    tool: str
    asset_map: dict[str, str]
    widgets: list[dict[str, Any]]
    created_at: float
    base_url: str
    process_group_id: str | None = None
    status: str = PENDING
    updated_at: float = 0.0
    error: str | None = None
    final_assets: list[FinalAsset] = field(default_factory=list)

    def to_json(self, base: str, resize: Resize) -> dict[str, Any]:
        """The process as ``get_process`` shows it."""
        body: dict[str, Any] = {
            "id": self.id,
            "process_id": self.id,
            "order_id": self.order_id,
            "tool": self.tool,
            "status": self.status,
            "asset_map": dict(self.asset_map),
            "widgets": [dict(widget) for widget in self.widgets],
            "final_assets": [asset.to_json(base, resize) for asset in self.final_assets],
            "created_at": timestamp(self.created_at),
            "updated_at": timestamp(self.updated_at or self.created_at),
        }
        if self.process_group_id is not None:
            body["process_group_id"] = self.process_group_id
        if self.error is not None:
            body["error"] = self.error
        return body

    def summary(self) -> dict[str, Any]:
        """The process as orders list it."""
        return {"process_id": self.id, "tool": self.tool, "status": self.status}

    def webhook_payload(self) -> dict[str, Any]:
        """The ``process.completed`` payload, URLs on the base of the creating request."""
        return {
            "event": "process.completed",
            "process_id": self.id,
            "order_id": self.order_id,
            "tool": self.tool,
            "status": self.status,
            "final_assets": [asset.to_webhook(self.base_url) for asset in self.final_assets],
        }


@dataclass(kw_only=True)
class Order:
    """Uploaded images and the processes run on them."""

    id: str
    owner: str
    project_id: str
    created_at: float
    serial: int
    assets: list[Asset] = field(default_factory=list)
    processes: list[Process] = field(default_factory=list)

    @property
    def status(self) -> str:
        """``active`` while a process is not finished, else ``idle``."""
        return "active" if any(p.status not in FINISHED for p in self.processes) else "idle"

    def asset(self, asset_id: str) -> Asset | None:
        """The order's asset ``asset_id``, or None."""
        return next((a for a in self.assets if a.id == asset_id), None)

    def to_json(self, base: str, resize: Resize) -> dict[str, Any]:
        """The order as the order operations show it."""
        return {
            "order_id": self.id,
            "project_id": self.project_id,
            "status": self.status,
            "assets": [asset.to_json(base, resize) for asset in self.assets],
            "processes": [process.summary() for process in self.processes],
            "created_at": timestamp(self.created_at),
        }


@dataclass(kw_only=True)
class Project:
    """A property: its address and its orders."""

    id: str
    owner: str
    address: str
    default: bool
    created_at: float
    serial: int
    updated_at: float = 0.0
    orders: list[Order] = field(default_factory=list)

    def to_json(self, base: str, resize: Resize) -> dict[str, Any]:
        """The project as the project operations show it (the docs' sample fields)."""
        first = next((o.assets[0] for o in self.orders if o.assets), None)
        results = sum(len(p.final_assets) for o in self.orders for p in o.processes)
        return {
            "id": self.id,
            "address": self.address,
            "cover_src": "" if first is None else file_url(base, "input", first.id, resize),
            "input_count": sum(len(o.assets) for o in self.orders),
            "result_count": results,
            "bookmarked_count": 0,
            "default": self.default,
            "updated_at": day(self.updated_at or self.created_at),
        }
