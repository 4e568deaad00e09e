"""AI HomeDesign's orders and generated images as the mock keeps them, and their JSON.

The records are plain mutable objects; the behaviour guards them with its lock. URLs are
built when a record is shown, from the base URL of the request being answered (or, for
webhooks, of the request that caused them), so they always point at the mock itself.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import random
from dataclasses import dataclass, field
from typing import Any

from mock_server.vendors._ids import SeededIds
from mock_server.vendors._timing import utc_parts
from mock_server.vendors.aihomedesign._catalog import Service

__all__ = [
    "FILES_PREFIX",
    "Account",
    "GeneratedImage",
    "IdFactory",
    "Order",
    "account_of",
    "file_url",
    "timestamp",
]

FILES_PREFIX = "/_files/"
"""Where the mock serves its image URLs (named after the vendor's S3 buckets)."""

# Go's zero time, which the vendor sends as every generated image's updated_at.
_ZERO_TIME = "0001-01-01T00:00:00Z"


def timestamp(seconds: float) -> str:
    """RFC 3339 in UTC with milliseconds, as the vendor writes ``created_at``."""
    whole, micro = utc_parts(seconds)
    return f"{whole}.{micro // 1000:03d}Z"


def file_url(base: str, bucket: str, image_id: str) -> str:
    """The mock's URL of an image: ``{base}/_files/aihd-{bucket}/{id}.jpeg``."""
    return f"{base}{FILES_PREFIX}aihd-{bucket}/{image_id}.jpeg"


@dataclass(frozen=True, kw_only=True)
class Account:
    """The account behind an API key (the mock has one account per key)."""

    user_id: str
    email: str


@functools.lru_cache(maxsize=256)  # an order's view names its owner on every read
def account_of(api_key: str) -> Account:
    """The account of ``api_key``: a stable user id and e-mail address derived from it."""
    user_id = hashlib.sha256(api_key.encode()).hexdigest()[:24]
    return Account(user_id=user_id, email=f"api-user-{user_id[:8]}@example.com")


class IdFactory:
    """24-hex ids in the style of MongoDB ObjectIds: time, a fixed tag, a serial.

    Seeded, :meth:`restart` (on reset) starts the serials again, as the Autoenhance store
    does, so a rerun sees the same ids. Unseeded, the serial is the process's own
    (:data:`_UNSEEDED_SERIALS`, shared by every factory and never restarted), so an id
    never repeats within a server's life: not after a reset, not in another session,
    not even on a manual clock whose time stands still.
    """

    def __init__(self, *, seed: int | None = 0) -> None:
        self._seed = seed
        self._ids = SeededIds(seed=seed)
        # The serial starts at a seeded offset so two seeds give different ids; unseeded
        # factories share the process's offset, as they share its serials.
        self._offset = _UNSEEDED_OFFSET if seed is None else random.Random(seed).getrandbits(24)

    def restart(self) -> None:
        """Start the serials again (seeded only)."""
        self._ids.restart()

    def new(self, now: float) -> str:
        """A fresh id stamped with ``now`` (epoch seconds)."""
        if self._seed is None:
            serial = self._offset + next(_UNSEEDED_SERIALS)
        else:
            serial = self._offset + self._ids.serial()
        return f"{int(now) & 0xFFFFFFFF:08x}6d6f636b{serial & 0xFFFFFFFF:08x}"


_UNSEEDED_OFFSET = random.SystemRandom().getrandbits(24)
_UNSEEDED_SERIALS = itertools.count(1)
"""The serials of every unseeded factory of the process (``next`` on a count is atomic)."""


@dataclass(kw_only=True)
class GeneratedImage:
    """One generation of an order (the first submit, then each regeneration)."""

    id: str
    order_id: str
    sequence: int
    prompt: str
    space: str
    style: str
    color: str
    sky_style: str
    shadow_removal: bool
    created_at: float
    base_url: str
    """The mock's base URL as the submitting client saw it (for the webhook)."""
    finished: bool = False
    upscaled: bool = False
    failure: str | None = None
    """Why the generation failed (a failure scenario), or None."""

    @property
    def done(self) -> bool:
        """True once the generation has finished or failed."""
        return self.finished or self.failure is not None

    @property
    def status(self) -> str:
        """``processing``, then ``regular_finished`` or (on purpose only) ``failed``."""
        if self.failure is not None:
            return "failed"
        return "regular_finished" if self.finished else "processing"

    def to_json(self, base: str) -> dict[str, Any]:
        """The ``GeneratedImage`` object of ``get_order``."""
        return {
            "id": self.id,
            "using_free_plan": False,
            "sequence": self.sequence,
            "src": file_url(base, "after", self.id) if self.finished else "",
            "segmented_image_id": "",
            "prompt": self.prompt,
            "sky_style": self.sky_style,
            "shadow_removal": self.shadow_removal,
            "status": self.status,
            "order_id": self.order_id,
            "space": self.space,
            "comment": self.failure or "",
            "updated_at": _ZERO_TIME,
            "created_at": timestamp(self.created_at),
        }


@dataclass(kw_only=True)
class Order:
    """An uploaded image and everything generated from it, owned by one API key."""

    id: str
    owner: str
    before_image_id: str
    service: Service
    created_at: float
    space: str = ""
    images: list[GeneratedImage] = field(default_factory=list)
    finalized: bool = False
    """Item Removal Mask: ``POST /v1/order/done`` has kept a temp image."""

    @property
    def status(self) -> str:
        """``active`` while an image is processing, else ``idle``."""
        return "active" if any(not image.done for image in self.images) else "idle"

    def to_json(self, base: str) -> dict[str, Any]:
        """The ``Order`` object of ``get_order``."""
        account = account_of(self.owner)
        return {
            "id": self.id,
            "user_id": account.user_id,
            "email": account.email,
            "before_image_id": self.before_image_id,
            "before_image_src": file_url(base, "before", self.before_image_id),
            "space": self.space,
            "status": self.status,
            "service": self.service.to_json(),
            "service_name": self.service.name,
            "object": "",
            "sample_image_used": False,
            "generated_images": [image.to_json(base) for image in self.images],
            "created_at": timestamp(self.created_at),
        }

    def webhook_payload(self, image: GeneratedImage) -> dict[str, Any]:
        """The generated-image webhook body for ``image`` (one of this order's)."""
        base = image.base_url
        return {
            "order_id": self.id,
            "image": {
                "id": image.id,
                "before_src": file_url(base, "before", self.before_image_id),
                "after_src": file_url(base, "after", image.id),
                "regenerated": image.sequence > 1,
                "style": image.style,
                "color": image.color,
                "space": image.space,
                "sky_style": image.sky_style,
                "shadow_removal": image.shadow_removal,
                "material": "",
                "created_at": timestamp(image.created_at),
            },
            "service_name": self.service.name,
            "user_id": account_of(self.owner).user_id,
        }
