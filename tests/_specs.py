"""Helpers shared by the spec tests: load the vendor specs and walk their examples."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
APIS = ("aihomedesign", "autoenhance")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def spec_path(api: str) -> Path:
    return ROOT / "openapi" / f"{api}.yaml"


@cache
def load_spec(api: str) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(spec_path(api).read_text(encoding="utf-8"))
    return document


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Yield (method, path, operation) for every operation of the document."""
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                yield method, path, item[method]


@dataclass(frozen=True)
class Example:
    """An example value found in a spec, with the schema it claims to satisfy."""

    where: str
    schema: dict[str, Any]
    value: Any


def _media_examples(where: str, media: dict[str, Any]) -> Iterator[Example]:
    schema = media.get("schema")
    if schema is None:
        return
    if "example" in media:
        yield Example(f"{where} example", schema, media["example"])
    for name, example in media.get("examples", {}).items():
        if "value" in example:
            yield Example(f"{where} examples.{name}", schema, example["value"])


def examples(document: dict[str, Any]) -> Iterator[Example]:
    """Yield every example of the document: media types, parameters and schemas."""
    for method, path, op in operations(document):
        where = f"{method.upper()} {path}"
        for ctype, media in op.get("requestBody", {}).get("content", {}).items():
            yield from _media_examples(f"{where} request {ctype}", media)
        for status, response in op.get("responses", {}).items():
            for ctype, media in response.get("content", {}).items():
                yield from _media_examples(f"{where} {status} {ctype}", media)
        for param in op.get("parameters", []):
            yield from _media_examples(f"{where} parameter {param.get('name')}", param)
    for name, schema in document.get("components", {}).get("schemas", {}).items():
        if "example" in schema:
            yield Example(f"schema {name} example", schema, schema["example"])
        for index, value in enumerate(schema.get("examples", [])):
            yield Example(f"schema {name} examples[{index}]", schema, value)
