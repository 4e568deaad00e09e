"""``st run`` as a user runs it: the CLI, from the repo root, against ``mock-server``.

Both are subprocesses; the only configuration is the repo's ``schemathesis.toml`` (with
its upload hook). Every run must end with exit status 0 (no failure, no error, every default
check and phase). The mock runs as the README tells a user to for full reach (see
:mod:`contract_tests._mock_cli`).

``make test`` runs one plain ``st run`` per API with few examples
(:func:`test_st_run_passes`). The reach runs (:func:`test_st_runs_reach_every_operation`,
marked ``deep``: ``make check-deep``) also require the stateful phase to reach a 2xx answer
in every operation through the specs' links, adding narrowed runs until it has (an
operation no link leads to or from needs a 2xx in any phase of those runs); with
``--contract-deep`` they run two seeds at schemathesis' default example count.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import pytest

from contract_tests import _settings
from contract_tests._settings import ApiName
from contract_tests._specs import load_document, operations
from contract_tests._st_run import StRun, Tally, run_st, table, tally

pytestmark = pytest.mark.subprocess

KEY = "test-key"
QUICK_EXAMPLES = 10
"""``--max-examples`` of a run outside the deep pass."""


def _st_args(settings: _settings.ContractSettings, seed: int) -> list[str]:
    args = ["--seed", str(seed)]
    if not settings.deep:
        args += ["--max-examples", str(QUICK_EXAMPLES)]
    return args


def _seeds(settings: _settings.ContractSettings) -> list[int]:
    return [settings.seed, settings.seed + 1] if settings.deep else [settings.seed]


STATEFUL_RUNS = 5
"""Most extra stateful-only runs spent to reach every operation.

The Item Removal Mask steps end a four-step chain (a mask upload, its submit with the
upload's ``service_name``, the order, then the step; a manual mask also needs a PNG among
schemathesis' sample files), and a legacy download needs a created, uploaded, processed
and retrieved image. AI HomeDesign v3's processes start from an upload, and a generated
upload form rarely keeps the per-order role rules (about one in ten answers 201), so a
process and its ``get_process`` end a chain that seldom gets going. A run over every
operation of about 120 scenarios reaches those only now and then (a deep pass with a
random seed once missed one per API in six such runs).
So each extra run is still a plain ``st run``, but narrowed to the operations not reached
yet and those with links leading to them, with more scenarios: measured against the mock,
such a run reached the manual mask 14 and 36 times in 440 scenarios.
"""

FOCUSED_EXAMPLES = 120
"""``--max-examples`` of an extra run: about as many stateful scenarios (20-40 s)."""


@pytest.mark.parametrize("api", _settings.APIS)
def test_st_run_passes(api: ApiName, mock_urls: dict[ApiName, str], tmp_path: Path) -> None:
    """One plain run, every phase: it passes, and it sent a request to every operation."""
    settings = _settings.current()
    spec = settings.contract_specs[api]
    args = ["--seed", str(settings.seed), "--max-examples", str(QUICK_EXAMPLES)]
    run = _run(spec, mock_urls[api], tmp_path, args)
    counts = tally(load_document(spec), run.interactions())
    print(f"{' '.join(run.command)}\n{table(counts)}")  # shown with -s or on failure
    assert all(c.sent for c in counts.values()), f"operations never sent:\n{table(counts)}"


@pytest.mark.deep
@pytest.mark.parametrize("api", _settings.APIS)
def test_st_runs_reach_every_operation(
    api: ApiName, mock_urls: dict[ApiName, str], tmp_path: Path
) -> None:
    settings = _settings.current()
    spec = settings.contract_specs[api]
    document = load_document(spec)
    # An operation no link leads to or from (Autoenhance's Create Organization) is no step
    # of any stateful scenario: its 2xx must come from the other phases of the same runs.
    unlinked = _unlinked(api, document)
    reached: Counter[str] = Counter()
    answered: Counter[str] = Counter({op: 0 for op in unlinked})
    for seed in _seeds(settings):
        run = _run(spec, mock_urls[api], tmp_path / f"seed-{seed}", _st_args(settings, seed))
        counts = tally(document, run.interactions())
        print(f"{' '.join(run.command)}\n{table(counts)}")  # shown with -s or on failure
        reached.update(_stateful_2xx(counts, unlinked))
        answered.update({op: sum(counts[op].ok_by_phase.values()) for op in unlinked})
    assert not _unreached(answered), f"linkless operations without any 2xx: {dict(answered)}"
    # The stateful phase stops after a hundred-odd scenarios; more runs, more seeds.
    extra = 0
    while _unreached(reached) and extra < STATEFUL_RUNS:
        extra += 1
        seed = settings.seed + 100 + extra
        focus = _with_ancestors(api, document, _unreached(reached))
        args = ["--phases", "stateful", "--seed", str(seed)]
        args += ["--max-examples", str(FOCUSED_EXAMPLES)]
        args += [f"--include-operation-id={op}" for op in focus]
        run = _run(spec, mock_urls[api], tmp_path / f"st-{seed}", args)
        print(" ".join(run.command))
        counts = tally(document, run.interactions())
        reached.update(_stateful_2xx(counts, unlinked))
    print(f"2xx answers in the stateful phase, {extra} extra stateful run(s): {dict(reached)}")
    assert not _unreached(reached), (
        f"operations without a 2xx in the stateful phase: {_unreached(reached)}; "
        f"2xx counts: {dict(reached)}"
    )


def _with_ancestors(api: ApiName, document: Any, targets: list[str]) -> list[str]:
    """``targets``, every operation from which a chain of the spec's links leads to one,
    and the operations the targets' own links lead to.

    The last keep a run possible when the only target starts every chain (AI HomeDesign
    v3's Create Order, which no declared link leads to): a selection without one link
    between its operations is refused by ``st`` ("Missing Open API links").
    """
    ops = operations(api, document)
    wanted = set(targets)
    grown = True
    while grown:
        before = len(wanted)
        wanted |= {op.operation_id for op in ops if any(ln.target in wanted for ln in op.links)}
        grown = len(wanted) > before
    wanted |= {ln.target for op in ops if op.operation_id in targets for ln in op.links}
    return sorted(wanted)


def _stateful_2xx(counts: dict[str, Tally], unlinked: list[str]) -> dict[str, int]:
    """Each linked operation's 2xx answers in the stateful phase."""
    return {op: c.ok_by_phase["stateful"] for op, c in counts.items() if op not in unlinked}


def _unlinked(api: ApiName, document: Any) -> list[str]:
    """Operations that no link of the spec leads to or from."""
    ops = operations(api, document)
    linked = {ln.target for op in ops for ln in op.links}
    linked |= {op.operation_id for op in ops if op.links}
    return sorted(op.operation_id for op in ops if op.operation_id not in linked)


def _unreached(reached: Counter[str]) -> list[str]:
    """Operations without a 2xx yet."""
    return sorted(op for op, n in reached.items() if not n)


def _run(spec: Path, url: str, report_dir: Path, args: list[str]) -> StRun:
    """``st run`` against a freshly reset mock at ``url``; it must pass (exit status 0).

    The reset also restores Autoenhance's daily enhancement quota (500 images, as the
    vendor's): a deep pass uploads more than that, after which every new image ends in
    ``error`` and no download can answer 2xx.
    """
    reset = httpx.post(f"{url}/__mock/reset", timeout=30)
    assert reset.status_code == 204, reset.text
    run = run_st(spec, url, key=KEY, report_dir=report_dir, args=args)
    assert run.returncode == 0, f"st run failed ({run.returncode}):\n{run.output[-6000:]}"
    return run
