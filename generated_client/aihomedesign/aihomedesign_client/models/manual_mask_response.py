from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ManualMaskResponse")


@_attrs_define
class ManualMaskResponse:
    """The masked generation that started.

    Example:
        {'order_id': '6672a9e3f1b2c40017d5e6a1', 'image_id': '6672aa1cf1b2c40017d5e6c4', 'eta': 30, 'maskId':
            '6672aa1cf1b2c40017d5e6c4'}

    Attributes:
        order_id (str):
        image_id (str):
        eta (int): Seconds until the masked image is ready.
        mask_id (str): Equal to `image_id` (the Kotlin SDK's latest model reads this name).
    """

    order_id: str
    image_id: str
    eta: int
    mask_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_id = self.order_id

        image_id = self.image_id

        eta = self.eta

        mask_id = self.mask_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "order_id": order_id,
                "image_id": image_id,
                "eta": eta,
                "maskId": mask_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        order_id = d.pop("order_id")

        image_id = d.pop("image_id")

        eta = d.pop("eta")

        mask_id = d.pop("maskId")

        manual_mask_response = cls(
            order_id=order_id,
            image_id=image_id,
            eta=eta,
            mask_id=mask_id,
        )

        manual_mask_response.additional_properties = d
        return manual_mask_response

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
