from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookImage")


@_attrs_define
class WebhookImage:
    """The generated image in the generated-image webhook.

    Attributes:
        id (str): The generated image id (`image_id` from `submit_order`).
        before_src (str):
        after_src (str): The result URL (`src` in `get_order`).
        regenerated (bool): `true` for images from a second or later submission of the order.
        style (str):
        color (str):
        space (str):
        sky_style (str):
        shadow_removal (bool):
        material (str):
        created_at (datetime.datetime):
    """

    id: str
    before_src: str
    after_src: str
    regenerated: bool
    style: str
    color: str
    space: str
    sky_style: str
    shadow_removal: bool
    material: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        before_src = self.before_src

        after_src = self.after_src

        regenerated = self.regenerated

        style = self.style

        color = self.color

        space = self.space

        sky_style = self.sky_style

        shadow_removal = self.shadow_removal

        material = self.material

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "before_src": before_src,
                "after_src": after_src,
                "regenerated": regenerated,
                "style": style,
                "color": color,
                "space": space,
                "sky_style": sky_style,
                "shadow_removal": shadow_removal,
                "material": material,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        before_src = d.pop("before_src")

        after_src = d.pop("after_src")

        regenerated = d.pop("regenerated")

        style = d.pop("style")

        color = d.pop("color")

        space = d.pop("space")

        sky_style = d.pop("sky_style")

        shadow_removal = d.pop("shadow_removal")

        material = d.pop("material")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        webhook_image = cls(
            id=id,
            before_src=before_src,
            after_src=after_src,
            regenerated=regenerated,
            style=style,
            color=color,
            space=space,
            sky_style=sky_style,
            shadow_removal=shadow_removal,
            material=material,
            created_at=created_at,
        )

        webhook_image.additional_properties = d
        return webhook_image

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
