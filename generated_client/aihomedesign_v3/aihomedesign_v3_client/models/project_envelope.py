from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.project import Project


T = TypeVar("T", bound="ProjectEnvelope")


@_attrs_define
class ProjectEnvelope:
    """A project, in the API's envelope.

    Attributes:
        data (Project): A property and the counts of its work. Example: {'id': '6984bd700fc3c3c614c2bea5', 'address':
            '123 Maple Street, Austin TX 78701', 'cover_src': '', 'input_count': 0, 'result_count': 0, 'bookmarked_count':
            0, 'default': False, 'updated_at': '2025-07-05'}.
        message (str): Always `ok`.
    """

    data: Project
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data = self.data.to_dict()

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data": data,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.project import Project  # noqa: PLC0415

        d = dict(src_dict)
        data = Project.from_dict(d.pop("data"))

        message = d.pop("message")

        project_envelope = cls(
            data=data,
            message=message,
        )

        project_envelope.additional_properties = d
        return project_envelope

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
