"""The Item Removal Mask steps' rules: which orders, images and masks they accept.

The paths and bodies come from the unofficial Kotlin SDK (the vendor's docs name the
steps but the sources hold no paths); every answer is a decision of the spec
(``openapi/aihomedesign.yaml``, tag ``item-removal-mask``).
"""

from __future__ import annotations

from mock_server.media import sniff_format
from mock_server.types import UploadedFile
from mock_server.vendors.aihomedesign._catalog import ITEM_REMOVAL_MASK
from mock_server.vendors.aihomedesign._records import GeneratedImage, Order
from mock_server.vendors.aihomedesign._submit import invalid

__all__ = ["FINALIZED_MESSAGE", "check_mask", "check_mask_order", "finished_image", "temp_image"]

FINALIZED_MESSAGE = "Order finalized successfully"
"""The answer of ``POST /v1/order/done`` (the Kotlin SDK's test fixture)."""


def check_mask_order(order: Order, *, open_only: bool = False) -> None:
    """Refuse an order that is not an Item Removal Mask order (or, if asked, finalized).

    Raises:
        RequestError: ``400 api_error_service_mismatch`` / ``api_error_order_finalized``.
    """
    if order.service.name != ITEM_REMOVAL_MASK:
        raise invalid("order is not an item removal mask order", "api_error_service_mismatch")
    if open_only and order.finalized:
        raise invalid("order is already finalized", "api_error_order_finalized")


def temp_image(order: Order) -> GeneratedImage:
    """The order's newest finished generated image: its current temp image.

    Raises:
        RequestError: ``400 api_error_image_not_ready`` when none has finished yet.
    """
    for image in reversed(order.images):
        if image.finished:
            return image
    raise invalid("generated image is not finished yet", "api_error_image_not_ready")


def finished_image(order: Order, image_id: str) -> GeneratedImage:
    """The order's generated image ``image_id``, which must have finished.

    Raises:
        RequestError: ``400 api_error_generated_image_not_found`` or
            ``api_error_image_not_ready``.
    """
    image = next((i for i in order.images if i.id == image_id), None)
    if image is None:
        raise invalid("generated image not found", "api_error_generated_image_not_found")
    if not image.finished:
        raise invalid("generated image is not finished yet", "api_error_image_not_ready")
    return image


def check_mask(mask: UploadedFile) -> None:
    """Refuse a mask that is not a PNG (the docs: export a PNG).

    Raises:
        RequestError: ``400 api_error_unsupported_file_type``.
    """
    if sniff_format(mask.data) != "png":
        raise invalid("mask must be a PNG image", "api_error_unsupported_file_type")
