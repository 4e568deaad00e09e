from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.validation_error_detail import ValidationErrorDetail


T = TypeVar("T", bound="ValidationError")


@_attrs_define
class ValidationError:
    """APIFlask's request-validation error body (status 422).

    Example:
        {'detail': {'json': {'name': ['Not a valid string.']}}, 'message': 'Validation error'}

    Attributes:
        detail (ValidationErrorDetail): Maps each request location (`json`, `query`, `headers`, `path`) to the failing
            fields of that location. The vendor's spec shows the placeholder keys `<location>` and `<field_name>`; real
            bodies use actual names. Example: {'query': {'per_page': ['Must be greater than or equal to 1 and less than or
            equal to 15.']}}.
        message (str): Always `Validation error`.
    """

    detail: ValidationErrorDetail
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        detail = self.detail.to_dict()

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "detail": detail,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.validation_error_detail import ValidationErrorDetail  # noqa: PLC0415

        d = dict(src_dict)
        detail = ValidationErrorDetail.from_dict(d.pop("detail"))

        message = d.pop("message")

        validation_error = cls(
            detail=detail,
            message=message,
        )

        validation_error.additional_properties = d
        return validation_error

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
