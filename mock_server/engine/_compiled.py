"""What the engine derives from one spec, computed once and swapped whole by ``reload``."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mock_server._render import ErrorRenderer
from mock_server.media import is_json
from mock_server.routing import Router
from mock_server.spec import Operation, Spec
from mock_server.synthesis import Synthesizer
from mock_server.types import ResponseData

CANNED_STATUSES = frozenset({401, 403, 405, 406, 413, 415})
"""Errors the engine decides on its own; a single example declared for them in the spec
is the vendor's body (the spec writer's decision), so it is served as is."""


@dataclass(frozen=True, kw_only=True)
class Compiled:
    """Everything the engine derives from one spec: a request reads it, never builds it."""

    spec: Spec
    operation_ids: tuple[str, ...]
    operations: Mapping[str, Operation]
    router: Router
    synthesizer: Synthesizer
    renderer: ErrorRenderer
    canned: Mapping[tuple[str, int], ResponseData]

    @classmethod
    def of(cls, spec: Spec, *, seed: int | None) -> Compiled:
        """Compile ``spec`` (routes, synthesis, error shapes, canned errors)."""
        return cls(
            spec=spec,
            operation_ids=tuple(op.operation_id for op in spec.operations),
            operations={op.operation_id: op for op in spec.operations},
            router=Router(
                ((op.path, op.method, op.operation_id) for op in spec.operations),
                trailing_slash=spec.trailing_slash,
                base_paths=spec.base_paths,
            ),
            synthesizer=Synthesizer(spec, seed=seed),
            renderer=ErrorRenderer(spec.error_style),
            canned={
                (op.operation_id, status): canned
                for op in spec.operations
                for status in CANNED_STATUSES
                if (canned := _single_example(op, status)) is not None
            },
        )


def _single_example(operation: Operation, status: int) -> ResponseData | None:
    response = operation.responses.get(str(status))
    if response is None:
        return None
    for media in response.content:
        if not is_json(media.essence):
            continue
        values = list(media.example) or list(media.examples.values())
        if len(values) == 1 and isinstance(values[0], dict):
            return ResponseData(
                status=status, json=values[0], has_json=True, content_type=media.media_type
            )
    return None
