"""Log lines of ``mock-server``: text or JSON, flushed in batches."""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import sys
import threading
import time
from typing import Any

from mock_server.site._access import claim_access_log

__all__ = ["BatchingStreamHandler", "JsonFormatter", "TextFormatter", "configure_logging"]

_FLUSH_INTERVAL = 0.1
_MAX_WAITING_CHARS = 64 * 1024
# What an access line waiting as fields counts towards max_chars (a line is 80-150).
_FIELDS_CHARS = 128


class _Process:
    """This process's id, kept current across forks: ``os.getpid`` is a system call."""

    pid = os.getpid()

    @classmethod
    def forked(cls) -> None:
        cls.pid = os.getpid()


os.register_at_fork(after_in_child=_Process.forked)


class _SecondStamps(logging.Formatter):
    """``logging``'s default time format, its date and time part made once a second.

    ``strftime`` for every access line is a tenth of the line's cost; a handler formats
    under its lock, so the cache needs none of its own.
    """

    _second = -1
    _stamp = ""

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        """``YYYY-MM-DD HH:MM:SS,mmm`` in local time (``datefmt`` as ``logging`` takes it)."""
        if datefmt is not None:
            return super().formatTime(record, datefmt)
        return self._time(record.created, record.msecs)

    def _time(self, created: float, msecs: float) -> str:
        second = int(created)
        if second != self._second:
            self._stamp = time.strftime(self.default_time_format, self.converter(created))
            self._second = second
        return f"{self._stamp},{int(msecs):03d}"

    def format_fields(
        self, created: float, name: str, msg: str, args: tuple[Any, ...], extra: dict[str, Any]
    ) -> str:
        """The line :meth:`format` makes of the INFO record ``msg % args`` of logger ``name``.

        What ``logger.info(msg, *args, extra=extra)`` would have been written as at
        ``created`` (epoch seconds), made without the record (the access log's lines:
        ``mock_server.site._access``).
        """
        raise NotImplementedError


def _now() -> float:
    """The time an access line is queued (epoch seconds), as ``LogRecord.created`` takes it."""
    return time.time()


def _msecs(created: float) -> float:
    """The milliseconds of ``created`` as ``logging.LogRecord`` takes them (``msecs``)."""
    return int((created - int(created)) * 1000) + 0.0


class TextFormatter(_SecondStamps):
    """``time level [API] logger: message``; the API is named when a record carries one."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(api_tag)s%(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        """Add the ``[API]`` tag of a record that names its API."""
        api = getattr(record, "api", None)
        record.api_tag = f"[{api}] " if api else ""
        return super().format(record)

    def format_fields(
        self, created: float, name: str, msg: str, args: tuple[Any, ...], extra: dict[str, Any]
    ) -> str:
        """The line of ``logger.info(msg, *args, extra=extra)`` on logger ``name``."""
        api = extra.get("api")
        tag = f"[{api}] " if api else ""
        return f"{self._time(created, _msecs(created))} INFO {tag}{name}: {msg % args}"


class JsonFormatter(_SecondStamps):
    """One JSON object per line: time, level, logger, message, and the record's extras."""

    _EXTRAS = ("api", "method", "path", "status", "ms", "reason")

    def format(self, record: logging.LogRecord) -> str:
        """The record as compact JSON."""
        line: dict[str, Any] = {
            "time": self.formatTime(record),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in self._EXTRAS:
            if hasattr(record, key):
                line[key] = getattr(record, key)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, separators=(",", ":"), ensure_ascii=False)

    def format_fields(
        self, created: float, name: str, msg: str, args: tuple[Any, ...], extra: dict[str, Any]
    ) -> str:
        """The line of ``logger.info(msg, *args, extra=extra)`` on logger ``name``."""
        line: dict[str, Any] = {
            "time": self._time(created, _msecs(created)),
            "level": "info",
            "logger": name,
            "message": msg % args,
        }
        for key in self._EXTRAS:
            if key in extra:
                line[key] = extra[key]
        return json.dumps(line, separators=(",", ":"), ensure_ascii=False)


_Fields = tuple[_SecondStamps, float, str, str, tuple[Any, ...], dict[str, Any]]
"""An access line waiting as its fields: formatter, time, logger, message, args, extras."""


class BatchingStreamHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """A stream handler that writes INFO and DEBUG lines in batches, not one by one.

    One access line per request written at once is a ``write()`` per request (stderr is
    line-buffered, and unbuffered under ``PYTHONUNBUFFERED``), and every one hands the GIL
    to granian's thread: under load that cost a quarter of the throughput (``make
    bench``). So lines below WARNING wait in a list and go out in one write every
    ``interval`` seconds (a background thread) or once ``max_chars`` are waiting. A
    warning or an error writes what waits and itself at once, in order. ``flush`` and
    ``close`` write what waits: ``logging.shutdown`` (at exit, after SIGTERM too) loses
    no line.

    Args:
        stream: Where the lines go.
        interval: Seconds a line may wait (default 0.1).
        max_chars: Characters that may wait before a write (default 64 KiB).
    """

    def __init__(
        self, stream: Any, *, interval: float | None = None, max_chars: int = _MAX_WAITING_CHARS
    ) -> None:
        """Batch the lines written to ``stream``; see the class docstring for the options."""
        super().__init__(stream)
        self._stopped = threading.Event()
        self._interval = _FLUSH_INTERVAL if interval is None else interval
        self._max_chars = max_chars
        self._waiting: list[str | _Fields] = []
        self._waiting_chars = 0
        self._pid = 0
        self._flushed_at_exit = False

    def emit(self, record: logging.LogRecord) -> None:
        """Queue the record's line (logging holds the handler's lock); write a warning now."""
        try:
            self._queue(self.format(record), record.levelno)
        except Exception:
            self.handleError(record)

    def write_fields(
        self, name: str, msg: str, args: tuple[Any, ...], extra: dict[str, Any]
    ) -> bool:
        """Queue the line of ``logger.info(msg, *args, extra=extra)`` on logger ``name``.

        The access log's lines come this way (``mock_server.site._access``): the same line
        as through ``logging``, for a fraction of the cost. The fields wait as they are and
        become the line when the batch is written, in one loop off the request's path
        (about 4 % more requests a second under wrk than formatting each line at once).
        Returns False, having queued nothing, unless the formatter is this module's own
        (then ``logging`` it is).
        """
        formatter = self.formatter
        if type(formatter) not in _OWN_FORMATTERS:
            return False
        assert isinstance(formatter, _SecondStamps)
        self.acquire()
        try:
            self._queue((formatter, _now(), name, msg, args, extra), logging.INFO)
        except Exception:  # as emit: logging's own report (a closed stream, say)
            self._report_unwritable(name, msg, args)
        finally:
            self.release()
        return True

    def _queue(self, line: str | _Fields, level: int) -> None:
        """Queue a line (the lock held); write what waits now for a warning, or if it is much."""
        if self._pid != _Process.pid or self._stopped.is_set():
            self._start()
        if isinstance(line, str):
            line += self.terminator
            self._waiting_chars += len(line)
        else:
            self._waiting_chars += _FIELDS_CHARS
        self._waiting.append(line)
        if level >= logging.WARNING:
            self._write_waiting()
            super().flush()
        elif self._waiting_chars >= self._max_chars:
            self._write_waiting()

    def flush(self) -> None:
        """Write the waiting lines and flush the stream."""
        self.acquire()
        try:
            self._write_waiting()
            super().flush()  # takes the (reentrant) lock again
        finally:
            self.release()

    def _write_waiting(self) -> None:
        if not self._waiting:
            return
        waiting, self._waiting = self._waiting, []
        self._waiting_chars = 0
        self.stream.write("".join([self._line(item) for item in waiting]))

    def _line(self, item: str | _Fields) -> str:
        if isinstance(item, str):
            return item
        formatter, created, name, msg, args, extra = item
        try:
            return formatter.format_fields(created, name, msg, args, extra) + self.terminator
        except Exception:  # as emit: logging's own report, and the other lines still go
            self._report_unwritable(name, msg, args)
            return ""

    def _report_unwritable(self, name: str, msg: str, args: tuple[Any, ...]) -> None:
        fields = {"name": name, "msg": msg, "args": args, "levelno": logging.INFO}
        self.handleError(logging.makeLogRecord({**fields, "levelname": "INFO"}))

    def _start(self) -> None:
        """Start the flusher: lazily, again in a forked worker, and again after a close.

        granian's ``dictConfig`` closes every handler and forgets them, so
        ``logging.shutdown`` would not flush this one, yet leaves it on the root logger:
        a closed handler that still gets records starts again, and flushes at exit itself.
        """
        if self._pid != _Process.pid:
            self._pid = _Process.pid
            self._waiting.clear()  # a forked child must not write its parent's lines twice
            self._waiting_chars = 0
        self._stopped = threading.Event()
        threading.Thread(target=self._flush_often, args=(self._stopped,), daemon=True).start()
        if not self._flushed_at_exit:
            self._flushed_at_exit = True
            atexit.register(self._flush_at_exit)

    def _flush_at_exit(self) -> None:
        with contextlib.suppress(OSError, ValueError):  # stderr closed, or its reader gone
            self.flush()

    def _flush_often(self, stopped: threading.Event) -> None:
        while not stopped.wait(self._interval):
            if self._waiting:
                try:
                    self.flush()
                except (OSError, ValueError):  # a closed stream (the process is ending)
                    return

    def close(self) -> None:
        """Stop the flusher and write what is waiting."""
        self._stopped.set()
        self.flush()
        super().close()


_OWN_FORMATTERS = (TextFormatter, JsonFormatter)


def configure_logging(level: str, *, json_lines: bool = False) -> None:
    """Log to stderr at ``level``, one text (or JSON) line per record, flushed in batches.

    httpx's own INFO line would print every URL the proxy or a ``--spec`` download
    fetches, query-string keys included: it logs at WARNING and above only. No line
    shows where it was logged from, or by which thread or process: ``logging`` is told
    not to look them up (its documented optimisations), a third of an access line's cost.
    """
    logging._srcfile = None
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    handler = BatchingStreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else TextFormatter())
    logging.basicConfig(level=level.upper(), handlers=[handler])
    claim_access_log(handler)  # it writes the access lines without a record while it can
    logging.getLogger("httpx").setLevel(max(logging.WARNING, logging.getLogger().level))
