"""schemathesis hooks of every ``st run`` from the repo root: what the specs cannot say.

``schemathesis.toml`` names this file (``hooks``), so a plain ``st run`` loads it, from
whatever environment ``st`` was installed into (``pipx``, ``uvx``, schemathesis' container
image): the file imports only the standard library and schemathesis, nothing of this
project (``contract_tests/test_st_hooks.py`` holds it to that). It adds two things.

**Stateful checks that know Autoenhance's effects across paths.** schemathesis judges
by paths: a DELETE removes what lies below its path, a POST (re)creates what lies below
its path. Autoenhance documents two effects beyond that. Delete Order deletes the order's
images (``/v3/images/{id}``, not below ``/v3/orders/{id}``), so an image created before
its order was deleted rightly answers ``404`` (AE-Q13); and Create Image with the
``order_id`` of a deleted order creates that order again (AE-Q8), so the order rightly
answers ``200`` afterwards. :func:`ensure_resource_availability_with_cascades` (ST302) and
:func:`use_after_free_with_recreations` (ST301) are schemathesis' checks plus these
effects; the configuration turns the built-in ones off so that these run in their place
(and the contract suite runs them in-process).

**The upload Create Image asks for.** Autoenhance's Create Image answers with an upload
URL, and the image exists for the downloads only once its bytes are ``PUT`` there (the
spec's Create Image description). That ``PUT`` is not an operation of the spec, so no
link leads to it: without this hook no download can answer 2xx. After each successful
Create Image it does what a client does next: ``PUT`` a tiny image, with the
Content-Type the body declared (the signed URL requires it), before the run's next
request.

Only an upload URL on the server under test is used: the mock serves its stand-in for S3
on itself; the vendor's URLs point at S3, and an upload there would start a paid
enhancement, so a live run (``make conformance``) never uploads.
"""

from __future__ import annotations

import base64
import http.client
import urllib.error
import urllib.request
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import schemathesis
from schemathesis.openapi.checks import EnsureResourceAvailability, UseAfterFree
from schemathesis.specs.openapi.checks import ensure_resource_availability, use_after_free

CREATE_IMAGE = "POST /v3/images/"
"""The operation whose answer carries an upload URL (Autoenhance's Create Image)."""

UPLOAD_TIMEOUT = 60
"""Seconds for the upload: one that times out on a busy machine leaves the image waiting,
and its downloads' 404 would read as a created resource that is missing (ST302)."""

# 8x8 images, the same bytes as ``mock_server.media.tiny_image`` (a test compares them):
# the mock sniffs an upload's bytes against the Content-Type its Create Image declared.
_IMAGES = {
    "image/png": (
        "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAFUlEQVR42mOsqDjLgA0wMeAAg1MCAF7wAc2yp23D"
        "AAAAAElFTkSuQmCC"
    ),
    "image/jpeg": (
        "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERX"
        "RTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj"
        "Y2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAgDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAA"
        "AAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAk"
        "M2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKT"
        "lJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QA"
        "HwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdh"
        "cRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hp"
        "anN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk"
        "5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwBaKKK9Qg//2Q=="
    ),
    "image/webp": "UklGRiwAAABXRUJQVlA4ICAAAABwAQCdASoIAAgAAsBMJaACdAG+gACb/V352/U95y5QAA==",
}
_FALLBACK = "image/jpeg"


CASCADING_DELETES: Mapping[str, str] = {"DELETE /v3/orders/{id}": "order_id"}
"""A delete that also removes every resource whose create answered with the deleted one's
ID in this field (autoenhance delete_order: "its images and brackets are deleted with it
(their GETs answer 404)")."""

IMPLICIT_CREATES: Mapping[str, tuple[str, str]] = {
    "POST /v3/images/": ("order_id", "DELETE /v3/orders/{id}"),
}
"""A create that also (re)creates the resource its request body names in a field, given by
the DELETE that removes that resource (autoenhance create_image: "``order_id`` of an
unknown (or deleted) order: that order is created implicitly with this ID")."""


def ensure_resource_availability_with_cascades(ctx: Any, response: Any, case: Any) -> bool | None:
    """ST302 (a resource just created answers 404), unless a cascading delete removed it.

    schemathesis excuses the 404 only after a DELETE of the resource's own path or a path
    above it; an image lives at ``/v3/images/{id}``, not below its order.
    """
    try:
        return ensure_resource_availability(ctx, response, case)
    except EnsureResourceAvailability:
        if deleted_with_owner(ctx, case):
            return None
        raise


