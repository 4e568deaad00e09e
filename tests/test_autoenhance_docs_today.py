"""Autoenhance as its docs stand today: each request replayed as the page shows it.

Every test names the page (docs.autoenhance.ai, or the third-party log for the
redirects) whose request it sends and whose answer it expects. The requests go through
``Engine.handle`` on a manual clock in strict mode, so each answer is also checked
against the spec; ``engine.check()`` at the end of each test re-raises any breach.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from mock_server.clock import Clock
from mock_server.engine import EngineOptions
from mock_server.media import sniff_format, tiny_image
from mock_server.types import RequestData, ResponseData
from mock_server.vendors import build_engine
from mock_server.vendors.autoenhance import AutoenhanceBehaviour
from tests._core import KEY

HOST = "api.mock.test"
DOCS = "https://docs.autoenhance.ai"
AI_VERSIONS = f"{DOCS}/ai-version"
DEPRECATED_AI_VERSIONS = f"{DOCS}/ai-version/deprecated-ai-versions"
QUICKSTART = f"{DOCS}/getting-started/quickstart/single-bracket"
WINDOW_PULL = f"{DOCS}/images/basic-enhancements/window-pull"
API_VERSIONS = f"{DOCS}/api-versions"
REPROCESSING = f"{DOCS}/images/managing-images/reprocessing"
ENHANCED = f"{DOCS}/images/downloading-images/enhanced"
RATE_LIMITS = f"{DOCS}/rate-limits"
REDIRECT_LOG = "azoni/autoenhance@254b94f ENGINEERING_LOG.md (2026-02-19: 302 redirects)"


class Api:
    """The Autoenhance engine, sending requests the way the docs' fetch() samples do."""

    def __init__(self, *, download_redirects: bool = True) -> None:
        behaviour = AutoenhanceBehaviour(download_redirects=download_redirects)
        self.engine = build_engine(
            "autoenhance",
            clock=Clock(manual=True),
            options=EngineOptions(strict=True),
            behaviour=behaviour,
        )

    def send(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        headers: dict[str, str] | None = None,
        query: dict[str, str] | None = None,
    ) -> ResponseData:
        sent = {"host": HOST, "x-api-key": KEY, **(headers or {})}
        data = b""
        if body is not None:
            sent["content-type"] = "application/json"
            data = json.dumps(body).encode()
        return self.engine.handle(
            RequestData(
                method=method,
                path=path,
                query={k: (v,) for k, v in (query or {}).items()},
                headers=sent,
                body=data,
            )
        )

    def ok(self, method: str, path: str, body: Any = None, **kwargs: Any) -> Any:
        response = self.send(method, path, body, **kwargs)
        assert response.status == 200, (response.status, response.json)
        return response.json

    def fetch(self, url: str, method: str = "GET") -> ResponseData:
        """Follow a ``Location``: no key, as a browser's fetch() to another host."""
        parts = urlsplit(url)
        assert parts.netloc == HOST, url
        query = {k: tuple(v) for k, v in parse_qs(parts.query).items()}
        return self.engine.handle(
            RequestData(
                method=method, path=unquote(parts.path), query=query, headers={"host": HOST}
            )
        )

    def processed_image(self, **body: Any) -> dict[str, Any]:
        image: dict[str, Any] = self.ok("POST", "/v3/images/", {"image_name": "a.jpg", **body})
        assert self.fetch_put(image["upload_url"]).status == 200
        self.engine.clock.complete_all()
        return image

    def fetch_put(self, url: str) -> ResponseData:
        parts = urlsplit(url)
        query = {k: tuple(v) for k, v in parse_qs(parts.query).items()}
        return self.engine.handle(
            RequestData(
                method="PUT",
                path=unquote(parts.path),
                query=query,
                headers={"host": HOST, "content-type": "image/jpeg"},
                body=tiny_image("jpeg"),
            )
        )


@pytest.fixture
def api() -> Iterator[Api]:
    made = Api()
    yield made
    made.engine.check()


def _validation(location: str, field: str, message: str) -> dict[str, Any]:
    return {"detail": {location: {field: [message]}}, "message": "Validation error"}


# --- ai_version ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "version",
    # AI Versions: 5.3 is the last named version; the channels are sent as strings.
    ["5.3", "5.2", "5.1", "5.x", "latest", "stable", "beta", "4.7", "3.x"],
)
def test_create_image_accepts_and_echoes_each_documented_ai_version(api: Api, version: str) -> None:
    """https://docs.autoenhance.ai/ai-version: the Create Image body of the page,
    ``ai_version`` as a string.
    """
    created = api.ok("POST", "/v3/images/", {"image_name": "a.jpg", "ai_version": version})
    assert created["ai_version"] == version
    assert api.ok("GET", f"/v3/images/{created['image_id']}")["ai_version"] == version


