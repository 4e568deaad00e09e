"""Response synthesis: pick the declared response, then build it from the spec.

The status is the one ``Prefer: code=`` asks for, else the operation's default (200, then
201, then the first 2xx). The body comes from the media type's ``example``, then its first
``examples`` entry, then the schema's own examples, then a value generated from the
schema - seeded, so reruns agree. ``Prefer: dynamic=true`` generates a fresh value from
the engine's random stream; ``Prefer: example=<name>`` picks a named example.
Responses built without ``dynamic`` are cached per (operation, status, media type, example).
"""

from __future__ import annotations

import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from mock_server.errors import Check, RequestError
from mock_server.media import covers, is_json, sample_bytes
from mock_server.spec import Operation, Response, ResponseHeader, ResponseMedia, Spec
from mock_server.synthesis._generator import SchemaGenerator
from mock_server.types import ResponseData

__all__ = ["Preference", "Synthesizer", "parse_prefer"]

_CONCRETE = {"image/*": "image/png", "text/*": "text/plain", "*/*": "application/octet-stream"}
_KNOWN_PREFERENCES = frozenset({"code", "example", "dynamic"})


@dataclass(frozen=True, kw_only=True, slots=True)
class Preference:
    """What a ``Prefer`` header asks for (the Prism conventions)."""

    code: int | None = None
    example: str | None = None
    dynamic: bool = False


NO_PREFERENCE = Preference()


def parse_prefer(header: str, *, status: int) -> Preference:
    """Parse ``Prefer: code=404, example=name, dynamic=true`` (``,`` or ``;`` separated).

    Unknown preferences (``respond-async``, ``return=minimal``...) are ignored, as RFC 7240
    asks.

    Raises:
        RequestError: ``status`` for a malformed value of a known preference.
    """
    values: dict[str, str] = {}
    for token in header.replace(";", ",").split(","):
        name, sep, value = token.strip().partition("=")
        name, value = name.strip().lower(), value.strip().strip('"')
        if not name and not sep:
            continue
        if not name:
            _bad_prefer(f"Prefer header has a preference without a name: {token.strip()!r}", status)
        if name in _KNOWN_PREFERENCES:
            values[name] = value
    code = values.get("code")
    # Three ASCII digits at most: int() refuses over 4,300 digits and str.isdigit()
    # accepts digits int() does not (superscripts), so both are decided before int().
    if code is not None and not (
        code.isascii() and code.isdigit() and len(code) == 3 and 100 <= int(code) <= 599
    ):
        _bad_prefer(f"Prefer code must be an HTTP status code, got {code[:20]!r}", status)
    dynamic = values.get("dynamic", "false").lower()
    if dynamic not in ("true", "false"):
        _bad_prefer(f"Prefer dynamic must be true or false, got {dynamic!r}", status)
    example = values.get("example")
    if example is not None and not example:
        _bad_prefer("Prefer example must name an example", status)
    return Preference(code=int(code) if code else None, example=example, dynamic=dynamic == "true")


def _bad_prefer(message: str, status: int) -> NoReturn:
    raise RequestError(
        status=status, message=message, field="Prefer", location="headers", check=Check.PREFER
    )


def choose_media(content: Sequence[ResponseMedia], accept: str) -> ResponseMedia | None:
    """The declared media type that best fits an ``Accept`` header (first one if none fits)."""
    if not content:
        return None
    if len(content) == 1 or not accept or accept == "*/*":
        return content[0]
    ranges = []
    for position, item in enumerate(accept.split(",")):
        media_range, *params = (p.strip() for p in item.split(";"))
        quality = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    quality = float(param[2:])
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranges.append((-quality, position, media_range.lower()))
    for _, _, media_range in sorted(ranges):
        for media in content:
            if covers(media_range, media.essence) or covers(media.essence, media_range):
                return media
    return content[0]


