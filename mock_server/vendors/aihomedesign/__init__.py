"""The stateful, vendor-faithful behaviour of the AI HomeDesign v1 mock.

Orders belong to the API key that uploaded them (one account per key): another key's
order or generated image is answered like an unknown one. A submit creates a generated
image that finishes ``eta`` seconds later on the engine's clock (the service's eta, or
``generation_seconds`` when given; 0 on real time finishes it at once), which then sends
the generated-image webhook; an upscale sends its webhook 30 seconds after the request.
Image URLs point at the mock (``/_files/...``) and serve a tiny real JPEG. Every
decision follows ``openapi/aihomedesign.yaml``.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from mock_server.engine import BaseBehaviour
from mock_server.errors import Check, ConfigError, RequestError
from mock_server.media import tiny_image
from mock_server.types import RequestData, ResponseData
from mock_server.vendors._arguments import optional_str, reject_unknown
from mock_server.vendors._timing import eta_seconds, run_after
from mock_server.vendors._urls import base_url
from mock_server.vendors.aihomedesign import _catalog as catalog
from mock_server.vendors.aihomedesign._mask import (
    FINALIZED_MESSAGE,
    check_mask,
    check_mask_order,
    finished_image,
    temp_image,
)
from mock_server.vendors.aihomedesign._ratelimit import RollingLimit
from mock_server.vendors.aihomedesign._records import (
    FILES_PREFIX,
    GeneratedImage,
    IdFactory,
    Order,
    account_of,
    file_url,
)
from mock_server.vendors.aihomedesign._scenarios import Scenarios
from mock_server.vendors.aihomedesign._submit import Selection, check_selection, invalid
from mock_server.vendors.aihomedesign._upload import check_image_bytes, upload_error

if TYPE_CHECKING:
    from mock_server.engine import Call, VendorContext

__all__ = [
    "RATE_LIMIT_MESSAGE",
    "RATE_LIMIT_SUBMISSIONS",
    "RATE_LIMIT_WINDOW",
    "UPSCALE_SECONDS",
    "AIHomeDesignBehaviour",
]

RATE_LIMIT_SUBMISSIONS = 10
"""First submissions allowed per API key in any rolling window."""

RATE_LIMIT_WINDOW = 600.0
"""The rate limit's window, in seconds."""

RATE_LIMIT_MESSAGE = "rate-limit exceeded, 10 generates per 10 minutes only"
"""The vendor's 429 text (sent as valid JSON, without the docs' trailing comma)."""

UPSCALE_SECONDS = 30.0
"""How long after ``request_upscale`` the upscale webhook is sent (the spec's value)."""

_FILE_PATH = re.compile(
    re.escape(FILES_PREFIX) + r"aihd-(?P<bucket>before|after|upscaled)/(?P<id>[0-9a-f]{24})\.jpeg"
)

Handler = Callable[["Call"], ResponseData]


def _ok(value: Any) -> ResponseData:
    return ResponseData(status=200, json=value, has_json=True)


