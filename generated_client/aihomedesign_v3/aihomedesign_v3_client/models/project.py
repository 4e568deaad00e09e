from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Project")


@_attrs_define
class Project:
    """A property and the counts of its work.

    Example:
        {'id': '6984bd700fc3c3c614c2bea5', 'address': '123 Maple Street, Austin TX 78701', 'cover_src': '',
            'input_count': 0, 'result_count': 0, 'bookmarked_count': 0, 'default': False, 'updated_at': '2025-07-05'}

    Attributes:
        id (str):
        address (str):
        cover_src (str): The first input image of the project, `""` while it has none.
        input_count (int): Images uploaded to the project's orders.
        result_count (int): Result images of the project's finished processes.
        bookmarked_count (int): Bookmarked results (always 0 in the mock; bookmarking is not in the API).
        default (bool): The caller's default project (orders sent without `project_id`).
        updated_at (str): Day of the last change, `YYYY-MM-DD` (as the docs' sample).
    """

    id: str
    address: str
    cover_src: str
    input_count: int
    result_count: int
    bookmarked_count: int
    default: bool
    updated_at: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        address = self.address

        cover_src = self.cover_src

        input_count = self.input_count

        result_count = self.result_count

        bookmarked_count = self.bookmarked_count

        default = self.default

        updated_at = self.updated_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "address": address,
                "cover_src": cover_src,
                "input_count": input_count,
                "result_count": result_count,
                "bookmarked_count": bookmarked_count,
                "default": default,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        address = d.pop("address")

        cover_src = d.pop("cover_src")

        input_count = d.pop("input_count")

        result_count = d.pop("result_count")

        bookmarked_count = d.pop("bookmarked_count")

        default = d.pop("default")

        updated_at = d.pop("updated_at")

        project = cls(
            id=id,
            address=address,
            cover_src=cover_src,
            input_count=input_count,
            result_count=result_count,
            bookmarked_count=bookmarked_count,
            default=default,
            updated_at=updated_at,
        )

        project.additional_properties = d
        return project

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
