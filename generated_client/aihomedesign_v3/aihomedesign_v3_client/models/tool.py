from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tool_widget import ToolWidget


T = TypeVar("T", bound="Tool")


@_attrs_define
class Tool:
    """A tool a process can run.

    Attributes:
        id (str):
        name (str):
        slug (str):
        is_active (bool):
        slots (list[str] | Unset): Input slots (mock addition).
        widgets (list[ToolWidget] | Unset): Widgets (mock addition).
    """

    id: str
    name: str
    slug: str
    is_active: bool
    slots: list[str] | Unset = UNSET
    widgets: list[ToolWidget] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        slug = self.slug

        is_active = self.is_active

        slots: list[str] | Unset = UNSET
        if not isinstance(self.slots, Unset):
            slots = self.slots

        widgets: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.widgets, Unset):
            widgets = []
            for widgets_item_data in self.widgets:
                widgets_item = widgets_item_data.to_dict()
                widgets.append(widgets_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "slug": slug,
                "isActive": is_active,
            }
        )
        if slots is not UNSET:
            field_dict["slots"] = slots
        if widgets is not UNSET:
            field_dict["widgets"] = widgets

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_widget import ToolWidget  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        slug = d.pop("slug")

        is_active = d.pop("isActive")

        slots = cast(list[str], d.pop("slots", UNSET))

        _widgets = d.pop("widgets", UNSET)
        widgets: list[ToolWidget] | Unset = UNSET
        if _widgets is not UNSET:
            widgets = []
            for widgets_item_data in _widgets:
                widgets_item = ToolWidget.from_dict(widgets_item_data)

                widgets.append(widgets_item)

        tool = cls(
            id=id,
            name=name,
            slug=slug,
            is_active=is_active,
            slots=slots,
            widgets=widgets,
        )

        tool.additional_properties = d
        return tool

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
