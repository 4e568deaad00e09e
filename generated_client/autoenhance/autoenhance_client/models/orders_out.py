from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.order_out import OrderOut
    from ..models.pagination import Pagination


T = TypeVar("T", bound="OrdersOut")


@_attrs_define
class OrdersOut:
    """
    Example:
        {'orders': [], 'pagination': {'next_offset': None, 'per_page': 5}}

    Attributes:
        orders (list[OrderOut]):
        pagination (Pagination):  Example: {'next_offset': '5', 'per_page': 5}.
    """

    orders: list[OrderOut]
    pagination: Pagination
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        orders = []
        for orders_item_data in self.orders:
            orders_item = orders_item_data.to_dict()
            orders.append(orders_item)

        pagination = self.pagination.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "orders": orders,
                "pagination": pagination,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.order_out import OrderOut  # noqa: PLC0415
        from ..models.pagination import Pagination  # noqa: PLC0415

        d = dict(src_dict)
        orders = []
        _orders = d.pop("orders")
        for orders_item_data in _orders:
            orders_item = OrderOut.from_dict(orders_item_data)

            orders.append(orders_item)

        pagination = Pagination.from_dict(d.pop("pagination"))

        orders_out = cls(
            orders=orders,
            pagination=pagination,
        )

        orders_out.additional_properties = d
        return orders_out

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
