from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.asset_role import AssetRole
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="AppendAssetsForm")


@_attrs_define
class AppendAssetsForm:
    """Images to add to an order; roles align with files by position.

    Attributes:
        asset_file (list[File]): One image per part (JPEG, PNG or WEBP).
        asset_role (list[AssetRole] | Unset): The role of each image, by position.
        asset_roles (list[AssetRole] | Unset): The docs' spelling of `asset_role`.
    """

    asset_file: list[File]
    asset_role: list[AssetRole] | Unset = UNSET
    asset_roles: list[AssetRole] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        asset_file = []
        for asset_file_item_data in self.asset_file:
            asset_file_item = asset_file_item_data.to_tuple()

            asset_file.append(asset_file_item)

        asset_role: list[str] | Unset = UNSET
        if not isinstance(self.asset_role, Unset):
            asset_role = []
            for asset_role_item_data in self.asset_role:
                asset_role_item = asset_role_item_data.value
                asset_role.append(asset_role_item)

        asset_roles: list[str] | Unset = UNSET
        if not isinstance(self.asset_roles, Unset):
            asset_roles = []
            for asset_roles_item_data in self.asset_roles:
                asset_roles_item = asset_roles_item_data.value
                asset_roles.append(asset_roles_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "asset_file": asset_file,
            }
        )
        if asset_role is not UNSET:
            field_dict["asset_role"] = asset_role
        if asset_roles is not UNSET:
            field_dict["asset_roles"] = asset_roles

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        for asset_file_item_element in self.asset_file:
            files.append(("asset_file", asset_file_item_element.to_tuple()))

        if not isinstance(self.asset_role, Unset):
            for asset_role_item_element in self.asset_role:
                files.append(("asset_role", (None, str(asset_role_item_element.value).encode(), "text/plain")))

        if not isinstance(self.asset_roles, Unset):
            for asset_roles_item_element in self.asset_roles:
                files.append(("asset_roles", (None, str(asset_roles_item_element.value).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        asset_file = []
        _asset_file = d.pop("asset_file")
        for asset_file_item_data in _asset_file:
            asset_file_item = File(payload=BytesIO(asset_file_item_data))

            asset_file.append(asset_file_item)

        _asset_role = d.pop("asset_role", UNSET)
        asset_role: list[AssetRole] | Unset = UNSET
        if _asset_role is not UNSET:
            asset_role = []
            for asset_role_item_data in _asset_role:
                asset_role_item = AssetRole(asset_role_item_data)

                asset_role.append(asset_role_item)

        _asset_roles = d.pop("asset_roles", UNSET)
        asset_roles: list[AssetRole] | Unset = UNSET
        if _asset_roles is not UNSET:
            asset_roles = []
            for asset_roles_item_data in _asset_roles:
                asset_roles_item = AssetRole(asset_roles_item_data)

                asset_roles.append(asset_roles_item)

        append_assets_form = cls(
            asset_file=asset_file,
            asset_role=asset_role,
            asset_roles=asset_roles,
        )

        append_assets_form.additional_properties = d
        return append_assets_form

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
