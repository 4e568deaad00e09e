"""The v3 tools: input slots, widgets and item slugs (the official MCP client's catalog).

Source: ``AIHomeDesign/aihomedesign-mcp`` ``app/catalog.py`` (commit 4b22a93), the vendor's
own client, which says its style and space items were confirmed against the live API and
that the other items are examples. The mock accepts exactly these items (AHD3-Q5).

Slug conventions (tool reference): widget ``widget-<purpose>-<tool>``, item
``item-<value>-<widget>``. ``required`` follows what the official client always sends
(AHD3-Q6): the renovation materials, the renovation spaces and the dusk sky style have
server-side defaults, since the client omits them and expects a result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "TOOLS",
    "UNAVAILABLE_TOOLS",
    "Tool",
    "Widget",
    "item_slug",
]

STYLES = (
    "prime",
    "modern",
    "farmhouse",
    "scandinavian",
    "hampton",
    "industrial",
    "traditional",
    "contemporary",
)
ROOMS = (
    "bedroom",
    "living-room",
    "kitchen",
    "bathroom",
    "dining-room",
    "home-office",
    "outdoor",
    "nursery",
)
AREAS = ("indoor", "outdoor")

UNAVAILABLE_TOOLS = frozenset({"tool-furniture-set-restyle", "tool-sky-change"})
"""Tools the live API reports as "tool repository: tool not found" (the client's notes)."""


def item_slug(widget_slug: str, value: str) -> str:
    """The item slug of ``value`` in a widget.

    >>> item_slug("widget-style-tool-virtual-staging", "modern")
    'item-modern-widget-style-tool-virtual-staging'
    """
    return f"item-{value}-{widget_slug}"


@dataclass(frozen=True, kw_only=True)
class Widget:
    """A widget of a tool: its slug, how many items it takes, whether it must be sent."""

    slug: str
    multi: bool
    required: bool
    values: tuple[str, ...]

    @property
    def item_slugs(self) -> tuple[str, ...]:
        """Every item slug the widget accepts."""
        return tuple(item_slug(self.slug, value) for value in self.values)

    def to_json(self) -> dict[str, Any]:
        """The widget as ``GET /api/tools`` shows it."""
        return {
            "slug": self.slug,
            "select": "multi" if self.multi else "single",
            "required": self.required,
            "item_slugs": list(self.item_slugs),
        }


@dataclass(frozen=True, kw_only=True)
class Tool:
    """A tool: slug, display name, input slots (asset_map keys) and widgets."""

    id: str
    slug: str
    name: str
    slots: tuple[str, ...]
    widgets: tuple[Widget, ...] = ()

    @property
    def available(self) -> bool:
        """False for the tools the live API does not find."""
        return self.slug not in UNAVAILABLE_TOOLS

    def widget(self, slug: str) -> Widget | None:
        """The tool's widget ``slug``, or None."""
        return next((w for w in self.widgets if w.slug == slug), None)

    def to_json(self) -> dict[str, Any]:
        """The tool as ``GET /api/tools`` shows it (plus the mock's slots and widgets)."""
        return {
            "id": self.id,
            "name": self.name,
            "slug": self.slug,
            "isActive": self.available,
            "slots": list(self.slots),
            "widgets": [widget.to_json() for widget in self.widgets],
        }


def _w(
    tool: str, purpose: str, values: tuple[str, ...], *, multi: bool = False, required: bool = True
) -> Widget:
    return Widget(slug=f"widget-{purpose}-{tool}", multi=multi, required=required, values=values)


def _styled(tool: str) -> tuple[Widget, ...]:
    return (_w(tool, "space", ROOMS), _w(tool, "style", STYLES))


def _renovation(
    tool: str, spaces: tuple[str, ...], materials: tuple[str, ...]
) -> tuple[Widget, ...]:
    return (
        _w(tool, "space", spaces, required=False),
        _w(tool, "material", materials, required=False),
    )


def _tool(
    serial: int,
    slug: str,
    name: str,
    *,
    slots: tuple[str, ...] = (),
    widgets: tuple[Widget, ...] = (),
) -> Tool:
    # The first id is the docs' sample id of AI Virtual Staging; the others count up from it.
    tool_id = f"{0x6848085CD55C9753C282CA69 + serial:024x}"
    return Tool(
        id=tool_id,
        slug=slug,
        name=name,
        slots=slots or (f"{slug}-input-image",),
        widgets=widgets,
    )


_ALL = (
    _tool(0, "tool-virtual-staging", "AI Virtual Staging",
          widgets=_styled("tool-virtual-staging")),
    _tool(1, "tool-virtual-restaging", "AI Virtual Restaging",
          widgets=_styled("tool-virtual-restaging")),
    _tool(2, "tool-interior-design", "AI Interior Designer", widgets=(
        *_styled("tool-interior-design"),
        _w("tool-interior-design", "color",
           ("earthy-neutrals", "warm-tones", "cool-tones", "monochrome", "pastel"),
           required=False),
    )),
    _tool(3, "tool-furniture-set-restyle", "AI Furniture Restyle",
          widgets=_styled("tool-furniture-set-restyle")),
    _tool(4, "tool-image-enhancement", "AI Image Enhancement", widgets=(
        _w("tool-image-enhancement", "area", AREAS),
        _w("tool-image-enhancement", "enhancement-options",
           ("add-fire-to-fireplace", "add-screen-to-tv"), multi=True, required=False),
    )),
    _tool(5, "tool-item-removal", "AI Item Removal"),
    _tool(6, "tool-item-removal-mask", "AI Item Removal (Mask)", slots=(
        "tool-item-removal-mask-input-image", "tool-item-removal-mask-input-mask",
    )),
    _tool(7, "tool-darkness", "AI Darkness", slots=(
        "tool-darkness-input-image-before", "tool-darkness-input-image-after",
    ), widgets=(
        _w("tool-darkness", "darkness-factor", ("factor-darker", "factor-lighter")),
    )),
    _tool(8, "tool-wall-change", "AI Wall Change", widgets=_renovation(
        "tool-wall-change", ("bedroom", "living-room", "kitchen", "bathroom"),
        ("brick-wall", "white-paint", "wallpaper", "concrete"))),
    _tool(9, "tool-floor-change", "AI Floor Change", widgets=_renovation(
        "tool-floor-change", ("bedroom", "living-room", "kitchen", "bathroom"),
        ("white-marble", "hardwood", "tile", "carpet"))),
    _tool(10, "tool-ceiling-change", "AI Ceiling Change", widgets=_renovation(
        "tool-ceiling-change", ("bedroom", "living-room", "kitchen"),
        ("wooden-ceiling", "white-paint", "coffered"))),
    _tool(11, "tool-backsplash-change", "AI Backsplash Change", widgets=_renovation(
        "tool-backsplash-change", ("kitchen", "bathroom"),
        ("grey-marble", "subway-tile", "mosaic", "white-marble"))),
    _tool(12, "tool-under-construction", "AI Under Construction",
          widgets=_styled("tool-under-construction")),
    _tool(13, "tool-day-to-dusk", "AI Day to Dusk", widgets=(
        _w("tool-day-to-dusk", "sky-style", ("dusk-with-cloud", "clear-dusk", "golden-hour"),
           required=False),
        _w("tool-day-to-dusk", "day-to-dusk-options", ("shadow-removal", "lawn-touch-up"),
           multi=True, required=False),
    )),
    _tool(14, "tool-sky-change", "AI Sky Change", widgets=(
        _w("tool-sky-change", "variants", ("dusk-with-cloud-01", "clear-blue-01", "sunset-01")),
        _w("tool-sky-change", "style", ("dusk-with-cloud", "clear-blue", "sunset"),
           required=False),
        _w("tool-sky-change", "sky-change-options", ("flip-sky",), required=False),
    )),
)  # fmt: skip

TOOLS: dict[str, Tool] = {tool.slug: tool for tool in _ALL}
"""Every tool by slug, in the catalog's order."""

MASK_SLOT_SUFFIX = "-input-mask"
"""Input slots ending so take an asset whose role is ``mask``."""
