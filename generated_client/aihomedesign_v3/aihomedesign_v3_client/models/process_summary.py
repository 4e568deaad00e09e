from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.process_status import ProcessStatus

T = TypeVar("T", bound="ProcessSummary")


@_attrs_define
class ProcessSummary:
    """A process run on an order.

    Attributes:
        process_id (str):
        tool (str):
        status (ProcessStatus): `pending` → `processing` → `done` | `failed`.
    """

    process_id: str
    tool: str
    status: ProcessStatus
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        process_id = self.process_id

        tool = self.tool

        status = self.status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "process_id": process_id,
                "tool": tool,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        process_id = d.pop("process_id")

        tool = d.pop("tool")

        status = ProcessStatus(d.pop("status"))

        process_summary = cls(
            process_id=process_id,
            tool=tool,
            status=status,
        )

        process_summary.additional_properties = d
        return process_summary

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
