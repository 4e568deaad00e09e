from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookFinalAsset")


@_attrs_define
class WebhookFinalAsset:
    """A result image in the webhook.

    Attributes:
        asset_id (str):
        asset_type (str): Always `image`.
        temp_src (str): Direct URL of the full-resolution result.
        temp_thumbnail_src (str): Direct URL of a smaller thumbnail.
    """

    asset_id: str
    asset_type: str
    temp_src: str
    temp_thumbnail_src: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        asset_id = self.asset_id

        asset_type = self.asset_type

        temp_src = self.temp_src

        temp_thumbnail_src = self.temp_thumbnail_src

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "asset_id": asset_id,
                "asset_type": asset_type,
                "temp_src": temp_src,
                "temp_thumbnail_src": temp_thumbnail_src,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        asset_id = d.pop("asset_id")

        asset_type = d.pop("asset_type")

        temp_src = d.pop("temp_src")

        temp_thumbnail_src = d.pop("temp_thumbnail_src")

        webhook_final_asset = cls(
            asset_id=asset_id,
            asset_type=asset_type,
            temp_src=temp_src,
            temp_thumbnail_src=temp_thumbnail_src,
        )

        webhook_final_asset.additional_properties = d
        return webhook_final_asset

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
