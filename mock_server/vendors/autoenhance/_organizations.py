"""Organizations of the Autoenhance mock: Create Organization's record, rule and view.

The API reference's "Organizations" page (2026-10-01) documents only
``POST /v3/organizations/``; what it leaves open (status, ID format, what ``users``
holds, duplicates) is decided in the spec and carried out here. The records live in the
behaviour's :class:`~mock_server.vendors.autoenhance._store.Store`, so a reset forgets
them and each session has its own.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from mock_server.errors import RequestError

__all__ = ["DUPLICATE_NAME", "Organization", "add_organization", "organization_view"]

DUPLICATE_NAME = "Organization name already exists."
"""The ``422`` message for a taken name, worded as AE-Q1's ``Order ID already exists.``."""


@dataclass(eq=False, kw_only=True)
class Organization:
    """One organization: its name, owner, billing user and members."""

    organization_id: str
    name: str
    owner_id: str
    billing_user_id: str
    users: list[str] = field(default_factory=list)


def add_organization(
    organizations: MutableMapping[str, Organization],
    *,
    body: dict[str, Any],
    new_id: Callable[[], str],
    owner_id: str,
) -> Organization:
    """Create and store an organization from a valid ``OrganizationIn`` body.

    The page calls the name "Unique (case-insensitive)", so names are compared with
    ``casefold``; a missing name is ``""`` (as for orders) and is unique like any other.

    Raises:
        RequestError: The name is taken, in any case (``422`` under ``json.name``).
    """
    name: str = body.get("name", "")
    wanted = name.casefold()
    if any(org.name.casefold() == wanted for org in organizations.values()):
        raise RequestError(status=422, message=DUPLICATE_NAME, field="name", location="json")
    billing: str | None = body.get("billing_user_id")
    organization = Organization(
        organization_id=new_id(),
        name=name,
        owner_id=owner_id,
        billing_user_id=owner_id if billing is None else billing,
        users=[owner_id],
    )
    organizations[organization.organization_id] = organization
    return organization


def organization_view(organization: Organization) -> dict[str, Any]:
    """The organization as ``OrganizationOut``."""
    return {
        "billing_user_id": organization.billing_user_id,
        "is_deleted": False,
        "name": organization.name,
        "organization_id": organization.organization_id,
        "owner_id": organization.owner_id,
        "users": list(organization.users),
    }
