from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="OrganizationIn")


@_attrs_define
class OrganizationIn:
    """Body of Create Organization, as the vendor's page shows it: no field is required, unknown fields are refused.

    Example:
        {'name': 'Acme Realty'}

    Attributes:
        billing_user_id (None | str | Unset): User ID to act as billing user; defaults to owner.
        name (str | Unset): Unique (case-insensitive) organization name. Decision: optional, as the page's schema has
            it; an organization created without one is named `""`.
    """

    billing_user_id: None | str | Unset = UNSET
    name: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        billing_user_id: None | str | Unset
        if isinstance(self.billing_user_id, Unset):
            billing_user_id = UNSET
        else:
            billing_user_id = self.billing_user_id

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if billing_user_id is not UNSET:
            field_dict["billing_user_id"] = billing_user_id
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_billing_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        billing_user_id = _parse_billing_user_id(d.pop("billing_user_id", UNSET))

        name = d.pop("name", UNSET)

        organization_in = cls(
            billing_user_id=billing_user_id,
            name=name,
        )

        return organization_in
