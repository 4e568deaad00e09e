from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.generated_image import GeneratedImage
    from ..models.order_service import OrderService


T = TypeVar("T", bound="Order")


@_attrs_define
class Order:
    """An order, as `get_order` returns it.

    Attributes:
        id (str): The order id.
        user_id (str):
        email (str): The account's e-mail address.
        before_image_id (str):
        before_image_src (str): The uploaded image's URL.
        space (str): The last submitted `space_name`; `""` before submit and for services without spaces.
        status (str): `idle` when nothing is being generated (after upload and after every image finished), `active`
            while an image is processing. The vendor documents only `idle`. Open string: tolerate other values.
        service (OrderService): The service record embedded in an order. Note the capitalised `ID`, as the vendor sends
            it.
        service_name (str): The service chosen at upload.
        object_ (str): Always `""` in the vendor's sample and in the mock.
        sample_image_used (bool): Whether a vendor sample image was used; `false` for API uploads in the mock.
        generated_images (list[GeneratedImage]): The generated images, oldest first.
        created_at (datetime.datetime):
    """

    id: str
    user_id: str
    email: str
    before_image_id: str
    before_image_src: str
    space: str
    status: str
    service: OrderService
    service_name: str
    object_: str
    sample_image_used: bool
    generated_images: list[GeneratedImage]
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        user_id = self.user_id

        email = self.email

        before_image_id = self.before_image_id

        before_image_src = self.before_image_src

        space = self.space

        status = self.status

        service = self.service.to_dict()

        service_name = self.service_name

        object_ = self.object_

        sample_image_used = self.sample_image_used

        generated_images = []
        for generated_images_item_data in self.generated_images:
            generated_images_item = generated_images_item_data.to_dict()
            generated_images.append(generated_images_item)

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "user_id": user_id,
                "email": email,
                "before_image_id": before_image_id,
                "before_image_src": before_image_src,
                "space": space,
                "status": status,
                "service": service,
                "service_name": service_name,
                "object": object_,
                "sample_image_used": sample_image_used,
                "generated_images": generated_images,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.generated_image import GeneratedImage  # noqa: PLC0415
        from ..models.order_service import OrderService  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        user_id = d.pop("user_id")

        email = d.pop("email")

        before_image_id = d.pop("before_image_id")

        before_image_src = d.pop("before_image_src")

        space = d.pop("space")

        status = d.pop("status")

        service = OrderService.from_dict(d.pop("service"))

        service_name = d.pop("service_name")

        object_ = d.pop("object")

        sample_image_used = d.pop("sample_image_used")

        generated_images = []
        _generated_images = d.pop("generated_images")
        for generated_images_item_data in _generated_images:
            generated_images_item = GeneratedImage.from_dict(generated_images_item_data)

            generated_images.append(generated_images_item)

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        order = cls(
            id=id,
            user_id=user_id,
            email=email,
            before_image_id=before_image_id,
            before_image_src=before_image_src,
            space=space,
            status=status,
            service=service,
            service_name=service_name,
            object_=object_,
            sample_image_used=sample_image_used,
            generated_images=generated_images,
            created_at=created_at,
        )

        order.additional_properties = d
        return order

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
