from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.process_status import ProcessStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.final_asset import FinalAsset
    from ..models.process_asset_map import ProcessAssetMap
    from ..models.widget_selection import WidgetSelection


T = TypeVar("T", bound="Process")


@_attrs_define
class Process:
    """One AI job and its results.

    Attributes:
        id (str):
        process_id (str): Same as `id`.
        order_id (str):
        tool (str):
        status (ProcessStatus): `pending` → `processing` → `done` | `failed`.
        asset_map (ProcessAssetMap):
        widgets (list[WidgetSelection]):
        final_assets (list[FinalAsset]): The results once `done`; empty before and on failure.
        created_at (str):
        updated_at (str):
        process_group_id (str | Unset):
        error (str | Unset): Why a `failed` process failed.
    """

    id: str
    process_id: str
    order_id: str
    tool: str
    status: ProcessStatus
    asset_map: ProcessAssetMap
    widgets: list[WidgetSelection]
    final_assets: list[FinalAsset]
    created_at: str
    updated_at: str
    process_group_id: str | Unset = UNSET
    error: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        process_id = self.process_id

        order_id = self.order_id

        tool = self.tool

        status = self.status.value

        asset_map = self.asset_map.to_dict()

        widgets = []
        for widgets_item_data in self.widgets:
            widgets_item = widgets_item_data.to_dict()
            widgets.append(widgets_item)

        final_assets = []
        for final_assets_item_data in self.final_assets:
            final_assets_item = final_assets_item_data.to_dict()
            final_assets.append(final_assets_item)

        created_at = self.created_at

        updated_at = self.updated_at

        process_group_id = self.process_group_id

        error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "process_id": process_id,
                "order_id": order_id,
                "tool": tool,
                "status": status,
                "asset_map": asset_map,
                "widgets": widgets,
                "final_assets": final_assets,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if process_group_id is not UNSET:
            field_dict["process_group_id"] = process_group_id
        if error is not UNSET:
            field_dict["error"] = error

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.final_asset import FinalAsset  # noqa: PLC0415
        from ..models.process_asset_map import ProcessAssetMap  # noqa: PLC0415
        from ..models.widget_selection import WidgetSelection  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        process_id = d.pop("process_id")

        order_id = d.pop("order_id")

        tool = d.pop("tool")

        status = ProcessStatus(d.pop("status"))

        asset_map = ProcessAssetMap.from_dict(d.pop("asset_map"))

        widgets = []
        _widgets = d.pop("widgets")
        for widgets_item_data in _widgets:
            widgets_item = WidgetSelection.from_dict(widgets_item_data)

            widgets.append(widgets_item)

        final_assets = []
        _final_assets = d.pop("final_assets")
        for final_assets_item_data in _final_assets:
            final_assets_item = FinalAsset.from_dict(final_assets_item_data)

            final_assets.append(final_assets_item)

        created_at = d.pop("created_at")

        updated_at = d.pop("updated_at")

        process_group_id = d.pop("process_group_id", UNSET)

        error = d.pop("error", UNSET)

        process = cls(
            id=id,
            process_id=process_id,
            order_id=order_id,
            tool=tool,
            status=status,
            asset_map=asset_map,
            widgets=widgets,
            final_assets=final_assets,
            created_at=created_at,
            updated_at=updated_at,
            process_group_id=process_group_id,
            error=error,
        )

        process.additional_properties = d
        return process

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
