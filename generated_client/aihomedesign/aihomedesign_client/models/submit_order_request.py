from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.service_name import ServiceName
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.selected_widget import SelectedWidget


T = TypeVar("T", bound="SubmitOrderRequest")


@_attrs_define
class SubmitOrderRequest:
    """The submit body for every service; which fields are used depends on the order's service (see `submit_order`). Unused
    and unknown fields are ignored.

        Attributes:
            order_id (str): The `order_id` returned by `upload_image`.
            space_name (str | Unset): A space `name` from `list_spaces`. Required for virtual staging, interior design and
                image enhancement; ignored otherwise.
            selected_widgets (list[SelectedWidget] | Unset): The chosen widget items. Must include every mandatory widget of
                the service (Style for virtual staging and interior design, Sky Style for day to dusk). Ignored for item removal
                and item removal mask.
            remove_shadow (bool | Unset): Day to dusk only; `true` removes shadows. Omitted means `false`.
            service_name (ServiceName | Unset): The service an order is for, chosen at upload. The first five are the docs'
                upload list; `service-item-removal-mask` comes from the unofficial Kotlin SDK (the docs have its submit page but
                not the value). Example: service-ai-virtual-staging.
    """

    order_id: str
    space_name: str | Unset = UNSET
    selected_widgets: list[SelectedWidget] | Unset = UNSET
    remove_shadow: bool | Unset = UNSET
    service_name: ServiceName | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        order_id = self.order_id

        space_name = self.space_name

        selected_widgets: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.selected_widgets, Unset):
            selected_widgets = []
            for selected_widgets_item_data in self.selected_widgets:
                selected_widgets_item = selected_widgets_item_data.to_dict()
                selected_widgets.append(selected_widgets_item)

        remove_shadow = self.remove_shadow

        service_name: str | Unset = UNSET
        if not isinstance(self.service_name, Unset):
            service_name = self.service_name.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "order_id": order_id,
            }
        )
        if space_name is not UNSET:
            field_dict["space_name"] = space_name
        if selected_widgets is not UNSET:
            field_dict["selected_widgets"] = selected_widgets
        if remove_shadow is not UNSET:
            field_dict["remove_shadow"] = remove_shadow
        if service_name is not UNSET:
            field_dict["service_name"] = service_name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.selected_widget import SelectedWidget  # noqa: PLC0415

        d = dict(src_dict)
        order_id = d.pop("order_id")

        space_name = d.pop("space_name", UNSET)

        _selected_widgets = d.pop("selected_widgets", UNSET)
        selected_widgets: list[SelectedWidget] | Unset = UNSET
        if _selected_widgets is not UNSET:
            selected_widgets = []
            for selected_widgets_item_data in _selected_widgets:
                selected_widgets_item = SelectedWidget.from_dict(selected_widgets_item_data)

                selected_widgets.append(selected_widgets_item)

        remove_shadow = d.pop("remove_shadow", UNSET)

        _service_name = d.pop("service_name", UNSET)
        service_name: ServiceName | Unset
        if isinstance(_service_name, Unset):
            service_name = UNSET
        else:
            service_name = ServiceName(_service_name)

        submit_order_request = cls(
            order_id=order_id,
            space_name=space_name,
            selected_widgets=selected_widgets,
            remove_shadow=remove_shadow,
            service_name=service_name,
        )

        submit_order_request.additional_properties = d
        return submit_order_request

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
