from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.service_name import ServiceName
from ..types import File

T = TypeVar("T", bound="UploadImageBody")


@_attrs_define
class UploadImageBody:
    """The upload form.

    Attributes:
        image (File): The photo, at most 50 MB (52,428,800 bytes). JPG, JPEG, PNG, WEBP or RAW (DNG, ARW, RAF, NEF,
            TIFF). Send it as a file part with a filename and its own Content-Type.
        service_name (ServiceName): The service an order is for, chosen at upload. The first five are the docs' upload
            list; `service-item-removal-mask` comes from the unofficial Kotlin SDK (the docs have its submit page but not
            the value). Example: service-ai-virtual-staging.
    """

    image: File
    service_name: ServiceName
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        image = self.image.to_tuple()

        service_name = self.service_name.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "image": image,
                "service_name": service_name,
            }
        )

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("image", self.image.to_tuple()))

        files.append(("service_name", (None, str(self.service_name.value).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        image = File(payload=BytesIO(d.pop("image")))

        service_name = ServiceName(d.pop("service_name"))

        upload_image_body = cls(
            image=image,
            service_name=service_name,
        )

        upload_image_body.additional_properties = d
        return upload_image_body

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
