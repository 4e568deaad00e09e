from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrderImageIn")


@_attrs_define
class OrderImageIn:
    """
    Example:
        {'bracket_ids': ['0b8e2d3c-1a4f-4b5e-8c7d-9e0f1a2b3c4d', '1c9f3e4d-2b5a-4c6f-9d8e-0f1a2b3c4d5e']}

    Attributes:
        bracket_ids (list[str] | Unset):
    """

    bracket_ids: list[str] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        bracket_ids: list[str] | Unset = UNSET
        if not isinstance(self.bracket_ids, Unset):
            bracket_ids = self.bracket_ids

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if bracket_ids is not UNSET:
            field_dict["bracket_ids"] = bracket_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        bracket_ids = cast(list[str], d.pop("bracket_ids", UNSET))

        order_image_in = cls(
            bracket_ids=bracket_ids,
        )

        return order_image_in
