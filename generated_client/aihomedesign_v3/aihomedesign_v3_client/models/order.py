from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.order_status import OrderStatus

if TYPE_CHECKING:
    from ..models.asset import Asset
    from ..models.process_summary import ProcessSummary


T = TypeVar("T", bound="Order")


@_attrs_define
class Order:
    """Uploaded images (assets) and the processes run on them.

    Attributes:
        order_id (str):
        project_id (str):
        status (OrderStatus): `active` while a process is pending or processing, else `idle`.
        assets (list[Asset]):
        processes (list[ProcessSummary]):
        created_at (str): RFC 3339 UTC with milliseconds.
    """

    order_id: str
    project_id: str
    status: OrderStatus
    assets: list[Asset]
    processes: list[ProcessSummary]
    created_at: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_id = self.order_id

        project_id = self.project_id

        status = self.status.value

        assets = []
        for assets_item_data in self.assets:
            assets_item = assets_item_data.to_dict()
            assets.append(assets_item)

        processes = []
        for processes_item_data in self.processes:
            processes_item = processes_item_data.to_dict()
            processes.append(processes_item)

        created_at = self.created_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "order_id": order_id,
                "project_id": project_id,
                "status": status,
                "assets": assets,
                "processes": processes,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.asset import Asset  # noqa: PLC0415
        from ..models.process_summary import ProcessSummary  # noqa: PLC0415

        d = dict(src_dict)
        order_id = d.pop("order_id")

        project_id = d.pop("project_id")

        status = OrderStatus(d.pop("status"))

        assets = []
        _assets = d.pop("assets")
        for assets_item_data in _assets:
            assets_item = Asset.from_dict(assets_item_data)

            assets.append(assets_item)

        processes = []
        _processes = d.pop("processes")
        for processes_item_data in _processes:
            processes_item = ProcessSummary.from_dict(processes_item_data)

            processes.append(processes_item)

        created_at = d.pop("created_at")

        order = cls(
            order_id=order_id,
            project_id=project_id,
            status=status,
            assets=assets,
            processes=processes,
            created_at=created_at,
        )

        order.additional_properties = d
        return order

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
