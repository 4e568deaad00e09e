"""schemathesis, set up for this suite: config, schemas, targets, extra checks, known bugs.

Every schemathesis check is on (its default). The only tuning is written next to it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import schemathesis
from schemathesis import GenerationMode

from contract_tests import _settings
from contract_tests._specs import SpecOperation, load_document, operations, validator

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment
    from schemathesis.specs.openapi.schemas import OpenApiSchema

    from contract_tests._settings import ApiName, ContractSettings
    from contract_tests._witness import ValidationWitness

API_KEY = "test-key"
"""The key the mock accepts by default (``EngineOptions.accepted_keys``)."""
IN_PROCESS_BASE_URL = "http://mock.test"

ST_CONFIG = Path(__file__).resolve().parent.parent / "schemathesis.toml"
"""schemathesis' own configuration file, which ``st run`` finds from the repo root.

It holds the statuses with which each operation refuses schema-valid requests on state
the schema cannot express (the spec documents each), and a schemathesis workaround; the
suite reads it so both use one list.
"""


def contract_config(
    api: ApiName, settings: ContractSettings, *, fuzz_examples: int | None = None
) -> schemathesis.Config:
    """The schemathesis configuration of a run against ``api``: the repo's file plus depth.

    Args:
        api: Which vendor API (the file's ``[[project]]`` is picked by the spec's title).
        settings: The run's seed and depth.
        fuzz_examples: Examples per operation (default: the run's ``fuzz_examples``).
    """
    del api
    data = tomllib.loads(ST_CONFIG.read_text(encoding="utf-8"))
    # The file's hooks PUT uploads over the network, to the server under test; in process
    # there is no socket to reach it by.
    data.pop("hooks", None)
    data.update(
        {
            "seed": settings.seed,
            "generation": {
                "max-examples": fuzz_examples or settings.fuzz_examples,
                "deterministic": not settings.randomized,
                # The example database would replay old failures and break determinism.
                "database": "none",
            },
            # A valid key for every operation that declares ApiKeyAuth; ignored_auth then
            # removes it and sends a wrong one, and expects a refusal.
            "auth": {"openapi": {"ApiKeyAuth": {"api_key": API_KEY}}},
            # Only the links the spec declares: the brief is the spec's own links.
            "phases": {"stateful": {"inference": {"algorithms": []}}},
        }
    )
    return schemathesis.Config.from_dict(data, base_dir=str(ST_CONFIG.parent))


def contract_schema(
    api: ApiName,
    *,
    document: Mapping[str, Any] | None = None,
    app: WSGIApplication | None = None,
    fuzz_examples: int | None = None,
) -> OpenApiSchema:
    """The schemathesis schema of the run's contract spec (or ``document``) for ``api``."""
    settings = _settings.current()
    raw = dict(document) if document is not None else load_document(settings.contract_specs[api])
    config = contract_config(api, settings, fuzz_examples=fuzz_examples)
    schema = schemathesis.openapi.from_dict(raw, config=config)
    schema.app = app
    return schema


PHOTO = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
"""The shortest byte string every image sniffer takes for a JPEG (SOI, JFIF APP0, EOI)."""


class AppSlot:
    """A WSGI app that forwards to whichever MockApp the running test plugged in.

    schemathesis needs the app on the schema at import time (its auth probes read it
    from there); the mock itself is built per test by the factory.
    """

    def __init__(self) -> None:
        self.target: WSGIApplication | None = None

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        assert self.target is not None, "no mock plugged into the AppSlot"
        return self.target(environ, start_response)


def operations_by_label(api: ApiName, document: Mapping[str, Any]) -> dict[str, SpecOperation]:
    """The contract's operations keyed by ``METHOD /path``."""
    return {op.label: op for op in operations(api, document)}


def is_positive(case: Any) -> bool:
    """Whether schemathesis generated ``case`` as schema-valid."""
    meta = case.meta
    return meta is not None and meta.generation.mode is GenerationMode.POSITIVE


def prepare_case(case: Any, op: SpecOperation) -> list[str]:
    """Adjust a generated positive case before it is sent; the changes keep it valid.

    1. Binary parts become :data:`PHOTO`: schemathesis fills binary parts with sample
       files, a GIF for most image types, and AI HomeDesign's upload refuses GIF (and
       HEIC) bytes whatever the part declares (upload_image, check 6). A rule about the
       bytes is prose a schema cannot state, so the generator cannot know it.
    2. In a positive case, optional headers/query values that break their own schema are
       dropped: schemathesis 4.32.5's coverage phase builds positive body variations on a
       template whose optional parameters may hold a negative value (POST /v3/images/
       gets ``x-api-version: 0``, pattern ``YYYY-MM-DD``), which the mock rightly rejects.
    3. Extra multipart fields whose name cannot be written into a Content-Disposition
       header are dropped: a line break, a ``"``, or a trailing backslash (which escapes
       the closing quote) make the part unreadable on the wire, so the sent request is
       malformed although the generated object is valid.

    Returns:
        The parameters dropped, as ``location.name``.
    """
    if not is_positive(case):
        return []
    if isinstance(case.body, dict):
        for name, value in case.body.items():
            if isinstance(value, list):  # a repeated part (AI HomeDesign v3's asset_file)
                case.body[name] = [_photo(item) for item in value]
            else:
                case.body[name] = _photo(value)
    dropped = []
    if isinstance(case.body, dict) and str(case.media_type).startswith("multipart/"):
        for name in [n for n in case.body if _unsendable_field_name(n)]:
            del case.body[name]
            dropped.append(f"body.{name}")
    for location, values in (("header", case.headers), ("query", case.query)):
        for name in list(values or {}):
            parameter = op.parameter(location, name)
            if parameter is None or parameter.get("required") or "schema" not in parameter:
                continue
            if not _valid(parameter["schema"], values[name]):
                del values[name]
                dropped.append(f"{location}.{name}")
    return dropped


def _photo(value: Any) -> Any:
    """:data:`PHOTO` in place of a binary part's bytes; any other value as it is."""
    if isinstance(value, bytes):
        return PHOTO
    if isinstance(getattr(value, "data", None), bytes):
        return type(value)(PHOTO)  # schemathesis' Binary wrapper
    return value


def _unsendable_field_name(name: str) -> bool:
    trailing = len(name) - len(name.rstrip("\\"))
    return any(c in name for c in '\r\n"') or trailing % 2 == 1


def _valid(schema: Mapping[str, Any], value: Any) -> bool:
    return validator(schema).is_valid(value)


CheckFunction = Callable[[Any, Any, Any], bool | None]


def passes_mock_validation(
    witness: ValidationWitness, mark: int, op: SpecOperation
) -> CheckFunction:
    """A check: a positive case reached the vendor behaviour, i.e. passed validation."""

    def passes_mock_validation(ctx: Any, response: Any, case: Any) -> bool | None:
        del ctx
        if not is_positive(case) or case.method.lower() != op.method:
            return True  # not applicable: only schema-valid requests must pass
        seen = witness.since(mark)
        assert op.operation_id in seen, (
            f"the mock's request validation rejected a schema-valid request "
            f"({response.status_code}): {response.text[:300]}"
        )
        return None

    return passes_mock_validation


def auth_failures_are_401(ctx: Any, response: Any, case: Any) -> bool | None:
    """A check: both specs answer a missing or wrong key with 401, never 403."""
    del ctx, case
    assert response.status_code != 403, "403 answered; a missing or wrong key must get 401"
    return None


@dataclass
class Observed:
    """What one operation's run showed, to prove each check had something to check."""

    op: SpecOperation
    statuses: set[int] = field(default_factory=set)
    witnessed_positive: bool = False
    rejected_negative: bool = False
    undeclared_methods: dict[str, int] = field(default_factory=dict)
    """Status answered to each undeclared method sent to the path (coverage phase)."""

    def record(self, case: Any, response: Any, *, witnessed: bool) -> None:
        """Note one exchange."""
        status = response.status_code
        if case.method.lower() != self.op.method:
            allow = response.headers.get("allow")
            self.undeclared_methods[case.method.upper()] = status if allow else -status
            return
        self.statuses.add(status)
        if is_positive(case) and witnessed:
            self.witnessed_positive = True
        if not is_positive(case) and 400 <= status < 500:
            self.rejected_negative = True

    def assert_exercised(self) -> None:
        """Fail unless the run gave the checks material: each check could have failed."""
        label = self.op.label
        assert self.witnessed_positive, f"{label}: no schema-valid request reached the mock"
        if self.op.secured or self.op.parameters or self.op.request_body is not None:
            # An open operation without parameters or body (AI HomeDesign v3's GET
            # /api/tools) has no request a schema can call invalid.
            assert self.rejected_negative, f"{label}: no negative case was generated and rejected"
        if self.op.secured:
            assert 401 in self.statuses, f"{label}: no request without a valid key got 401"


def failure_name(failure: Any) -> str:
    """The check that raised ``failure`` (schemathesis' own, or one of this suite's)."""
    if failure.checks:
        return str(failure.checks[0])
    return str(failure.title).rpartition("`")[0].rpartition("`")[2] or str(failure.title)


def call_and_validate(
    case: Any,
    *,
    api: ApiName,
    op: SpecOperation,
    base_url: str,
    witness: ValidationWitness,
    observed: Observed,
) -> None:
    """Send ``case`` and run every check plus this suite's.

    Raises:
        FailureGroup: A check failed.
    """
    prepare_case(case, op)
    mark = witness.mark()

    def record(ctx: Any, response: Any, case: Any) -> bool | None:
        del ctx
        observed.record(case, response, witnessed=op.operation_id in witness.since(mark))
        return True

    checks = [record, passes_mock_validation(witness, mark, op), auth_failures_are_401]
    case.call_and_validate(base_url=base_url, additional_checks=checks)
