from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="LegacyImageUrl")


@_attrs_define
class LegacyImageUrl:
    """The download answer before API version 2024-11-01 (dynamic image rendering): JSON naming where the image is, which
    the older docs read with `response.json()` (`imageSource`) and the older SDK docs as `.url`. Decision: the one key
    is `url`, the older SDK's name; it points at the mock's asset URL.

        Example:
            {'url': 'https://api.mock.test/_assets/autoenhance/8c4f1f6e-2b7d-4d3a-9e0f-6a5b4c3d2e1f/enhanced?format=jpeg'}

        Attributes:
            url (str):
    """

    url: str

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        url = d.pop("url")

        legacy_image_url = cls(
            url=url,
        )

        return legacy_image_url
