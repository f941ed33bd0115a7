"""The centre's database: engine set-up for SQLite and PostgreSQL, and migrations.

SQLite runs in WAL mode with ``synchronous=NORMAL`` (a power cut may lose the last
transactions but never corrupts the file: acceptable for the embedded centre; production
uses PostgreSQL). The database file is its owner's only (sync.central.private_files).
Write transactions on SQLite start with ``BEGIN IMMEDIATE`` so that a
read-then-write never fails half way on a lock upgrade; readers still run beside a writer.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from sync.central.private_files import private_sqlite_file

log = logging.getLogger(__name__)

_WRITE = "realname_write"


def make_engine(url: str, *, pool_size: int = 10, busy_timeout_ms: int = 30_000) -> Engine:
    """An engine for ``url``; SQLite files get WAL, a busy timeout and immediate writes.

    An error's text names its statement, never its values (``hide_parameters``): no name,
    ID number or phone reaches a log through a database error.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if (
            parsed.database
            and parsed.database != ":memory:"
            and not parsed.database.startswith("file:")
        ):
            private_sqlite_file(Path(parsed.database))
        engine = create_engine(
            url, connect_args={"timeout": busy_timeout_ms / 1000}, hide_parameters=True
        )
        _tune_sqlite(engine, busy_timeout_ms)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise ValueError(
            f"unsupported database {parsed.get_backend_name()!r}: use sqlite or postgresql"
        )
    return create_engine(
        url, pool_size=pool_size, max_overflow=20, pool_pre_ping=True, hide_parameters=True
    )


def _tune_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from the driver so BEGIN is ours to choose.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        # 64 MiB of page cache (the default is 2 MiB): the records' indexes are keyed by
        # random ids, and a small cache makes every bulk insert re-read index pages.
        cursor.execute("PRAGMA cache_size=-65536")
        # A checkpoint only when the log passes 64 MiB (default: 4 MiB, i.e. inside every
        # other push or import chunk): the server and imports checkpoint in the background
        # (see sync.central.checkpoints); this is the backstop.
        cursor.execute("PRAGMA wal_autocheckpoint=16384")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(_WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that will write: on SQLite it holds the write lock from its start."""
    with engine.connect() as conn:
        conn = conn.execution_options(**{_WRITE: True})
        with conn.begin():
            yield conn


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code; the scripts are a package resource."""
    config = Config()
    location = resources.files("sync.central") / "migrations"
    config.set_main_option("script_location", str(location))
    config.attributes["connection"] = connection
    return config


# The key of the PostgreSQL advisory lock that migrations run under ("realname" in ASCII).
MIGRATION_LOCK = 0x7265616C6E616D65


@contextmanager
def migrated(url: str) -> Iterator[Engine]:
    """An engine on the database at ``url``, brought up to the newest migration, disposed of
    at the end: what a ``realname-central`` command works on."""
    engine = make_engine(url)
    try:
        migrate(engine)
        yield engine
    finally:
        engine.dispose()


def migrate(engine: Engine) -> None:
    """Bring the database schema up to the newest migration.

    On PostgreSQL under an advisory lock: server processes started together migrate one
    after the other, and all but the first find nothing left to do.
    """
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        command.upgrade(alembic_config(conn), "head")
