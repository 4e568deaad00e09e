"""Contains all the data models used in inputs/outputs"""

from .api_error import ApiError
from .apply_manual_mask_body import ApplyManualMaskBody
from .catalog_service_name import CatalogServiceName
from .finalize_order_body import FinalizeOrderBody
from .finalize_response import FinalizeResponse
from .generated_image import GeneratedImage
from .generated_image_webhook import GeneratedImageWebhook
from .legacy_widget_item import LegacyWidgetItem
from .legacy_widget_item_list import LegacyWidgetItemList
from .manual_mask_response import ManualMaskResponse
from .order import Order
from .order_service import OrderService
from .rate_limit_error import RateLimitError
from .selected_widget import SelectedWidget
from .service_name import ServiceName
from .space import Space
from .space_list import SpaceList
from .submit_order_request import SubmitOrderRequest
from .submit_order_response import SubmitOrderResponse
from .temp_image import TempImage
from .upload_error import UploadError
from .upload_image_body import UploadImageBody
from .upload_image_response import UploadImageResponse
from .upscale_response import UpscaleResponse
from .upscale_webhook import UpscaleWebhook
from .webhook_image import WebhookImage
from .widget import Widget
from .widget_item import WidgetItem
from .widget_list import WidgetList

__all__ = (
    "ApiError",
    "ApplyManualMaskBody",
    "CatalogServiceName",
    "FinalizeOrderBody",
    "FinalizeResponse",
    "GeneratedImage",
    "GeneratedImageWebhook",
    "LegacyWidgetItem",
    "LegacyWidgetItemList",
    "ManualMaskResponse",
    "Order",
    "OrderService",
    "RateLimitError",
    "SelectedWidget",
    "ServiceName",
    "Space",
    "SpaceList",
    "SubmitOrderRequest",
    "SubmitOrderResponse",
    "TempImage",
    "UploadError",
    "UploadImageBody",
    "UploadImageResponse",
    "UpscaleResponse",
    "UpscaleWebhook",
    "WebhookImage",
    "Widget",
    "WidgetItem",
    "WidgetList",
)
