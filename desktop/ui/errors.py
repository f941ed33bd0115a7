"""Turning exceptions into what the worker reads: expected failures versus bugs.

Failures the environment causes (an ``ExpectedError``, the store's and the client's typed
errors alike; a full disk) carry a message the worker can act on: the error's Chinese
``user_message`` only. Its English hint in brackets and its technical detail (a request
path, an HTTP status) are for the log, not the screen. Anything else is a bug:
it is logged with its traceback under a short id, and the worker sees "程序错误" with that
id to tell support.
"""

from __future__ import annotations

import logging
import re
import secrets
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from sync.client import ExpectedError

log = logging.getLogger(__name__)
# An English hint in brackets after a Chinese message: "密码不正确。(Wrong password.)"
_ENGLISH_HINT = re.compile(r"\s*[(（][\x20-\x7e]*[)）]")


@dataclass(frozen=True, slots=True)
class Problem:
    """What went wrong, ready to show: expected (environment) or a bug with an id."""

    message: str
    expected: bool
    bug_id: str | None = None
    urgent: bool = False  # expected, but to be told at once (see ExpectedError.urgent)


def describe(exc: BaseException) -> Problem:
    """The worker-facing form of ``exc``; bugs are logged with their traceback here, once."""
    if isinstance(exc, ExpectedError):
        if exc.detail:
            log.info("%s: %s", type(exc).__name__, exc.detail)
        return Problem(worker_text(exc.user_message), expected=True, urgent=exc.urgent)
    if isinstance(exc, OSError):
        text = QCoreApplication.translate("Problem", "The file system refused: {0}")
        return Problem(text.format(exc.strerror or exc), expected=True)
    bug_id = secrets.token_hex(3)
    log.error("bug %s", bug_id, exc_info=(type(exc), exc, exc.__traceback__))
    text = QCoreApplication.translate(
        "Problem", "Program error (id {0}). Please tell the administrator this id."
    )
    return Problem(text.format(bug_id), expected=False, bug_id=bug_id)


def worker_text(message: str) -> str:
    """``message`` without its English hints in brackets."""
    return _ENGLISH_HINT.sub("", message).strip()
