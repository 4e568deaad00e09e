from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Pagination")


@_attrs_define
class Pagination:
    """
    Example:
        {'next_offset': '5', 'per_page': 5}

    Attributes:
        next_offset (None | str): The offset token for the next page of results or null if it is the last page. Pass
            this to the `offset` parameter when loading the next page.
        per_page (int): The amount of items per page of results. Default: 5.
    """

    next_offset: None | str
    per_page: int = 5
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        next_offset: None | str
        next_offset = self.next_offset

        per_page = self.per_page

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "next_offset": next_offset,
                "per_page": per_page,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_next_offset(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_offset = _parse_next_offset(d.pop("next_offset"))

        per_page = d.pop("per_page")

        pagination = cls(
            next_offset=next_offset,
            per_page=per_page,
        )

        pagination.additional_properties = d
        return pagination

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
