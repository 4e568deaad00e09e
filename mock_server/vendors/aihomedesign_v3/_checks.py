"""The vendor's checks of an order's roles and of a process's tool, asset map and widgets.

Each check raises :class:`~mock_server.errors.RequestError` with the status and key the
error-codes page gives (400 a wrong asset role, 404 an unknown asset, 422 a slot, widget
or item that does not fit the tool). The order of the checks is the spec's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mock_server.errors import RequestError
from mock_server.media import sniff_format
from mock_server.vendors.aihomedesign_v3._catalog import MASK_SLOT_SUFFIX, TOOLS, Tool
from mock_server.vendors.aihomedesign_v3._records import Asset, Order

__all__ = [
    "TOOL_NOT_FOUND",
    "bad_request",
    "check_asset_map",
    "check_images",
    "check_roles",
    "check_widgets",
    "not_found",
    "roles_of",
    "tool_of",
]

TOOL_NOT_FOUND = "tool repository: tool not found"
"""The live API's words for an unknown tool (quoted by the official client)."""

_SINGLE_ROLES = ("primary_angle", "secondary_angle")
_ACCEPTED_FORMATS = frozenset({"jpeg", "png", "webp"})


def bad_request(message: str, key: str = "api_error_invalid_request") -> RequestError:
    """A ``400 {error, key}``."""
    return RequestError(status=400, message=message, key=key)


def not_found(what: str) -> RequestError:
    """A ``404`` for an unknown ``what`` (project, order, process, asset)."""
    return RequestError(status=404, message=f"{what} not found", key=f"api_error_{what}_not_found")


def _unprocessable(message: str, key: str) -> RequestError:
    return RequestError(status=422, message=message, key=key)


def check_images(body: Mapping[str, Any]) -> None:
    """Every ``asset_file`` part is a JPEG, PNG or WEBP image, by its bytes where they say.

    Bytes recognised as another image format (GIF, HEIC, TIFF or RAW) are refused, whatever
    type the part declares; bytes no format recognises are left to the declared type, as
    v1 does (AIHD-Q7, AHD3-Q27).

    Raises:
        RequestError: 400 ``api_error_unsupported_file_type``.
    """
    for part in body.get("asset_file") or []:
        found = sniff_format(part.data[:64])
        if found is not None and found not in _ACCEPTED_FORMATS:
            raise bad_request("unsupported image type", "api_error_unsupported_file_type")


def roles_of(body: Mapping[str, Any]) -> list[str]:
    """The role of each uploaded file, by position (``primary_angle`` when not given).

    Raises:
        RequestError: 400 when both spellings are sent or there are more roles than files.
    """
    files = body.get("asset_file") or []
    singular, plural = body.get("asset_role"), body.get("asset_roles")
    if singular is not None and plural is not None:
        raise bad_request(
            "send asset_role or asset_roles, not both", "api_error_invalid_asset_role"
        )
    roles = list(singular if singular is not None else plural or [])
    if len(roles) > len(files):
        raise bad_request(
            f"{len(roles)} asset roles for {len(files)} asset files", "api_error_invalid_asset_role"
        )
    return roles + ["primary_angle"] * (len(files) - len(roles))


def check_roles(roles: Sequence[str]) -> None:
    """An order has exactly one ``primary_angle`` and at most one ``secondary_angle``.

    Raises:
        RequestError: 400 ``api_error_invalid_asset_role``.
    """
    for role in _SINGLE_ROLES:
        if roles.count(role) > 1:
            raise bad_request(f"only one {role} allowed per order", "api_error_invalid_asset_role")
    if "primary_angle" not in roles:
        raise bad_request("a primary_angle asset is required", "api_error_invalid_asset_role")


def tool_of(slug: str) -> Tool:
    """The tool ``slug``.

    Raises:
        RequestError: 422 ``api_error_tool_not_found`` for an unknown or unavailable tool.
    """
    tool = TOOLS.get(slug)
    if tool is None or not tool.available:
        raise _unprocessable(TOOL_NOT_FOUND, "api_error_tool_not_found")
    return tool


def check_asset_map(tool: Tool, order: Order, asset_map: Mapping[str, str]) -> dict[str, Asset]:
    """Each slot of the tool mapped to an asset of the order; nothing else.

    Raises:
        RequestError: 422 for a missing or unknown slot or a mask slot without a mask;
            404 for an asset id the order does not have.
    """
    for slot in tool.slots:
        if slot not in asset_map:
            raise _unprocessable(
                f"asset_map: missing input slot {slot}", "api_error_invalid_asset_map"
            )
    for slot in asset_map:
        if slot not in tool.slots:
            raise _unprocessable(
                f"asset_map: {slot} is not an input slot of {tool.slug}",
                "api_error_invalid_asset_map",
            )
    mapped: dict[str, Asset] = {}
    for slot, asset_id in asset_map.items():
        asset = order.asset(asset_id)
        if asset is None:
            raise not_found("asset")
        if slot.endswith(MASK_SLOT_SUFFIX) and asset.role != "mask":
            raise _unprocessable(
                f"asset_map: {slot} needs an asset with role mask", "api_error_invalid_asset_map"
            )
        mapped[slot] = asset
    return mapped


def check_widgets(tool: Tool, widgets: Sequence[Mapping[str, Any]]) -> None:
    """Every widget is the tool's, every item its widget's, required widgets are there.

    Raises:
        RequestError: 422 ``api_error_invalid_widget`` or ``api_error_invalid_item``.
    """
    seen: set[str] = set()
    for selection in widgets:
        slug = str(selection["slug"])
        widget = tool.widget(slug)
        if widget is None:
            raise _unprocessable(f"widget not found: {slug}", "api_error_invalid_widget")
        if slug in seen:
            raise _unprocessable(f"widget {slug} is given twice", "api_error_invalid_widget")
        seen.add(slug)
        items = [str(item) for item in selection["item_slugs"]]
        if not items:
            raise _unprocessable(f"widget {slug} has no item", "api_error_invalid_item")
        if len(items) > 1 and not widget.multi:
            raise _unprocessable(f"widget {slug} takes one item", "api_error_invalid_item")
        for item in items:
            if item not in widget.item_slugs:
                raise _unprocessable(
                    f"item {item} does not belong to widget {slug}", "api_error_invalid_item"
                )
    for widget in tool.widgets:
        if widget.required and widget.slug not in seen:
            raise _unprocessable(f"widget {widget.slug} is required", "api_error_invalid_widget")
