"""Pure rules of the Autoenhance mock: new image settings, bracket grouping, originals.

Each one is a decision of the spec (``openapi/autoenhance.yaml``) where the vendor is
silent; the behaviour applies them with the store lock held.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from mock_server.errors import RequestError
from mock_server.media import IMAGE_MEDIA_TYPES, sniff_format, tiny_image
from mock_server.vendors.autoenhance._store import (
    SETTING_DEFAULTS,
    SETTING_NAMES,
    Bracket,
    Order,
)
from mock_server.vendors.autoenhance._versions import GATED_IMAGE_FIELDS, carries

__all__ = [
    "MAX_PER_PAGE",
    "PROCESS_SETTINGS",
    "bracket_groups",
    "new_settings",
    "original_payload",
    "setting_names",
    "sort_orders",
]

MAX_PER_PAGE = 15
"""``per_page`` above this is clamped (SDK 1.1.0's maximum)."""

PROCESS_SETTINGS = SETTING_NAMES - {
    "finetune_settings",
    "metadata",
    "preset_id",
    "rating",
    "restage",
}
"""Process Order's body fields that become settings of the grouped images."""

_OCTETS = "application/octet-stream"


def new_settings(body: dict[str, Any], *, names: frozenset[str]) -> dict[str, Any]:
    """A new image's settings: the defaults, overridden by the body's ``names`` fields."""
    settings = copy.deepcopy(SETTING_DEFAULTS)
    settings.update((name, copy.deepcopy(body[name])) for name in names if name in body)
    return settings


def bracket_groups(order: Order, body: dict[str, Any]) -> list[list[Bracket]]:
    """The bracket groups Process Order turns into images.

    Explicit ``images[].bracket_ids`` first; else every N (``number_of_brackets_per_image``)
    uploaded, ungrouped brackets in creation order; else (absent or 0) all of them in one
    image, since the mock cannot do the vendor's visual analysis.

    Raises:
        RequestError: An explicit group names a bracket that is not an uploaded
            bracket of the order (``422`` under ``images``).
    """
    explicit = [ids for group in body.get("images") or [] if (ids := group.get("bracket_ids"))]
    if explicit:
        uploaded = {b.bracket_id: b for b in order.brackets if b.is_uploaded}
        if any(bracket_id not in uploaded for ids in explicit for bracket_id in ids):
            raise RequestError(
                status=422, message="Unknown bracket ID.", field="images", location="json"
            )
        return [[uploaded[bracket_id] for bracket_id in ids] for ids in explicit]
    ready = [b for b in order.brackets if b.is_uploaded and not b.grouped]
    if not ready:
        return []
    size = body.get("number_of_brackets_per_image") or len(ready)
    return [ready[start : start + size] for start in range(0, len(ready), size)]


def original_payload(data: bytes, *, stored_type: str, wanted: str | None) -> tuple[bytes, str]:
    """The bytes and Content-Type of an original download.

    Without ``format`` (``wanted``): the uploaded bytes with the PUT's type when it is an
    image type the API names, else ``application/octet-stream``. With it: the uploaded
    bytes when they already are in that format, else a placeholder in it (the mock does
    not convert). An empty upload is served as a placeholder.
    """
    stored = next((fmt for fmt, media in IMAGE_MEDIA_TYPES.items() if media == stored_type), None)
    if wanted is None:
        if data:
            return data, stored_type if stored else _OCTETS
        wanted = stored or "jpeg"
    if not data or sniff_format(data) != wanted:
        data = tiny_image(wanted)
    return data, IMAGE_MEDIA_TYPES[wanted]


def setting_names(version: str | None) -> frozenset[str]:
    """The settings a request may set under API ``version`` (None: the newest).

    A field of a later version is ignored, like any unknown field of ``ImageIn``.

    >>> "restage" in setting_names("2025-05-08"), "window_pull_type" in setting_names(None)
    (False, True)
    """
    gated = {name for name, since in GATED_IMAGE_FIELDS.items() if not carries(version, since)}
    return (SETTING_NAMES | {"window_pull_type"}) - gated


def sort_orders(orders: Iterable[Order], sort: str) -> list[Order]:
    """The orders as List Orders' ``sort`` asks: by name or by creation, ties newest first.

    Names compare case-insensitively; ``-`` reverses (a stable sort keeps ties in place).
    """
    newest = sorted(orders, key=lambda order: order.seq, reverse=True)
    if sort in ("name", "-name"):
        return sorted(newest, key=lambda order: order.name.casefold(), reverse=sort == "-name")
    return newest[::-1] if sort == "date" else newest