def header_text(value: Any) -> str:
    """Serialize a value as a header (simple style)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(header_text(v) for v in value)
    if isinstance(value, dict):
        return ",".join(f"{k},{header_text(v)}" for k, v in value.items())
    return str(value)


@dataclass(frozen=True, slots=True)
class _Built:
    status: int
    headers: Mapping[str, str]
    content_type: str | None
    json_text: str | None
    body: bytes


class Synthesizer:
    """Builds responses for a compiled spec.

    Args:
        spec: The compiled spec.
        seed: Seeds generated values (each cached response has its own derived seed, so the
            order of requests does not matter; ``dynamic`` values come from one stream).
            None keeps cached responses stable but seeds the ``dynamic`` stream from the
            operating system at every start and reset.
    """

    def __init__(self, spec: Spec, *, seed: int | None) -> None:
        self.seed = seed
        self.store = spec.responses
        self.generator = SchemaGenerator(spec.responses.document, skip_flag="writeOnly")
        self._cache: dict[tuple[str, int, str, str | None], _Built] = {}
        self._rng = random.Random(seed)

    def reset(self) -> None:
        """Restart the ``dynamic`` random stream from the seed."""
        self._rng = random.Random(self.seed)

    def respond(
        self,
        operation: Operation,
        *,
        preference: Preference = NO_PREFERENCE,
        accept: str = "",
    ) -> ResponseData:
        """Build the response ``preference`` asks for (the default one if nothing).

        Raises:
            RequestError: The operation's validation status when ``Prefer`` asks for an
                undeclared status or example.
        """
        status = preference.code or operation.default_status
        response = operation.response_for(status)
        if response is None:
            if preference.code is not None:
                declared = ", ".join(operation.responses) or "none"
                message = f"Prefer code={status} is not declared for {operation.operation_id}"
                _bad_prefer(f"{message} (declared: {declared})", operation.validation_status)
            return ResponseData(status=status)
        media = choose_media(response.content, accept)
        if preference.example is not None:
            _check_example(operation, status, media, preference.example)
        if preference.dynamic:
            return self._finish(
                self._build(operation, status, response, media, None, self._rng, dynamic=True)
            )
        key = (
            operation.operation_id,
            status,
            media.media_type if media else "",
            preference.example,
        )
        built = self._cache.get(key)
        if built is None:
            rng = random.Random(f"{self.seed}:{operation.operation_id}:{status}:{key[2]}")
            built = self._cache[key] = self._build(
                operation, status, response, media, preference.example, rng, dynamic=False
            )
        return self._finish(built)

    def _finish(self, built: _Built) -> ResponseData:
        if built.json_text is not None:
            return ResponseData(
                status=built.status,
                headers=dict(built.headers),
                json=json.loads(built.json_text),
                has_json=True,
                content_type=built.content_type,
            )
        return ResponseData(
            status=built.status,
            headers=dict(built.headers),
            body=built.body,
            content_type=built.content_type,
        )

    def _build(
        self,
        operation: Operation,
        status: int,
        response: Response,
        media: ResponseMedia | None,
        example: str | None,
        rng: random.Random,
        *,
        dynamic: bool,
    ) -> _Built:
        headers = {h.name: header_text(self._header_value(h, rng)) for h in response.headers}
        if media is None:
            return _Built(status, headers, None, None, b"")
        content_type = _CONCRETE.get(media.essence, media.media_type)
        essence = _CONCRETE.get(media.essence, media.essence)
        if is_json(essence):
            value = self.body_value(media, example, rng, dynamic=dynamic)
            return _Built(status, headers, content_type, json.dumps(value), b"")
        if essence.startswith("text/") or essence in (
            "application/xml",
            "application/x-www-form-urlencoded",
        ):
            value = self.body_value(media, example, rng, dynamic=dynamic)
            text = value if isinstance(value, str) else json.dumps(value)
            return _Built(status, headers, content_type, None, text.encode("utf-8"))
        return _Built(status, headers, content_type, None, sample_bytes(essence))

    def body_value(
        self, media: ResponseMedia, example: str | None, rng: random.Random, *, dynamic: bool
    ) -> Any:
        """The JSON/text value of a response body, from examples or generated."""
        if example is not None:
            return media.examples[example]
        if not dynamic:
            if media.example:
                return media.example[0]
            if media.examples:
                return next(iter(media.examples.values()))
        if not media.has_schema:
            return {}
        schema = {"$ref": media.pointer}
        return self.generator.generate(
            schema, rng, use_examples=not dynamic, validator=media.validator
        )

    def _header_value(self, header: ResponseHeader, rng: random.Random) -> Any:
        if header.example:
            return header.example[0]
        if not header.pointer:
            return "mock"
        return self.generator.generate({"$ref": header.pointer}, rng)


def _check_example(
    operation: Operation, status: int, media: ResponseMedia | None, name: str
) -> None:
    if media is not None and name in media.examples:
        return
    declared = ", ".join(media.examples) if media is not None and media.examples else "none"
    where = f"{operation.operation_id} {status}" + (f" {media.media_type}" if media else "")
    _bad_prefer(
        f"Prefer example={name!r} is not declared for {where} (declared: {declared})",
        operation.validation_status,
    )
