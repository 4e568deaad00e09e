"""Tests for mock_server.site._access: a claiming handler writes the line logging would.

The CLI's handler writes access lines from their fields, without a ``LogRecord``; the
line must be the one ``logging`` would have written, and any configuration where
``logging`` could act differently (another handler, a filter) must get real records.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from typing import Any

import pytest

from mock_server.cli import BatchingStreamHandler, JsonFormatter, TextFormatter, _logs
from mock_server.site import _access
from mock_server.site._access import claim_access_log, log_access

NOW = (1_700_000_000.25, 250.0)  # created, msecs
LINES = [
    ("Autoenhance.ai API", "POST", "/v3/orders/", 200, 0.123, None),
    ("Autoenhance.ai API", "GET", "/v3/orders/x", 401, 12.06, "missing x-api-key"),
    ("", "HEAD", "/", 404, 0.0, None),
]


@pytest.fixture(autouse=True)
def access_log(monkeypatch: pytest.MonkeyPatch) -> Iterator[logging.Logger]:
    """A stand-in access logger, out of pytest's reach, with no handler a test did not add.

    pytest attaches its capturing handlers to the root logger and to every registered
    logger that does not propagate: this one is not registered.
    """
    logger = logging.Logger("mock_server.access", logging.INFO)
    logger.propagate = False
    monkeypatch.setattr(_access, "access_log", logger)
    monkeypatch.setattr(_logs, "_now", lambda: NOW[0])
    yield logger
    claim_access_log(None)


def _handler(formatter: logging.Formatter) -> tuple[io.StringIO, BatchingStreamHandler]:
    stream = io.StringIO()
    handler = BatchingStreamHandler(stream, interval=3600)
    handler.setFormatter(formatter)
    return stream, handler


def _through_logging(
    access_log: logging.Logger, formatter: logging.Formatter, line: tuple[object, ...]
) -> str:
    """The line as logging writes it (the record stamped with ``NOW``)."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    keep = Keep()
    access_log.addHandler(keep)
    try:
        claim_access_log(None)
        log_access(*line)  # type: ignore[arg-type]
    finally:
        access_log.removeHandler(keep)
    [record] = records
    record.created, record.msecs = NOW
    return formatter.format(record) + "\n"


@pytest.mark.parametrize("formatter_class", [TextFormatter, JsonFormatter])
@pytest.mark.parametrize("line", LINES)
def test_the_claimed_line_is_the_line_logging_writes(
    access_log: logging.Logger, formatter_class: type[logging.Formatter], line: tuple[object, ...]
) -> None:
    formatter = formatter_class()
    expected = _through_logging(access_log, formatter, line)
    stream, handler = _handler(formatter)
    access_log.addHandler(handler)
    claim_access_log(handler)
    made: list[logging.LogRecord] = []
    old_factory = logging.getLogRecordFactory()

    def counting(*args: object, **kwargs: object) -> logging.LogRecord:
        record = old_factory(*args, **kwargs)
        made.append(record)
        return record

    logging.setLogRecordFactory(counting)
    try:
        log_access(*line)  # type: ignore[arg-type]
    finally:
        logging.setLogRecordFactory(old_factory)
    handler.flush()
    assert made == []  # written from the fields: no record was made
    assert stream.getvalue() == expected
    assert str(line[2]) in expected


def test_the_text_line_reads_as_before(access_log: logging.Logger) -> None:
    stream, handler = _handler(TextFormatter())
    access_log.addHandler(handler)
    claim_access_log(handler)
    log_access("Autoenhance.ai API", "POST", "/v3/orders/", 422, 1.26, "json.nome not allowed")
    handler.flush()
    record = logging.makeLogRecord({"created": NOW[0], "msecs": NOW[1]})
    assert stream.getvalue() == (
        f"{logging.Formatter().formatTime(record)} INFO [Autoenhance.ai API] mock_server.access: "
        "POST /v3/orders/ 422 1.3ms - json.nome not allowed\n"
    )


