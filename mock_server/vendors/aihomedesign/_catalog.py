"""AI HomeDesign's catalog in the mock: services, spaces, widgets and widget items.

The vendor publishes no catalog data. The names come from its docs (the legacy interior
design page lists the space slugs, styles and colours; the Day to Dusk page the sky
styles) and from the unofficial Kotlin SDK's space names; the ids are the mock's own,
24-hex like the vendor's, fixed so that they are the same in every run and match the
examples of ``openapi/aihomedesign.yaml``. The catalog endpoints and the submit
validation read this one module, so whatever the catalog lists is what submit accepts.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "SERVICES",
    "Item",
    "Service",
    "Space",
    "Widget",
    "canonical_service",
    "find_widget",
    "space_of",
    "spaces_for",
    "widgets_for",
]

_ICONS = "https://aihd-assets.s3.amazonaws.com/icons"


@dataclass(frozen=True, kw_only=True)
class Service:
    """One service (``service_name``) and the record ``get_order`` embeds for it."""

    id: str
    name: str
    title: str
    description: str
    tool: str
    required_space: bool
    eta: int

    def to_json(self) -> dict[str, object]:
        """The ``OrderService`` object (capitalised ``ID``, as the vendor sends it)."""
        return {
            "ID": self.id,
            "name": self.name,
            "title": self.title,
            "steps": "1",
            "credit": 1,
            "price": 0,
            "need_segment": False,
            "description": self.description,
            "result_count": 1,
            "generate_tool_name": self.tool,
            "service_type": "real-estate-hub",
            "prompt": "",
            "ai_service_segment_type": "",
            "need_object_validation": False,
            "required_space": self.required_space,
            "required_widgets": [],
        }


@dataclass(frozen=True, kw_only=True)
class Space:
    """A space (room type); ``services`` are the names of the services offering it."""

    id: str
    name: str
    title: str
    description: str
    prompt: str
    active: bool
    premium: bool
    priority: int
    services: tuple[str, ...]

    def to_json(self) -> dict[str, object]:
        """The ``Space`` object of ``list_spaces``."""
        return {
            "id": self.id,
            "name": self.name,
            "title": self.title,
            "description": self.description,
            "prompt": self.prompt,
            "icon_src": f"{_ICONS}/spaces/{self.name.removeprefix('space-')}.svg",
            "is_active": self.active,
            "is_premium": self.premium,
            "service_ids": [SERVICES[name].id for name in self.services],
            "priority": self.priority,
            "is_multi_space": False,
        }


@dataclass(frozen=True, kw_only=True)
class Item:
    """One choice of a widget."""

    id: str
    title: str
    prompt: str
    slug: str
    premium: bool = False

    def to_json(self) -> dict[str, object]:
        """The ``WidgetItem`` object embedded in ``list_widgets``."""
        return {
            "id": self.id,
            "title": self.title,
            "prompt": self.prompt,
            "icon_src": f"{_ICONS}/items/{self.slug}.png",
            "is_premium": self.premium,
        }

    def to_legacy_json(self, widget_id: str) -> dict[str, object]:
        """The ``LegacyWidgetItem`` object of ``list_widget_items``."""
        return {**self.to_json(), "widget_id": widget_id, "is_active": True}


@dataclass(frozen=True, kw_only=True)
class Widget:
    """An option group; ``multi`` widgets take several items, one element each."""

    id: str
    title: str
    description: str
    optional: bool
    multi: bool
    priority: int
    items: tuple[Item, ...]

    def to_json(self) -> dict[str, object]:
        """The ``Widget`` object of ``list_widgets``."""
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "is_optional": self.optional,
            "items": [item.to_json() for item in self.items],
            "priority": self.priority,
            "type": "multi-select" if self.multi else "single-select",
        }

    def item(self, item_id: str) -> Item | None:
        """The item ``item_id`` of this widget, or None."""
        return next((item for item in self.items if item.id == item_id), None)


VIRTUAL_STAGING = "service-ai-virtual-staging"
INTERIOR_DESIGN = "service-creative-designer"
IMAGE_ENHANCEMENT = "service-image-enhancement"
DAY_TO_DUSK = "service-day-to-dusk"
ITEM_REMOVAL = "service-item-removal"
ITEM_REMOVAL_MASK = "service-item-removal-mask"

# The docs' catalog examples spell Interior Design this way; the upload uses the other.
_ALIASES = {"service-ai-creative-designer": INTERIOR_DESIGN}


# (id suffix, name, title, generate_tool_name, eta in seconds, description)
_SERVICE_ROWS: tuple[tuple[int, str, str, str, int, str], ...] = (
    (
        0x101,
        VIRTUAL_STAGING,
        "AI Virtual Staging",
        "VS",
        60,
        "Furnish empty rooms with AI-generated furniture and decor.",
    ),
    (
        0x102,
        INTERIOR_DESIGN,
        "AI Interior Design",
        "CD",
        60,
        "Redesign a furnished room in a new style and colour palette.",
    ),
    (
        0x103,
        IMAGE_ENHANCEMENT,
        "AI Image Enhancement",
        "IE",
        45,
        "Correct light, colour and sharpness, with optional touches.",
    ),
    (
        0x104,
        DAY_TO_DUSK,
        "AI Day to Dusk",
        "D2D",
        40,
        "Turn a daytime exterior photo into a dusk or twilight shot.",
    ),
    (
        0x105,
        ITEM_REMOVAL,
        "AI Item Removal",
        "IR",
        30,
        "Remove furniture and clutter from a photo.",
    ),
    (
        0x106,
        ITEM_REMOVAL_MASK,
        "AI Item Removal Mask",
        "IRM",
        30,
        "Remove the items painted over with a mask.",
    ),
)

SERVICES: dict[str, Service] = {
    name: Service(
        id=f"65f2a7c1d8e94b0013c5e{n:03x}",
        name=name,
        title=title,
        description=description,
        tool=tool,
        required_space=name in (VIRTUAL_STAGING, INTERIOR_DESIGN, IMAGE_ENHANCEMENT),
        eta=eta,
    )
    for n, name, title, tool, eta, description in _SERVICE_ROWS
}
"""Every service by its upload ``service_name``; ``eta`` is the mock's, in seconds."""

