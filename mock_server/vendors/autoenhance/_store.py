"""In-memory state of the Autoenhance mock: orders, images, brackets, upload slots, organizations.

Everything lives in one :class:`Store` guarded by one re-entrant lock (``store.lock``):
the behaviour takes it around every read and write, the clock callbacks too, so
concurrent requests never see half an update and never get the same generated ID.
Records are plain mutable objects; a callback that outlives its record (the image or
order was deleted, the mock was reset) finds out with :meth:`Store.alive_image` /
:meth:`Store.alive_order`, which compare identities, not IDs (an order ID can be reused
after a delete).
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field
from typing import Any

from mock_server.vendors._ids import SeededIds
from mock_server.vendors._timing import utc_parts
from mock_server.vendors.autoenhance._organizations import Organization
from mock_server.vendors.autoenhance._versions import (
    GATED_IMAGE_FIELDS,
    GATED_ORDER_FIELDS,
    carries,
)

__all__ = [
    "OPTIONAL_SETTINGS",
    "SETTING_DEFAULTS",
    "SETTING_NAMES",
    "USER_ID",
    "Bracket",
    "Image",
    "Order",
    "Store",
    "Upload",
    "bracket_view",
    "image_view",
    "iso_time",
    "order_view",
    "sort_images",
]

USER_ID = "00000000-0000-4000-8000-000000000000"
"""The single account's user ID (the mock is single-account)."""

# Settings an image carries, with the value a new image gets when the client omits one.
# Absent from this table: ``ai_version``, ``enhance_type`` and ``rating``, which are
# omitted from the image until set (the spec's decision).
SETTING_DEFAULTS: dict[str, Any] = {
    "cloud_type": None,
    "enhance": True,
    "finetune_settings": None,
    "lens_correction": True,
    "metadata": {},
    "preset_id": None,
    "privacy": None,
    "restage": None,
    "sky_replacement": False,
    "upscale": False,
    "vertical_correction": True,
    "window_pull": None,
}
OPTIONAL_SETTINGS = ("ai_version", "enhance_type", "rating")
SETTING_NAMES = frozenset(SETTING_DEFAULTS) | frozenset(OPTIONAL_SETTINGS)


@dataclass(eq=False, kw_only=True)
class Upload:
    """A pre-signed upload slot: where the client PUTs an image's or a bracket's bytes."""

    token: str
    path: str
    target: Image | Bracket
    issued_at: float
    content_type: str | None = None
    """The Content-Type the PUT must carry (declared at creation), or None for any."""


@dataclass(eq=False, kw_only=True)
class Image:
    """One image of an order, with its settings, status and uploaded bytes."""

    image_id: str
    order: Order
    seq: int
    date_added: int
    image_name: str
    settings: dict[str, Any]
    status: str = "waiting"
    status_reason: str | None = None
    downloaded: bool = False
    run: int = 0
    """Bumped each time processing starts, so a stale completion is ignored."""
    data: bytes | None = None
    content_type: str = ""


@dataclass(eq=False, kw_only=True)
class Bracket:
    """One HDR bracket of an order; Process Order groups brackets into images."""

    bracket_id: str
    order: Order
    seq: int
    name: str
    metadata: dict[str, Any]
    data: bytes | None = None
    content_type: str = ""
    grouped: bool = False

    @property
    def is_uploaded(self) -> bool:
        """True once the PUT of its bytes has landed."""
        return self.data is not None


@dataclass(eq=False, kw_only=True)
class Order:
    """An order: a name, its images and brackets, and its timestamps."""

    order_id: str
    name: str
    seq: int
    created_at: float
    last_updated_at: float
    images: list[Image] = field(default_factory=list)
    brackets: list[Bracket] = field(default_factory=list)
    merging: int = 0
    """How many Process Order groupings are still running."""
    image_sort: str = "date_added"
    """``default_image_sort_order``: how ``images`` are listed."""

    @property
    def is_merging(self) -> bool:
        """True while brackets are being grouped into images."""
        return self.merging > 0

    @property
    def is_processing(self) -> bool:
        """True while any image of the order is processing."""
        return any(image.status == "processing" for image in self.images)

    @property
    def status(self) -> str:
        """The order status derived from its images (first match wins, see the spec)."""
        return self.status_of({image.status for image in self.images})

    def status_of(self, statuses: set[str]) -> str:
        """The order status, given the set of its images' statuses."""
        if self.is_merging or "processing" in statuses:
            return "processing"
        if not statuses or "waiting" in statuses:
            return "waiting"
        if "error" in statuses:
            return "error"
        return "processed"


