from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WidgetItem")


@_attrs_define
class WidgetItem:
    """One choice of a widget; its `id` is sent as `selected_widgets[].item_id`.

    Attributes:
        id (str):
        title (str):
        prompt (str):
        icon_src (str):
        is_premium (bool):
    """

    id: str
    title: str
    prompt: str
    icon_src: str
    is_premium: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        title = self.title

        prompt = self.prompt

        icon_src = self.icon_src

        is_premium = self.is_premium

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "title": title,
                "prompt": prompt,
                "icon_src": icon_src,
                "is_premium": is_premium,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        title = d.pop("title")

        prompt = d.pop("prompt")

        icon_src = d.pop("icon_src")

        is_premium = d.pop("is_premium")

        widget_item = cls(
            id=id,
            title=title,
            prompt=prompt,
            icon_src=icon_src,
            is_premium=is_premium,
        )

        widget_item.additional_properties = d
        return widget_item

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
