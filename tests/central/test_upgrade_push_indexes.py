"""Migration 0010 (two indexes no query reads) on a centre database of 0009 that holds
records and their history: both indexes dropped, every row kept, region filters served by
the progress index, and both indexes back after a downgrade."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime

from alembic import command
from sqlalchemy import Connection, inspect, select

from sync.central import stored
from sync.central.db import alembic_config, make_engine, migrate, write_transaction
from sync.central.stored import Stored
from sync.central.tables import record_versions, records
from sync.contract.samples import sample_records

SAVED = datetime(2025, 3, 1, tzinfo=UTC)
DROPPED = {"records": "ix_records_region_code", "record_versions": "ix_record_versions_seq"}


def _indexes(conn: Connection, table: str) -> set[str]:
    with warnings.catch_warnings():
        # SQLAlchemy does not reflect the expression index (uq_records_live_person_year).
        warnings.filterwarnings("ignore", ".*expression-based index")
        return {str(i["name"]) for i in inspect(conn).get_indexes(table)}


def _rows(conn: Connection) -> tuple[list[object], list[object]]:
    kept = conn.execute(
        select(records.c.record_id, records.c.seq, records.c.region_code).order_by(
            records.c.record_id
        )
    ).all()
    history = conn.execute(
        select(record_versions.c.record_id, record_versions.c.version).order_by(
            record_versions.c.record_id
        )
    ).all()
    return list(kept), list(history)


def test_an_0009_database_loses_the_two_indexes_and_gets_them_back_on_downgrade(
    central_db_url: str,
) -> None:
    engine = make_engine(central_db_url)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "0009")
        people = sample_records(40, seed=9, region_codes=["620102001", "620103"], survey_year=2025)
        with write_transaction(engine) as conn:
            items = [Stored(p, 1, i, False, None, None, None) for i, p in enumerate(people, 1)]
            stored.write(conn, items, [], {"saved_by": "w"})
            conn.execute(
                record_versions.insert(),
                [
                    {
                        "record_id": item.record_id,
                        "version": 1,
                        "seq": item.seq,
                        "action": "create",
                        "saved_by": "w",
                        "saved_at": SAVED,
                    }
                    for item in items
                ],
            )
        with engine.connect() as conn:
            before = _rows(conn)
            for table, name in DROPPED.items():
                assert name in _indexes(conn, table)
        migrate(engine)
        with engine.connect() as conn:
            for table, name in DROPPED.items():
                assert name not in _indexes(conn, table)
            assert _rows(conn) == before
            assert len(before[0]) == len(before[1]) == 40
            if conn.dialect.name == "sqlite":
                # A region filter (pull, export, spot checks) still searches an index.
                plan = conn.exec_driver_sql(
                    "EXPLAIN QUERY PLAN SELECT record_id FROM records "
                    "WHERE region_code IN ('620102001', '620103')"
                ).all()
                assert [row[3] for row in plan] == [
                    "SEARCH records USING INDEX "
                    "ix_records_region_code_saved_by_survey_date_deleted (region_code=?)"
                ]
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0009")
        with engine.connect() as conn:
            for table, name in DROPPED.items():
                assert name in _indexes(conn, table)
            assert _rows(conn) == before
    finally:
        engine.dispose()
