from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CreateProcessResult")


@_attrs_define
class CreateProcessResult:
    """The new process (one id) and, for mask tools, its group.

    Attributes:
        process_ids (list[str]):
        process_group_id (str | Unset): Only for tools that create a group (Item Removal Mask).
    """

    process_ids: list[str]
    process_group_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        process_ids = self.process_ids

        process_group_id = self.process_group_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "process_ids": process_ids,
            }
        )
        if process_group_id is not UNSET:
            field_dict["process_group_id"] = process_group_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        process_ids = cast(list[str], d.pop("process_ids"))

        process_group_id = d.pop("process_group_id", UNSET)

        create_process_result = cls(
            process_ids=process_ids,
            process_group_id=process_group_id,
        )

        create_process_result.additional_properties = d
        return create_process_result

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