def test_process_image_and_process_order_take_the_channels(api: Api) -> None:
    """https://docs.autoenhance.ai/images/managing-images/reprocessing and
    https://docs.autoenhance.ai/ai-version: Process Image with ``ai_version: stable``.
    """
    image = api.processed_image(ai_version="5.3")
    reprocessed = api.ok("POST", f"/v3/images/{image['image_id']}/process", {"ai_version": "beta"})
    assert reprocessed["ai_version"] == "beta"
    order = api.ok("POST", "/v3/orders/", {})
    processed = api.ok("POST", f"/v3/orders/{order['order_id']}/process", {"ai_version": "latest"})
    assert processed["order_id"] == order["order_id"]


@pytest.mark.parametrize("version", ["5.3", "5.0", "4.7"])
def test_a_deprecated_version_is_echoed_not_rewritten(api: Api, version: str) -> None:
    """https://docs.autoenhance.ai/ai-version/deprecated-ai-versions lists 5.3 too:
    "Requests targeting them are automatically upgraded to a supported release". The
    upgrade happens in processing, which the mock does not model: the processed image
    still says what was sent.
    """
    image = api.processed_image(ai_version=version)
    stored = api.ok("GET", f"/v3/images/{image['image_id']}")
    assert (stored["status"], stored["ai_version"]) == ("processed", version)


@pytest.mark.parametrize("version", ["5.33", "6.0", "Stable", "newest", ""])
def test_an_unknown_ai_version_is_refused_like_marshmallow_one_of(api: Api, version: str) -> None:
    """https://docs.autoenhance.ai/ai-version/deprecated-ai-versions spells the alias
    ``stable``; other strings are typos.
    """
    response = api.send("POST", "/v3/images/", {"image_name": "a.jpg", "ai_version": version})
    assert response.status == 422
    (message,) = response.json["detail"]["json"]["ai_version"]
    assert message.startswith("Must be one of: latest, stable, beta, dev, 5.x, 5.3,")


# --- image_id chosen by the client ---------------------------------------------------


def test_a_client_chosen_image_id_is_kept_and_found(api: Api) -> None:
    """https://docs.autoenhance.ai/getting-started/quickstart/single-bracket: "You can specify
    both of them yourself in the body of the request".
    """
    body = {"image_name": "your-image-name", "image_id": "img-1", "order_id": "ord-1"}
    created = api.ok("POST", "/v3/images/", body)
    assert (created["image_id"], created["order_id"]) == ("img-1", "ord-1")
    fetched = api.ok("GET", "/v3/images/img-1")
    assert (fetched["image_id"], fetched["image_name"]) == ("img-1", "your-image-name")
    assert [i["image_id"] for i in api.ok("GET", "/v3/orders/ord-1")["images"]] == ["img-1"]


def test_a_duplicate_image_id_is_refused_as_a_duplicate_order_id_is(api: Api) -> None:
    """https://docs.autoenhance.ai/getting-started/quickstart/single-bracket: "... but they
    both have to be unique".
    """
    api.ok("POST", "/v3/images/", {"image_name": "a.jpg", "image_id": "img-1"})
    again = api.send("POST", "/v3/images/", {"image_name": "b.jpg", "image_id": "img-1"})
    api.ok("POST", "/v3/orders/", {"order_id": "ord-1"})
    order_again = api.send("POST", "/v3/orders/", {"order_id": "ord-1"})
    assert (again.status, again.json) == (
        422,
        _validation("json", "image_id", "Image ID already exists."),
    )
    assert (order_again.status, order_again.json) == (
        422,
        _validation("json", "order_id", "Order ID already exists."),
    )
    assert api.ok("GET", "/v3/images/img-1")["image_name"] == "a.jpg"


def test_a_deleted_image_id_can_be_used_again(api: Api) -> None:
    api.ok("POST", "/v3/images/", {"image_name": "a.jpg", "image_id": "img-1"})
    assert api.send("DELETE", "/v3/images/img-1").status == 204
    assert api.ok("POST", "/v3/images/", {"image_name": "b.jpg", "image_id": "img-1"})


def test_an_image_id_that_is_not_path_safe_is_refused(api: Api) -> None:
    response = api.send("POST", "/v3/images/", {"image_name": "a.jpg", "image_id": "a/b"})
    assert response.json == _validation(
        "json", "image_id", "String does not match expected pattern."
    )


# --- window_pull_type ----------------------------------------------------------------


@pytest.mark.parametrize("value", ["NONE", "ONLY_WINDOWS", "WINDOWS_WITH_SKIES"])
def test_each_documented_window_pull_type_is_accepted(api: Api, value: str) -> None:
    """https://docs.autoenhance.ai/api-versions (2025-08-31: "window_pull_type") and
    https://docs.autoenhance.ai/images/basic-enhancements/window-pull: the values.
    """
    body = {"image_name": "a.jpg", "window_pull_type": value}
    created = api.ok("POST", "/v3/images/", body, headers={"x-api-version": "2025-08-31"})
    assert created["window_pull_type"] == value