def use_after_free_with_recreations(ctx: Any, response: Any, case: Any) -> bool | None:
    """ST301 (a deleted resource still answers), unless an implicit create brought it back.

    schemathesis excuses the answer only after a create at the deleted path or above it;
    Create Image recreates its order from ``/v3/images/``.
    """
    try:
        return use_after_free(ctx, response, case)
    except UseAfterFree as failure:
        if recreated_implicitly(ctx, case, deleted_case_id=failure.deleted_case_id):
            return None
        raise


def succeeded(ctx: Any, case: Any) -> bool:
    """Whether ``case`` was answered 2xx in this scenario."""
    answer = ctx.internals.find_response(case_id=case.id)
    return answer is not None and 200 <= answer.status_code < 300


def deleted_with_owner(ctx: Any, case: Any) -> bool:
    """Whether, after the create ``case`` follows, a cascading delete removed its owner."""
    parent = ctx.internals.find_parent(case_id=case.id)
    created = None if parent is None else ctx.internals.find_response(case_id=parent.id)
    try:
        body = None if created is None else created.json()
    except ValueError:
        return False
    if not isinstance(body, Mapping):
        return False
    after_create = False
    for prior in ctx.internals.find_all_cases():  # in the order they were sent
        if prior.id == case.id:
            return False
        if prior.id == parent.id:
            after_create = True
            continue
        field_name = CASCADING_DELETES.get(prior.operation.label)
        if after_create and field_name is not None and succeeded(ctx, prior):
            owner = body.get(field_name)
            if owner is not None and owner in (prior.path_parameters or {}).values():
                return True
    return False


def recreated_implicitly(ctx: Any, case: Any, *, deleted_case_id: str | None) -> bool:
    """Whether, between the delete and ``case``, an implicit create recreated the resource."""
    deleted = None
    if deleted_case_id is None:
        return False
    for prior in ctx.internals.find_all_cases():  # in the order they were sent
        if prior.id == case.id:
            return False
        if prior.id == deleted_case_id:
            deleted = prior
            continue
        implicit = IMPLICIT_CREATES.get(prior.operation.label)
        if deleted is None or implicit is None or not succeeded(ctx, prior):
            continue
        field_name, delete_label = implicit
        body = prior.body if isinstance(prior.body, Mapping) else {}
        if (
            deleted.operation.label == delete_label
            and body.get(field_name) is not None
            and body.get(field_name) in (deleted.path_parameters or {}).values()
        ):
            return True
    return False


def after_call(context: Any, case: Any, response: Any) -> None:
    """PUT an image to the upload URL a successful Create Image returned."""
    del context
    if case.operation.label != CREATE_IMAGE or not 200 <= response.status_code < 300:
        return
    url = upload_url(response)
    if url is None or urlsplit(url).netloc != urlsplit(str(response.request.url)).netloc:
        return
    content_type = declared_type(case.body)
    put = urllib.request.Request(
        url, data=image_bytes(content_type), headers=_headers(content_type), method="PUT"
    )
    try:
        with urllib.request.urlopen(put, timeout=UPLOAD_TIMEOUT) as answer:
            answer.read()
    except urllib.error.HTTPError as refused:
        refused.close()  # the mock refused the upload: the image stays waiting
    except (OSError, http.client.HTTPException, UnicodeEncodeError, ValueError):
        return  # a Content-Type no client can send, or no answer: the image stays waiting


def upload_url(response: Any) -> str | None:
    """The answer's ``upload_url`` (or the legacy ``s3PutObjectUrl``), if any."""
    try:
        body = response.json()
    except ValueError:
        return None
    url = body.get("upload_url") or body.get("s3PutObjectUrl") if isinstance(body, dict) else None
    return url if isinstance(url, str) else None


def declared_type(body: Any) -> str | None:
    """The Content-Type Create Image's body fixed for the upload (``content_type``)."""
    if not isinstance(body, dict):
        return None
    declared = body.get("content_type", body.get("contentType"))
    return declared if isinstance(declared, str) else None


def image_bytes(content_type: str | None) -> bytes:
    """A tiny image of the declared type when it names one the API serves, else a JPEG."""
    essence = (content_type or "").split(";", 1)[0].strip().lower()
    return base64.b64decode(_IMAGES.get(essence, _IMAGES[_FALLBACK]))


def _headers(content_type: str | None) -> dict[str, str]:
    return {"content-type": _FALLBACK if content_type is None else content_type}


# Registered only where schemathesis loads this file (by path, from schemathesis.toml):
# the contract suite imports the functions above as ``contract_tests.st_hooks`` and runs
# the checks itself, in process, where an upload over the network has nothing to reach.
if not __name__.startswith("contract_tests."):
    schemathesis.hook(after_call)
    schemathesis.check(ensure_resource_availability_with_cascades)
    schemathesis.check(use_after_free_with_recreations)
