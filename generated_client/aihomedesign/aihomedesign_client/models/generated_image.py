from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="GeneratedImage")


@_attrs_define
class GeneratedImage:
    """One generated (after) image of an order.

    Attributes:
        id (str): The `image_id` from `submit_order`; the `generated_image_id` for upscaling.
        using_free_plan (bool):
        sequence (int): 1 for the first submission, then 2, 3... for regenerations.
        src (str): The result image URL; `""` while the image is processing.
        segmented_image_id (str):
        prompt (str): The prompt used. The mock joins with ", " the selected items' prompts (in request order), then the
            space's prompt for space-based services, then "without shadows" or "with shadows" for day to dusk.
        sky_style (str): For day to dusk, the selected Sky Style item's title; otherwise `""`.
        shadow_removal (bool): For day to dusk, the submitted `remove_shadow`; otherwise `false`.
        status (str): `processing` until ready, then `regular_finished` (the only value the vendor documents). Decision:
            a generation that fails (only on purpose, through the mock's failure scenario) ends in `failed` (the v3 docs'
            word), with its reason in `comment`, an empty `src` and no webhook. Open string: tolerate other values.
        order_id (str):
        space (str): The submitted `space_name`, or `""`.
        comment (str): `""`; the failure reason for a `failed` generation (decision).
        updated_at (datetime.datetime): The vendor sends Go's zero time `0001-01-01T00:00:00Z`; so does the mock.
        created_at (datetime.datetime):
    """

    id: str
    using_free_plan: bool
    sequence: int
    src: str
    segmented_image_id: str
    prompt: str
    sky_style: str
    shadow_removal: bool
    status: str
    order_id: str
    space: str
    comment: str
    updated_at: datetime.datetime
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        using_free_plan = self.using_free_plan

        sequence = self.sequence

        src = self.src

        segmented_image_id = self.segmented_image_id

        prompt = self.prompt

        sky_style = self.sky_style

        shadow_removal = self.shadow_removal

        status = self.status

        order_id = self.order_id

        space = self.space

        comment = self.comment

        updated_at = self.updated_at.isoformat()

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "using_free_plan": using_free_plan,
                "sequence": sequence,
                "src": src,
                "segmented_image_id": segmented_image_id,
                "prompt": prompt,
                "sky_style": sky_style,
                "shadow_removal": shadow_removal,
                "status": status,
                "order_id": order_id,
                "space": space,
                "comment": comment,
                "updated_at": updated_at,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        using_free_plan = d.pop("using_free_plan")

        sequence = d.pop("sequence")

        src = d.pop("src")

        segmented_image_id = d.pop("segmented_image_id")

        prompt = d.pop("prompt")

        sky_style = d.pop("sky_style")

        shadow_removal = d.pop("shadow_removal")

        status = d.pop("status")

        order_id = d.pop("order_id")

        space = d.pop("space")

        comment = d.pop("comment")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        generated_image = cls(
            id=id,
            using_free_plan=using_free_plan,
            sequence=sequence,
            src=src,
            segmented_image_id=segmented_image_id,
            prompt=prompt,
            sky_style=sky_style,
            shadow_removal=shadow_removal,
            status=status,
            order_id=order_id,
            space=space,
            comment=comment,
            updated_at=updated_at,
            created_at=created_at,
        )

        generated_image.additional_properties = d
        return generated_image

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
