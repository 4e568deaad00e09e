"""Both vendors' whole flows against the standalone server, as ``make mock`` runs it.

The flows are the ones the in-process tests run (``tests/_flow_*.py``); they use only HTTP
and the admin surface, so passing here shows another team's code in any language can
drive the same job against ``mock-server``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import httpx
import pytest
from pytest_httpserver import HTTPServer

from tests import _flow_aihomedesign, _flow_autoenhance

if TYPE_CHECKING:
    from tests._processes import Started

pytest_plugins = ["tests._processes"]  # the start_cli fixture

FLOWS = {
    "AI HomeDesign API": _flow_aihomedesign.run_flow,
    "Autoenhance.ai API": _flow_autoenhance.run_flow,
}


@pytest.mark.parametrize("title", sorted(FLOWS))
def test_whole_flow_against_the_standalone_server(
    start_cli: Callable[..., Started], httpserver: HTTPServer, title: str
) -> None:
    _, out = start_cli("--aihomedesign-port", "0", "--autoenhance-port", "0")
    urls = dict(re.findall(r"^(.+?): http://\S+ \(base_url (http://127\.0\.0\.1:\d+)\)", out, re.M))
    base_url = urls[title]
    FLOWS[title](base_url=base_url, api_key="test-key", receiver=httpserver)
    journal = httpx.get(f"{base_url}/__mock/journal").json()
    assert [e["status"] for e in journal if e["kind"] == "request" and e["status"] >= 500] == []
