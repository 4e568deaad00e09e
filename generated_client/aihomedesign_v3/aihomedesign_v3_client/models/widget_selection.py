from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WidgetSelection")


@_attrs_define
class WidgetSelection:
    """The items chosen for one widget of the tool.

    Attributes:
        slug (str): `widget-<purpose>-<tool>`
        item_slugs (list[str]): `item-<value>-<widget>`; one, or several on a multi-select widget.
    """

    slug: str
    item_slugs: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        slug = self.slug

        item_slugs = self.item_slugs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "slug": slug,
                "item_slugs": item_slugs,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        slug = d.pop("slug")

        item_slugs = cast(list[str], d.pop("item_slugs"))

        widget_selection = cls(
            slug=slug,
            item_slugs=item_slugs,
        )

        widget_selection.additional_properties = d
        return widget_selection

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
