"""The body checks of AI HomeDesign's ``submit_order``, against the catalog.

:func:`check_selection` runs the spec's checks 4 to 8 in order (the first failure wins):
the body's ``service_name``, the space, each selected widget and item, duplicates, then
the mandatory widgets. Checks 1 to 3 (key, schema, order) come before it; the rate limit
after it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from mock_server.errors import RequestError
from mock_server.vendors.aihomedesign._catalog import (
    DAY_TO_DUSK,
    ITEM_REMOVAL,
    ITEM_REMOVAL_MASK,
    Item,
    Service,
    Space,
    Widget,
    space_of,
    widgets_for,
)

__all__ = ["Selection", "check_selection", "invalid"]


@dataclass(frozen=True, kw_only=True)
class Selection:
    """What a valid submit asks for."""

    space: Space | None
    choices: tuple[tuple[Widget, Item], ...]
    remove_shadow: bool

    def title_of(self, widget_title: str) -> str:
        """The title of the item chosen for the widget titled ``widget_title``, or ``""``."""
        return next((item.title for w, item in self.choices if w.title == widget_title), "")

    def prompt(self, service: Service) -> str:
        """Items' prompts in request order, then the space's, then the shadow choice."""
        parts = [item.prompt for _, item in self.choices]
        if self.space is not None:
            parts.append(self.space.prompt)
        if service.name == DAY_TO_DUSK:
            parts.append("without shadows" if self.remove_shadow else "with shadows")
        return ", ".join(parts)


def invalid(message: str, key: str) -> RequestError:
    """A ``400 {error, key}`` of ``submit_order``."""
    return RequestError(status=400, message=message, key=key)


def check_selection(*, service: Service, body: Mapping[str, Any]) -> Selection:
    """Validate a submit body (already schema-valid) for an order of ``service``.

    Raises:
        RequestError: 400 with the spec's ``api_error_*`` key.
    """
    _check_service_name(service, body.get("service_name"))
    remove_shadow = service.name == DAY_TO_DUSK and body.get("remove_shadow") is True
    if service.name in (ITEM_REMOVAL, ITEM_REMOVAL_MASK):
        # These services use no widget or space: whatever is sent is ignored.
        return Selection(space=None, choices=(), remove_shadow=False)
    space = None
    if service.required_space:
        space = space_of(service.name, str(body.get("space_name") or ""))
        if space is None:
            raise invalid("space not found", "api_error_space_not_found")
    offered = widgets_for(service.name, space.name if space is not None else None)
    choices = _choices(offered, body.get("selected_widgets") or [])
    _check_duplicates(choices)
    chosen = {widget.id for widget, _ in choices}
    if any(not widget.optional and widget.id not in chosen for widget in offered):
        raise invalid("mandatory widget is missing", "api_error_mandatory_widget_missing")
    return Selection(space=space, choices=choices, remove_shadow=remove_shadow)


def _check_service_name(service: Service, sent: Any) -> None:
    if sent is None:
        if service.name == ITEM_REMOVAL_MASK:
            raise invalid(
                "invalid request: service_name is required for item removal mask orders",
                "api_error_invalid_request",
            )
        return
    if sent != service.name:
        raise invalid(
            "service_name does not match the order's service", "api_error_service_mismatch"
        )


def _choices(offered: list[Widget], selected: list[Any]) -> tuple[tuple[Widget, Item], ...]:
    by_id = {widget.id: widget for widget in offered}
    choices = []
    for element in selected:
        widget = by_id.get(element["id"])
        if widget is None:
            raise invalid("widget not found", "api_error_widget_not_found")
        item = widget.item(element["item_id"])
        if item is None:
            raise invalid("item not found", "api_error_item_not_found")
        choices.append((widget, item))
    return tuple(choices)


def _check_duplicates(choices: tuple[tuple[Widget, Item], ...]) -> None:
    seen: set[tuple[str, str]] = set()
    widgets: set[str] = set()
    for widget, item in choices:
        pair = (widget.id, item.id)
        if pair in seen or (not widget.multi and widget.id in widgets):
            raise invalid("widget selected more than once", "api_error_duplicate_widget")
        seen.add(pair)
        widgets.add(widget.id)
