"""Record proxied exchanges as WireMock stub mappings that ``WireMock`` plays back.

The layout is WireMock's root folder: ``<root>/mappings/*.json`` (one mapping per file)
and ``<root>/__files/`` for bodies too large or not text enough to inline. Credentials
are redacted: credential headers are never part of a mapping, secret query parameters
only need to be present, and known secret values are scrubbed from bodies and headers.

Example:
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as root:
    ...     recorder = Recorder(Path(root))
    ...     file = recorder.record(
    ...         RequestData(method="GET", path="/v3/orders/", headers={"x-api-key": "k-123"}),
    ...         ResponseData(status=200, body=b'{"orders":[]}', content_type="application/json"),
    ...     )
    ...     file.name.startswith("get-v3-orders-"), file.parent == recorder.mappings_dir
    (True, True)
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from mock_server.journal import Redactor, scrub_text
from mock_server.media import is_json
from mock_server.types import RequestData, ResponseData
from mock_server.wiremock._http import display_header, url_of
from mock_server.wiremock._wire import pretty

__all__ = ["DEFAULT_INLINE_LIMIT", "Recorder"]

DEFAULT_INLINE_LIMIT = 4096
"""Text bodies up to this many bytes are written into the mapping; larger go to files."""

# Headers that describe one delivery, not the answer: replaying them would be wrong
# (a stale Date, a length the edge recomputes) or meaningless.
_UNRECORDED_HEADERS = frozenset(
    {
        "connection",
        "content-length",
        "content-encoding",
        "date",
        "keep-alive",
        "matched-stub-id",
        "server",
        "transfer-encoding",
    }
)
_FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")
_EXTENSIONS = {
    "application/json": "json",
    "text/plain": "txt",
    "text/html": "html",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
    "application/pdf": "pdf",
}

_VOLATILE = frozenset({"date", "age", "expires", "last-modified"})


class Recorder:
    """Saves each exchange as one WireMock mapping file, as WireMock's recorder does.

    A request recorded again with the same pattern and a different answer becomes a
    scenario (WireMock's ``repeatsAsScenarios``): played back, the answers come in the
    order recorded, and the last one repeats. The same answer again writes nothing: one
    file per distinct exchange, and a recording's k-th request writes at most three.

    Args:
        root: WireMock's root folder; mappings go to ``root/mappings``, body files to
            ``root/__files``. Play them back with
            ``WireMock(mappings_dir=root / "mappings")``.
        redactor: Which header and query names are secret (the proxy passes its own).
        inline_limit: Text bodies up to this many bytes stay in the mapping (``body``);
            larger and binary bodies are written to ``__files`` (``bodyFileName``).
    """

    def __init__(
        self,
        root: Path,
        *,
        redactor: Redactor | None = None,
        inline_limit: int = DEFAULT_INLINE_LIMIT,
    ) -> None:
        """Create the recorder; folders are made on the first record."""
        self.root = Path(root)
        self.redactor = redactor or Redactor()
        self.inline_limit = inline_limit
        self._lock = threading.Lock()
        self._groups: dict[str, list[tuple[Path, dict[str, Any]]]] = {}
        self._last_answer: dict[str, str] = {}
        self._scenarios = 0

    @property
    def mappings_dir(self) -> Path:
        """Where the mapping files go (``WireMock(mappings_dir=...)`` reads them)."""
        return self.root / "mappings"

    @property
    def files_dir(self) -> Path:
        """Where body files go (WireMock's ``__files``, beside ``mappings``)."""
        return self.root / "__files"

    def record(self, request: RequestData, response: ResponseData) -> Path:
        """Write one exchange as a mapping file and return its path.

        Args:
            request: The request as the client sent it.
            response: The upstream's answer, as received.

        Returns:
            The mapping file written (``mappings/<method>-<path>-<id>.json``).
        """
        secrets = self.redactor.secrets_in(request.headers, request.query_string)
        name = _name(request, secrets)
        pattern = self._request(request, secrets)
        key = json.dumps(pattern, sort_keys=True)
        # Headers that change on every answer (the clock's) do not make an answer new.
        stable = sorted((k, v) for k, v in response.headers.items() if k.lower() not in _VOLATILE)
        answer = hashlib.sha256(
            json.dumps([response.status, stable]).encode() + response.body
        ).hexdigest()
        with self._lock:
            group = self._groups.setdefault(key, [])
            if group and self._last_answer.get(key) == answer:
                # The same answer again: the last stub of the scenario repeats it already.
                return group[-1][0]
            self._last_answer[key] = answer
            stub_id = str(uuid.uuid4())
            mapping: dict[str, Any] = {
                "id": stub_id,
                "name": name,
                "request": pattern,
                "response": self._response(response, secrets, f"{name}-{stub_id[:8]}"),
                "uuid": stub_id,
                "persistent": True,
            }
            file = self.mappings_dir / f"{name}-{stub_id[:8]}.json"
            group.append((file, mapping))
            if len(group) == 1:
                _write(file, mapping)
                return file
            scenario = group[0][1].get("scenarioName")
            if scenario is None:  # the second answer starts a scenario
                self._scenarios += 1
                scenario = f"scenario-{self._scenarios}-{name}"
            _as_scenario(group, scenario)
            # Only the two stubs whose definition changed are written: the one that was
            # last (it now moves the scenario on; the first when it starts) and the new one.
            for member_file, member in group[-2:]:
                _write(member_file, member)
        return file

    def _request(self, request: RequestData, secrets: Iterable[str]) -> dict[str, Any]:
        pattern: dict[str, Any] = {}
        secret_params = [n for n in request.query if self.redactor.secret_query(n)]
        if secret_params:
            # The key's value must not be written; the pattern only asks for it to be sent.
            pattern["urlPath"] = request.path
            pattern["method"] = request.method
            pattern["queryParameters"] = {
                name: {"absent": False}
                if self.redactor.secret_query(name)
                else {"equalTo": scrub_text(values[0], secrets)}
                for name, values in request.query.items()
            }
        else:
            pattern["url"] = scrub_text(url_of(request), secrets)
            pattern["method"] = request.method
        body = _body_pattern(request, secrets)
        if body is not None:
            pattern["bodyPatterns"] = [body]
        return pattern

    def _response(
        self, response: ResponseData, secrets: Iterable[str], file_stem: str
    ) -> dict[str, Any]:
        definition: dict[str, Any] = {"status": response.status}
        body = response.body
        content_type = response.content_type
        text = _text(body)
        if text is not None and len(body) <= self.inline_limit:
            definition["body"] = scrub_text(text, secrets)
        elif body:
            essence = (content_type or "").split(";", 1)[0].strip().lower()
            file_name = f"{file_stem}.{_EXTENSIONS.get(essence, 'bin')}"
            self.files_dir.mkdir(parents=True, exist_ok=True)
            data = body if text is None else scrub_text(text, secrets).encode()
            (self.files_dir / file_name).write_bytes(data)
            definition["bodyFileName"] = file_name
        headers = {
            display_header(name.lower()): value
            for name, value in self.redactor.headers(response.headers, secrets).items()
            if name.lower() not in _UNRECORDED_HEADERS
        }
        if content_type and not any(n.lower() == "content-type" for n in headers):
            headers["Content-Type"] = content_type
        if headers:
            definition["headers"] = headers
        return definition


def _name(request: RequestData, secrets: Iterable[str]) -> str:
    """``post-v3-orders``: WireMock's recorder names a stub after its method and path."""
    path = scrub_text(request.path, secrets)
    slug = re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")[:80]
    return f"{request.method.lower()}-{slug or 'root'}"


def _text(body: bytes) -> str | None:
    """The body as text, if it is UTF-8 without NUL bytes (else it is treated as binary)."""
    if b"\x00" in body:
        return None
    try:
        return body.decode()
    except UnicodeDecodeError:
        return None


def _body_pattern(request: RequestData, secrets: Iterable[str]) -> dict[str, Any] | None:
    """The recorded request body as a pattern: JSON by value, text as it is, else none.

    Multipart and url-encoded forms are left out (this matcher has no multipart
    patterns), so any body matches them, as binary bodies.
    """
    if not request.body or request.content_type in _FORM_TYPES:
        return None
    text = _text(request.body)
    if text is None:
        return None
    text = scrub_text(text, secrets)
    if is_json(request.content_type):
        try:
            value = json.loads(text)
        except ValueError:
            return {"equalTo": text}
        # WireMock's recorder matches JSON bodies leniently, in the same way.
        return {"equalToJson": value, "ignoreArrayOrder": True, "ignoreExtraElements": True}
    return {"equalTo": text}


def _as_scenario(group: list[tuple[Path, dict[str, Any]]], scenario: str) -> None:
    """Chain a group of same-pattern stubs into a scenario, oldest first.

    The first needs ``Started``, the n-th ``<scenario>-<n>``; each moves the scenario on
    to the next, and the last, which moves it nowhere, keeps answering.
    """
    for index, (_file, mapping) in enumerate(group, start=1):
        mapping["scenarioName"] = scenario
        mapping["requiredScenarioState"] = "Started" if index == 1 else f"{scenario}-{index}"
        if index < len(group):
            mapping["newScenarioState"] = f"{scenario}-{index + 1}"
        else:
            mapping.pop("newScenarioState", None)


def _write(file: Path, mapping: Mapping[str, Any]) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(pretty(dict(mapping)) + "\n", encoding="utf-8")
