"""Response self-check: does a response the engine produced match the spec?"""

from __future__ import annotations

from mock_server.spec import Operation
from mock_server.types import ResponseData


def check_response(operation: Operation, response: ResponseData) -> str | None:
    """Return what is wrong with ``response`` for ``operation``, or None if it conforms.

    Checks the status is declared, the media type is declared for it, a JSON body matches
    the schema, and required headers are present.
    """
    status = response.status
    declared = operation.response_for(status)
    if declared is None:
        codes = ", ".join(operation.responses) or "none"
        return f"status {status} is not declared (declared: {codes})"
    has_body = response.has_json or bool(response.body)
    if not declared.content:
        return f"status {status} declares no body but one was sent" if has_body else None
    if not has_body:
        return f"status {status} declares a body but none was sent"
    content_type = response.content_type or ("application/json" if response.has_json else "")
    essence = content_type.split(";", 1)[0].strip().lower()
    media = declared.media_for(essence)
    if media is None:
        types = ", ".join(m.media_type for m in declared.content)
        return f"media type {essence or 'none'!r} is not declared for {status} (declared: {types})"
    if (
        response.has_json
        and media.validator is not None
        and not media.validator.is_valid(response.json)
    ):
        error = next(iter(media.validator.iter_errors(response.json)))
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.instance_path)
        return f"body{where}: {error.message}"
    return _missing_headers(declared.required_headers, response)


def _missing_headers(required: tuple[tuple[str, str], ...], response: ResponseData) -> str | None:
    if not required:
        return None
    present = {name.lower() for name in response.headers}
    for lowered, name in required:
        if lowered not in present:
            return f"required header {name!r} is missing"
    return None
