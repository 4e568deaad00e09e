from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.create_process_request_asset_map import CreateProcessRequestAssetMap
    from ..models.widget_selection import WidgetSelection


T = TypeVar("T", bound="CreateProcessRequest")


@_attrs_define
class CreateProcessRequest:
    """A tool to run on an order's assets.

    Attributes:
        order_id (str):
        tool (str): The tool slug, e.g. `tool-virtual-staging`.
        asset_map (CreateProcessRequestAssetMap): Each input slot of the tool → an asset id of the order.
        widgets (list[WidgetSelection] | Unset): The widget items; required widgets depend on the tool.
        process_group_id (str | Unset): Links this process to an earlier one (mask tools).
    """

    order_id: str
    tool: str
    asset_map: CreateProcessRequestAssetMap
    widgets: list[WidgetSelection] | Unset = UNSET
    process_group_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_id = self.order_id

        tool = self.tool

        asset_map = self.asset_map.to_dict()

        widgets: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.widgets, Unset):
            widgets = []
            for widgets_item_data in self.widgets:
                widgets_item = widgets_item_data.to_dict()
                widgets.append(widgets_item)

        process_group_id = self.process_group_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "order_id": order_id,
                "tool": tool,
                "asset_map": asset_map,
            }
        )
        if widgets is not UNSET:
            field_dict["widgets"] = widgets
        if process_group_id is not UNSET:
            field_dict["process_group_id"] = process_group_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.create_process_request_asset_map import CreateProcessRequestAssetMap  # noqa: PLC0415
        from ..models.widget_selection import WidgetSelection  # noqa: PLC0415

        d = dict(src_dict)
        order_id = d.pop("order_id")

        tool = d.pop("tool")

        asset_map = CreateProcessRequestAssetMap.from_dict(d.pop("asset_map"))

        _widgets = d.pop("widgets", UNSET)
        widgets: list[WidgetSelection] | Unset = UNSET
        if _widgets is not UNSET:
            widgets = []
            for widgets_item_data in _widgets:
                widgets_item = WidgetSelection.from_dict(widgets_item_data)

                widgets.append(widgets_item)

        process_group_id = d.pop("process_group_id", UNSET)

        create_process_request = cls(
            order_id=order_id,
            tool=tool,
            asset_map=asset_map,
            widgets=widgets,
            process_group_id=process_group_id,
        )

        create_process_request.additional_properties = d
        return create_process_request

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