def test_an_undocumented_window_pull_type_is_refused(api: Api) -> None:
    response = api.send(
        "POST", "/v3/images/", {"image_name": "a.jpg", "window_pull_type": "banana"}
    )
    assert response.status == 422
    assert response.json["detail"]["json"]["window_pull_type"] == [
        "Must be one of: NONE, ONLY_WINDOWS, WINDOWS_WITH_SKIES."
    ]


def test_the_window_pull_pages_spelling_is_ignored_like_any_unknown_field(api: Api) -> None:
    """https://docs.autoenhance.ai/images/basic-enhancements/window-pull names the property
    ``window_pull_style`` (decision: an extra).
    """
    body = {"image_name": "a.jpg", "window_pull_style": "ONLY_WINDOWS"}
    created = api.ok("POST", "/v3/images/", body)
    assert created["window_pull_type"] is None
    assert "window_pull_style" not in created


# --- enhance_type ---------------------------------------------------------------------


def test_authentic_is_an_enhance_type(api: Api) -> None:
    """https://docs.autoenhance.ai/images/managing-images/reprocessing: "for >= 4.0 use WARM,
    NEUTRAL, or AUTHENTIC".
    """
    image = api.processed_image(ai_version="5.x")
    body = {"ai_version": "5.x", "enhance": True, "enhance_type": "authentic"}
    reprocessed = api.ok("POST", f"/v3/images/{image['image_id']}/process", body)
    assert reprocessed["enhance_type"] == "authentic"


# --- x-api-version --------------------------------------------------------------------

LATER_IMAGE_FIELDS = {"preset_id", "restage", "parent_image_id", "window_pull_type"}


@pytest.mark.parametrize(
    ("version", "present"),
    [("2025-01-01", False), ("2025-05-08", False), ("2025-08-31", True), (None, True)],
)
def test_fields_of_later_versions_follow_x_api_version(
    api: Api, version: str | None, present: bool
) -> None:
    """https://docs.autoenhance.ai/api-versions: "new features ... will not be available in
    your current version".
    """
    headers = {} if version is None else {"x-api-version": version}
    body = {"image_name": "a.jpg", "preset_id": "p-1", "window_pull_type": "NONE"}
    created = api.ok("POST", "/v3/images/", body, headers=headers)
    fetched = api.ok("GET", f"/v3/images/{created['image_id']}", headers=headers)
    order = api.ok("GET", f"/v3/orders/{created['order_id']}", headers=headers)
    for answer in (created, fetched, order["images"][0]):
        assert LATER_IMAGE_FIELDS & set(answer) == (LATER_IMAGE_FIELDS if present else set())
    assert ("default_image_sort_order" in order) is present
    # A field sent under an older version was ignored, not stored for later.
    newest = api.ok("GET", f"/v3/images/{created['image_id']}")
    assert newest["preset_id"] == ("p-1" if present else None)


def test_fields_removed_later_are_served_to_older_versions(api: Api) -> None:
    """https://docs.autoenhance.ai/getting-started/quickstart/single-bracket: an older version
    gets ``s3PutObjectUrl`` instead of ``upload_url``.
    """
    body = {"image_name": "your-image-name", "contentType": "image/jpeg"}
    old = api.ok("POST", "/v3/images/", body, headers={"x-api-version": "2025-01-01"})
    assert "s3PutObjectUrl" in old
    assert "upload_url" not in old


@pytest.mark.parametrize("version", ["2024-13-45", "2025-02-30", "v3", "2025-5-8"])
@pytest.mark.parametrize(
    ("method", "path", "body"),
    [("POST", "/v3/images/", {"image_name": "a.jpg"}), ("GET", "/v3/orders/", None)],
)
def test_an_impossible_x_api_version_is_refused(
    api: Api, version: str, method: str, path: str, body: Any
) -> None:
    response = api.send(method, path, body, headers={"x-api-version": version})
    assert (response.status, response.json) == (
        422,
        _validation("headers", "x-api-version", "Not a valid date."),
    )


@pytest.mark.parametrize("kind", ["enhanced", "original"])
def test_downloads_before_dynamic_rendering_answer_json(api: Api, kind: str) -> None:
    """https://docs.autoenhance.ai/images/downloading-images/enhanced (older version): ``const
    imageSource = await response.json()``.
    """
    image = api.processed_image()
    path = f"/v3/images/{image['image_id']}/{kind}"
    old = api.send("GET", path, headers={"x-api-version": "2024-10-01"})
    assert (old.status, old.content_type, list(old.json)) == (200, "application/json", ["url"])
    asset = api.fetch(old.json["url"])
    assert (asset.status, sniff_format(asset.body)) == (200, "jpeg")


