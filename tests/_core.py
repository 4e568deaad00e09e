"""Builders shared by the core tests (engine, validation, synthesis)."""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from mock_server.engine import Behaviour, Engine, EngineOptions
from mock_server.spec import Spec, compile_spec
from mock_server.types import RequestData, UploadedFile

SPECS = Path(__file__).resolve().parent / "specs"
PETS = SPECS / "pets.yaml"
KEY = "test-key"


@cache
def pets_document() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(PETS.read_text(encoding="utf-8"))
    return document


def pets_variant(**root: Any) -> dict[str, Any]:
    """A deep copy of the pets document with some root members replaced."""
    document = copy.deepcopy(pets_document())
    document.update(root)
    return document


@cache
def _compiled(style: str, slash: str) -> Spec:
    return compile_spec(
        pets_variant(**{"x-mock-error-style": style, "x-mock-trailing-slash": slash})
    )


def pets_engine(
    *,
    style: str = "problem",
    trailing_slash: str = "strict",
    behaviour: Behaviour | None = None,
    **options: Any,
) -> Engine:
    """An engine for the pets spec; compiled specs are cached per style."""
    return Engine(
        _compiled(style, trailing_slash), options=EngineOptions(**options), behaviour=behaviour
    )


def request(
    method: str,
    path: str,
    *,
    key: str | None = KEY,
    headers: Mapping[str, str] | None = None,
    query: Mapping[str, Any] | None = None,
    json_body: Any = None,
    body: bytes = b"",
    content_type: str | None = None,
    form: Mapping[str, Any] | None = None,
    files: Mapping[str, UploadedFile | tuple[UploadedFile, ...]] | None = None,
) -> RequestData:
    """Build a RequestData the way the edge would."""
    all_headers = {k.lower(): v for k, v in (headers or {}).items()}
    if key is not None:
        all_headers.setdefault("x-api-key", key)
    if json_body is not None:
        body = json.dumps(json_body).encode()
        content_type = content_type or "application/json"
    if files is not None:
        content_type = content_type or "multipart/form-data; boundary=x"
    elif form is not None:
        content_type = content_type or "application/x-www-form-urlencoded"
    if content_type is not None:
        all_headers["content-type"] = content_type
    return RequestData(
        method=method,
        path=path,
        query={k: _strings(v) for k, v in (query or {}).items()},
        headers=all_headers,
        body=body,
        form={k: _strings(v) for k, v in (form or {}).items()},
        files={k: v if isinstance(v, tuple) else (v,) for k, v in (files or {}).items()},
    )


def _strings(value: Any) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list | tuple) else (str(value),)


def upload(data: bytes = b"\x89PNG...", content_type: str = "image/png") -> UploadedFile:
    return UploadedFile(filename="photo.png", content_type=content_type, data=data)
