"""The engine serves both vendor specs: one valid request per operation, in strict mode."""

from __future__ import annotations

import json
import random
from functools import cache
from typing import Any

import pytest

from mock_server.engine import Engine, EngineOptions
from mock_server.media import sample_bytes
from mock_server.spec import Operation
from mock_server.synthesis._generator import SchemaGenerator
from mock_server.types import RequestData, UploadedFile
from mock_server.validation._selfcheck import check_response
from tests._specs import APIS, spec_path


@cache
def engine(api: str) -> Engine:
    return Engine.from_path(spec_path(api), options=EngineOptions(strict=True))


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else json.dumps(value)


def _generate(engine: Engine, pointer: str, rng: random.Random) -> Any:
    store = engine.spec.requests
    generator = SchemaGenerator(store.document, skip_flag="readOnly")
    return generator.generate({"$ref": pointer}, rng, validator=store.validator(pointer))


def _parameters(
    engine: Engine, operation: Operation, rng: random.Random
) -> tuple[str, dict[str, tuple[str, ...]], dict[str, str]]:
    path, query, headers = operation.path, {}, {}
    for param in operation.parameters:
        if not param.required:
            continue
        value = _generate(engine, param.pointer, rng)
        if param.location == "path":
            path = path.replace("{" + param.name + "}", _text(value))
        elif param.location == "query":
            query[param.name] = (
                tuple(_text(v) for v in value) if isinstance(value, list) else (_text(value),)
            )
        elif param.location == "header":
            headers[param.name] = _text(value)
    return path, query, headers


def _body(engine: Engine, operation: Operation, rng: random.Random) -> dict[str, Any]:
    body = operation.request_body
    if body is None or not body.media:
        return {}
    media = body.media[0]
    value = _generate(engine, media.pointer, rng) if media.pointer else None
    if media.kind == "json":
        return {"body": json.dumps(value).encode(), "content_type": media.media_type}
    if media.kind in ("multipart", "form"):
        form = {k: (_text(v),) for k, v in (value or {}).items() if k not in media.files}
        files = {}
        for name, part in media.files.items():
            content_type = next(
                (t for t in part.content_types if "*" not in t), "application/octet-stream"
            )
            files[name] = (
                UploadedFile(
                    filename=f"{name}.bin",
                    content_type=content_type,
                    data=sample_bytes(content_type),
                ),
            )
        return {"form": form, "files": files, "content_type": media.media_type}
    return {"body": b"data", "content_type": media.media_type}


def valid_request(engine: Engine, operation: Operation, seed: int = 0) -> RequestData:
    rng = random.Random(seed)
    path, query, headers = _parameters(engine, operation, rng)
    headers["x-api-key"] = "test-key"
    body = _body(engine, operation, rng)
    if "content_type" in body:
        headers["content-type"] = body.pop("content_type")
    return RequestData(method=operation.method, path=path, query=query, headers=headers, **body)


CASES = [(api, op.operation_id) for api in APIS for op in engine(api).spec.operations]


@pytest.mark.parametrize(("api", "operation_id"), CASES)
def test_one_valid_request_per_operation(api, operation_id):
    served = engine(api)
    operation = served.operation(operation_id)
    req = valid_request(served, operation)
    response = served.handle(req)
    assert served.journal.last.operation_id == operation_id
    assert response.status == operation.default_status, (req, response)
    dynamic = served.handle(
        RequestData(
            method=req.method,
            path=req.path,
            query=req.query,
            headers={**req.headers, "prefer": "dynamic=true"},
            body=req.body,
            form=req.form,
            files=req.files,
        )
    )
    assert dynamic.status == operation.default_status


@pytest.mark.parametrize(("api", "operation_id"), CASES)
def test_every_declared_response_and_example_conforms(api, operation_id):
    served = engine(api)
    operation = served.operation(operation_id)
    for key, declared in operation.responses.items():
        if not key.isdigit():
            continue
        for media in declared.content or (None,):
            accept = media.media_type if media else ""
            for example in (None, *(media.examples if media else ())):
                for dynamic in (False, True):
                    response = served.synthesize(
                        operation_id,
                        status=int(key),
                        example=example,
                        dynamic=dynamic,
                        accept=accept,
                    )
                    assert response.status == int(key)
                    assert check_response(operation, response) is None, (key, accept, example)


@pytest.mark.parametrize("api", APIS)
def test_vendor_error_shapes(api):
    served = engine(api)
    operation = next(op for op in served.spec.operations if op.security)
    req = valid_request(served, operation)
    response = served.handle(
        RequestData(
            method=req.method,
            path=req.path,
            query=req.query,
            headers={},
            body=req.body,
            form=req.form,
            files=req.files,
        )
    )
    assert response.status == 401
    keys = {"error-key": {"error", "key"}, "message-detail": {"message", "detail"}}[
        served.spec.error_style
    ]
    assert set(response.json) == keys
    unrouted = served.handle(RequestData(method="GET", path="/definitely/not/here"))
    assert (unrouted.status, set(unrouted.json)) == (404, keys)
