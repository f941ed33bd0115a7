"""The form of the centre's log: readable text lines, or JSON lines for a log collector.

Text (``LEVEL logger: message``) is the default and what the commands print. With
``REALNAME_CENTRAL_LOG_FORMAT=json`` every record is one JSON object on one line:
``{"time", "level", "logger", "message"}``, plus ``method``, ``route``, ``status`` and
``duration_ms`` on a request's line (sync.central.observe) and ``exception`` where a bug's
traceback is logged. JSON escapes every control character, so a record is always one line.

What goes into a message is the callers' duty: never an id_number, a name or a phone, and
every value a client sent through :func:`sync.log_text.loggable`.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

TEXT = "%(levelname)s %(name)s: %(message)s"
# Attributes a caller may pass with ``extra=`` that a JSON line carries as fields of its own.
FIELDS = ("method", "route", "status", "duration_ms")


class JsonLines(logging.Formatter):
    """One JSON object per record, on one line."""

    def format(self, record: logging.LogRecord) -> str:
        """The record as a JSON line."""
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in FIELDS:
            if name in record.__dict__:
                entry[name] = record.__dict__[name]
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure(log_format: str, level: int = logging.INFO) -> None:
    """Log to standard error in ``log_format`` ("text" or "json"), as ``logging.basicConfig``.

    Like basicConfig it does nothing where the root logger has a handler already (a test
    that calls a command in its own process keeps its log capture).
    """
    handler = logging.StreamHandler()
    handler.setFormatter(JsonLines() if log_format == "json" else logging.Formatter(TEXT))
    logging.basicConfig(level=level, handlers=[handler])