_VS, _ID, _IE = (VIRTUAL_STAGING,), (INTERIOR_DESIGN,), (IMAGE_ENHANCEMENT,)
_VS_ID = (VIRTUAL_STAGING, INTERIOR_DESIGN)

# (id suffix, priority, title, services, description); the slug is the title's. The first
# nine are the spaces of the spec's examples; the rest are the legacy interior design page's
# and the Kotlin SDK's (without its odd suffixes such as "space-kitchen--").
_SPACE_ROWS: tuple[tuple[int, int, str, tuple[str, ...], str], ...] = (
    (0x201, 1, "Living Room", _VS_ID, "Sofas, coffee table, rug and lighting for a living area."),
    (0x202, 2, "Bedroom", _VS_ID, "Bed, nightstands, wardrobe and soft furnishings."),
    (0x203, 3, "Dining Room", _VS_ID, "Dining table, chairs and a pendant light."),
    (0x204, 4, "Home Office", _VS, "Desk, office chair and shelving."),
    (0x205, 5, "Kitchen", _ID, "Cabinets, worktops, island and bar stools."),
    (0x206, 6, "Bathroom", _ID, "Vanity, tiles, fixtures and towels."),
    (0x207, 7, "Hotel Lobby", _ID, "Reception desk, lounge seating and statement lighting."),
    (0x208, 1, "Indoor", _IE, "Interior photos."),
    (0x209, 2, "Outdoor", _IE, "Exterior photos."),
    (0x20A, 8, "Kids Room", _VS_ID, "Beds, toy storage and a play corner."),
    (0x20B, 9, "Guest Room", _ID, "A made-up bed, side tables and a luggage rack."),
    (0x20C, 10, "Office", _ID, "Workstations, meeting table and storage."),
    (0x20D, 11, "Studio", _VS, "Bed, sofa and dining corner in one room."),
    (0x20E, 12, "Foyer", _VS, "Console table, mirror, bench and coat rack."),
    (0x20F, 13, "Nursery", _VS, "Crib, changing table and a nursing chair."),
    (0x210, 14, "Living Dining Room", _VS, "A sofa area and a dining table in one space."),
    (0x211, 15, "Game Room", _ID, "Pool table, bar and lounge seating."),
    (0x212, 16, "Laundry Room", _ID, "Washer, dryer, shelving and a folding counter."),
    (0x213, 17, "Basement", _ID, "A finished lower level with lounge and storage."),
    (0x214, 18, "Hotel Room", _ID, "Bed, desk and lounge chair for a guest room."),
    (0x215, 19, "Car Garage", _ID, "Clean floor, wall storage and a workbench."),
    (0x216, 20, "Outdoor Patio", _ID, "Patio furniture, planters and outdoor lighting."),
    (0x217, 21, "Outdoor Garden", _ID, "Lawn, flower beds and garden seating."),
    (0x218, 22, "Home Gym", _ID, "Rack, bench, mats and mirrors."),
    (0x219, 23, "Wine Cellar", _ID, "Racks, a tasting table and low lighting."),
    (0x21A, 24, "Outdoor Pool Area", _ID, "Loungers, umbrellas and a clean pool deck."),
    (0x21B, 25, "Walk-in Closet", _ID, "Shelving, hanging rails and an island."),
    (0x21C, 26, "Exhibition Space", _ID, "Plinths, wall displays and gallery lighting."),
    (0x21D, 27, "Clothing Store", _ID, "Racks, shelving and a fitting area."),
    (0x21E, 28, "Coffee Shop", _ID, "Counter, espresso bar and cafe seating."),
)
_INACTIVE = frozenset({"Hotel Lobby", "Exhibition Space", "Clothing Store", "Coffee Shop"})
_PREMIUM = _INACTIVE | {"Hotel Room", "Wine Cellar"}

