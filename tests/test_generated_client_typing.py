"""A consumer project's code against the generated clients passes ``mypy --strict``.

The response schemas mark as required what the vendors always return (DECISIONS.md,
"Required response fields"), so a consumer reads ``order.order_id`` without an ``Unset``
check. This runs mypy on such code in a scratch directory, as a consumer would.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.subprocess

CONSUMER = """
from autoenhance_client import AuthenticatedClient
from autoenhance_client.api.images import retrieve_image
from autoenhance_client.api.orders import create_order, list_orders, retrieve_order
from autoenhance_client.models import ImageOut, OrderIn, OrderOut, OrdersOut


def order_names(client: AuthenticatedClient) -> list[str]:
    listed = list_orders.sync(client=client, per_page=16)
    assert isinstance(listed, OrdersOut)
    token: str | None = listed.pagination.next_offset
    del token
    return [order.name for order in listed.orders]


def image_ids(client: AuthenticatedClient) -> list[str]:
    order = create_order.sync(client=client, body=OrderIn(name="Oak St"))
    assert isinstance(order, OrderOut)
    fetched = retrieve_order.sync(order.order_id, client=client)
    assert isinstance(fetched, OrderOut)
    count: float = fetched.total_images
    del count
    return [image.image_id for image in fetched.images]


def image_status(client: AuthenticatedClient, image_id: str) -> str:
    image = retrieve_image.sync(image_id, client=client)
    assert isinstance(image, ImageOut)
    reason: str | None = image.status_reason
    del reason
    return f"{image.image_name} in {image.order_id}: {image.status}"
"""


def test_a_consumer_needs_no_unset_checks(tmp_path: Path) -> None:
    module = tmp_path / "consumer.py"
    module.write_text(textwrap.dedent(CONSUMER))
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file=", str(module)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