# --- downloads: AE-Q14 ----------------------------------------------------------------


@pytest.mark.parametrize(("kind", "key"), [("enhanced", KEY), ("original", None)])
def test_downloads_redirect_to_an_asset_url_that_needs_no_key(
    api: Api, kind: str, key: str | None
) -> None:
    """azoni/autoenhance@254b94f ENGINEERING_LOG.md (2026-02-19: 302 redirects): the API
    answers 302 to an asset server.
    """
    image = api.processed_image()
    path = f"/v3/images/{image['image_id']}/{kind}"
    found = api.send("GET", path, query={"format": "png"})
    assert (found.status, found.body) == (302, b"")
    location = found.headers["location"]
    assert location == f"http://{HOST}/_assets/autoenhance/{image['image_id']}/{kind}?format=png"
    asset = api.fetch(location)
    assert (asset.status, asset.content_type, sniff_format(asset.body)) == (200, "image/png", "png")


def test_redirects_can_be_turned_off() -> None:
    api = Api(download_redirects=False)
    image = api.processed_image()
    direct = api.send("GET", f"/v3/images/{image['image_id']}/enhanced")
    assert (direct.status, direct.content_type, sniff_format(direct.body)) == (
        200,
        "image/jpeg",
        "jpeg",
    )
    api.engine.check()


def test_the_asset_host_answers_like_s3(api: Api) -> None:
    image = api.processed_image()
    url = f"http://{HOST}/_assets/autoenhance/{image['image_id']}/enhanced"
    assert api.fetch(url, method="HEAD").status == 200
    posted = api.fetch(url, method="POST")
    assert (posted.status, posted.content_type) == (405, "application/xml")
    assert b"<Code>MethodNotAllowed</Code>" in posted.body
    for missing in (
        f"http://{HOST}/_assets/autoenhance/unknown/enhanced",
        f"http://{HOST}/_assets/autoenhance/{image['image_id']}/thumbnail",
        f"http://{HOST}/_assets/autoenhance/{image['image_id']}/enhanced?format=gif",
    ):
        gone = api.fetch(missing)
        assert (gone.status, b"<Code>NoSuchKey</Code>" in gone.body) == (404, True), missing


def test_an_asset_disappears_with_its_image(api: Api) -> None:
    image = api.processed_image()
    found = api.send("GET", f"/v3/images/{image['image_id']}/original")
    assert api.send("DELETE", f"/v3/images/{image['image_id']}").status == 204
    assert api.fetch(found.headers["location"]).status == 404


@pytest.mark.parametrize("kind", ["enhanced", "original"])
def test_an_asset_exists_only_once_there_is_something_to_serve(api: Api, kind: str) -> None:
    created = api.ok("POST", "/v3/images/", {"image_name": "a.jpg"})
    url = f"http://{HOST}/_assets/autoenhance/{created['image_id']}/{kind}"
    assert api.fetch(url).status == 404
    assert api.fetch(f"http://{HOST}/_assets/autoenhance//{kind}").status == 404


# --- rate limits ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/v3/orders/", None),
        ("GET", "/v3/orders/o-1", None),
        ("DELETE", "/v3/images/i-1", None),
        ("GET", "/v3/images/i-1/enhanced", None),
        ("POST", "/v3/brackets/", {"order_id": "o-1", "name": "a.jpg"}),
        ("POST", "/v3/organizations/", {"name": "Acme"}),
    ],
)
def test_every_operation_can_answer_429(api: Api, method: str, path: str, body: Any) -> None:
    """https://docs.autoenhance.ai/rate-limits: "Up to 300 API requests per second per IP
    address", answered with 429, on every request; the spec declares it everywhere, so
    ``Prefer: code=429`` gets the vendor's error shape (checked by the strict engine).
    """
    response = api.send(method, path, body, headers={"prefer": "code=429"})
    assert (response.status, response.json) == (
        429,
        {"detail": {}, "message": "Too Many Requests"},
    )


# --- the organizations page -----------------------------------------------------------


def test_the_organizations_page_documents_only_create(api: Api) -> None:
    """https://docs.autoenhance.ai/api/organizations shows POST /v3/organizations/ only
    (its requests are replayed in ``tests/test_autoenhance_organizations.py``): the path
    is routed, so another method answers 405 as APIFlask would.
    """
    created = api.ok("POST", "/v3/organizations/", {"name": "Acme Realty"})
    assert created["name"] == "Acme Realty"
    response = api.send("GET", "/v3/organizations/")
    assert (response.status, response.json) == (
        405,
        {"detail": {}, "message": "Method Not Allowed"},
    )
    item = api.send("GET", f"/v3/organizations/{created['organization_id']}")
    assert (item.status, item.json) == (404, {"detail": {}, "message": "Not Found"})
