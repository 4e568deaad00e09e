from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="UpscaleWebhook")


@_attrs_define
class UpscaleWebhook:
    """The upscale download webhook body.

    Attributes:
        generated_image_id (str):
        upscaled_image_src (str): The download link of the upscaled image.
        user_id (str):
    """

    generated_image_id: str
    upscaled_image_src: str
    user_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        generated_image_id = self.generated_image_id

        upscaled_image_src = self.upscaled_image_src

        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "generated_image_id": generated_image_id,
                "upscaled_image_src": upscaled_image_src,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        generated_image_id = d.pop("generated_image_id")

        upscaled_image_src = d.pop("upscaled_image_src")

        user_id = d.pop("user_id")

        upscale_webhook = cls(
            generated_image_id=generated_image_id,
            upscaled_image_src=upscaled_image_src,
            user_id=user_id,
        )

        upscale_webhook.additional_properties = d
        return upscale_webhook

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
