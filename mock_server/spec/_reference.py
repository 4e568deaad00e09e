"""A self-contained HTML API reference of an OpenAPI document (no script, no CDN)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

__all__ = ["render_reference"]

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{margin-bottom:0}.op{border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.5rem 1rem}
.m{display:inline-block;min-width:4.5rem;font-weight:bold;text-transform:uppercase}
.get{color:#1a7f37}.post{color:#0969da}.put,.patch{color:#9a6700}.delete{color:#cf222e}
code{background:#f4f4f4;padding:0 .2rem}table{border-collapse:collapse;margin:.3rem 0}
td,th{border:1px solid #ddd;padding:.2rem .5rem;text-align:left;vertical-align:top}
.muted{color:#666}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _resolve(document: Mapping[str, Any], node: Any) -> Any:
    """Follow a local ``$ref`` (one level is enough for parameters and responses)."""
    if isinstance(node, Mapping) and isinstance(node.get("$ref"), str):
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            target = target.get(part, {}) if isinstance(target, Mapping) else {}
        return target
    return node


def _schema_type(schema: Any) -> str:
    if not isinstance(schema, Mapping):
        return ""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    kind = schema.get("type", "")
    return "/".join(kind) if isinstance(kind, list) else str(kind)


def _parameters(document: Mapping[str, Any], raw: Any) -> str:
    rows = []
    for parameter in raw or []:
        p = _resolve(document, parameter)
        if not isinstance(p, Mapping):
            continue
        required = "required" if p.get("required") else ""
        rows.append(
            f"<tr><td><code>{_e(p.get('name', ''))}</code></td><td>{_e(p.get('in', ''))}</td>"
            f"<td>{_e(_schema_type(p.get('schema')))}</td><td>{required}</td>"
            f"<td>{_e(p.get('description', ''))}</td></tr>"
        )
    if not rows:
        return ""
    head = "<tr><th>name</th><th>in</th><th>type</th><th></th><th>description</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def _responses(document: Mapping[str, Any], raw: Any) -> str:
    rows = []
    for status, response in (raw or {}).items():
        r = _resolve(document, response)
        if not isinstance(r, Mapping):
            continue
        media = ", ".join(r.get("content", {}) or {})
        rows.append(
            f"<tr><td><b>{_e(status)}</b></td><td>{_e(r.get('description', ''))}</td>"
            f"<td class=muted>{_e(media)}</td></tr>"
        )
    return f"<table>{''.join(rows)}</table>" if rows else ""


def _operation(document: Mapping[str, Any], method: str, path: str, op: Mapping[str, Any]) -> str:
    body = _resolve(document, op.get("requestBody"))
    media = ", ".join(body.get("content", {}) or {}) if isinstance(body, Mapping) else ""
    return (
        f'<div class=op id="{_e(op.get("operationId", ""))}">'
        f"<p><span class='m {method}'>{method}</span> <code>{_e(path)}</code> "
        f"<span class=muted>{_e(op.get('operationId', ''))}</span></p>"
        f"<p><b>{_e(op.get('summary', ''))}</b></p><p>{_e(op.get('description', ''))}</p>"
        f"{_parameters(document, op.get('parameters'))}"
        f"{f'<p>Request body: <code>{_e(media)}</code></p>' if media else ''}"
        f"{_responses(document, op.get('responses'))}</div>"
    )


def render_reference(
    document: Mapping[str, Any], *, scenarios: Mapping[str, str] | None = None, admin: str = ""
) -> str:
    """The document as one HTML page: every operation, its parameters and responses.

    ``scenarios`` (name → what it does) adds the vendor failures a test can arm over HTTP,
    ``POST /__mock{admin}/scenarios/{name}`` (``admin``: a mounted API's base, ``/v3``).

    >>> page = render_reference({"info": {"title": "Pets <API>", "version": "1"},
    ...     "paths": {"/pets": {"get": {"operationId": "list_pets", "responses": {}}}}})
    >>> "Pets &lt;API&gt;" in page and "list_pets" in page
    True
    """
    info = document.get("info", {}) if isinstance(document.get("info"), Mapping) else {}
    title = _e(info.get("title", "API"))
    parts = [
        f"<!doctype html><html><head><meta charset=utf-8><title>{title}</title>",
        f"<style>{_STYLE}</style></head><body><h1>{title}</h1>",
        f"<p class=muted>version {_e(info.get('version', ''))} · served by the mock · "
        "<a href='openapi.json'>openapi.json</a> · <a href='openapi.yaml'>openapi.yaml</a></p>",
        f"<p>{_e(info.get('description', ''))}</p>",
    ]
    for path, item in (document.get("paths") or {}).items():
        if not isinstance(item, Mapping):
            continue
        for method in _METHODS:
            if isinstance(item.get(method), Mapping):
                parts.append(_operation(document, method, path, item[method]))
    if scenarios:
        parts.append(_scenarios(scenarios, admin))
    parts.append("</body></html>")
    return "".join(parts)


def _scenarios(scenarios: Mapping[str, str], admin: str) -> str:
    rows = "".join(
        f"<tr><td><code>POST /__mock{_e(admin)}/scenarios/{_e(name)}</code></td>"
        f"<td>{_e(what)}</td></tr>"
        for name, what in scenarios.items()
    )
    return (
        "<h2>Test controls: vendor failure scenarios</h2>"
        "<p>Armed over HTTP with the arguments as a JSON object (<code>204</code>); "
        f"<code>GET /__mock{_e(admin)}/scenarios</code> lists them; a reset disarms them.</p>"
        f"<table><tr><th>Request</th><th>Effect</th></tr>{rows}</table>"
    )