SPACES: tuple[Space, ...] = tuple(
    Space(
        id=f"6601b3e4a7c2d90014f8a{n:03x}",
        name="space-" + title.lower().replace(" ", "-"),
        title=title,
        description=description,
        prompt=title.lower(),
        active=title not in _INACTIVE,
        premium=title in _PREMIUM,
        priority=priority,
        services=services,
    )
    for n, priority, title, services, description in _SPACE_ROWS
)
"""Every space, in catalog order."""


def _items(rows: tuple[tuple[int, str, str, bool], ...]) -> tuple[Item, ...]:
    """Items from ``(id suffix, title, prompt, premium)`` rows; the icon slug is the title's."""
    return tuple(
        Item(
            id=f"6604d9a2c3e5f70016b0{n:04x}",
            title=title,
            prompt=prompt,
            slug=title.lower().replace(" ", "-"),
            premium=premium,
        )
        for n, title, prompt, premium in rows
    )


def _styles(rows: tuple[tuple[int, str, bool], ...]) -> tuple[Item, ...]:
    return _items(
        tuple((n, title, f"{title.lower()} style", premium) for n, title, premium in rows)
    )


def _widget(
    n: int, title: str, description: str, items: tuple[Item, ...], *, optional: bool, multi: bool
) -> Widget:
    return Widget(
        id=f"6603c8f1b2d4e60015a9b{n:03x}",
        title=title,
        description=description,
        optional=optional,
        multi=multi,
        # Style (or the only widget) first, then Color.
        priority=2 if title == "Color" else 1,
        items=items,
    )


