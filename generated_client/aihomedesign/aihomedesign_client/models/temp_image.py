from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TempImage")


@_attrs_define
class TempImage:
    """The latest temp image of an Item Removal Mask order.

    Example:
        {'image_id': '6672aa1cf1b2c40017d5e6b3', 'url': 'https://aihd-
            after.s3.amazonaws.com/6672aa1cf1b2c40017d5e6b3.jpeg'}

    Attributes:
        image_id (str): The generated image's id (send it to `POST /v1/order/done`).
        url (str): The image's URL (its `src`).
    """

    image_id: str
    url: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        image_id = self.image_id

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image_id": image_id,
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        image_id = d.pop("image_id")

        url = d.pop("url")

        temp_image = cls(
            image_id=image_id,
            url=url,
        )

        temp_image.additional_properties = d
        return temp_image

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
