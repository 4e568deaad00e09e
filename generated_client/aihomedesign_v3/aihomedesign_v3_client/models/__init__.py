"""Contains all the data models used in inputs/outputs"""

from .api_error import ApiError
from .append_assets_form import AppendAssetsForm
from .asset import Asset
from .asset_role import AssetRole
from .create_order_form import CreateOrderForm
from .create_process_envelope import CreateProcessEnvelope
from .create_process_request import CreateProcessRequest
from .create_process_request_asset_map import CreateProcessRequestAssetMap
from .create_process_result import CreateProcessResult
from .create_project_request import CreateProjectRequest
from .final_asset import FinalAsset
from .list_project_orders_sort import ListProjectOrdersSort
from .list_projects_sort import ListProjectsSort
from .order import Order
from .order_envelope import OrderEnvelope
from .order_list_envelope import OrderListEnvelope
from .order_status import OrderStatus
from .pagination import Pagination
from .process import Process
from .process_asset_map import ProcessAssetMap
from .process_completed_webhook import ProcessCompletedWebhook
from .process_completed_webhook_status import ProcessCompletedWebhookStatus
from .process_envelope import ProcessEnvelope
from .process_status import ProcessStatus
from .process_summary import ProcessSummary
from .project import Project
from .project_envelope import ProjectEnvelope
from .project_list_envelope import ProjectListEnvelope
from .tool import Tool
from .tool_list import ToolList
from .tool_widget import ToolWidget
from .tool_widget_select import ToolWidgetSelect
from .webhook_final_asset import WebhookFinalAsset
from .widget_selection import WidgetSelection

__all__ = (
    "ApiError",
    "AppendAssetsForm",
    "Asset",
    "AssetRole",
    "CreateOrderForm",
    "CreateProcessEnvelope",
    "CreateProcessRequest",
    "CreateProcessRequestAssetMap",
    "CreateProcessResult",
    "CreateProjectRequest",
    "FinalAsset",
    "ListProjectOrdersSort",
    "ListProjectsSort",
    "Order",
    "OrderEnvelope",
    "OrderListEnvelope",
    "OrderStatus",
    "Pagination",
    "Process",
    "ProcessAssetMap",
    "ProcessCompletedWebhook",
    "ProcessCompletedWebhookStatus",
    "ProcessEnvelope",
    "ProcessStatus",
    "ProcessSummary",
    "Project",
    "ProjectEnvelope",
    "ProjectListEnvelope",
    "Tool",
    "ToolList",
    "ToolWidget",
    "ToolWidgetSelect",
    "WebhookFinalAsset",
    "WidgetSelection",
)
