from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ApiError")


@_attrs_define
class ApiError:
    """An error. `key` is absent on the rate-limit error only.

    Example:
        {'error': 'order not found', 'key': 'api_error_order_not_found'}

    Attributes:
        error (str): What went wrong, for people.
        key (str | Unset): What went wrong, for code. The error-codes page lists statuses, not keys,
            so the keys are this spec's (DECISIONS.md, v3 "Error shape"):
            `400` `api_error_invalid_request` (a missing or invalid field),
            `api_error_invalid_asset_role` (role rules), `api_error_unsupported_file_type`
            (image bytes of another format); `401` `api_error_unauthorized`; `403`
            `api_error_tool_not_in_plan`; `404` `api_error_project_not_found`,
            `api_error_order_not_found`, `api_error_process_not_found`,
            `api_error_process_group_not_found`, `api_error_asset_not_found`; `422`
            `api_error_tool_not_found`, `api_error_invalid_asset_map`,
            `api_error_invalid_widget`, `api_error_invalid_item`.
    """

    error: str
    key: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        error = self.error

        key = self.key

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "error": error,
            }
        )
        if key is not UNSET:
            field_dict["key"] = key

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        error = d.pop("error")

        key = d.pop("key", UNSET)

        api_error = cls(
            error=error,
            key=key,
        )

        api_error.additional_properties = d
        return api_error

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
