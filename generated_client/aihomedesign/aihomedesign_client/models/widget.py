from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.widget_item import WidgetItem


T = TypeVar("T", bound="Widget")


@_attrs_define
class Widget:
    """A widget (an option group); its `id` is sent as `selected_widgets[].id`.

    Attributes:
        id (str):
        title (str): e.g. Style, Color, Sky Style, Enhancement Options.
        description (str):
        is_optional (bool): `false` means mandatory for the service.
        items (list[WidgetItem]):
        priority (int): Sort order.
        type_ (str): `single-select` or `multi-select` in the mock (the vendor documents no values). Open string:
            tolerate other values.
    """

    id: str
    title: str
    description: str
    is_optional: bool
    items: list[WidgetItem]
    priority: int
    type_: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        description = self.description

        is_optional = self.is_optional

        items = []
        for items_item_data in self.items:
            items_item = items_item_data.to_dict()
            items.append(items_item)

        priority = self.priority

        type_ = self.type_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "description": description,
                "is_optional": is_optional,
                "items": items,
                "priority": priority,
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.widget_item import WidgetItem  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        description = d.pop("description")

        is_optional = d.pop("is_optional")

        items = []
        _items = d.pop("items")
        for items_item_data in _items:
            items_item = WidgetItem.from_dict(items_item_data)

            items.append(items_item)

        priority = d.pop("priority")

        type_ = d.pop("type")

        widget = cls(
            id=id,
            title=title,
            description=description,
            is_optional=is_optional,
            items=items,
            priority=priority,
            type_=type_,
        )

        widget.additional_properties = d
        return widget

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