def _claimed_writes(handler: BatchingStreamHandler, stream: io.StringIO) -> bool:
    """Whether one access line reached ``stream`` without a record being made."""
    made: list[object] = []
    old_factory = logging.getLogRecordFactory()

    def counting_factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        made.append(args)
        return old_factory(*args, **kwargs)

    logging.setLogRecordFactory(counting_factory)
    try:
        log_access("API", "GET", "/x", 200, 0.1, None)
    finally:
        logging.setLogRecordFactory(old_factory)
    handler.flush()
    assert stream.getvalue().count("GET /x 200") == 1
    return not made


def test_another_handler_gets_a_real_record_and_so_does_the_claimant(
    access_log: logging.Logger,
) -> None:
    stream, handler = _handler(TextFormatter())
    access_log.addHandler(handler)
    claim_access_log(handler)
    assert _claimed_writes(handler, stream)
    other = logging.NullHandler()
    access_log.addHandler(other)
    assert not _claimed_writes(handler, _reset(stream))
    other.setLevel(logging.WARNING)  # it would skip an INFO record: no obstacle
    assert _claimed_writes(handler, _reset(stream))


def test_the_claimant_may_sit_on_a_parent_logger(access_log: logging.Logger) -> None:
    parent = logging.Logger("mock_server")
    parent.propagate = False
    access_log.parent, access_log.propagate = parent, True
    stream, handler = _handler(TextFormatter())
    parent.addHandler(handler)
    claim_access_log(handler)
    assert _claimed_writes(handler, stream)
    parent.addHandler(logging.NullHandler())  # a second handler above: logging decides
    assert not _claimed_writes(handler, _reset(stream))


def test_a_filter_anywhere_it_acts_means_a_real_record(access_log: logging.Logger) -> None:
    stream, handler = _handler(TextFormatter())
    access_log.addHandler(handler)
    claim_access_log(handler)
    access_log.addFilter(lambda record: True)
    assert not _claimed_writes(handler, stream)
    access_log.filters.clear()
    handler.addFilter(lambda record: True)
    assert not _claimed_writes(handler, _reset(stream))


def test_a_formatter_not_its_own_means_a_real_record(access_log: logging.Logger) -> None:
    stream, handler = _handler(logging.Formatter("%(message)s"))
    access_log.addHandler(handler)
    claim_access_log(handler)
    assert not _claimed_writes(handler, stream)
    assert stream.getvalue() == "GET /x 200 0.1ms\n"


def test_a_claimant_the_records_do_not_reach_writes_nothing() -> None:
    stream, handler = _handler(TextFormatter())
    claim_access_log(handler)  # claimed, but on no logger
    log_access("API", "GET", "/x", 200, 0.1, None)
    handler.flush()
    assert stream.getvalue() == ""


def _reset(stream: io.StringIO) -> io.StringIO:
    stream.seek(0)
    stream.truncate()
    return stream


def test_a_line_waits_as_fields_and_keeps_the_time_it_was_logged(
    access_log: logging.Logger, monkeypatch: pytest.MonkeyPatch
) -> None:
    stream, handler = _handler(TextFormatter())
    access_log.addHandler(handler)
    claim_access_log(handler)
    log_access("API", "GET", "/x", 200, 0.1, None)
    assert stream.getvalue() == ""  # waiting, not written
    monkeypatch.setattr(_logs, "_now", lambda: NOW[0] + 3600)  # formatted an hour later
    handler.flush()
    record = logging.makeLogRecord({"created": NOW[0], "msecs": NOW[1]})
    assert stream.getvalue().startswith(f"{logging.Formatter().formatTime(record)} INFO ")


def test_a_waiting_line_that_cannot_be_formatted_is_reported_and_the_others_written(
    access_log: logging.Logger, capsys: pytest.CaptureFixture[str]
) -> None:
    stream, handler = _handler(TextFormatter())
    access_log.addHandler(handler)
    claim_access_log(handler)
    log_access("API", "GET", "/a", 200, 0.1, None)
    handler.write_fields("mock_server.access", "%d", ("not a number",), {})
    log_access("API", "GET", "/b", 200, 0.1, None)
    handler.flush()
    written = stream.getvalue()
    assert "GET /a 200" in written
    assert "GET /b 200" in written
    assert len(written.splitlines()) == 2
    assert "not a number" in capsys.readouterr().err  # logging's own report of the line
