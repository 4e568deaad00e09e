from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.asset_role import AssetRole

T = TypeVar("T", bound="Asset")


@_attrs_define
class Asset:
    """An uploaded image of an order.

    Attributes:
        id (str): The asset id to use in a process's `asset_map`.
        role (AssetRole): What an uploaded image is: the main photo (one per order), a second angle (at most one), or a
            mask for mask tools. Example: primary_angle.
        asset_type (str): Always `image`.
        src (str): The image.
        thumbnail_src (str): A smaller image.
    """

    id: str
    role: AssetRole
    asset_type: str
    src: str
    thumbnail_src: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        role = self.role.value

        asset_type = self.asset_type

        src = self.src

        thumbnail_src = self.thumbnail_src

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "role": role,
                "asset_type": asset_type,
                "src": src,
                "thumbnail_src": thumbnail_src,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        role = AssetRole(d.pop("role"))

        asset_type = d.pop("asset_type")

        src = d.pop("src")

        thumbnail_src = d.pop("thumbnail_src")

        asset = cls(
            id=id,
            role=role,
            asset_type=asset_type,
            src=src,
            thumbnail_src=thumbnail_src,
        )

        asset.additional_properties = d
        return asset

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
