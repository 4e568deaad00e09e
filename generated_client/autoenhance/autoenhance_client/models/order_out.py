from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.order_status import OrderStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.image_out import ImageOut


T = TypeVar("T", bound="OrderOut")


@_attrs_define
class OrderOut:
    """
    Example:
        {'created_at': '2025-05-08T10:15:30.123000Z', 'images': [], 'is_deleted': False, 'is_merging': False,
            'is_processing': False, 'last_updated_at': '2025-05-08T10:15:30.123000Z', 'name': '12 Acacia Avenue',
            'order_id': '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a', 'status': 'waiting', 'total_images': 0}

    Attributes:
        created_at (datetime.datetime | Unset): The creation date of the order.
        images (list[ImageOut] | Unset):
        is_deleted (bool | Unset): The status of the order.
        is_merging (bool | Unset): The processing status for the order
        is_processing (bool | Unset): The processing status for the order
        last_updated_at (datetime.datetime | Unset): The last updated date of the order.
        name (str | Unset): The name for the order.
        order_id (str | Unset): The ID for the order.
        status (None | OrderStatus | Unset): The status of the order.
        total_images (float | Unset): Number of images in the  order.
    """

    created_at: datetime.datetime | Unset = UNSET
    images: list[ImageOut] | Unset = UNSET
    is_deleted: bool | Unset = UNSET
    is_merging: bool | Unset = UNSET
    is_processing: bool | Unset = UNSET
    last_updated_at: datetime.datetime | Unset = UNSET
    name: str | Unset = UNSET
    order_id: str | Unset = UNSET
    status: None | OrderStatus | Unset = UNSET
    total_images: float | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at: str | Unset = UNSET
        if not isinstance(self.created_at, Unset):
            created_at = self.created_at.isoformat()

        images: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.images, Unset):
            images = []
            for images_item_data in self.images:
                images_item = images_item_data.to_dict()
                images.append(images_item)

        is_deleted = self.is_deleted

        is_merging = self.is_merging

        is_processing = self.is_processing

        last_updated_at: str | Unset = UNSET
        if not isinstance(self.last_updated_at, Unset):
            last_updated_at = self.last_updated_at.isoformat()

        name = self.name

        order_id = self.order_id

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        elif isinstance(self.status, OrderStatus):
            status = self.status.value
        else:
            status = self.status

        total_images = self.total_images

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if created_at is not UNSET:
            field_dict["created_at"] = created_at
        if images is not UNSET:
            field_dict["images"] = images
        if is_deleted is not UNSET:
            field_dict["is_deleted"] = is_deleted
        if is_merging is not UNSET:
            field_dict["is_merging"] = is_merging
        if is_processing is not UNSET:
            field_dict["is_processing"] = is_processing
        if last_updated_at is not UNSET:
            field_dict["last_updated_at"] = last_updated_at
        if name is not UNSET:
            field_dict["name"] = name
        if order_id is not UNSET:
            field_dict["order_id"] = order_id
        if status is not UNSET:
            field_dict["status"] = status
        if total_images is not UNSET:
            field_dict["total_images"] = total_images

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.image_out import ImageOut  # noqa: PLC0415

        d = dict(src_dict)
        _created_at = d.pop("created_at", UNSET)
        created_at: datetime.datetime | Unset
        if isinstance(_created_at, Unset):
            created_at = UNSET
        else:
            created_at = datetime.datetime.fromisoformat(_created_at)

        _images = d.pop("images", UNSET)
        images: list[ImageOut] | Unset = UNSET
        if _images is not UNSET:
            images = []
            for images_item_data in _images:
                images_item = ImageOut.from_dict(images_item_data)

                images.append(images_item)

        is_deleted = d.pop("is_deleted", UNSET)

        is_merging = d.pop("is_merging", UNSET)

        is_processing = d.pop("is_processing", UNSET)

        _last_updated_at = d.pop("last_updated_at", UNSET)
        last_updated_at: datetime.datetime | Unset
        if isinstance(_last_updated_at, Unset):
            last_updated_at = UNSET
        else:
            last_updated_at = datetime.datetime.fromisoformat(_last_updated_at)

        name = d.pop("name", UNSET)

        order_id = d.pop("order_id", UNSET)

        def _parse_status(data: object) -> None | OrderStatus | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = OrderStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrderStatus | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        total_images = d.pop("total_images", UNSET)

        order_out = cls(
            created_at=created_at,
            images=images,
            is_deleted=is_deleted,
            is_merging=is_merging,
            is_processing=is_processing,
            last_updated_at=last_updated_at,
            name=name,
            order_id=order_id,
            status=status,
            total_images=total_images,
        )

        order_out.additional_properties = d
        return order_out

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
