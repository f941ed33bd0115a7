"""A database error at the centre names its statement and no value: whatever logs it (the
unexpected-error handler, a retry's note), no name, ID number or phone goes with it. An
unavailable database is logged with the driver's reason (a full disk says so)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from psycopg.errors import DiskFull
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError, OperationalError

from sync.central.db import make_engine, migrate
from sync.central.errors import why_unavailable
from sync.central.tables import records
from tests.helpers.central import drop_postgres_database, fresh_postgres_database

NAME, ID_NUMBER = "程秀", "620102199410135835"


def test_a_database_error_names_the_statement_and_no_value(
    database_kind: str, tmp_path: Path
) -> None:
    admin = None
    if database_kind == "sqlite":
        url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    else:
        url, admin = fresh_postgres_database()
    engine = make_engine(url)
    try:
        migrate(engine)
        row = {"record_id": "r-1", "name": NAME, "id_number": ID_NUMBER, "deleted": False}
        with engine.begin() as conn:
            conn.execute(insert(records).values(row))
        with pytest.raises(IntegrityError) as clash, engine.begin() as conn:
            conn.execute(insert(records).values(row))
        assert "INSERT INTO records" in str(clash.value)
        assert NAME not in str(clash.value)
        assert ID_NUMBER not in str(clash.value)
    finally:
        engine.dispose()
        if admin is not None:
            drop_postgres_database(url, admin)


def test_an_unavailable_database_is_logged_with_the_drivers_reason(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "full.sqlite3")
    db.execute("CREATE TABLE t (x BLOB)")
    db.execute("PRAGMA max_page_count = 2")
    with pytest.raises(sqlite3.OperationalError) as full:
        db.execute("INSERT INTO t VALUES (zeroblob(100000))")
    db.close()
    wrapped = OperationalError("INSERT INTO records VALUES (?)", (NAME,), full.value)
    # What the operator reads: the disk is full; not the statement, not the values.
    assert why_unavailable(wrapped) == "OperationalError (SQLITE_FULL)"
    assert why_unavailable(OperationalError("SELECT 1", None, DiskFull())) == ("DiskFull (53100)")