class AIHomeDesignBehaviour(BaseBehaviour):
    """Orders, catalog, generation, upscales, webhooks and the rate limit of AI HomeDesign.

    Args:
        rate_limit: Enforce 10 first submissions per API key per rolling 10 minutes
            (regenerations and rejected submissions do not count).
        generation_seconds: Clock seconds from a submit (or manual mask) to the finished
            image, announced as its ``eta``; None: each service's own eta (30 to 60).

    Example:
        >>> from mock_server import Clock, EngineOptions, RequestData, build_engine
        >>> engine = build_engine("aihomedesign", clock=Clock(manual=True),
        ...                       options=EngineOptions())
        >>> engine.handle(RequestData(method="GET", path="/v1/catalog/spaces",
        ...     query={"service_name": ("service-ai-virtual-staging",)},
        ...     headers={"x-api-key": "test-key"})).status
        200
    """

    def __init__(self, *, rate_limit: bool = True, generation_seconds: float | None = None) -> None:
        self.rate_limit = rate_limit
        self.generation_seconds = generation_seconds
        self._lock = threading.RLock()
        self._ids = IdFactory()
        self._limit = RollingLimit(limit=RATE_LIMIT_SUBMISSIONS, window=RATE_LIMIT_WINDOW)
        self._orders: dict[str, Order] = {}
        self._images: dict[str, tuple[Order, GeneratedImage]] = {}
        self.scenarios = Scenarios()
        """Failures a test arms on purpose (see :class:`Scenarios`)."""
        self._handlers: dict[str, Handler] = {
            "upload_image": self._upload_image,
            "submit_order": self._submit_order,
            "get_order": self._get_order,
            "request_upscale": self._request_upscale,
            "list_spaces": self._list_spaces,
            "list_widgets": self._list_widgets,
            "list_widget_items": self._list_widget_items,
            "get_last_temp_image": self._last_temp_image,
            "apply_manual_mask": self._manual_mask,
            "finalize_order": self._finalize,
        }

    # --- engine hooks -------------------------------------------------------

    def bind(self, context: VendorContext) -> None:
        """Keep the context; ids are seeded from it."""
        super().bind(context)
        self._ids = IdFactory(seed=context.seed)

    def reset(self) -> None:
        """Forget every order, generated image and rate-limit count; restart the ids."""
        with self._lock:
            self._ids.restart()
            self._orders.clear()
            self._images.clear()
            self._limit.clear()
        self.scenarios.clear()

    def handle(self, call: Call) -> ResponseData | None:
        """Answer a valid request by its operationId (None: an operation not modelled).

        Raises:
            RequestError: The vendor's ``400``/``404`` ``{error, key}`` answers.
        """
        handler = self._handlers.get(call.operation_id)
        return None if handler is None else handler(call)

    def handle_error(
        self, request: RequestData, operation_id: str, error: RequestError
    ) -> ResponseData | None:
        """Reword the engine's validation failures where the vendor answers differently."""
        if operation_id == "upload_image":
            return upload_error(request, error)
        if error.check is Check.BODY_SIZE and operation_id == "submit_order":
            # The spec: this API never answers 413.
            raise invalid("invalid request: body too large", "api_error_invalid_request")
        return None

    def scenario_names(self) -> Mapping[str, str]:
        """The failure scenarios of ``/__mock/scenarios/{name}``."""
        return {
            "fail-next-generation": '{"order_id"?, "reason"?}: the next generation of that '
            'order (or any) ends "failed" with that comment, and sends no webhook'
        }

    def run_scenario(self, name: str, arguments: Mapping[str, Any]) -> None:
        """Arm a failure: ``fail-next-generation``.

        Raises:
            ConfigError: Unknown scenario or arguments.
        """
        if name != "fail-next-generation":
            raise ConfigError(f"unknown scenario {name!r}; known: fail-next-generation")
        reject_unknown(arguments, "order_id", "reason")
        self.scenarios.fail_next_generation(
            order_id=optional_str(arguments, "order_id"), reason=optional_str(arguments, "reason")
        )

    def fault_targets(self) -> Mapping[str, str]:
        """The file URLs (uploaded images and results), for ``faults.set``."""
        return {"files": FILES_PREFIX}

    def handle_unrouted(self, request: RequestData) -> ResponseData | None:
        """Serve the image URLs the mock hands out; None (404) for anything else."""
        found = _FILE_PATH.fullmatch(request.path)
        if found is None or request.method.upper() not in ("GET", "HEAD"):
            return None
        bucket, image_id = found["bucket"], found["id"]
        with self._lock:
            if bucket == "before":
                exists = any(o.before_image_id == image_id for o in self._orders.values())
            else:
                entry = self._images.get(image_id)
                image = entry[1] if entry is not None else None
                exists = image is not None and (
                    image.upscaled if bucket == "upscaled" else image.finished
                )
        if not exists:
            return None
        return ResponseData(status=200, body=tiny_image("jpeg"), content_type="image/jpeg")

    # --- orders ---------------------------------------------------------------

    def _upload_image(self, call: Call) -> ResponseData:
        image = call.body["image"]
        check_image_bytes(image)
        service = catalog.SERVICES[call.body["service_name"]]
        now = self.context.clock.now()
        with self._lock:
            order = Order(
                id=self._ids.new(now),
                owner=_owner(call),
                before_image_id=self._ids.new(now),
                service=service,
                created_at=now,
            )
            self._orders[order.id] = order
        return _ok({"order_id": order.id})

    def _order(self, call: Call, order_id: str) -> Order | None:
        order = self._orders.get(order_id)
        return order if order is not None and order.owner == _owner(call) else None

    def _submit_order(self, call: Call) -> ResponseData:
        body = call.body
        owner = _owner(call)
        clock = self.context.clock
        with self._lock:
            order = self._order(call, body["order_id"])
            if order is None:
                raise invalid("order not found", "api_error_order_not_found")
            selection = check_selection(service=order.service, body=body)
            now = clock.now()
            first = not order.images
            if first and self.rate_limit:
                if not self._limit.allows(owner, now=now):
                    return ResponseData(
                        status=429, json={"error": RATE_LIMIT_MESSAGE}, has_json=True
                    )
                self._limit.record(owner, now=now)
            image = self._generate(order, selection, now=now, base=base_url(call.headers))
        return _ok({"order_id": order.id, "image_id": image.id, "eta": self._eta(order)})

    def _generate(
        self, order: Order, selection: Selection, *, now: float, base: str
    ) -> GeneratedImage:
        """Append a new generated image and schedule its end ``eta`` seconds later."""
        image = self._new_image(order, selection, now=now, base=base)
        run_after(self.context.clock, self._delay(order), lambda: self._finish(order, image))
        return image

    def _delay(self, order: Order) -> float:
        """Clock seconds a generation of ``order`` takes."""
        if self.generation_seconds is None:
            return float(order.service.eta)
        return self.generation_seconds

    def _eta(self, order: Order) -> int:
        return eta_seconds(self._delay(order))

    def _new_image(
        self, order: Order, selection: Selection, *, now: float, base: str
    ) -> GeneratedImage:
        service = order.service
        space = selection.space.name if selection.space is not None else ""
        day_to_dusk = service.name == catalog.DAY_TO_DUSK
        image = GeneratedImage(
            id=self._ids.new(now),
            order_id=order.id,
            sequence=len(order.images) + 1,
            prompt=selection.prompt(service),
            space=space,
            style=selection.title_of("Style"),
            color=selection.title_of("Color"),
            sky_style=selection.title_of("Sky Style"),
            shadow_removal=day_to_dusk and selection.remove_shadow,
            created_at=now,
            base_url=base,
        )
        order.space = space
        order.images.append(image)
        self._images[image.id] = (order, image)
        return image

    def _knows(self, order: Order, image: GeneratedImage) -> bool:
        entry = self._images.get(image.id)
        return entry is not None and entry[0] is order and entry[1] is image

    def _finish(self, order: Order, image: GeneratedImage) -> None:
        with self._lock:
            if not self._knows(order, image):
                return  # forgotten by a reset meanwhile
            image.failure = self.scenarios.take_failure(order.id)
            if image.failure is not None:
                return  # the spec's decision: a failed generation sends no webhook
            image.finished = True
            payload = order.webhook_payload(image)
        # Outside the lock: the receiver may call the mock back while it handles this.
        self.context.webhooks.send("generatedImage", payload)

    def _get_order(self, call: Call) -> ResponseData:
        with self._lock:
            order = self._order(call, call.path_params["order_id"])
            if order is None:
                raise RequestError(
                    status=404, message="order not found", key="api_error_order_not_found"
                )
            return _ok(order.to_json(base_url(call.headers)))

    def _request_upscale(self, call: Call) -> ResponseData:
        owner = _owner(call)
        with self._lock:
            entry = self._images.get(call.path_params["generated_image_id"])
            if entry is None or entry[0].owner != owner:
                raise RequestError(
                    status=404,
                    message="generated image not found",
                    key="api_error_generated_image_not_found",
                )
            order, image = entry
            if not image.finished:
                raise invalid("generated image is not finished yet", "api_error_image_not_ready")
        base = base_url(call.headers)
        self.context.clock.call_later(
            UPSCALE_SECONDS, lambda: self._upscaled(order, image, base=base)
        )
        return _ok({"status": "processing"})

    def _upscaled(self, order: Order, image: GeneratedImage, *, base: str) -> None:
        with self._lock:
            if not self._knows(order, image):
                return
            image.upscaled = True
        payload = {
            "generated_image_id": image.id,
            "upscaled_image_src": file_url(base, "upscaled", image.id),
            "user_id": account_of(order.owner).user_id,
        }
        self.context.webhooks.send("upscaleDownload", payload)

    # --- item removal mask ----------------------------------------------------

    def _last_temp_image(self, call: Call) -> ResponseData:
        with self._lock:
            order = self._order(call, call.path_params["order_id"])
            if order is None:
                raise RequestError(
                    status=404, message="order not found", key="api_error_order_not_found"
                )
            check_mask_order(order)
            image = temp_image(order)
            return _ok(
                {"image_id": image.id, "url": file_url(base_url(call.headers), "after", image.id)}
            )

    def _body_order(self, call: Call, *, open_only: bool) -> Order:
        order = self._order(call, call.body["order_id"])
        if order is None:
            raise invalid("order not found", "api_error_order_not_found")
        check_mask_order(order, open_only=open_only)
        return order

    def _manual_mask(self, call: Call) -> ResponseData:
        with self._lock:
            order = self._body_order(call, open_only=True)
            temp_image(order)
            check_mask(call.body["mask"])
            selection = check_selection(
                service=order.service, body={"service_name": order.service.name}
            )
            now = self.context.clock.now()
            image = self._generate(order, selection, now=now, base=base_url(call.headers))
        eta = self._eta(order)
        return _ok({"order_id": order.id, "image_id": image.id, "eta": eta, "maskId": image.id})

    def _finalize(self, call: Call) -> ResponseData:
        with self._lock:
            order = self._body_order(call, open_only=False)
            finished_image(order, call.body["image_id"])
            order.finalized = True
        return _ok({"message": FINALIZED_MESSAGE})

    # --- catalog --------------------------------------------------------------

    def _list_spaces(self, call: Call) -> ResponseData:
        service = catalog.canonical_service(call.query["service_name"])
        active_only = call.query.get("active") is True
        spaces = catalog.spaces_for(service, active_only=active_only)
        return _ok({"data": [space.to_json() for space in spaces]})

    def _list_widgets(self, call: Call) -> ResponseData:
        service = catalog.SERVICES[catalog.canonical_service(call.query["service_name"])]
        space_name = call.query.get("space_name") or ""
        if service.required_space and catalog.space_of(service.name, space_name) is None:
            raise RequestError(
                status=400, message="space not found", key="api_error_space_not_found"
            )
        widgets = catalog.widgets_for(service.name, space_name)
        return _ok({"data": [widget.to_json() for widget in widgets]})

    def _list_widget_items(self, call: Call) -> ResponseData:
        widget = catalog.find_widget(call.path_params["widget_id"])
        if widget is None:
            raise RequestError(
                status=404, message="widget not found", key="api_error_widget_not_found"
            )
        return _ok({"data": [item.to_legacy_json(widget.id) for item in widget.items]})


def _owner(call: Call) -> str:
    """The caller's API key: the account owning what it creates."""
    return call.headers.get("x-api-key", "")