# Styles and colours: the legacy interior design page's values, written out as titles;
# the first entries are those of the spec's examples, the rest follow in catalog order.
_STAGING_STYLE = _widget(
    0x301,
    "Style",
    "The furniture and decor style.",
    _styles(
        (
            (0xC401, "Modern", False),
            (0xC402, "Scandinavian", False),
            (0xC403, "Contemporary", False),
            (0xC404, "Farmhouse", False),
            (0xC405, "Industrial", False),
            (0xC41A, "Traditional", False),
            (0xC41B, "Urban Industrial", False),
            (0xC41C, "Hampton", True),
        )
    ),
    optional=False,
    multi=False,
)
_DESIGN_STYLE = _widget(
    0x302,
    "Style",
    "The interior design style.",
    _styles(
        (
            (0xC406, "Modern", False),
            (0xC407, "Scandinavian", False),
            (0xC408, "Hampton", True),
            (0xC409, "Farmhouse", False),
            (0xC40A, "Urban Industrial", False),
            (0xC41D, "Contemporary", False),
            (0xC41E, "Industrial", False),
            (0xC41F, "Traditional", False),
            (0xC420, "Diwali", True),
            (0xC421, "Christmas", True),
            (0xC422, "Valentine", True),
        )
    ),
    optional=False,
    multi=False,
)
_DESIGN_COLOR = _widget(
    0x303,
    "Color",
    "The colour palette.",
    _items(
        (
            (0xC40B, "Soft Neutrals", "soft neutral colours", False),
            (0xC40C, "Coastal Calm", "coastal calm colours", False),
            (0xC40D, "Earthy Neutrals", "earthy neutral colours", False),
            (0xC40E, "Cool Greys", "cool grey colours", False),
            (0xC40F, "Deep Blues", "deep blue colours", False),
            (0xC423, "Crisp Winter", "crisp winter colours", False),
            (0xC424, "Sea Breeze", "sea breeze colours", False),
            (0xC425, "Rocket Pop", "rocket pop colours", False),
            (0xC426, "Cotton Candy", "cotton candy colours", False),
            (0xC427, "70s Retro", "70s retro colours", False),
            (0xC428, "Forest Getaway", "forest getaway colours", False),
            (0xC429, "Candy Shop", "candy shop colours", False),
            (0xC42A, "Natural Green", "natural green colours", False),
            (0xC42B, "Minimalist Monochrome", "minimalist monochrome colours", False),
            (0xC42C, "Pastel Calm", "pastel calm colours", False),
            (0xC42D, "Snow White", "snow white colours", False),
            (0xC42E, "Peach Fuzz 2024", "peach fuzz colours", True),
            (0xC42F, "Dark", "dark colours", False),
        )
    ),
    optional=True,
    multi=False,
)
# Enhancement toggles: the v3 MCP server's indoor items, plus outdoor ones of the mock's.
_INDOOR_OPTIONS = _widget(
    0x304,
    "Enhancement Options",
    "Optional touches applied with the enhancement.",
    _items(
        (
            (0xC410, "Add Fire to Fireplace", "add fire to fireplace", False),
            (0xC411, "Add Screen to TV", "add screen to tv", False),
            (0xC412, "Turn On Lights", "turn on lights", False),
        )
    ),
    optional=True,
    multi=True,
)
_OUTDOOR_OPTIONS = _widget(
    0x305,
    "Enhancement Options",
    "Optional touches applied with the enhancement.",
    _items(
        (
            (0xC413, "Green Lawn", "green lawn", False),
            (0xC414, "Blue Sky", "blue sky", False),
            (0xC415, "Clean Pool Water", "clean pool water", False),
        )
    ),
    optional=True,
    multi=True,
)
# The Day to Dusk page's example labels; the fourth completes the pattern (the order
# details sample records "Twilight Sky Without Cloud").
_SKY_STYLE = _widget(
    0x306,
    "Sky Style",
    "The sky to put in the picture.",
    _items(
        (
            (0xC416, "Dusk with cloud", "dusk sky with clouds", False),
            (0xC417, "Dusk without cloud", "dusk sky without clouds", False),
            (0xC418, "Twilight with cloud", "twilight sky with clouds", False),
            (0xC419, "Twilight without cloud", "twilight sky without clouds", False),
        )
    ),
    optional=False,
    multi=False,
)

_WIDGETS: tuple[Widget, ...] = (
    _STAGING_STYLE,
    _DESIGN_STYLE,
    _DESIGN_COLOR,
    _INDOOR_OPTIONS,
    _OUTDOOR_OPTIONS,
    _SKY_STYLE,
)
_BY_SERVICE: dict[str, tuple[Widget, ...]] = {
    VIRTUAL_STAGING: (_STAGING_STYLE,),
    INTERIOR_DESIGN: (_DESIGN_STYLE, _DESIGN_COLOR),
    DAY_TO_DUSK: (_SKY_STYLE,),
}
_BY_SPACE: dict[str, tuple[Widget, ...]] = {
    "space-indoor": (_INDOOR_OPTIONS,),
    "space-outdoor": (_OUTDOOR_OPTIONS,),
}


def canonical_service(name: str) -> str:
    """The upload ``service_name`` a catalog query's ``service_name`` means."""
    return _ALIASES.get(name, name)


def spaces_for(service: str, *, active_only: bool = False) -> list[Space]:
    """The spaces of ``service`` (an upload name), by priority then name."""
    found = [s for s in SPACES if service in s.services and (s.active or not active_only)]
    return sorted(found, key=lambda s: (s.priority, s.name))


def space_of(service: str, name: str) -> Space | None:
    """The space ``name`` if ``service`` offers it (active or not), else None."""
    return next((s for s in spaces_for(service) if s.name == name), None)


def widgets_for(service: str, space: str | None = None) -> list[Widget]:
    """The widgets of ``service`` for ``space``, by priority (item removal has none).

    Image enhancement's widget depends on the space; the other services ignore it.
    """
    if service == IMAGE_ENHANCEMENT:
        found = _BY_SPACE.get(space or "", ())
    else:
        found = _BY_SERVICE.get(service, ())
    return sorted(found, key=lambda w: w.priority)


def find_widget(widget_id: str) -> Widget | None:
    """Any catalog widget by id, or None."""
    return next((w for w in _WIDGETS if w.id == widget_id), None)
