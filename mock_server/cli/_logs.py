"""Log lines of ``mock-server``: text or JSON, flushed in batches."""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from typing import Any

__all__ = ["BatchingStreamHandler", "JsonFormatter", "TextFormatter", "configure_logging"]

_FLUSH_INTERVAL = 0.1


class TextFormatter(logging.Formatter):
    """``time level [API] logger: message``; the API is named when a record carries one."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(api_tag)s%(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        """Add the ``[API]`` tag of a record that names its API."""
        api = getattr(record, "api", None)
        record.api_tag = f"[{api}] " if api else ""
        return super().format(record)


class JsonFormatter(logging.Formatter):
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


class BatchingStreamHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """A stream handler that flushes every 0.1 s instead of after every line.

    One access line per request, flushed at once, is a write system call per request,
    and every one hands the GIL to another thread: under load that cost a fifth of the
    throughput (``make bench``). Lines still appear within 0.1 s; ``logging.shutdown``
    at exit flushes the rest.
    """

    def __init__(self, stream: Any, *, interval: float = _FLUSH_INTERVAL) -> None:
        super().__init__(stream)
        self._stopped = threading.Event()
        self._interval = interval
        self._flusher: threading.Thread | None = None
        self._pid = 0

    def emit(self, record: logging.LogRecord) -> None:
        """Write the record without flushing; a background thread flushes."""
        if self._pid != os.getpid():  # started lazily, and again in a forked worker
            self._pid = os.getpid()
            self._flusher = threading.Thread(target=self._flush_often, daemon=True)
            self._flusher.start()
        try:
            self.stream.write(self.format(record) + self.terminator)
        except Exception:
            self.handleError(record)

    def _flush_often(self) -> None:
        while not self._stopped.wait(self._interval):
            self.flush()

    def close(self) -> None:
        """Stop the flusher and flush what is left."""
        self._stopped.set()
        self.flush()
        super().close()


def configure_logging(level: str, *, json_lines: bool = False) -> None:
    """Log to stderr at ``level``, one text (or JSON) line per record, flushed in batches.

    httpx's own INFO line would print every URL the proxy or a ``--spec`` download
    fetches, query-string keys included: it logs at WARNING and above only.
    """
    handler = BatchingStreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if json_lines else TextFormatter())
    logging.basicConfig(level=level.upper(), handlers=[handler])
    logging.getLogger("httpx").setLevel(max(logging.WARNING, logging.getLogger().level))
