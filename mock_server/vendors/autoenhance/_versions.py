"""What each ``x-api-version`` carries: the API changelog, and the spec's decisions.

A version is the ``x-api-version`` header, a ``YYYY-MM-DD`` date; ``None`` (no header)
is the newest version, as for a new account. ISO dates compare as strings, so a version
carries a change when it is on or after the change's date.

- ``2024-11-01`` (changelog: dynamic image rendering): before it, the downloads answer
  JSON naming the image's URL instead of the image.
- ``2025-05-08`` (the version SDK 1.1.0 pins): from it, Create Image returns
  ``upload_url``; before it, ``s3PutObjectUrl``.
- ``2025-08-31`` (changelog: window pull types): images carry ``window_pull_type``.
  Decision: the fields the current docs added after SDK 1.1.0 without a changelog entry
  of their own arrive with this version too.
"""

from __future__ import annotations

__all__ = [
    "DYNAMIC_RENDERING_SINCE",
    "GATED_IMAGE_FIELDS",
    "GATED_ORDER_FIELDS",
    "NOT_A_DATE",
    "UPLOAD_URL_SINCE",
    "carries",
    "upload_url_key",
]

NOT_A_DATE = "Not a valid date."
"""marshmallow's message for a value its ``Date`` field cannot parse."""

DYNAMIC_RENDERING_SINCE = "2024-11-01"
"""The first version whose downloads answer the image itself (not JSON)."""

UPLOAD_URL_SINCE = "2025-05-08"
"""The first version whose Create Image returns ``upload_url``."""

_CURRENT_DOCS_SINCE = "2025-08-31"

GATED_IMAGE_FIELDS = {
    "window_pull_type": _CURRENT_DOCS_SINCE,
    "preset_id": _CURRENT_DOCS_SINCE,
    "restage": _CURRENT_DOCS_SINCE,
    "parent_image_id": _CURRENT_DOCS_SINCE,
}
"""Image fields (in requests and answers) and the first version that has them."""

GATED_ORDER_FIELDS = {"default_image_sort_order": _CURRENT_DOCS_SINCE}
"""Order fields (in answers) and the first version that has them."""


def carries(version: str | None, since: str) -> bool:
    """Whether API ``version`` (None: the newest) has a change made in version ``since``.

    >>> carries(None, "2025-08-31"), carries("2025-05-08", "2025-08-31")
    (True, False)
    """
    return version is None or version >= since


def upload_url_key(version: str | None) -> str:
    """The key Create Image names the upload URL with under API ``version``."""
    return "upload_url" if carries(version, UPLOAD_URL_SINCE) else "s3PutObjectUrl"
