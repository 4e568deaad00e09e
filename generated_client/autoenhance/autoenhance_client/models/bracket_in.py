from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.metadata import Metadata


T = TypeVar("T", bound="BracketIn")


@_attrs_define
class BracketIn:
    """
    Example:
        {'name': 'kitchen-ev-2.jpg', 'order_id': '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a'}

    Attributes:
        name (str): The file name of the bracket; the grouped image takes the name of its first bracket.
        order_id (str): The ID of an existing order.
        metadata (Metadata | Unset): Free-form metadata, stored and returned unchanged. Example: {'room': 'living'}.
    """

    name: str
    order_id: str
    metadata: Metadata | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        order_id = self.order_id

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "order_id": order_id,
            }
        )
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metadata import Metadata  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        order_id = d.pop("order_id")

        _metadata = d.pop("metadata", UNSET)
        metadata: Metadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Metadata.from_dict(_metadata)

        bracket_in = cls(
            name=name,
            order_id=order_id,
            metadata=metadata,
        )

        return bracket_in
