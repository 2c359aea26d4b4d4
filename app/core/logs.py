"""The server's log: one JSON object per line (or plain lines for a person at a terminal), each
carrying the id of the request it was written for.

`openings serve` hands uvicorn `logging.json`, so its own lines (start, stop, errors) and
the application's are alike; uvicorn's access log is replaced by `app.api.access_log`, which
knows the route and the request id. The access lines hold no personal data: they name routes,
not paths (a path names an applicant's application), and never a body, a query string or an
address.
"""

import logging
import time
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import orjson

from app.core.config import get_settings

# The id of the request the current task or thread works for (a thread pool's thread runs
# in a copy of the request's context, so its lines carry the id too).
request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

# `LogRecord` attributes every record has: anything else was passed in `extra=` and is logged.
# uvicorn adds `color_message`, its message again with terminal colours.
_STANDARD = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "color_message"}


class JsonFormatter(logging.Formatter):
    """A record as one JSON object: time, level, logger, message, request id, the fields
    passed in `extra=`, and the traceback of an exception."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if (current := request_id.get()) is not None:
            line["request_id"] = current
        line.update((key, value) for key, value in record.__dict__.items() if key not in _STANDARD)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(line, default=str).decode()


class TextFormatter(logging.Formatter):
    """A record as a line a person reads, the request id in brackets."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s%(request)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        current = request_id.get()
        record.request = f" [{current}]" if current else ""
        extra = " ".join(
            f"{key}={value}"
            for key, value in record.__dict__.items()
            if key not in _STANDARD and key != "request"
        )
        return super().format(record) + (f" {extra}" if extra else "")


def formatter() -> logging.Formatter:
    """The formatter `LOG_FORMAT` names, for `logging.json` (uvicorn's `--log-config`).

    Logging is set up for the server here, so its records also leave out what no line shows
    (the thread, the process, the caller's file and line): every request writes one, and
    finding those takes a quarter of the time (the `logging` documentation's "Optimization").
    """
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    logging._srcfile = None  # the documented way to skip finding the caller
    return JsonFormatter() if get_settings().log_format == "json" else TextFormatter()


LOGGING_CONFIG = Path(__file__).with_name("logging.json")
