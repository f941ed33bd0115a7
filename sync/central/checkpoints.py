"""Moving SQLite's write-ahead log into the database file off the writers' path.

In WAL mode a commit appends pages to the log; now and then a checkpoint copies them into
the database file and syncs both to disk. SQLite does that in whichever commit crosses
``wal_autocheckpoint`` pages, so one push in a few paid for the copy and two fsyncs, most
of what commits cost a pushed record. While the server runs, a
:class:`Checkpointer` thread makes passive checkpoints every fraction of a second on its
own connection instead: they never block a reader or a writer, the
driver releases the GIL while SQLite works, and the log stays short. The writers'
``wal_autocheckpoint`` (see :mod:`sync.central.db`) remains as the backstop.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine

log = logging.getLogger(__name__)

INTERVAL_S = 0.25


class Checkpointer:
    """A daemon thread making passive checkpoints of one SQLite database file."""

    def __init__(self, path: str, interval_s: float = INTERVAL_S) -> None:
        self.path = path
        self.interval_s = interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start checkpointing (once)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
            self._thread.start()

    def stop(self) -> None:
        """Stop, waiting for a checkpoint in progress to finish."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        try:
            db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as error:
            log.info("no background checkpoints (%s); SQLite makes its own", error)
            return
        try:
            while not self._stop.wait(self.interval_s):
                try:
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as error:
                    # Busy or locked: the next round (or a writer's own checkpoint) does it.
                    log.debug("passive checkpoint skipped: %s", error)
        finally:
            db.close()


def sqlite_file(engine: Engine) -> str | None:
    """The database file of a file-backed SQLite engine, else None."""
    if engine.dialect.name != "sqlite":
        return None
    path = engine.url.database
    if not path or path == ":memory:" or path.startswith("file:"):
        return None
    return path


@contextmanager
def checkpoints(engine: Engine) -> Iterator[None]:
    """Background checkpoints for the duration of the block (nothing unless SQLite)."""
    path = sqlite_file(engine)
    if path is None:
        yield
        return
    checkpointer = Checkpointer(path)
    checkpointer.start()
    try:
        yield
    finally:
        checkpointer.stop()
