"""The contract as data: spec documents, their operations, links, and mutated copies."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs
import yaml

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_MAX_DEPTH = 64


class SpecShapeError(Exception):
    """The document does not have a shape this suite understands."""


@cache
def _load(path: Path) -> str:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict):
        raise SpecShapeError(f"{path} is not an OpenAPI document")
    return json.dumps(document)


def load_document(path: Path) -> dict[str, Any]:
    """A fresh (mutable) copy of the document at ``path``; parsing is cached."""
    document: dict[str, Any] = json.loads(_load(path))
    return document


def resolve(document: Mapping[str, Any], node: Any, *, _depth: int = 0) -> Any:
    """``node`` with every local ``$ref`` replaced by its target, recursively."""
    if _depth > _MAX_DEPTH:
        raise SpecShapeError("$ref nesting too deep (a recursive schema?)")
    if isinstance(node, list):
        return [resolve(document, item, _depth=_depth + 1) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str):
        target = resolve(document, pointer(document, ref), _depth=_depth + 1)
        siblings = {k: v for k, v in node.items() if k != "$ref"}
        if siblings and isinstance(target, dict):
            # OpenAPI 3.1 allows keywords next to $ref (e.g. a description override).
            return {**target, **resolve(document, siblings, _depth=_depth + 1)}
        return target
    return {key: resolve(document, value, _depth=_depth + 1) for key, value in node.items()}


def pointer(document: Mapping[str, Any], ref: str) -> Any:
    """The value at a local reference such as ``#/components/schemas/Order``."""
    if not ref.startswith("#/"):
        raise SpecShapeError(f"only local references are supported, got {ref!r}")
    node: Any = document
    for raw in ref[2:].split("/"):
        part = raw.replace("~1", "/").replace("~0", "~")
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


@dataclass(frozen=True, kw_only=True)
class Link:
    """An OpenAPI link from one operation's response to another operation."""

    name: str
    status: str
    target: str
    parameters: Mapping[str, str]
    request_body: Any = None


@dataclass(frozen=True, kw_only=True)
class SpecOperation:
    """One operation of the contract, with ``$ref`` s resolved."""

    api: str
    operation_id: str
    method: str
    path: str
    tag: str
    parameters: tuple[Mapping[str, Any], ...]
    request_body: Mapping[str, Any] | None
    responses: Mapping[str, Mapping[str, Any]]
    raw_responses: Mapping[str, Mapping[str, Any]]
    secured: bool
    links: tuple[Link, ...]

    @property
    def label(self) -> str:
        """``METHOD /path``, as schemathesis names operations."""
        return f"{self.method.upper()} {self.path}"

    def parameter(self, location: str, name: str) -> Mapping[str, Any] | None:
        """The declared parameter ``name`` in ``location`` (header names case-insensitive)."""
        for parameter in self.parameters:
            if parameter["in"] != location:
                continue
            same = parameter["name"].lower() == name.lower()
            if same if location == "header" else parameter["name"] == name:
                return parameter
        return None

    def statuses(self) -> tuple[int, ...]:
        """The explicitly declared numeric statuses."""
        return tuple(int(key) for key in self.responses if key.isdigit())


def operations(api: str, document: Mapping[str, Any]) -> tuple[SpecOperation, ...]:
    """Every operation under ``paths`` (webhooks are not served by the mock), in order."""
    return tuple(_operations(api, document))


def _operations(api: str, document: Mapping[str, Any]) -> Iterator[SpecOperation]:
    root_security = document.get("security", [])
    for path, item in document.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method in METHODS:
            raw = item.get(method)
            if raw is None:
                continue
            own = [resolve(document, p) for p in raw.get("parameters", [])]
            names = {(p["in"], p["name"]) for p in own}
            inherited = [resolve(document, p) for p in shared]
            parameters = [p for p in inherited if (p["in"], p["name"]) not in names] + own
            security = raw.get("security", root_security)
            yield SpecOperation(
                api=api,
                operation_id=raw["operationId"],
                method=method,
                path=path,
                tag=(raw.get("tags") or ["default"])[0],
                parameters=tuple(parameters),
                request_body=resolve(document, raw["requestBody"])
                if "requestBody" in raw
                else None,
                responses={k: resolve(document, v) for k, v in raw.get("responses", {}).items()},
                raw_responses=dict(raw.get("responses", {})),
                secured=bool(security) and all(bool(alternative) for alternative in security),
                links=tuple(_links(document, raw)),
            )


def _links(document: Mapping[str, Any], raw: Mapping[str, Any]) -> Iterator[Link]:
    for status, response in raw.get("responses", {}).items():
        for name, link in resolve(document, response).get("links", {}).items():
            yield Link(
                name=name,
                status=status,
                target=link["operationId"],
                parameters=dict(link.get("parameters", {})),
                request_body=link.get("requestBody"),
            )


def find(ops: tuple[SpecOperation, ...], operation_id: str) -> SpecOperation:
    """The operation ``operation_id``."""
    for op in ops:
        if op.operation_id == operation_id:
            return op
    raise SpecShapeError(f"no operation {operation_id!r}")


_PATH_VARIABLE = re.compile(r"\{([^{}/]+)\}")


def link_path_parameters(link: Link, body: Any, target: SpecOperation) -> dict[str, Any] | None:
    """Path parameters of ``target`` that ``link`` takes from a response ``body``.

    Returns None when the link fills a path parameter from anywhere else, or the body
    lacks the value.
    """
    wanted = set(_PATH_VARIABLE.findall(target.path))
    found: dict[str, Any] = {}
    for key, expression in link.parameters.items():
        location, _, name = key.rpartition(".")
        if name not in wanted or location not in ("", "path"):
            continue
        if not expression.startswith("$response.body#"):
            return None
        value = _json_pointer(body, expression.removeprefix("$response.body#"))
        if value is None:
            return None
        found[name] = value
    return found if set(found) == wanted else None


def _json_pointer(value: Any, ref: str) -> Any:
    for raw in ref.lstrip("/").split("/") if ref.strip("/") else []:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return None
    return value


def validator(schema: Mapping[str, Any]) -> jsonschema_rs.Validator:
    """A JSON Schema 2020-12 validator (formats checked) for a resolved schema."""
    return jsonschema_rs.Draft202012Validator(dict(schema), validate_formats=True)


Mutation = Callable[[dict[str, Any]], None]


def mutated(document: Mapping[str, Any], mutation: Mutation) -> dict[str, Any]:
    """A deep copy of ``document`` changed by ``mutation`` (the original is untouched)."""
    copied = copy.deepcopy(dict(document))
    mutation(copied)
    return copied
