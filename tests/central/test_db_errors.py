"""A database error at the centre names its statement and no value: whatever logs it (the
unexpected-error handler, a retry's note), no name, ID number or phone goes with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from sync.central.db import make_engine, migrate
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
