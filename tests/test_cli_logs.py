"""Tests for mock_server.cli._logs: lines written in batches, in order, none lost at exit."""

from __future__ import annotations

import io
import logging
import os
import re
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from mock_server.cli import BatchingStreamHandler, TextFormatter

ROOT = Path(__file__).resolve().parent.parent


class _Stream(io.StringIO):
    """Counts its writes and flushes."""

    def __init__(self) -> None:
        super().__init__()
        self.writes = 0
        self.flushes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        return super().write(text)

    def flush(self) -> None:
        self.flushes += 1


@pytest.fixture
def log() -> Iterator[logging.Logger]:
    logger = logging.getLogger("test.batching")
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    yield logger
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()


def _attach(log: logging.Logger, **options: float) -> tuple[_Stream, BatchingStreamHandler]:
    stream = _Stream()
    handler = BatchingStreamHandler(stream, **options)  # type: ignore[arg-type]
    log.addHandler(handler)
    return stream, handler


def test_info_lines_wait_and_go_out_in_one_write(log: logging.Logger) -> None:
    stream, handler = _attach(log, interval=3600)
    for i in range(50):
        log.info("line %d", i)
    assert stream.getvalue() == ""
    handler.flush()
    assert stream.getvalue().splitlines() == [f"line {i}" for i in range(50)]
    assert stream.writes == 1


def test_a_warning_writes_what_waits_and_itself_in_order(log: logging.Logger) -> None:
    stream, _ = _attach(log, interval=3600)
    log.info("first")
    log.debug("second")
    log.warning("third")
    assert stream.getvalue().splitlines() == ["first", "second", "third"]
    assert stream.flushes >= 1


def test_lines_go_out_once_enough_characters_wait(log: logging.Logger) -> None:
    stream, _ = _attach(log, interval=3600, max_chars=100)
    for i in range(30):
        log.info("line %02d", i)  # 8 characters a line: a write every 13 lines
    assert 1 < stream.writes < 30
    assert stream.getvalue().splitlines() == [f"line {i:02d}" for i in range(26)]


def test_the_background_thread_writes_waiting_lines(log: logging.Logger) -> None:
    stream, _ = _attach(log, interval=0.01)
    for i in range(3):
        log.info("line %d", i)
    deadline = time.monotonic() + 5
    while not stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert stream.getvalue().splitlines() == ["line 0", "line 1", "line 2"]


def test_close_writes_what_waits(log: logging.Logger) -> None:
    stream, handler = _attach(log, interval=3600)
    log.info("last words")
    log.removeHandler(handler)
    handler.close()
    assert stream.getvalue() == "last words\n"


def test_the_text_format_keeps_logging_s_time_stamp() -> None:
    record = logging.makeLogRecord({"msg": "hello", "levelname": "INFO", "name": "x"})
    record.created, record.msecs = 1_700_000_000.25, 250.0
    expected = logging.Formatter().formatTime(record)
    formatter = TextFormatter()
    assert formatter.formatTime(record) == expected == formatter.formatTime(record)
    record.created += 1
    assert formatter.formatTime(record) == logging.Formatter().formatTime(record)


# Run as users run it; the flush interval is an hour, so only the exit can write the line.
_CHILD = """
import sys
from mock_server.cli import _logs, main
_logs._FLUSH_INTERVAL = 3600.0
sys.exit(main(sys.argv[1:]))
"""


def _read_until(proc: subprocess.Popen[bytes], marker: bytes, timeout: float = 20) -> bytes:
    assert proc.stdout is not None
    out = b""
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout.fileno(), selectors.EVENT_READ)
        deadline = time.monotonic() + timeout
        while marker not in out:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not selector.select(remaining):
                pytest.fail(f"no {marker!r} in time; got {out!r}")
            chunk = os.read(proc.stdout.fileno(), 4096)
            if not chunk:
                pytest.fail(f"exited early ({proc.poll()}); got {out!r}")
            out += chunk
    return out


@pytest.mark.parametrize("server", ["granian", "werkzeug"])
def test_sigterm_loses_no_access_line(server: str) -> None:
    argv = ["--api", "autoenhance", "--autoenhance-port", "0", "--server", server]
    proc = subprocess.Popen(
        [sys.executable, "-c", _CHILD, *argv],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        out = _read_until(proc, b"accepted x-api-key").decode()
        url = re.findall(r"\(base_url (http://127\.0\.0\.1:\d+)\)", out)[0]
        for _ in range(3):
            answer = httpx.get(f"{url}/v3/orders/", headers={"x-api-key": "test-key"})
            assert answer.status_code == 200
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0
    lines = [line for line in err.decode().splitlines() if "GET /v3/orders/ 200" in line]
    assert len(lines) == 3, err.decode()


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
def test_a_forked_child_does_not_write_its_parents_waiting_lines(
    log: logging.Logger, tmp_path: Path
) -> None:
    path = tmp_path / "lines.log"
    with path.open("a", encoding="utf-8") as stream:
        handler = BatchingStreamHandler(stream, interval=3600)
        log.addHandler(handler)
        log.info("parent line")  # waits in the parent
        child = os.fork()
        if child == 0:  # pragma: no cover (the child)
            log.info("child line")
            handler.flush()
            os._exit(0)
        _, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert path.read_text(encoding="utf-8") == "child line\n"
        log.removeHandler(handler)
        handler.close()
    assert path.read_text(encoding="utf-8") == "child line\nparent line\n"
