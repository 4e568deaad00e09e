from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.image_sort_order import ImageSortOrder
from ..models.order_status import OrderStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.image_out import ImageOut


T = TypeVar("T", bound="OrderHDRProcessOut")


@_attrs_define
class OrderHDRProcessOut:
    """The order after Process Order (same fields as `OrderOut`).

    Example:
        {'created_at': '2025-05-08T10:15:30.123000Z', 'images': [], 'is_deleted': False, 'is_merging': True,
            'is_processing': False, 'last_updated_at': '2025-05-08T10:21:12.550000Z', 'name': '12 Acacia Avenue',
            'order_id': '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a', 'status': 'processing', 'total_images': 0}

    Attributes:
        created_at (datetime.datetime): The creation date of the order.
        images (list[ImageOut]):
        is_deleted (bool): The status of the order.
        is_merging (bool): The processing status for the order
        is_processing (bool): The processing status for the order
        last_updated_at (datetime.datetime): The last updated date of the order.
        name (str): The name for the order.
        order_id (str): The ID for the order.
        status (None | OrderStatus): The status of the order.
        total_images (float): Number of images in the  order.
        default_image_sort_order (ImageSortOrder | Unset): How an order lists its images (current docs): by `name` or by
            `date_added`, a leading `-` reversing; `custom` is the order set in the web app, which the mock (with no web
            app) takes to be the order the images were added in. The default of a new order is `date_added`. Example:
            date_added.
    """

    created_at: datetime.datetime
    images: list[ImageOut]
    is_deleted: bool
    is_merging: bool
    is_processing: bool
    last_updated_at: datetime.datetime
    name: str
    order_id: str
    status: None | OrderStatus
    total_images: float
    default_image_sort_order: ImageSortOrder | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        images = []
        for images_item_data in self.images:
            images_item = images_item_data.to_dict()
            images.append(images_item)

        is_deleted = self.is_deleted

        is_merging = self.is_merging

        is_processing = self.is_processing

        last_updated_at = self.last_updated_at.isoformat()

        name = self.name

        order_id = self.order_id

        status: None | str
        if isinstance(self.status, OrderStatus):
            status = self.status.value
        else:
            status = self.status

        total_images = self.total_images

        default_image_sort_order: str | Unset = UNSET
        if not isinstance(self.default_image_sort_order, Unset):
            default_image_sort_order = self.default_image_sort_order.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "images": images,
                "is_deleted": is_deleted,
                "is_merging": is_merging,
                "is_processing": is_processing,
                "last_updated_at": last_updated_at,
                "name": name,
                "order_id": order_id,
                "status": status,
                "total_images": total_images,
            }
        )
        if default_image_sort_order is not UNSET:
            field_dict["default_image_sort_order"] = default_image_sort_order

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.image_out import ImageOut  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        images = []
        _images = d.pop("images")
        for images_item_data in _images:
            images_item = ImageOut.from_dict(images_item_data)

            images.append(images_item)

        is_deleted = d.pop("is_deleted")

        is_merging = d.pop("is_merging")

        is_processing = d.pop("is_processing")

        last_updated_at = datetime.datetime.fromisoformat(d.pop("last_updated_at"))

        name = d.pop("name")

        order_id = d.pop("order_id")

        def _parse_status(data: object) -> None | OrderStatus:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_type_0 = OrderStatus(data)

                return status_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | OrderStatus, data)

        status = _parse_status(d.pop("status"))

        total_images = d.pop("total_images")

        _default_image_sort_order = d.pop("default_image_sort_order", UNSET)
        default_image_sort_order: ImageSortOrder | Unset
        if isinstance(_default_image_sort_order, Unset):
            default_image_sort_order = UNSET
        else:
            default_image_sort_order = ImageSortOrder(_default_image_sort_order)

        order_hdr_process_out = cls(
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
            default_image_sort_order=default_image_sort_order,
        )

        order_hdr_process_out.additional_properties = d
        return order_hdr_process_out

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