class Store:
    """Every order, image, bracket, upload slot and organization of the mock, behind one lock.

    Args:
        seed: Seed of the generated IDs and upload tokens (reruns get the same ones).
    """

    def __init__(self, *, seed: int | None = 0) -> None:
        self.lock = threading.RLock()
        self.ids = SeededIds(seed=seed)
        self.clear()

    def clear(self) -> None:
        """Forget everything and restart the ID stream from the seed."""
        with self.lock:
            self.orders: dict[str, Order] = {}
            self.images: dict[str, Image] = {}
            self.brackets: dict[str, Bracket] = {}
            self.uploads: dict[str, Upload] = {}
            self.organizations: dict[str, Organization] = {}
            self._issued_offsets: set[str] = set()
            self.ids.restart()

    def next_seq(self) -> int:
        """A number that orders records by creation."""
        return self.ids.serial()

    def new_id(self) -> str:
        """A fresh UUIDv4 string used by no order, image or bracket."""
        while True:
            candidate = self.ids.uuid4()
            taken = candidate in self.orders or candidate in self.images
            if not taken and candidate not in self.brackets:
                return candidate

    def new_token(self) -> str:
        """A fresh upload-signature token (64 hex digits, like a SigV4 signature)."""
        return self.ids.token(256)

    # --- orders -------------------------------------------------------------

    def add_order(self, *, order_id: str | None, name: str, now: float) -> Order:
        """Create an order (a generated UUIDv4 when ``order_id`` is None)."""
        order = Order(
            order_id=order_id if order_id is not None else self.new_id(),
            name=name,
            seq=self.next_seq(),
            created_at=now,
            last_updated_at=now,
        )
        self.orders[order.order_id] = order
        return order

    def remove_order(self, order: Order) -> None:
        """Delete an order with its images, brackets and their upload slots."""
        del self.orders[order.order_id]
        for image in order.images:
            self.images.pop(image.image_id, None)
        for bracket in order.brackets:
            self.brackets.pop(bracket.bracket_id, None)
        self._drop_uploads(lambda target: target.order is order)

    def alive_order(self, order: Order) -> bool:
        """True while ``order`` is still stored (not deleted, not reset)."""
        return self.orders.get(order.order_id) is order

    def page(
        self, listed: list[Order], *, offset: str | None, per_page: int
    ) -> tuple[list[Order], str | None]:
        """One page of ``listed`` (already filtered and sorted) and the next page's token.

        A token is the creation number of the last order of its page; the next page
        starts after that order, so orders created or deleted meanwhile never shift a
        page. When that order is gone, the next page holds the orders created before it
        (exact for the default newest-first order).

        Raises:
            KeyError: ``offset`` is not a token this store issued.
        """
        below = self._below(offset)
        if below is not None:
            seqs = [o.seq for o in listed]
            if below in seqs:
                listed = listed[seqs.index(below) + 1 :]
            else:
                listed = [o for o in listed if o.seq < below]
        return self._cut(listed, per_page)

    def newest_page(self, *, offset: str | None, per_page: int) -> tuple[list[Order], str | None]:
        """:meth:`page` of every order, newest first, without sorting them all.

        List Orders' default: the orders dict holds the orders in creation order (each is
        added with the next creation number and never re-added in place; a recreated
        order was deleted first), so the newest are its last entries. A page costs the
        orders newer than its token, not a sort of every order kept.

        Raises:
            KeyError: ``offset`` is not a token this store issued.
        """
        below = self._below(offset)
        picked: list[Order] = []
        for order in reversed(self.orders.values()):
            if below is not None and order.seq >= below:
                continue
            picked.append(order)
            if len(picked) > per_page:
                break
        return self._cut(picked, per_page)

    def _below(self, offset: str | None) -> int | None:
        """The creation number a page token names (None for the first page).

        Raises:
            KeyError: ``offset`` is not a token this store issued.
        """
        if offset is None:
            return None
        if offset not in self._issued_offsets:
            raise KeyError(offset)
        return int(offset)

    def _cut(self, listed: list[Order], per_page: int) -> tuple[list[Order], str | None]:
        """The first ``per_page`` of ``listed`` and, when more follow, the next page's token."""
        page = listed[:per_page]
        if len(listed) <= per_page:
            return page, None
        token = str(page[-1].seq)
        self._issued_offsets.add(token)
        return page, token

    # --- images and brackets ------------------------------------------------

    def add_image(
        self,
        *,
        order: Order,
        image_name: str,
        settings: dict[str, Any],
        now: float,
        image_id: str | None = None,
    ) -> Image:
        """Register a new image (``waiting``) in ``order``.

        ``image_id`` is the client's choice (the caller has checked it is free), or None
        for a generated UUIDv4.
        """
        image = Image(
            image_id=image_id if image_id is not None else self.new_id(),
            order=order,
            seq=self.next_seq(),
            date_added=int(now),
            image_name=image_name,
            settings=settings,
        )
        self.images[image.image_id] = image
        order.images.append(image)
        order.last_updated_at = now
        return image

    def remove_image(self, image: Image, *, now: float) -> None:
        """Delete an image; its order stays, even when left empty."""
        del self.images[image.image_id]
        image.order.images.remove(image)
        image.order.last_updated_at = now
        self._drop_uploads(lambda target: target is image)

    def alive_image(self, image: Image) -> bool:
        """True while ``image`` is still stored (not deleted, not reset)."""
        return self.images.get(image.image_id) is image

    def add_bracket(self, *, order: Order, name: str, metadata: dict[str, Any]) -> Bracket:
        """Register a new (not yet uploaded) bracket in ``order``."""
        bracket = Bracket(
            bracket_id=self.new_id(), order=order, seq=self.next_seq(), name=name, metadata=metadata
        )
        self.brackets[bracket.bracket_id] = bracket
        order.brackets.append(bracket)
        return bracket

    def add_upload(self, upload: Upload) -> None:
        """Remember an issued upload slot."""
        self.uploads[upload.token] = upload

    def _drop_uploads(self, predicate: Any) -> None:
        for token in [t for t, u in self.uploads.items() if predicate(u.target)]:
            del self.uploads[token]


