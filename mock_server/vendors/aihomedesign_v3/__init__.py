"""The stateful, vendor-faithful behaviour of the AI HomeDesign v3 mock.

Projects, orders and processes belong to the API key that created them (one account per
key): another key's record is answered like an unknown one. A process runs on the
engine's clock: ``pending``, ``processing`` :data:`PICKUP_SECONDS` later (or halfway
through a shorter generation), then ``done`` with one result image (or ``failed`` when a scenario
says so) ``generation_seconds`` after its creation; then the ``process.completed`` webhook
goes out, retried on failure. Image URLs point at the mock (``/_files/v3/...``): inputs
serve the uploaded bytes, results a tiny real JPEG.

v1 and v3 share no state (AHD3-Q4): this behaviour knows nothing of v1's orders. Every
decision follows ``openapi/aihomedesign-v3.yaml`` and ``openapi/DECISIONS.md``.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from mock_server.engine import BaseBehaviour
from mock_server.errors import Check, ConfigError, RequestError
from mock_server.media import tiny_image
from mock_server.types import RequestData, ResponseData, UploadedFile
from mock_server.vendors._arguments import optional_int, optional_str, reject_unknown, required_str
from mock_server.vendors._timing import run_after
from mock_server.vendors._urls import base_url
from mock_server.vendors.aihomedesign._ratelimit import RollingLimit
from mock_server.vendors.aihomedesign._records import IdFactory
from mock_server.vendors.aihomedesign_v3._catalog import TOOLS
from mock_server.vendors.aihomedesign_v3._checks import (
    bad_request,
    check_asset_map,
    check_images,
    check_roles,
    check_widgets,
    not_found,
    roles_of,
    tool_of,
)
from mock_server.vendors.aihomedesign_v3._delivery import WebhookRetries
from mock_server.vendors.aihomedesign_v3._records import (
    DONE,
    FAILED,
    FILES_PREFIX,
    PROCESSING,
    Asset,
    FinalAsset,
    Order,
    Process,
    Project,
    Resize,
)
from mock_server.vendors.aihomedesign_v3._scenarios import Scenarios

if TYPE_CHECKING:
    from mock_server.engine import Call, VendorContext

__all__ = [
    "DEFAULT_GENERATION_SECONDS",
    "DEFAULT_PROJECT_ADDRESS",
    "MASK_TOOL",
    "PICKUP_SECONDS",
    "RATE_LIMIT_MESSAGE",
    "RATE_LIMIT_PROCESSES",
    "RATE_LIMIT_WINDOW",
    "AIHomeDesignV3Behaviour",
]

DEFAULT_GENERATION_SECONDS = 30.0
"""Clock seconds from a process's creation to its end (undocumented; AHD3-Q11)."""

PICKUP_SECONDS = 5.0
"""Clock seconds a process stays ``pending`` before it turns ``processing``."""

RATE_LIMIT_PROCESSES = 10
"""Processes allowed per API key in any rolling window ("10 generates per 10 minutes")."""

RATE_LIMIT_WINDOW = 600.0
"""The rate limit's window, in seconds."""

RATE_LIMIT_MESSAGE = "rate-limit exceeded, 10 generates per 10 minutes only"
"""The vendor's documented 429 text (no ``key``, as in v1)."""

DEFAULT_PROJECT_ADDRESS = "Default project"
"""The address of the project an order without ``project_id`` lands in (AHD3-Q3)."""

MASK_TOOL = "tool-item-removal-mask"
"""The tool whose processes form a group (``process_group_id``)."""

_FILE_PATH = re.compile(
    re.escape(FILES_PREFIX) + r"(?P<kind>input|result)/(?P<id>[0-9a-f]{24})\.jpeg"
)

Handler = Callable[["Call"], ResponseData]
_Record = TypeVar("_Record", Project, Order)


