"""A drifted copy of the Autoenhance spec: the upstream a proxy must catch out."""

from __future__ import annotations

from typing import Any


def drift(document: dict[str, Any]) -> dict[str, Any]:
    """The Autoenhance spec with ``OrderOut.total_images`` turned from a number to a string."""
    document["components"]["schemas"]["OrderOut"]["properties"]["total_images"] = {"type": "string"}

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "total_images" and isinstance(value, int | float):
                    node[key] = "none"
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(document)
    return document
