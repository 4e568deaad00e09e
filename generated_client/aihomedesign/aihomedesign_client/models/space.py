from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Space")


@_attrs_define
class Space:
    """A space (room type) a service offers.

    Attributes:
        id (str):
        name (str): The slug to send as `space_name`, e.g. `space-bedroom`.
        title (str):
        description (str):
        prompt (str):
        icon_src (str):
        is_active (bool):
        is_premium (bool):
        service_ids (list[str] | Unset): Ids of the services offering this space (read by the unofficial SDK only).
        priority (int | Unset): Sort order (read by the unofficial SDK only).
        is_multi_space (bool | Unset): Read by the unofficial SDK only; `false` in the mock.
    """

    id: str
    name: str
    title: str
    description: str
    prompt: str
    icon_src: str
    is_active: bool
    is_premium: bool
    service_ids: list[str] | Unset = UNSET
    priority: int | Unset = UNSET
    is_multi_space: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        title = self.title

        description = self.description

        prompt = self.prompt

        icon_src = self.icon_src

        is_active = self.is_active

        is_premium = self.is_premium

        service_ids: list[str] | Unset = UNSET
        if not isinstance(self.service_ids, Unset):
            service_ids = self.service_ids

        priority = self.priority

        is_multi_space = self.is_multi_space

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "title": title,
                "description": description,
                "prompt": prompt,
                "icon_src": icon_src,
                "is_active": is_active,
                "is_premium": is_premium,
            }
        )
        if service_ids is not UNSET:
            field_dict["service_ids"] = service_ids
        if priority is not UNSET:
            field_dict["priority"] = priority
        if is_multi_space is not UNSET:
            field_dict["is_multi_space"] = is_multi_space

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        title = d.pop("title")

        description = d.pop("description")

        prompt = d.pop("prompt")

        icon_src = d.pop("icon_src")

        is_active = d.pop("is_active")

        is_premium = d.pop("is_premium")

        service_ids = cast(list[str], d.pop("service_ids", UNSET))

        priority = d.pop("priority", UNSET)

        is_multi_space = d.pop("is_multi_space", UNSET)

        space = cls(
            id=id,
            name=name,
            title=title,
            description=description,
            prompt=prompt,
            icon_src=icon_src,
            is_active=is_active,
            is_premium=is_premium,
            service_ids=service_ids,
            priority=priority,
            is_multi_space=is_multi_space,
        )

        space.additional_properties = d
        return space

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
