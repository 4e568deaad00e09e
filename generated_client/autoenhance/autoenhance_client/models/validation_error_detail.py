from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.validation_error_detail_location import ValidationErrorDetailLocation


T = TypeVar("T", bound="ValidationErrorDetail")


@_attrs_define
class ValidationErrorDetail:
    """Maps each request location (`json`, `query`, `headers`, `path`) to the failing fields of that location. The vendor's
    spec shows the placeholder keys `<location>` and `<field_name>`; real bodies use actual names.

        Example:
            {'query': {'per_page': ['Must be greater than or equal to 1 and less than or equal to 15.']}}

    """

    additional_properties: dict[str, ValidationErrorDetailLocation] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.validation_error_detail_location import ValidationErrorDetailLocation  # noqa: PLC0415

        d = dict(src_dict)
        validation_error_detail = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():
            additional_property = ValidationErrorDetailLocation.from_dict(prop_dict)

            additional_properties[prop_name] = additional_property

        validation_error_detail.additional_properties = additional_properties
        return validation_error_detail

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> ValidationErrorDetailLocation:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: ValidationErrorDetailLocation) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
