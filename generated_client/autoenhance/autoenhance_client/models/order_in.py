from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.image_sort_order import ImageSortOrder
from ..types import UNSET, Unset

T = TypeVar("T", bound="OrderIn")


@_attrs_define
class OrderIn:
    """
    Example:
        {'name': '12 Acacia Avenue', 'order_id': '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a'}

    Attributes:
        default_image_sort_order (ImageSortOrder | Unset): How an order lists its images (current docs): by `name` or by
            `date_added`, a leading `-` reversing; `custom` is the order set in the web app, which the mock (with no web
            app) takes to be the order the images were added in. The default of a new order is `date_added`. Example:
            date_added.
        name (str | Unset): The name for the order.
        order_id (str | Unset): The ID for the order. Must be unique. Decision: 1-128 characters from `A-Z a-z 0-9 . _ ~
            -`, starting with a letter or digit.
    """

    default_image_sort_order: ImageSortOrder | Unset = UNSET
    name: str | Unset = UNSET
    order_id: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        default_image_sort_order: str | Unset = UNSET
        if not isinstance(self.default_image_sort_order, Unset):
            default_image_sort_order = self.default_image_sort_order.value

        name = self.name

        order_id = self.order_id

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if default_image_sort_order is not UNSET:
            field_dict["default_image_sort_order"] = default_image_sort_order
        if name is not UNSET:
            field_dict["name"] = name
        if order_id is not UNSET:
            field_dict["order_id"] = order_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _default_image_sort_order = d.pop("default_image_sort_order", UNSET)
        default_image_sort_order: ImageSortOrder | Unset
        if isinstance(_default_image_sort_order, Unset):
            default_image_sort_order = UNSET
        else:
            default_image_sort_order = ImageSortOrder(_default_image_sort_order)

        name = d.pop("name", UNSET)

        order_id = d.pop("order_id", UNSET)

        order_in = cls(
            default_image_sort_order=default_image_sort_order,
            name=name,
            order_id=order_id,
        )

        return order_in
