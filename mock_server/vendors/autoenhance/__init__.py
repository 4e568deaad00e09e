"""Autoenhance.ai v3: the vendor-faithful, stateful behaviour, keyed by operationId.

The spec (``openapi/autoenhance.yaml``) states every decision the vendor leaves open;
this module carries them out. State lives in a single-account in-memory store
(``_store``), the pure rules (defaults, grouping, originals) in
``_rules``; upload URLs point at the mock itself (``_uploads``).

Lifecycle, in clock seconds (the engine's :class:`~mock_server.clock.Clock`; a manual
clock moves only on ``advance`` / ``complete_all``, e.g. ``POST /__mock/clock/complete``):

- Create Image: the image is ``waiting``; so is its order (created implicitly when its
  ``order_id`` is unknown or omitted).
- The ``PUT`` of the bytes lands: the image is ``processing`` at once (the order's
  ``is_processing`` is true and its status ``processing``).
- ``processing_seconds`` later (default 0, the spec's "processing delay"): the image is
  ``processed`` and an ``image_processed`` webhook goes out. On real time a delay of 0
  completes the step at once, before the request that started it is answered.
- Create Bracket, then its ``PUT``: ``is_uploaded`` turns true; nothing else moves.
- Process Order: the uploaded, ungrouped brackets are grouped at once (``is_merging``
  true, status ``processing``, no new images listed); ``merging_seconds`` later
  (default 0) the grouped images appear, ``processing``, and finish as above.
- Process Image (reprocess) of an uploaded image: ``processing`` again, then as above.
- The enhanced (once ``processed``) and original (once uploaded) downloads answer ``302``
  to the mock's asset host (``_downloads``), which serves the image; before
  API version 2024-11-01 they answer JSON naming that URL (``_versions``).

Every change of an order or of one of its images sets the order's ``last_updated_at``.
A scheduled step whose image or order was deleted meanwhile (or reset) does nothing; a
reprocess supersedes a pending completion. Webhooks are sent outside the store lock,
so a receiver may call the mock back.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from mock_server.engine import BaseBehaviour
from mock_server.errors import Check, ConfigError, FieldIssue, RequestError, Rule
from mock_server.media import tiny_image
from mock_server.types import RequestData, ResponseData
from mock_server.vendors._arguments import (
    optional_int,
    optional_str,
    reject_unknown,
    required_str,
)
from mock_server.vendors._timing import run_after
from mock_server.vendors._urls import base_url
from mock_server.vendors.autoenhance._downloads import (
    ASSET_PREFIX,
    Asset,
    asset_url,
    enhanced_payload,
    redirect,
    serve_asset,
)
from mock_server.vendors.autoenhance._organizations import add_organization, organization_view
from mock_server.vendors.autoenhance._rules import (
    MAX_PER_PAGE,
    PROCESS_SETTINGS,
    bracket_groups,
    new_settings,
    original_payload,
    setting_names,
    sort_orders,
)
from mock_server.vendors.autoenhance._scenarios import QUOTA_REASON, Scenarios
from mock_server.vendors.autoenhance._store import (
    USER_ID,
    Bracket,
    Image,
    Order,
    Store,
    Upload,
    bracket_view,
    image_view,
    order_view,
)
from mock_server.vendors.autoenhance._uploads import (
    UPLOAD_PREFIX,
    UPLOAD_TTL_SECONDS,
    check_put,
    kept_upload,
    ok_response,
    s3_status_error,
    signed_url,
    upload_path,
)
from mock_server.vendors.autoenhance._versions import (
    DYNAMIC_RENDERING_SINCE,
    NOT_A_DATE,
    carries,
    upload_url_key,
)

if TYPE_CHECKING:
    from mock_server.engine import Call, VendorContext

__all__ = ["AutoenhanceBehaviour"]

Handler = Callable[["Call"], ResponseData]

_SCENARIOS = {
    "fail-next-image": '{"order_id"?, "reason"?}: the next image of that order (or any) '
    "ends in error with that status_reason; its webhook says error: true",
    "expire-image": '{"image_id"}: the image becomes expired',
    "daily-quota": '{"limit"?, "remaining"?}: the 500-enhancements-per-day quota; at 0 '
    "the next image ends in error",
}

_BAD_REQUEST = {"detail": {}, "message": "Bad Request"}


def _json(value: Any, status: int = 200) -> ResponseData:
    return ResponseData(status=status, json=value, has_json=True, content_type="application/json")


def _not_found(message: str = "Not Found") -> RequestError:
    return RequestError(status=404, message=message)


def _invalid(location: str, field: str, message: str) -> RequestError:
    return RequestError(status=422, message=message, field=field, location=location)


class AutoenhanceBehaviour(BaseBehaviour):
    """Stateful answers for the Autoenhance.ai v3 spec.

    Args:
        processing_seconds: Clock seconds from upload (or reprocess) to ``processed``.
        merging_seconds: Clock seconds Process Order takes to group brackets.
        upload_ttl_seconds: How long an upload URL stays valid.
        download_redirects: The enhanced and original downloads answer ``302`` to the
            mock's asset URL, as the live API was seen to (decision AE-Q14); False
            answers ``200`` with the image directly.

    Example:
        >>> from mock_server import Clock, EngineOptions, RequestData, build_engine
        >>> engine = build_engine("autoenhance", clock=Clock(manual=True),
        ...                       options=EngineOptions())
        >>> engine.handle(RequestData(method="POST", path="/v3/orders/",
        ...     headers={"x-api-key": "test-key", "content-type": "application/json"},
        ...     body=b'{"name": "Oak St"}')).json["status"]
        'waiting'
    """

    def __init__(
        self,
        *,
        processing_seconds: float = 0.0,
        merging_seconds: float = 0.0,
        upload_ttl_seconds: int = UPLOAD_TTL_SECONDS,
        download_redirects: bool = True,
    ) -> None:
        self.processing_seconds = processing_seconds
        self.download_redirects = download_redirects
        self.merging_seconds = merging_seconds
        self.upload_ttl_seconds = upload_ttl_seconds
        self.store = Store()
        self.scenarios = Scenarios(now=self._now, expire=self._expire_image)
        """Failures a test arms on purpose (see :class:`Scenarios`)."""
        self._handlers: dict[str, Handler] = {
            "create_order": self._create_order,
            "list_orders": self._list_orders,
            "retrieve_order": self._retrieve_order,
            "update_order": self._update_order,
            "delete_order": self._delete_order,
            "process_order": self._process_order,
            "merge_hdr": self._process_order,
            "list_order_brackets": self._list_order_brackets,
            "create_bracket": self._create_bracket,
            "create_image": self._create_image,
            "retrieve_image": self._retrieve_image,
            "delete_image": self._delete_image,
            "reprocess_image": self._reprocess_image,
            "report_image": self._report_image,
            "download_enhanced_image": self._download_enhanced,
            "download_original_image": self._download_original,
            "download_preview_image": self._download_legacy,
            "download_watermark_image": self._download_legacy,
            "create_organization": self._create_organization,
        }

    # --- the Behaviour protocol ---------------------------------------------

    def bind(self, context: VendorContext) -> None:
        """Keep the context (clock, webhooks) and seed the IDs from it."""
        super().bind(context)
        self.store = Store(seed=context.seed)

    def handle(self, call: Call) -> ResponseData | None:
        """Answer a valid request by its operationId (None for operations not modelled)."""
        handler = self._handlers.get(call.operation_id)
        return None if handler is None else handler(call)

    def fault_targets(self) -> Mapping[str, str]:
        """The upload URLs (S3) and the asset host's downloads, for ``faults.set``."""
        return {"upload": UPLOAD_PREFIX, "asset": ASSET_PREFIX}

    def target_error(self, target: str, status: int) -> ResponseData | None:
        """S3's XML error on the upload and asset URLs (both are S3 objects live)."""
        if target not in ("upload", "asset"):
            return None
        with self.store.lock:
            return s3_status_error(self.store, status)

    def handle_unrouted(self, request: RequestData) -> ResponseData | None:
        """Answer the upload URLs like S3 and the asset URLs; anything else is a 404."""
        if request.path.startswith(ASSET_PREFIX):
            with self.store.lock:
                return serve_asset(self.store, request)
        if not request.path.startswith(UPLOAD_PREFIX):
            return None
        with self.store.lock:
            checked = check_put(self.store, request, now=self._now(), ttl=self.upload_ttl_seconds)
            if isinstance(checked, ResponseData):
                return checked
            self._store_upload(checked, request)
            return ok_response(self.store, request.body)

    def handle_error(
        self, request: RequestData, operation_id: str, error: RequestError
    ) -> ResponseData | None:
        """Malformed JSON is webargs' ``400 Bad Request``; a bad version is no date.

        Raises:
            RequestError: The same error with marshmallow's ``Date`` message for an
                ``x-api-version`` that failed the spec's pattern.
        """
        if error.check is Check.BODY and any(i.rule is Rule.JSON for i in error.issues):
            return _json(_BAD_REQUEST, status=400)
        if any(_is_version(issue) for issue in error.issues):
            issues = tuple(
                dataclasses.replace(i, message=NOT_A_DATE) if _is_version(i) else i
                for i in error.issues
            )
            raise dataclasses.replace(error, issues=issues)
        return None

    def reset(self) -> None:
        """Forget every order, image, bracket, upload URL, organization and armed failure."""
        self.store.clear()
        self.scenarios.clear()

    def _expire_image(self, image_id: str) -> None:
        with self.store.lock:
            image = self.store.images[image_id]
            image.status, image.status_reason = "expired", "Image has expired."
            image.run += 1
            image.order.last_updated_at = self._now()

    def scenario_names(self) -> Mapping[str, str]:
        """The failure scenarios of ``/__mock/scenarios/{name}``."""
        return _SCENARIOS

    def run_scenario(self, name: str, arguments: Mapping[str, Any]) -> None:
        """Arm a failure (see :data:`_SCENARIOS`).

        Raises:
            ConfigError: Unknown scenario or arguments.
            LookupError: ``expire-image`` of an unknown image.
        """
        if name == "fail-next-image":
            reject_unknown(arguments, "order_id", "reason")
            self.scenarios.fail_next_image(
                order_id=optional_str(arguments, "order_id"),
                reason=optional_str(arguments, "reason"),
            )
        elif name == "expire-image":
            reject_unknown(arguments, "image_id")
            self.scenarios.expire_image(required_str(arguments, "image_id"))
        elif name == "daily-quota":
            reject_unknown(arguments, "limit", "remaining")
            limit = optional_int(arguments, "limit")
            remaining = optional_int(arguments, "remaining")
            if limit is not None:
                self.scenarios.set_daily_quota(limit)
            if remaining is not None:
                self.scenarios.use_daily_quota(remaining=remaining)
        else:
            raise ConfigError(f"unknown scenario {name!r}; known: {', '.join(_SCENARIOS)}")

    def webhook_configured(self) -> None:
        """Send ``webhook_updated``, as the vendor does when the settings are saved."""
        self.context.webhooks.send("webhook_updated", {"event": "webhook_updated"})

    # --- orders -------------------------------------------------------------

    def _create_order(self, call: Call) -> ResponseData:
        body = call.body or {}
        order_id = body.get("order_id")
        with self.store.lock:
            if order_id in self.store.orders:
                raise _invalid("json", "order_id", "Order ID already exists.")
            order = self.store.add_order(
                order_id=order_id, name=body.get("name", ""), now=self._now()
            )
            order.image_sort = body.get("default_image_sort_order", order.image_sort)
            return _json(order_view(order, version=_version(call)))

    def _list_orders(self, call: Call) -> ResponseData:
        per_page = min(call.query.get("per_page", 5), MAX_PER_PAGE)
        offset = call.query.get("offset") or None
        search = str(call.query.get("q") or "").casefold()
        sort = call.query.get("sort", "-date")
        with self.store.lock:
            try:
                if not search and sort == "-date":  # the default: no sort of every order
                    orders, next_offset = self.store.newest_page(offset=offset, per_page=per_page)
                else:
                    found = [o for o in self.store.orders.values() if search in o.name.casefold()]
                    listed = sort_orders(found, sort)
                    orders, next_offset = self.store.page(listed, offset=offset, per_page=per_page)
            except KeyError:
                raise _invalid("query", "offset", "Invalid offset token.") from None
            version = _version(call)
            return _json(
                {
                    "orders": [order_view(order, version=version) for order in orders],
                    "pagination": {"next_offset": next_offset, "per_page": per_page},
                }
            )

    def _retrieve_order(self, call: Call) -> ResponseData:
        with self.store.lock:
            order = self._order(call.path_params["id"])
            return _json(order_view(order, version=_version(call), sort=_image_sort(call)))

    def _update_order(self, call: Call) -> ResponseData:
        body = call.body or {}
        with self.store.lock:
            order = self._order(call.path_params["id"])
            if "name" in body:
                order.name = body["name"]
            order.image_sort = body.get("default_image_sort_order", order.image_sort)
            order.last_updated_at = self._now()
            return _json(order_view(order, version=_version(call), sort=_image_sort(call)))

    def _delete_order(self, call: Call) -> ResponseData:
        with self.store.lock:
            self.store.remove_order(self._order(call.path_params["id"]))
        return ResponseData(status=204)

    def _process_order(self, call: Call) -> ResponseData:
        body = call.body or {}
        with self.store.lock:
            order = self._order(call.path_params["id"])
            groups = bracket_groups(order, body)
            if groups:
                for bracket in (b for group in groups for b in group):
                    bracket.grouped = True
                settings = new_settings(body, names=PROCESS_SETTINGS)
                order.merging += 1
                order.last_updated_at = self._now()
                run_after(
                    self.context.clock,
                    self.merging_seconds,
                    lambda: self._merge(order, groups, settings),
                )
            return _json(order_view(order, version=_version(call)))

    def _list_order_brackets(self, call: Call) -> ResponseData:
        with self.store.lock:
            order = self._order(call.path_params["order_id"])
            return _json({"brackets": [bracket_view(b) for b in order.brackets]})

    # --- brackets and images ------------------------------------------------

    def _create_bracket(self, call: Call) -> ResponseData:
        body = call.body
        with self.store.lock:
            order = self._order(body["order_id"])
            bracket = self.store.add_bracket(
                order=order, name=body["name"], metadata=copy.deepcopy(body.get("metadata", {}))
            )
            url = self._issue_upload(call, bracket, name=bracket.name, content_type=None)
            return _json({**bracket_view(bracket), "upload_url": url})

    def _create_image(self, call: Call) -> ResponseData:
        body = call.body
        declared = body.get("content_type", body.get("contentType"))
        image_id = body.get("image_id")
        with self.store.lock:
            if image_id in self.store.images:
                raise _invalid("json", "image_id", "Image ID already exists.")
            now = self._now()
            order_id = body.get("order_id")
            order = self.store.orders.get(order_id) if order_id is not None else None
            if order is None:
                order = self.store.add_order(order_id=order_id, name="", now=now)
            image = self.store.add_image(
                order=order,
                image_name=body["image_name"],
                settings=new_settings(body, names=setting_names(_version(call))),
                now=now,
                image_id=image_id,
            )
            content_type = declared if isinstance(declared, str) else None
            url = self._issue_upload(call, image, name=image.image_name, content_type=content_type)
            key = upload_url_key(_version(call))
            return _json({**image_view(image, version=_version(call)), key: url})

    def _retrieve_image(self, call: Call) -> ResponseData:
        with self.store.lock:
            return _json(image_view(self._image(call.path_params["id"]), version=_version(call)))

    def _delete_image(self, call: Call) -> ResponseData:
        with self.store.lock:
            self.store.remove_image(self._image(call.path_params["id"]), now=self._now())
        return ResponseData(status=204)

    def _reprocess_image(self, call: Call) -> ResponseData:
        body = call.body or {}
        with self.store.lock:
            image = self._image(call.path_params["id"])
            image.settings.update(
                (name, copy.deepcopy(body[name]))
                for name in setting_names(_version(call))
                if name in body
            )
            image.image_name = body.get("image_name", image.image_name)
            image.order.last_updated_at = self._now()
            if image.data is not None:
                self._start_processing(image)
            return _json(image_view(image, version=_version(call)))

    def _report_image(self, call: Call) -> ResponseData:
        with self.store.lock:
            self._image(call.path_params["id"])
        return _json({"message": "Image reported successfully."})

    def _download_enhanced(self, call: Call) -> ResponseData:
        fmt: str | None = call.query.get("format")
        with self.store.lock:
            image = self._processed(call.path_params["id"])
            if call.query.get("preview") is False and not image.downloaded:
                image.downloaded = True
                image.order.last_updated_at = self._now()
        asset = Asset(image_id=image.image_id, kind="enhanced", fmt=fmt)
        return self._deliver(call, asset, lambda: enhanced_payload(fmt))

    def _download_legacy(self, call: Call) -> ResponseData:
        with self.store.lock:
            self._processed(call.path_params["id"])
        return ResponseData(status=200, body=tiny_image("jpeg"), content_type="image/jpeg")

    def _processed(self, image_id: str) -> Image:
        image = self._image(image_id)
        if image.status == "error":
            raise _not_found("Image processing failed.")
        if image.status == "expired":
            raise _not_found("Image has expired.")
        if image.status != "processed":
            raise _not_found("Image has not been processed yet.")
        return image

    def _download_original(self, call: Call) -> ResponseData:
        wanted: str | None = call.query.get("format")
        with self.store.lock:
            image = self._image(call.path_params["id"])
            if image.data is None:
                raise _not_found("Image has not been uploaded yet.")
            data, stored_type = image.data, image.content_type
        asset = Asset(image_id=image.image_id, kind="original", fmt=wanted)
        return self._deliver(
            call, asset, lambda: original_payload(data, stored_type=stored_type, wanted=wanted)
        )

    def _deliver(
        self, call: Call, asset: Asset, payload: Callable[[], tuple[bytes, str]]
    ) -> ResponseData:
        """The download's answer: old JSON, a redirect to the asset, or the bytes."""
        url = asset_url(base=base_url(call.headers), asset=asset)
        if not carries(_version(call), DYNAMIC_RENDERING_SINCE):
            return _json({"url": url})
        if self.download_redirects:
            return redirect(url)
        body, content_type = payload()
        return ResponseData(status=200, body=body, content_type=content_type)

    # --- organizations --------------------------------------------------------

    def _create_organization(self, call: Call) -> ResponseData:
        with self.store.lock:
            organization = add_organization(
                self.store.organizations,
                body=call.body or {},
                new_id=self.store.new_id,
                owner_id=USER_ID,
            )
            return _json(organization_view(organization))

    # --- lifecycle ------------------------------------------------------------

    def _store_upload(self, upload: Upload, request: RequestData) -> None:
        target = upload.target
        target.data = kept_upload(request.body)
        target.content_type = request.content_type
        if isinstance(target, Image):
            self._start_processing(target)

    def _start_processing(self, image: Image) -> None:
        """Put an uploaded image into ``processing`` and schedule its completion.

        Past the daily enhancement quota the image goes to ``error`` at once instead.
        """
        image.run += 1
        image.order.last_updated_at = self._now()
        run = image.run
        if not self.scenarios.spend_enhancement(now=self._now()):
            image.status, image.status_reason = "error", QUOTA_REASON
            run_after(self.context.clock, 0, lambda: self._notify(image, run))
            return
        image.status = "processing"
        image.status_reason = None
        run_after(self.context.clock, self.processing_seconds, lambda: self._finish(image, run))

    def _finish(self, image: Image, run: int) -> None:
        with self.store.lock:
            if not self.store.alive_image(image) or image.run != run:
                return
            reason = self.scenarios.take_failure(image.order.order_id)
            image.status = "processed" if reason is None else "error"
            image.status_reason = reason
            image.order.last_updated_at = self._now()
        self._notify(image, run)

    def _notify(self, image: Image, run: int) -> None:
        """Send ``image_processed`` for an image that reached ``processed`` or ``error``."""
        with self.store.lock:
            if not self.store.alive_image(image) or image.run != run:
                return
            order = image.order
            payload = {
                "event": "image_processed",
                "image_id": image.image_id,
                "error": image.status == "error",
                "order_id": order.order_id,
                "order_is_processing": order.is_processing or order.is_merging,
            }
        self.context.webhooks.send("image_processed", payload)

    def _merge(self, order: Order, groups: list[list[Bracket]], settings: dict[str, Any]) -> None:
        with self.store.lock:
            if not self.store.alive_order(order):
                return
            order.merging -= 1
            for group in groups:
                image = self.store.add_image(
                    order=order,
                    image_name=group[0].name,
                    settings=copy.deepcopy(settings),
                    now=self._now(),
                )
                image.data, image.content_type = group[0].data, group[0].content_type
                self._start_processing(image)

    # --- helpers --------------------------------------------------------------

    def _issue_upload(
        self, call: Call, target: Image | Bracket, *, name: str, content_type: str | None
    ) -> str:
        target_id = target.image_id if isinstance(target, Image) else target.bracket_id
        upload = Upload(
            token=self.store.new_token(),
            path=upload_path(order_id=target.order.order_id, target_id=target_id, name=name),
            target=target,
            issued_at=self._now(),
            content_type=content_type,
        )
        self.store.add_upload(upload)
        return signed_url(base=base_url(call.headers), upload=upload, ttl=self.upload_ttl_seconds)

    def _order(self, order_id: str) -> Order:
        order = self.store.orders.get(order_id)
        if order is None:
            raise _not_found()
        return order

    def _image(self, image_id: str) -> Image:
        image = self.store.images.get(image_id)
        if image is None:
            raise _not_found()
        return image

    def _now(self) -> float:
        return self.context.clock.now()


def _version(call: Call) -> str | None:
    return call.headers.get("x-api-version")


def _image_sort(call: Call) -> str | None:
    value = call.query.get("sort_images_by")
    return None if value is None else str(value)


def _is_version(issue: FieldIssue) -> bool:
    return issue.location == "headers" and issue.path == ("x-api-version",)
