"""Background checkpoints move SQLite's write-ahead log into the database file."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import create_engine

from sync.central.checkpoints import Checkpointer, checkpoints, sqlite_file
from sync.central.db import make_engine


def _wal_database(path: Path) -> sqlite3.Connection:
    """A WAL database holding about 2 MB that lives only in the log so far."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA wal_autocheckpoint=0")  # only the Checkpointer may checkpoint
    db.execute("CREATE TABLE t (x TEXT)")
    db.execute("BEGIN")
    db.executemany("INSERT INTO t VALUES (?)", [("x" * 1000,) for _ in range(2000)])
    db.execute("COMMIT")
    return db


def _wait_for(condition: Callable[[], bool], timeout_s: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def test_the_log_reaches_the_database_file_while_the_writer_stays_open(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    writer = _wal_database(path)
    try:
        assert path.stat().st_size < 100_000  # the rows are in the -wal file only
        checkpointer = Checkpointer(str(path), interval_s=0.02)
        checkpointer.start()
        try:
            assert _wait_for(lambda: path.stat().st_size > 1_500_000)
        finally:
            checkpointer.stop()
        assert not any(t.name == "wal-checkpoint" for t in threading.enumerate())
        assert writer.execute("SELECT count(*) FROM t").fetchone() == (2000,)
    finally:
        writer.close()


def test_only_file_backed_sqlite_gets_a_checkpointer(tmp_path: Path) -> None:
    file_engine = make_engine(f"sqlite:///{tmp_path / 'c.sqlite3'}")
    memory_engine = create_engine("sqlite://")
    try:
        assert sqlite_file(file_engine) == str(tmp_path / "c.sqlite3")
        assert sqlite_file(memory_engine) is None
        with checkpoints(memory_engine):
            assert not any(t.name == "wal-checkpoint" for t in threading.enumerate())
        with checkpoints(file_engine):
            assert any(t.name == "wal-checkpoint" for t in threading.enumerate())
        assert not any(t.name == "wal-checkpoint" for t in threading.enumerate())
    finally:
        file_engine.dispose()
        memory_engine.dispose()