def _envelope(data: Any, *, status: int = 200, **extra: Any) -> ResponseData:
    return ResponseData(status=status, json={"data": data, **extra, "message": "ok"}, has_json=True)


def _resize(call: Call) -> Resize:
    return Resize(width=call.query.get("width"), height=call.query.get("height"))


def _owner(call: Call) -> str:
    """The caller's API key: the account owning what it creates."""
    return call.headers.get("x-api-key", "")


class AIHomeDesignV3Behaviour(BaseBehaviour):
    """Projects, orders, processes, tools, webhooks and the rate limit of AI HomeDesign v3.

    Args:
        rate_limit: Enforce 10 processes per API key per rolling 10 minutes.
        generation_seconds: Clock seconds from a process's creation to its end (None:
            :data:`DEFAULT_GENERATION_SECONDS`; 0 on real time ends it at once).
    """

    def __init__(self, *, rate_limit: bool = True, generation_seconds: float | None = None) -> None:
        self.rate_limit = rate_limit
        self.generation_seconds = (
            DEFAULT_GENERATION_SECONDS if generation_seconds is None else generation_seconds
        )
        self._lock = threading.RLock()
        self._ids = IdFactory()
        self._limit = RollingLimit(limit=RATE_LIMIT_PROCESSES, window=RATE_LIMIT_WINDOW)
        self._projects: dict[str, Project] = {}
        self._orders: dict[str, Order] = {}
        self._processes: dict[str, Process] = {}
        self._inputs: dict[str, UploadedFile] = {}
        self._results: set[str] = set()
        self._groups: dict[str, str] = {}  # process_group_id -> order id
        self._serial = 0
        self._webhooks: WebhookRetries | None = None
        self.scenarios = Scenarios()
        """Failures a test arms on purpose (see :class:`Scenarios`)."""
        self._handlers: dict[str, Handler] = {
            "create_project": self._create_project,
            "list_projects": self._list_projects,
            "get_project": self._get_project,
            "list_project_orders": self._list_project_orders,
            "create_order": self._create_order,
            "get_order": self._get_order,
            "append_order_assets": self._append_assets,
            "create_process": self._create_process,
            "get_process": self._get_process,
            "list_tools": self._list_tools,
        }

    # --- engine hooks -------------------------------------------------------

    def bind(self, context: VendorContext) -> None:
        """Keep the context; ids are seeded from it."""
        super().bind(context)
        self._ids = IdFactory(seed=context.seed)
        self._webhooks = WebhookRetries(clock=context.clock, sender=context.webhooks)

    def reset(self) -> None:
        """Forget every record and rate-limit count; restart the ids."""
        with self._lock:
            self._ids.restart()
            self._projects.clear()
            self._orders.clear()
            self._processes.clear()
            self._inputs.clear()
            self._results.clear()
            self._groups.clear()
            self._limit.clear()
            self._serial = 0
        self.scenarios.clear()

    def handle(self, call: Call) -> ResponseData | None:
        """Answer a valid request by its operationId (None: an operation not modelled).

        Raises:
            RequestError: The vendor's ``{error, key}`` answers.
        """
        handler = self._handlers.get(call.operation_id)
        return None if handler is None else handler(call)

    def handle_error(
        self, request: RequestData, operation_id: str, error: RequestError
    ) -> ResponseData | None:
        """Validation failures are 400s here: 413 and 422 are not the vendor's for them.

        Raises:
            RequestError: The 400 to answer instead.
        """
        if error.check is Check.BODY_SIZE:
            raise bad_request("invalid request: body too large")
        if error.status == 422:
            # The docs keep 422 for slots, widgets and items; a malformed body is a 400.
            raise bad_request(error.message)
        return None

    def scenario_names(self) -> Mapping[str, str]:
        """The failure scenarios of ``/__mock/scenarios/{name}``."""
        return {
            "fail-next-process": '{"order_id"?, "reason"?}: the next process of that order '
            '(or any) to finish ends "failed" with that error; the webhook says failed',
            "deny-tool": '{"tool", "api_key"?}: the plan of that key (or every key) lacks the '
            "tool: creating a process with it answers 403",
            "rate-limit": '{"count"?}: the next count (default 1) process creations answer 429',
        }

    def run_scenario(self, name: str, arguments: Mapping[str, Any]) -> None:
        """Arm a failure scenario (see :meth:`scenario_names`).

        Raises:
            ConfigError: Unknown scenario, arguments or tool.
        """
        if name == "fail-next-process":
            reject_unknown(arguments, "order_id", "reason")
            self.scenarios.fail_next_process(
                order_id=optional_str(arguments, "order_id"),
                reason=optional_str(arguments, "reason"),
            )
        elif name == "deny-tool":
            reject_unknown(arguments, "tool", "api_key")
            tool = required_str(arguments, "tool")
            if tool not in TOOLS:
                raise ConfigError(f"unknown tool {tool!r}")
            self.scenarios.deny_tool(tool, api_key=optional_str(arguments, "api_key"))
        elif name == "rate-limit":
            reject_unknown(arguments, "count")
            count = optional_int(arguments, "count")
            self.scenarios.rate_limit(1 if count is None else count)
        else:
            known = ", ".join(self.scenario_names())
            raise ConfigError(f"unknown scenario {name!r}; known: {known}")

    def fault_targets(self) -> Mapping[str, str]:
        """The input and result file URLs, for ``faults.set``."""
        return {"input": f"{FILES_PREFIX}input/", "result": f"{FILES_PREFIX}result/"}

    def handle_unrouted(self, request: RequestData) -> ResponseData | None:
        """Serve the image URLs the mock hands out; None (404) for anything else."""
        found = _FILE_PATH.fullmatch(request.path)
        if found is None or request.method.upper() not in ("GET", "HEAD"):
            return None
        with self._lock:
            if found["kind"] == "input":
                upload = self._inputs.get(found["id"])
                if upload is None:
                    return None
                return ResponseData(status=200, body=upload.data, content_type=upload.content_type)
            if found["id"] not in self._results:
                return None
        return ResponseData(status=200, body=tiny_image("jpeg"), content_type="image/jpeg")

    # --- records ----------------------------------------------------------------

    def _next_serial(self) -> int:
        self._serial += 1
        return self._serial

    def _owned(self, records: Mapping[str, _Record], record_id: str, call: Call) -> _Record | None:
        record = records.get(record_id)
        return record if record is not None and record.owner == _owner(call) else None

    def _project(self, call: Call, project_id: str) -> Project:
        project = self._owned(self._projects, project_id, call)
        if project is None:
            raise not_found("project")
        return project

    def _order(self, call: Call, order_id: str) -> Order:
        order = self._owned(self._orders, order_id, call)
        if order is None:
            raise not_found("order")
        return order

    def _new_project(self, owner: str, address: str, *, default: bool) -> Project:
        now = self.context.clock.now()
        project = Project(
            id=self._ids.new(now),
            owner=owner,
            address=address,
            default=default,
            created_at=now,
            serial=self._next_serial(),
        )
        self._projects[project.id] = project
        return project

    def _default_project(self, owner: str) -> Project:
        found = next((p for p in self._projects.values() if p.owner == owner and p.default), None)
        return found or self._new_project(owner, DEFAULT_PROJECT_ADDRESS, default=True)

    # --- projects -------------------------------------------------------------

    def _create_project(self, call: Call) -> ResponseData:
        with self._lock:
            project = self._new_project(_owner(call), call.body["address"], default=False)
            return _envelope(project.to_json(base_url(call.headers), Resize()), status=201)

    def _list_projects(self, call: Call) -> ResponseData:
        owner = _owner(call)
        search = str(call.query.get("s") or "").casefold()
        with self._lock:
            projects = [
                p
                for p in self._projects.values()
                if p.owner == owner and search in p.address.casefold()
            ]
            base, resize = base_url(call.headers), _resize(call)
            return _page(call, projects, lambda p: p.to_json(base, resize), _project_modified)

    def _get_project(self, call: Call) -> ResponseData:
        with self._lock:
            project = self._project(call, call.path_params["project_id"])
            return _envelope(project.to_json(base_url(call.headers), _resize(call)))

    def _list_project_orders(self, call: Call) -> ResponseData:
        with self._lock:
            project = self._project(call, call.path_params["project_id"])
            base, resize = base_url(call.headers), _resize(call)
            return _page(call, project.orders, lambda o: o.to_json(base, resize), _order_modified)

    # --- orders ---------------------------------------------------------------

    def _create_order(self, call: Call) -> ResponseData:
        body = call.body
        check_images(body)
        roles = roles_of(body)
        check_roles(roles)
        owner = _owner(call)
        with self._lock:
            project_id = body.get("project_id")
            if project_id is None:
                project = self._default_project(owner)
            else:
                project = self._project(call, project_id)
            now = self.context.clock.now()
            order = Order(
                id=self._ids.new(now),
                owner=owner,
                project_id=project.id,
                created_at=now,
                serial=self._next_serial(),
            )
            self._add_assets(order, body["asset_file"], roles, now=now)
            self._orders[order.id] = order
            project.orders.append(order)
            project.updated_at = now
            return _envelope(order.to_json(base_url(call.headers), Resize()), status=201)

    def _add_assets(
        self, order: Order, files: Iterable[UploadedFile], roles: Iterable[str], *, now: float
    ) -> None:
        for upload, role in zip(files, roles, strict=True):
            asset = Asset(id=self._ids.new(now), role=role)
            order.assets.append(asset)
            self._inputs[asset.id] = upload

    def _get_order(self, call: Call) -> ResponseData:
        with self._lock:
            order = self._order(call, call.path_params["order_id"])
            return _envelope(order.to_json(base_url(call.headers), _resize(call)))

    def _append_assets(self, call: Call) -> ResponseData:
        check_images(call.body)
        roles = roles_of(call.body)
        with self._lock:
            order = self._order(call, call.path_params["order_id"])
            check_roles([asset.role for asset in order.assets] + roles)
            now = self.context.clock.now()
            self._add_assets(order, call.body["asset_file"], roles, now=now)
            self._projects[order.project_id].updated_at = now
            return _envelope(order.to_json(base_url(call.headers), Resize()), status=201)

    # --- processes ------------------------------------------------------------

    def _create_process(self, call: Call) -> ResponseData:
        body = call.body
        owner = _owner(call)
        with self._lock:
            order = self._order(call, body["order_id"])
            tool = tool_of(body["tool"])
            if self.scenarios.denies(owner, tool.slug):
                raise RequestError(
                    status=403,
                    message="your plan does not include this tool",
                    key="api_error_tool_not_in_plan",
                )
            check_asset_map(tool, order, body["asset_map"])
            widgets = body.get("widgets") or []
            check_widgets(tool, widgets)
            group = self._group(order, body.get("process_group_id"), tool.slug)
            now = self.context.clock.now()
            if self._limited(owner, now):
                return ResponseData(status=429, json={"error": RATE_LIMIT_MESSAGE}, has_json=True)
            process = Process(
                id=self._ids.new(now),
                order_id=order.id,
                tool=tool.slug,
                asset_map=dict(body["asset_map"]),
                widgets=[{"slug": w["slug"], "item_slugs": list(w["item_slugs"])} for w in widgets],
                created_at=now,
                base_url=base_url(call.headers),
                process_group_id=group,
            )
            order.processes.append(process)
            self._processes[process.id] = process
            self._schedule(order, process)
        data: dict[str, Any] = {"process_ids": [process.id]}
        if tool.slug == MASK_TOOL and group is not None:
            data["process_group_id"] = group
        return _envelope(data, status=201)

    def _group(self, order: Order, given: str | None, tool: str) -> str | None:
        """The process's group: the one given (it must be the order's) or a new mask group."""
        if given is not None:
            if self._groups.get(given) != order.id:
                raise not_found("process_group")
            return given
        if tool != MASK_TOOL:
            return None
        group = self._ids.new(self.context.clock.now())
        self._groups[group] = order.id
        return group

    def _limited(self, owner: str, now: float) -> bool:
        """Whether this process is refused by the rate limit (counts it when it is not)."""
        if self.scenarios.take_rate_limit():
            return True
        if not self.rate_limit:
            return False
        if not self._limit.allows(owner, now=now):
            return True
        self._limit.record(owner, now=now)
        return False

    def _schedule(self, order: Order, process: Process) -> None:
        delay = self.generation_seconds
        pickup = min(PICKUP_SECONDS, delay / 2)
        clock = self.context.clock
        run_after(clock, pickup, lambda: self._start(order, process, remaining=delay - pickup))

    def _known(self, process: Process) -> bool:
        return self._processes.get(process.id) is process

    def _start(self, order: Order, process: Process, *, remaining: float) -> None:
        with self._lock:
            if not self._known(process):
                return  # forgotten by a reset meanwhile
            process.status = PROCESSING
            process.updated_at = self.context.clock.now()
        run_after(self.context.clock, remaining, lambda: self._finish(order, process))

    def _finish(self, order: Order, process: Process) -> None:
        with self._lock:
            if not self._known(process):
                return
            now = self.context.clock.now()
            process.updated_at = now
            failure = self.scenarios.take_failure(order.id)
            if failure is None:
                result = FinalAsset(id=self._ids.new(now))
                process.final_assets.append(result)
                self._results.add(result.id)
                process.status = DONE
            else:
                process.status = FAILED
                process.error = failure
            self._projects[order.project_id].updated_at = now
            payload = process.webhook_payload()
        # Outside the lock: the receiver may call the mock back while it handles this.
        if self._webhooks is not None:
            self._webhooks.send(payload)

    def _get_process(self, call: Call) -> ResponseData:
        with self._lock:
            process = self._processes.get(call.path_params["process_id"])
            order = None if process is None else self._orders.get(process.order_id)
            if process is None or order is None or order.owner != _owner(call):
                raise not_found("process")
            return _envelope(process.to_json(base_url(call.headers), _resize(call)))

    # --- tools ----------------------------------------------------------------

    def _list_tools(self, call: Call) -> ResponseData:
        return ResponseData(
            status=200,
            json={"data": [tool.to_json() for tool in TOOLS.values()]},
            has_json=True,
        )


def _project_modified(project: Project) -> float:
    return project.updated_at or project.created_at


def _order_modified(order: Order) -> float:
    stamps = [order.created_at] + [p.updated_at for p in order.processes]
    return max(stamps)


def _page(
    call: Call,
    records: list[_Record],
    show: Callable[[_Record], dict[str, Any]],
    modified: Callable[[_Record], float],
) -> ResponseData:
    """One page of ``records`` in the asked order, in the list envelope (AHD3-Q7)."""
    page = int(call.query.get("page") or 1)
    limit = int(call.query.get("limit") or 10)
    sort = call.query.get("sort") or "desc"
    if sort == "asc":
        ordered = sorted(records, key=lambda r: r.serial)
    elif sort == "modified":
        ordered = sorted(records, key=lambda r: (modified(r), r.serial), reverse=True)
    else:
        ordered = sorted(records, key=lambda r: r.serial, reverse=True)
    start = (page - 1) * limit
    pagination = {
        "page": page,
        "limit": limit,
        "total": len(ordered),
        "total_pages": math.ceil(len(ordered) / limit),
    }
    return _envelope([show(r) for r in ordered[start : start + limit]], pagination=pagination)