def iso_time(epoch: float) -> str:
    """``2025-05-08T10:15:30.123000Z``: the vendor's date-time format."""
    seconds, micro = utc_parts(epoch)
    return f"{seconds}.{micro:06d}Z"


def image_view(image: Image, *, version: str | None = None) -> dict[str, Any]:
    """The image as ``ImageOut`` (no upload URL) for API ``version`` (None: the newest).

    The fields of later API versions (``window_pull_type``, ``preset_id``, ``restage``,
    ``parent_image_id``) are left out for earlier ones.
    """
    view: dict[str, Any] = {
        "date_added": image.date_added,
        "downloaded": image.downloaded,
        "image_id": image.image_id,
        "image_name": image.image_name,
        "order_id": image.order.order_id,
        "parent_image_id": None,
        "status": image.status,
        "status_reason": image.status_reason,
        "user_id": USER_ID,
    }
    for name, value in image.settings.items():
        view[name] = _copy(value)
    view.setdefault("window_pull_type", None)
    for name in _not_carried(version, image=True):
        view.pop(name, None)
    return dict(sorted(view.items()))


def order_view(
    order: Order, *, version: str | None = None, sort: str | None = None
) -> dict[str, Any]:
    """The order as ``OrderOut``; images as ``sort`` (default: the order's own) says."""
    images = order.images
    statuses = {image.status for image in images}
    created = iso_time(order.created_at)
    updated = order.last_updated_at
    view: dict[str, Any] = {
        "created_at": created,
        "default_image_sort_order": order.image_sort,
        "images": [
            image_view(image, version=version)
            for image in sort_images(images, sort or order.image_sort)
        ]
        if images
        else [],
        "is_deleted": False,
        "is_merging": order.is_merging,
        "is_processing": "processing" in statuses,
        "last_updated_at": created if updated == order.created_at else iso_time(updated),
        "name": order.name,
        "order_id": order.order_id,
        "status": order.status_of(statuses),
        "total_images": len(images),
    }
    for name in _not_carried(version, image=False):
        del view[name]
    return view


@functools.lru_cache(maxsize=64)  # versions are dates a client sends: few, and bounded here
def _not_carried(version: str | None, *, image: bool) -> tuple[str, ...]:
    """The gated image (or order) fields API ``version`` does not have yet."""
    gated = GATED_IMAGE_FIELDS if image else GATED_ORDER_FIELDS
    return tuple(name for name, since in gated.items() if not carries(version, since))


def sort_images(images: list[Image], sort: str) -> list[Image]:
    """Images by ``name`` or ``date_added`` (``-``: reversed); ``custom``: as added.

    Ties keep the order the images were added in.
    """
    added = sorted(images, key=lambda i: (i.date_added, i.seq))
    if sort in ("name", "-name"):
        return sorted(added, key=lambda i: i.image_name.casefold(), reverse=sort == "-name")
    return added[::-1] if sort == "-date_added" else added


def bracket_view(bracket: Bracket) -> dict[str, Any]:
    """The bracket as ``BracketOut`` (no upload URL)."""
    return {
        "bracket_id": bracket.bracket_id,
        "is_uploaded": bracket.is_uploaded,
        "metadata": _copy(bracket.metadata),
        "name": bracket.name,
        "order_id": bracket.order.order_id,
    }


def _copy(value: Any) -> Any:
    """A copy of a JSON value deep enough that a caller cannot change the stored one."""
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
