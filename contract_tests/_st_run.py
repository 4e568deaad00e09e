"""The ``st`` CLI as users run it: a subprocess from the repo root, and what its report says.

:func:`run_st` runs ``st run`` (which reads ``schemathesis.toml`` from the repo root) with
a VCR and a JUnit report; :func:`tally` turns the VCR cassette into per-operation counts:
requests sent, failed checks by name, and 2xx answers per phase.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
ST = Path(sys.executable).parent / "st"


@dataclass(frozen=True, kw_only=True)
class StRun:
    """One finished ``st run``: its exit status, output and reports."""

    returncode: int
    output: str
    command: tuple[str, ...]
    vcr: Path
    junit: Path

    def interactions(self) -> list[dict[str, Any]]:
        """The cassette's exchanges, in order."""
        with self.vcr.open(encoding="utf-8") as handle:
            cassette = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        found: list[dict[str, Any]] = cassette.get("http_interactions") or []
        return found


def run_st(
    spec: Path,
    url: str,
    *,
    key: str,
    report_dir: Path,
    args: Sequence[str] = (),
    env: Mapping[str, str] | None = None,
    timeout: float = 600,
) -> StRun:
    """Run ``st run SPEC --url URL -H 'x-api-key: KEY' ARGS`` from the repo root."""
    command = (
        str(ST),
        "run",
        str(spec),
        "--url",
        url,
        "-H",
        f"x-api-key: {key}",
        "--report",
        "vcr,junit",
        "--report-dir",
        str(report_dir),
        "--no-color",
        *args,
    )
    done = subprocess.run(
        command,
        cwd=ROOT,
        env=None if env is None else dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    vcr = next(report_dir.glob("vcr-*.yaml"), report_dir / "vcr-missing.yaml")
    junit = next(report_dir.glob("junit-*.xml"), report_dir / "junit-missing.xml")
    return StRun(
        returncode=done.returncode,
        output=done.stdout + done.stderr,
        command=command,
        vcr=vcr,
        junit=junit,
    )


@dataclass
class Tally:
    """What the run did to one operation."""

    sent: int = 0
    failed_checks: Counter[str] = field(default_factory=Counter)
    ok_by_phase: Counter[str] = field(default_factory=Counter)


class OperationMatcher:
    """Maps a sent request back to the spec operation it targets (literal paths first)."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        routes = []
        for path, item in document["paths"].items():
            pattern = re.compile("^" + re.sub(r"\{[^{}/]+\}", "[^/]+", path) + "$")
            for method, operation in item.items():
                if isinstance(operation, dict) and "operationId" in operation:
                    routes.append((path.count("{"), method.upper(), pattern, operation))
        self.routes = sorted(routes, key=lambda route: route[0])
        self.operation_ids = [route[3]["operationId"] for route in routes]

    def operation_id(self, method: str, uri: str) -> str | None:
        """The operationId of ``method uri``, or None (an undeclared method or path)."""
        path = urlsplit(uri).path
        for _, declared, pattern, operation in self.routes:
            if declared == method.upper() and pattern.match(path):
                return str(operation["operationId"])
        return None


def tally(
    document: Mapping[str, Any], interactions: Iterable[Mapping[str, Any]]
) -> dict[str, Tally]:
    """Per operationId of ``document``: requests, failed checks, 2xx answers per phase."""
    matcher = OperationMatcher(document)
    tallies = {operation_id: Tally() for operation_id in matcher.operation_ids}
    for exchange in interactions:
        request = exchange["request"]
        operation_id = matcher.operation_id(request["method"], request["uri"])
        if operation_id is None:
            continue  # an undeclared method (unsupported_method): counted by its check
        counts = tallies[operation_id]
        counts.sent += 1
        for check in exchange.get("checks") or ():
            if check.get("status") == "FAILURE":
                counts.failed_checks[check["name"]] += 1
        response = exchange.get("response") or {}
        status = int((response.get("status") or {}).get("code") or 0)
        if 200 <= status < 300:
            counts.ok_by_phase[exchange["phase"]["name"]] += 1
    return tallies


def table(tallies: Mapping[str, Tally]) -> str:
    """A plain-text table: operation, requests sent, 2xx in the stateful phase, failures."""
    rows = [("operation", "sent", "stateful 2xx", "answers that broke the spec (by check)")]
    for operation_id, counts in tallies.items():
        failures = ", ".join(f"{name}: {n}" for name, n in sorted(counts.failed_checks.items()))
        rows.append(
            (operation_id, str(counts.sent), str(counts.ok_by_phase["stateful"]), failures or "-")
        )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row[:3], widths, strict=True))
        + "  "
        + row[3]
        for row in rows
    )
