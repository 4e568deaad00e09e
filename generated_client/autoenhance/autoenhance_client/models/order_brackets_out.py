from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.bracket_out import BracketOut


T = TypeVar("T", bound="OrderBracketsOut")


@_attrs_define
class OrderBracketsOut:
    """
    Example:
        {'brackets': []}

    Attributes:
        brackets (list[BracketOut]):
    """

    brackets: list[BracketOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        brackets = []
        for brackets_item_data in self.brackets:
            brackets_item = brackets_item_data.to_dict()
            brackets.append(brackets_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "brackets": brackets,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bracket_out import BracketOut  # noqa: PLC0415

        d = dict(src_dict)
        brackets = []
        _brackets = d.pop("brackets")
        for brackets_item_data in _brackets:
            brackets_item = BracketOut.from_dict(brackets_item_data)

            brackets.append(brackets_item)

        order_brackets_out = cls(
            brackets=brackets,
        )

        order_brackets_out.additional_properties = d
        return order_brackets_out

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
