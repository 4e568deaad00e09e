from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.process_completed_webhook_status import ProcessCompletedWebhookStatus

if TYPE_CHECKING:
    from ..models.webhook_final_asset import WebhookFinalAsset


T = TypeVar("T", bound="ProcessCompletedWebhook")


@_attrs_define
class ProcessCompletedWebhook:
    """The `process.completed` webhook payload.

    Attributes:
        event (str): Always `process.completed`.
        process_id (str):
        order_id (str):
        tool (str):
        status (ProcessCompletedWebhookStatus):
        final_assets (list[WebhookFinalAsset]):
    """

    event: str
    process_id: str
    order_id: str
    tool: str
    status: ProcessCompletedWebhookStatus
    final_assets: list[WebhookFinalAsset]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event

        process_id = self.process_id

        order_id = self.order_id

        tool = self.tool

        status = self.status.value

        final_assets = []
        for final_assets_item_data in self.final_assets:
            final_assets_item = final_assets_item_data.to_dict()
            final_assets.append(final_assets_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event": event,
                "process_id": process_id,
                "order_id": order_id,
                "tool": tool,
                "status": status,
                "final_assets": final_assets,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_final_asset import WebhookFinalAsset  # noqa: PLC0415

        d = dict(src_dict)
        event = d.pop("event")

        process_id = d.pop("process_id")

        order_id = d.pop("order_id")

        tool = d.pop("tool")

        status = ProcessCompletedWebhookStatus(d.pop("status"))

        final_assets = []
        _final_assets = d.pop("final_assets")
        for final_assets_item_data in _final_assets:
            final_assets_item = WebhookFinalAsset.from_dict(final_assets_item_data)

            final_assets.append(final_assets_item)

        process_completed_webhook = cls(
            event=event,
            process_id=process_id,
            order_id=order_id,
            tool=tool,
            status=status,
            final_assets=final_assets,
        )

        process_completed_webhook.additional_properties = d
        return process_completed_webhook

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
