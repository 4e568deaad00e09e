from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.webhook_image import WebhookImage


T = TypeVar("T", bound="GeneratedImageWebhook")


@_attrs_define
class GeneratedImageWebhook:
    """The generated-image webhook body (one per generated image).

    Attributes:
        order_id (str):
        image (WebhookImage): The generated image in the generated-image webhook.
        service_name (str):
        user_id (str):
    """

    order_id: str
    image: WebhookImage
    service_name: str
    user_id: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_id = self.order_id

        image = self.image.to_dict()

        service_name = self.service_name

        user_id = self.user_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "order_id": order_id,
                "image": image,
                "service_name": service_name,
                "user_id": user_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_image import WebhookImage  # noqa: PLC0415

        d = dict(src_dict)
        order_id = d.pop("order_id")

        image = WebhookImage.from_dict(d.pop("image"))

        service_name = d.pop("service_name")

        user_id = d.pop("user_id")

        generated_image_webhook = cls(
            order_id=order_id,
            image=image,
            service_name=service_name,
            user_id=user_id,
        )

        generated_image_webhook.additional_properties = d
        return generated_image_webhook

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
