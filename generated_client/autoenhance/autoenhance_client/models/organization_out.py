from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="OrganizationOut")


@_attrs_define
class OrganizationOut:
    """An organization. The vendor's page types `is_deleted`, `name` and `organization_id` and marks `billing_user_id`,
    `owner_id` and `users` read-only without a type; decision: the two IDs are user-ID strings (as an image's `user_id`)
    and `users` the members' user IDs. Every field is always returned (an APIFlask output schema dumps each field), so
    all are required here.

        Example:
            {'billing_user_id': '00000000-0000-4000-8000-000000000000', 'is_deleted': False, 'name': 'Acme Realty',
                'organization_id': '3f2b8c1d-6e4a-4b7f-9c2d-1a5e8f0b7d36', 'owner_id': '00000000-0000-4000-8000-000000000000',
                'users': ['00000000-0000-4000-8000-000000000000']}

        Attributes:
            billing_user_id (str): The billing user's ID; the owner's unless another was given.
            is_deleted (bool): Always `false` in the mock (no delete operation is documented).
            name (str):
            organization_id (str): Server-generated UUIDv4.
            owner_id (str): The creating account's user ID.
            users (list[str]): The members' user IDs; the owner alone at creation.
    """

    billing_user_id: str
    is_deleted: bool
    name: str
    organization_id: str
    owner_id: str
    users: list[str]

    def to_dict(self) -> dict[str, Any]:
        billing_user_id = self.billing_user_id

        is_deleted = self.is_deleted

        name = self.name

        organization_id = self.organization_id

        owner_id = self.owner_id

        users = self.users

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "billing_user_id": billing_user_id,
                "is_deleted": is_deleted,
                "name": name,
                "organization_id": organization_id,
                "owner_id": owner_id,
                "users": users,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        billing_user_id = d.pop("billing_user_id")

        is_deleted = d.pop("is_deleted")

        name = d.pop("name")

        organization_id = d.pop("organization_id")

        owner_id = d.pop("owner_id")

        users = cast(list[str], d.pop("users"))

        organization_out = cls(
            billing_user_id=billing_user_id,
            is_deleted=is_deleted,
            name=name,
            organization_id=organization_id,
            owner_id=owner_id,
            users=users,
        )

        return organization_out
