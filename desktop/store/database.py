"""Opening the encrypted local database: SQLCipher key first, then WAL and migrations."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, ExceptionContext
from sqlalchemy.exc import DatabaseError
from sqlalchemy.pool import QueuePool

from desktop.store.errors import (
    DatabaseTooNewError,
    DiskFullError,
    DiskWriteError,
    StoreError,
    WrongKeyError,
)
from desktop.store.private_files import create_private
from desktop.store.schema import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)


# SQLite's primary result codes of a disk that refuses (sqlite3.h): the low byte of the
# extended code the driver gives (SQLITE_IOERR_WRITE is SQLITE_IOERR | 3 << 8).
_SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL = 8, 10, 13


def disk_error(exc: BaseException | None) -> StoreError | None:
    """The store's typed error for a driver error that is the disk's doing (full, I/O
    error, read-only), else None. It names SQLite's code only: no statement, no value."""
    code = getattr(exc, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    name = str(getattr(exc, "sqlite_errorname", code))
    if code & 0xFF == _SQLITE_FULL:
        return DiskFullError(name)
    if code & 0xFF in (_SQLITE_IOERR, _SQLITE_READONLY):
        return DiskWriteError(name)
    return None


def _disk_refused(context: ExceptionContext) -> None:
    # Every statement through the engine: a full or failing disk is the environment's
    # failure, told to the worker as such, not a bug (the transaction still rolls back).
    error = disk_error(context.original_exception)
    if error is not None:
        raise error


def _raw_key(key: bytes) -> str:
    # SQLCipher's raw-key form: no passphrase KDF on every open, the key is already random.
    return f"x'{key.hex()}'"


def open_database(path: Path, key: bytes) -> Engine:
    """The engine of the database at ``path`` (created if missing), migrated to the newest.

    WrongKeyError when ``key`` does not open it; DatabaseTooNewError for a newer program's file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # Owner-only from the start; SQLite gives the -wal and -shm files the database's mode.
    create_private(path)
    url = URL.create("sqlite+pysqlcipher", password=_raw_key(key), database=str(path))
    # A queue of connections, each lent to one thread at a time. The dialect's default
    # (SingletonThreadPool: one connection per thread, at most five) closes another
    # thread's connection when a sixth thread connects, in use or not: a crash inside
    # SQLCipher. The most recently returned connection goes out first, so a thread working
    # alone (a sync) keeps one connection and its page cache; the overflow has no limit,
    # so no thread ever waits for a connection.
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False},
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=-1,
        pool_use_lifo=True,
        # An error's text names its statement, never the values: no name, ID number or
        # phone in a log or an error report.
        hide_parameters=True,
    )
    event.listen(engine, "connect", _configure)
    event.listen(engine, "handle_error", _disk_refused)
    try:
        with engine.connect() as conn:
            driver = conn.connection.driver_connection
            assert driver is not None
            migrate(driver)
            analyze(driver)
    except DatabaseError as exc:
        engine.dispose()
        raise disk_error(exc.orig) or WrongKeyError(path.name) from exc
    except sqlcipher3.dbapi2.DatabaseError as exc:  # a migration step, through the driver
        engine.dispose()
        refused = disk_error(exc)
        if refused is None:
            raise
        raise refused from exc
    except BaseException:
        engine.dispose()
        raise
    return engine


def _configure(dbapi_conn: Any, _record: object) -> None:
    # The key pragma ran in the dialect's own connect hook; the first read proves it right.
    cursor = dbapi_conn.cursor()
    try:
        # A wrong key is reported as WrongKeyError; SQLCipher's own stderr lines add nothing.
        cursor.execute("PRAGMA cipher_log_level=NONE")
        cursor.execute("SELECT count(*) FROM sqlite_master")
        cursor.execute("PRAGMA journal_mode=WAL")
        # Durable commits: a save that returned is on disk even if the laptop loses power.
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=5000")
    finally:
        cursor.close()


def migrate(dbapi_conn: Any) -> int:
    """Climb the migration steps from the file's ``user_version``; returns the new version."""
    current = int(dbapi_conn.execute("PRAGMA user_version").fetchone()[0])
    if current > SCHEMA_VERSION:
        raise DatabaseTooNewError(f"schema {current} > {SCHEMA_VERSION}")
    for number in range(current + 1, SCHEMA_VERSION + 1):
        apply_step(dbapi_conn, number)
    return SCHEMA_VERSION


def analyze(dbapi_conn: Any) -> None:
    """Refresh the query planner's statistics where they are missing or out of date.

    Without them SQLite guesses that ``deleted = 0`` picks out a few rows and drives a
    region or state filter through a list-order index (seconds over 500,000 records); with
    them (and STAT4 samples) it takes the region's or the state's own index. Once fresh,
    this is a no-op; after a large pull or import the next open analyses again.
    """
    # 0x10000: look at every table, since this new connection has queried none yet.
    try:
        dbapi_conn.execute("PRAGMA optimize=0x10002")
    except sqlcipher3.dbapi2.OperationalError as exc:
        # Another program holds the write lock (the command line syncing): the lists work
        # with the statistics there are, and the next open tries again.
        log.info("planner statistics not refreshed: %s", exc)


def statements_of(script: str) -> list[str]:
    """The statements of an SQL script: split at semicolons that end a statement (a
    trigger's body holds semicolons of its own)."""
    statements: list[str] = []
    pending = ""
    for piece in script.split(";"):
        pending += piece + ";"
        if sqlcipher3.complete_statement(pending):
            if pending.strip(" \n;"):
                statements.append(pending.strip())
            pending = ""
    if pending.strip(" \n;"):
        statements.append(pending.strip())
    return statements


def apply_step(dbapi_conn: Any, number: int) -> None:
    """Apply migration ``number`` and set ``user_version`` to it, in one transaction."""
    statements = statements_of(MIGRATIONS[number - 1])
    dbapi_conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in statements:
            dbapi_conn.execute(statement)
        dbapi_conn.execute(f"PRAGMA user_version={number}")
        dbapi_conn.execute("COMMIT")
    except BaseException:
        dbapi_conn.execute("ROLLBACK")
        raise


@contextmanager
def write_transaction(engine: Engine, *, durable: bool = True) -> Iterator[Connection]:
    """A transaction that holds the write lock from its first statement (BEGIN IMMEDIATE).

    Reads inside it see what no other writer can change before the commit: a pull that
    reads a record as synced cannot overwrite a save committed between its read and its
    write. ``durable=False`` skips the commit's fsync (WAL, synchronous=NORMAL), for the
    sync bookkeeping only: losing such a commit is harmless, since unanswered or unapplied
    ops are sent again with their op_ids and the centre answers a replay without writing
    twice; in WAL order the next durable save makes it durable too.
    """
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert driver is not None
        if not durable:
            driver.execute("PRAGMA synchronous=NORMAL")
        try:
            with conn.begin():
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                yield conn
        finally:
            if not durable:
                driver.execute("PRAGMA synchronous=FULL")


def relaxed_transaction(engine: Engine) -> AbstractContextManager[Connection]:
    """A write transaction without the fsync, for sync bookkeeping (see write_transaction)."""
    return write_transaction(engine, durable=False)
