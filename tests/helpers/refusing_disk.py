"""A laptop's disk that refuses: full (SQLite's page limit, SQLITE_FULL) or read-only
(``query_only``, SQLITE_READONLY), the very errors SQLite gives on a real disk, set on
every connection of an engine until the context ends."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event


@contextmanager
def _on_every_connection(engine: Engine, *pragmas: str) -> Iterator[None]:
    def refuse(dbapi_connection: Any, _record: object) -> None:
        for pragma in pragmas:
            dbapi_connection.execute(pragma)

    engine.dispose()  # the pooled connections would not have it
    event.listen(engine, "connect", refuse)
    try:
        yield
    finally:
        event.remove(engine, "connect", refuse)
        engine.dispose()  # room again: new connections have no limit


@contextmanager
def full_disk(engine: Engine) -> Iterator[None]:
    """No page beyond those the database has now."""
    with engine.connect() as conn:
        pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar_one())
    with _on_every_connection(engine, f"PRAGMA max_page_count={pages}"):
        yield


@contextmanager
def read_only_disk(engine: Engine) -> Iterator[None]:
    """Reads work, every write is refused."""
    with _on_every_connection(engine, "PRAGMA query_only=ON"):
        yield
