"""Contains all the data models used in inputs/outputs"""

from .api_error import ApiError
from .catalog_service_name import CatalogServiceName
from .generated_image import GeneratedImage
from .generated_image_webhook import GeneratedImageWebhook
from .legacy_widget_item import LegacyWidgetItem
from .legacy_widget_item_list import LegacyWidgetItemList
from .order import Order
from .order_service import OrderService
from .rate_limit_error import RateLimitError
from .selected_widget import SelectedWidget
from .service_name import ServiceName
from .space import Space
from .space_list import SpaceList
from .submit_order_request import SubmitOrderRequest
from .submit_order_response import SubmitOrderResponse
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
    "CatalogServiceName",
    "GeneratedImage",
    "GeneratedImageWebhook",
    "LegacyWidgetItem",
    "LegacyWidgetItemList",
    "Order",
    "OrderService",
    "RateLimitError",
    "SelectedWidget",
    "ServiceName",
    "Space",
    "SpaceList",
    "SubmitOrderRequest",
    "SubmitOrderResponse",
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
