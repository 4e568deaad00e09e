from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="OrderService")


@_attrs_define
class OrderService:
    """The service record embedded in an order. Note the capitalised `ID`, as the vendor sends it.

    Attributes:
        id (str): The service's id.
        name (str): The service name, e.g. `service-day-to-dusk`.
        title (str):
        steps (str): A number sent as a string (the vendor sample has "1").
        credit (int): Credits charged per generation.
        price (float):
        need_segment (bool):
        description (str):
        result_count (int): Images generated per submission.
        generate_tool_name (str): Internal tool code, e.g. `D2D`.
        service_type (str): e.g. `real-estate-hub`.
        prompt (str):
        ai_service_segment_type (str):
        need_object_validation (bool):
        required_space (bool): Whether the service needs a `space_name`.
        required_widgets (list[str]): Always empty in the vendor's sample and in the mock; the element type is not
            documented.
    """

    id: str
    name: str
    title: str
    steps: str
    credit: int
    price: float
    need_segment: bool
    description: str
    result_count: int
    generate_tool_name: str
    service_type: str
    prompt: str
    ai_service_segment_type: str
    need_object_validation: bool
    required_space: bool
    required_widgets: list[str]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        title = self.title

        steps = self.steps

        credit = self.credit

        price = self.price

        need_segment = self.need_segment

        description = self.description

        result_count = self.result_count

        generate_tool_name = self.generate_tool_name

        service_type = self.service_type

        prompt = self.prompt

        ai_service_segment_type = self.ai_service_segment_type

        need_object_validation = self.need_object_validation

        required_space = self.required_space

        required_widgets = self.required_widgets

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ID": id,
                "name": name,
                "title": title,
                "steps": steps,
                "credit": credit,
                "price": price,
                "need_segment": need_segment,
                "description": description,
                "result_count": result_count,
                "generate_tool_name": generate_tool_name,
                "service_type": service_type,
                "prompt": prompt,
                "ai_service_segment_type": ai_service_segment_type,
                "need_object_validation": need_object_validation,
                "required_space": required_space,
                "required_widgets": required_widgets,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("ID")

        name = d.pop("name")

        title = d.pop("title")

        steps = d.pop("steps")

        credit = d.pop("credit")

        price = d.pop("price")

        need_segment = d.pop("need_segment")

        description = d.pop("description")

        result_count = d.pop("result_count")

        generate_tool_name = d.pop("generate_tool_name")

        service_type = d.pop("service_type")

        prompt = d.pop("prompt")

        ai_service_segment_type = d.pop("ai_service_segment_type")

        need_object_validation = d.pop("need_object_validation")

        required_space = d.pop("required_space")

        required_widgets = cast(list[str], d.pop("required_widgets"))

        order_service = cls(
            id=id,
            name=name,
            title=title,
            steps=steps,
            credit=credit,
            price=price,
            need_segment=need_segment,
            description=description,
            result_count=result_count,
            generate_tool_name=generate_tool_name,
            service_type=service_type,
            prompt=prompt,
            ai_service_segment_type=ai_service_segment_type,
            need_object_validation=need_object_validation,
            required_space=required_space,
            required_widgets=required_widgets,
        )

        order_service.additional_properties = d
        return order_service

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
