from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ImageProcessedEvent")


@_attrs_define
class ImageProcessedEvent:
    """
    Example:
        {'event': 'image_processed', 'image_id': '8c4f1f6e-2b7d-4d3a-9e0f-6a5b4c3d2e1f', 'error': False, 'order_id':
            '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a', 'order_is_processing': False}

    Attributes:
        event (Literal['image_processed']):
        image_id (str): The processed image.
        error (bool): True if the image errored.
        order_id (str): The image's order.
        order_is_processing (bool): True while the order still has images processing, false when all are done.
    """

    event: Literal["image_processed"]
    image_id: str
    error: bool
    order_id: str
    order_is_processing: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event

        image_id = self.image_id

        error = self.error

        order_id = self.order_id

        order_is_processing = self.order_is_processing

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event": event,
                "image_id": image_id,
                "error": error,
                "order_id": order_id,
                "order_is_processing": order_is_processing,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event = cast(Literal["image_processed"], d.pop("event"))
        if event != "image_processed":
            raise ValueError(f"event must match const 'image_processed', got '{event}'")

        image_id = d.pop("image_id")

        error = d.pop("error")

        order_id = d.pop("order_id")

        order_is_processing = d.pop("order_is_processing")

        image_processed_event = cls(
            event=event,
            image_id=image_id,
            error=error,
            order_id=order_id,
            order_is_processing=order_is_processing,
        )

        image_processed_event.additional_properties = d
        return image_processed_event

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
