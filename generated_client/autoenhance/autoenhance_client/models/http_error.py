from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.http_error_detail import HTTPErrorDetail


T = TypeVar("T", bound="HTTPError")


@_attrs_define
class HTTPError:
    """APIFlask's generic error body.

    Example:
        {'detail': {}, 'message': 'Not Found'}

    Attributes:
        detail (HTTPErrorDetail): Extra error details; `{}` for every error the mock produces. Example: {}.
        message (str): The HTTP reason phrase, or a custom message.
    """

    detail: HTTPErrorDetail
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
        from ..models.http_error_detail import HTTPErrorDetail  # noqa: PLC0415

        d = dict(src_dict)
        detail = HTTPErrorDetail.from_dict(d.pop("detail"))

        message = d.pop("message")

        http_error = cls(
            detail=detail,
            message=message,
        )

        http_error.additional_properties = d
        return http_error

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
