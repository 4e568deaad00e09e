from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="SubmitOrderResponse")


@_attrs_define
class SubmitOrderResponse:
    """The generated image being produced.

    Attributes:
        order_id (str): The submitted order.
        image_id (str): The id of the generated image being produced: `generated_images[].id` in `get_order`, `image.id`
            in the webhook, `generated_image_id` for upscaling.
        eta (int): Estimated seconds until the image is ready.
    """

    order_id: str
    image_id: str
    eta: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_id = self.order_id

        image_id = self.image_id

        eta = self.eta

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "order_id": order_id,
                "image_id": image_id,
                "eta": eta,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        order_id = d.pop("order_id")

        image_id = d.pop("image_id")

        eta = d.pop("eta")

        submit_order_response = cls(
            order_id=order_id,
            image_id=image_id,
            eta=eta,
        )

        submit_order_response.additional_properties = d
        return submit_order_response

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
