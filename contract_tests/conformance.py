"""Live conformance: the contract checks (``st run`` + ``schemathesis.toml``) against any server.

``make conformance API=autoenhance URL=https://api.autoenhance.ai KEY=...`` or
``python -m contract_tests.conformance --api autoenhance --url ... --key ...``;
AI HomeDesign v3 is ``--api aihomedesign-v3 --url https://api.aihomedesign.com`` (the
spec's paths carry ``/v3``; against the mock, its AI HomeDesign port).

Safe by default: only reads, plus Autoenhance's Create Order, whose orders are deleted at
the end (``st_cleanup_hooks.py``). Operations that cost money, cannot be undone, or could
touch data the run did not create run only with ``--allow-writes`` (``ALLOW_WRITES=1``).
Prints a per-operation table (requests sent, answers that broke the spec by check), writes
JUnit XML, and exits with ``st``'s status (0: every answer kept to the spec).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from contract_tests._specs import load_document
from contract_tests._st_run import ROOT, run_st, table, tally

SAFE_OPERATIONS: dict[str, tuple[str, ...]] = {
    # Uploads create orders that cannot be deleted; submit and upscale are paid.
    "aihomedesign": ("get_order", "list_spaces", "list_widgets", "list_widget_items"),
    # Reads only: projects, orders and processes cannot be deleted, and a process is paid.
    # The tool list is left out: the spec serves it from the dashboard host
    # (app.aihomedesign.com), not from the --url the run checks.
    "aihomedesign-v3": (
        "list_projects",
        "get_project",
        "list_project_orders",
        "get_order",
        "get_process",
    ),
    # Processing and reporting are paid or irreversible; full-size downloads are paid;
    # updates, deletes and brackets could reach the account's own orders through ids the
    # run reads from list_orders.
    "autoenhance": (
        "create_order",
        "list_orders",
        "retrieve_order",
        "list_order_brackets",
        "retrieve_image",
    ),
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="conformance", description=__doc__.splitlines()[0])
    parser.add_argument("--api", required=True, choices=sorted(SAFE_OPERATIONS))
    parser.add_argument("--url", required=True, help="base URL, e.g. https://api.autoenhance.ai")
    parser.add_argument("--key", required=True, help="the x-api-key to send")
    parser.add_argument("--allow-writes", action="store_true", help="also paid/irreversible ops")
    parser.add_argument("--junit", type=Path, default=None, help="where to write JUnit XML")
    parser.add_argument("--spec", type=Path, default=None, help="check against this spec")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--max-examples", type=int, default=None)
    return parser.parse_args(argv)


def st_args(options: argparse.Namespace) -> list[str]:
    """The ``st run`` options for ``options`` (operation selection, seed, examples)."""
    args: list[str] = []
    if not options.allow_writes:
        for operation_id in SAFE_OPERATIONS[options.api]:
            args += ["--include-operation-id", operation_id]
    if options.seed is not None:
        args += ["--seed", str(options.seed)]
    if options.max_examples is not None:
        args += ["--max-examples", str(options.max_examples)]
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the checks; print the table; return ``st``'s exit status."""
    options = parse_args(argv)
    spec = options.spec or ROOT / "openapi" / f"{options.api}.yaml"
    junit = options.junit or Path(f"conformance-{options.api}.xml")
    url = options.url.rstrip("/")
    env = {
        **os.environ,
        "SCHEMATHESIS_HOOKS": str(ROOT / "contract_tests" / "st_cleanup_hooks.py"),
        "CONFORMANCE_URL": url,
        "CONFORMANCE_KEY": options.key,
    }
    mode = "reads and self-cleaning creates" if not options.allow_writes else "every operation"
    print(f"conformance: {options.api} at {url}, {mode}", flush=True)
    with tempfile.TemporaryDirectory() as reports:
        run = run_st(
            spec, url, key=options.key, report_dir=Path(reports), args=st_args(options), env=env
        )
        counts = tally(load_document(spec), run.interactions() if run.vcr.exists() else [])
        if run.junit.exists():
            junit.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(run.junit, junit)
    selected = [op for op in counts if options.allow_writes or op in SAFE_OPERATIONS[options.api]]
    print(table({op: counts[op] for op in selected}))
    drifted = sorted(op for op in selected if counts[op].failed_checks)
    if run.returncode:
        print(run.output[-4000:], file=sys.stderr)
        print(f"conformance: FAILED; operations that broke the spec: {drifted or 'see above'}")
    else:
        print("conformance: every answer kept to the spec")
    print(f"conformance: JUnit XML in {junit}")
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
