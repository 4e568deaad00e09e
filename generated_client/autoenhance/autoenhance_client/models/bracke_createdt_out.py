from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.metadata import Metadata


T = TypeVar("T", bound="BrackeCreatedtOut")


@_attrs_define
class BrackeCreatedtOut:
    """A newly created bracket with its upload URL. The name keeps the vendor's spelling (SDK 1.1.0 model
    `BrackeCreatedtOut`).

        Example:
            {'bracket_id': '0b8e2d3c-1a4f-4b5e-8c7d-9e0f1a2b3c4d', 'is_uploaded': False, 'metadata': {}, 'name': 'kitchen-
                ev-2.jpg', 'order_id': '5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a', 'upload_url': 'https://autoenhanceapi-prod.s3.eu-
                west-1.amazonaws.com/5d1b2c6e-8f0a-4c1e-9a57-3b1f0e2d4c6a/0b8e2d3c-1a4f-4b5e-8c7d-9e0f1a2b3c4d/kitchen-
                ev-2.jpg?X-Amz-Signature=abc123'}

        Attributes:
            bracket_id (str):
            is_uploaded (bool):
            metadata (Metadata): Free-form metadata, stored and returned unchanged. Example: {'room': 'living'}.
            name (str):
            order_id (None | str):
            upload_url (None | str): The pre-signed URL to PUT the bracket's bytes to.
    """

    bracket_id: str
    is_uploaded: bool
    metadata: Metadata
    name: str
    order_id: None | str
    upload_url: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        bracket_id = self.bracket_id

        is_uploaded = self.is_uploaded

        metadata = self.metadata.to_dict()

        name = self.name

        order_id: None | str
        order_id = self.order_id

        upload_url: None | str
        upload_url = self.upload_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "bracket_id": bracket_id,
                "is_uploaded": is_uploaded,
                "metadata": metadata,
                "name": name,
                "order_id": order_id,
                "upload_url": upload_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.metadata import Metadata  # noqa: PLC0415

        d = dict(src_dict)
        bracket_id = d.pop("bracket_id")

        is_uploaded = d.pop("is_uploaded")

        metadata = Metadata.from_dict(d.pop("metadata"))

        name = d.pop("name")

        def _parse_order_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        order_id = _parse_order_id(d.pop("order_id"))

        def _parse_upload_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        upload_url = _parse_upload_url(d.pop("upload_url"))

        bracke_createdt_out = cls(
            bracket_id=bracket_id,
            is_uploaded=is_uploaded,
            metadata=metadata,
            name=name,
            order_id=order_id,
            upload_url=upload_url,
        )

        bracke_createdt_out.additional_properties = d
        return bracke_createdt_out

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
