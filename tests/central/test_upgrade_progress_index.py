"""Migration 0008 (the progress index of records) on a centre database of 0007 that holds
records: every record kept, the index made, and taken away again by a downgrade."""

from __future__ import annotations

import warnings

from alembic import command
from sqlalchemy import inspect, select

from sync.central import stored
from sync.central.db import alembic_config, make_engine, migrate, write_transaction
from sync.central.stored import Stored
from sync.central.tables import records
from sync.contract.samples import sample_records

INDEX = "ix_records_region_code_saved_by_survey_date_deleted"


def _indexes(conn: object) -> dict[str, list[str | None]]:
    with warnings.catch_warnings():
        # SQLAlchemy does not reflect the expression index (uq_records_live_person_year).
        warnings.filterwarnings("ignore", ".*expression-based index")
        return {i["name"]: i["column_names"] for i in inspect(conn).get_indexes("records")}


def test_an_0007_database_gets_the_progress_index_and_loses_it_on_downgrade(
    central_db_url: str,
) -> None:
    engine = make_engine(central_db_url)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "0007")
        people = sample_records(30, seed=8, region_codes=["620102001"], survey_year=2025)
        with write_transaction(engine) as conn:
            items = [Stored(p, 1, i, False, None, None, None) for i, p in enumerate(people, 1)]
            stored.write(conn, items, [], {"saved_by": "w"})
        query = select(records.c.record_id, records.c.seq).order_by(records.c.record_id)
        with engine.connect() as conn:
            before = conn.execute(query).all()
            assert INDEX not in _indexes(conn)
        migrate(engine)
        with engine.connect() as conn:
            assert conn.execute(query).all() == before
            assert len(before) == 30
            assert _indexes(conn)[INDEX] == ["region_code", "saved_by", "survey_date", "deleted"]
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0007")
        with engine.connect() as conn:
            assert INDEX not in _indexes(conn)
            assert conn.execute(query).all() == before
    finally:
        engine.dispose()
