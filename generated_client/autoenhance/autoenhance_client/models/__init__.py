"""Contains all the data models used in inputs/outputs"""

from .ai_version import AIVersion
from .bracke_createdt_out import BrackeCreatedtOut
from .bracket_in import BracketIn
from .bracket_out import BracketOut
from .cloud_type import CloudType
from .enhance_type import EnhanceType
from .finetune_settings import FinetuneSettings
from .http_error import HTTPError
from .http_error_detail import HTTPErrorDetail
from .image_created_out import ImageCreatedOut
from .image_created_out_restage_type_0 import ImageCreatedOutRestageType0
from .image_format import ImageFormat
from .image_in import ImageIn
from .image_in_restage_type_0 import ImageInRestageType0
from .image_in_update import ImageInUpdate
from .image_in_update_restage_type_0 import ImageInUpdateRestageType0
from .image_out import ImageOut
from .image_out_restage_type_0 import ImageOutRestageType0
from .image_processed_event import ImageProcessedEvent
from .image_sort_order import ImageSortOrder
from .image_status import ImageStatus
from .legacy_image_url import LegacyImageUrl
from .metadata import Metadata
from .order_brackets_out import OrderBracketsOut
from .order_hdr_merge import OrderHDRMerge
from .order_hdr_process_in import OrderHDRProcessIn
from .order_hdr_process_out import OrderHDRProcessOut
from .order_image_in import OrderImageIn
from .order_in import OrderIn
from .order_out import OrderOut
from .order_sort import OrderSort
from .order_status import OrderStatus
from .orders_out import OrdersOut
from .organization_in import OrganizationIn
from .organization_out import OrganizationOut
from .pagination import Pagination
from .report_category import ReportCategory
from .report_in import ReportIn
from .report_out import ReportOut
from .report_source import ReportSource
from .validation_error import ValidationError
from .validation_error_detail import ValidationErrorDetail
from .validation_error_detail_location import ValidationErrorDetailLocation
from .webhook_updated_event import WebhookUpdatedEvent
from .window_pull_type import WindowPullType

__all__ = (
    "AIVersion",
    "BrackeCreatedtOut",
    "BracketIn",
    "BracketOut",
    "CloudType",
    "EnhanceType",
    "FinetuneSettings",
    "HTTPError",
    "HTTPErrorDetail",
    "ImageCreatedOut",
    "ImageCreatedOutRestageType0",
    "ImageFormat",
    "ImageIn",
    "ImageInRestageType0",
    "ImageInUpdate",
    "ImageInUpdateRestageType0",
    "ImageOut",
    "ImageOutRestageType0",
    "ImageProcessedEvent",
    "ImageSortOrder",
    "ImageStatus",
    "LegacyImageUrl",
    "Metadata",
    "OrderBracketsOut",
    "OrderHDRMerge",
    "OrderHDRProcessIn",
    "OrderHDRProcessOut",
    "OrderImageIn",
    "OrderIn",
    "OrderOut",
    "OrderSort",
    "OrdersOut",
    "OrderStatus",
    "OrganizationIn",
    "OrganizationOut",
    "Pagination",
    "ReportCategory",
    "ReportIn",
    "ReportOut",
    "ReportSource",
    "ValidationError",
    "ValidationErrorDetail",
    "ValidationErrorDetailLocation",
    "WebhookUpdatedEvent",
    "WindowPullType",
)
