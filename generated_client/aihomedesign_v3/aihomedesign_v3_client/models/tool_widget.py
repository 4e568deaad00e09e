from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.tool_widget_select import ToolWidgetSelect

T = TypeVar("T", bound="ToolWidget")


@_attrs_define
class ToolWidget:
    """A widget of a tool and its items (the mock's catalog).

    Attributes:
        slug (str):
        select (ToolWidgetSelect):
        required (bool):
        item_slugs (list[str]):
    """

    slug: str
    select: ToolWidgetSelect
    required: bool
    item_slugs: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        slug = self.slug

        select = self.select.value

        required = self.required

        item_slugs = self.item_slugs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "slug": slug,
                "select": select,
                "required": required,
                "item_slugs": item_slugs,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        slug = d.pop("slug")

        select = ToolWidgetSelect(d.pop("select"))

        required = d.pop("required")

        item_slugs = cast(list[str], d.pop("item_slugs"))

        tool_widget = cls(
            slug=slug,
            select=select,
            required=required,
            item_slugs=item_slugs,
        )

        tool_widget.additional_properties = d
        return tool_widget

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
