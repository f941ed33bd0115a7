"""Migration 0005 (annual rounds) on a centre database of 0004 that holds records and ops."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from alembic import command
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from sync.central import stored
from sync.central.db import alembic_config, make_engine, migrate, write_transaction
from sync.central.sequence import ROSTER_COUNTER, lock_counter
from sync.central.stored import Stored
from sync.central.tables import ops, records
from sync.contract.samples import sample_records


def _snapshot(conn: Any) -> tuple[list[Any], list[Any]]:
    rows = conn.execute(
        select(records.c.record_id, records.c.id_number, records.c.version, records.c.seq).order_by(
            records.c.record_id
        )
    ).all()
    op_rows = conn.execute(select(ops.c.op_id, ops.c.result).order_by(ops.c.op_id)).all()
    return rows, op_rows


def test_an_0004_database_keeps_every_record_and_op(central_db_url: str) -> None:
    engine = make_engine(central_db_url)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "0004")
        people = sample_records(50, seed=21, region_codes=["620102001"], survey_year=2024)
        with write_transaction(engine) as conn:
            items = [Stored(p, 1, i, False, None, None, None) for i, p in enumerate(people, 1)]
            items[-1].deleted = True  # a voided record stays voided
            stored.write(conn, items, [], {"saved_by": "w"})
            conn.execute(
                ops.insert(),
                [
                    {
                        "op_id": f"op-{i}",
                        "record_id": p["record_id"],
                        "username": "w",
                        "device_id": "d",
                        "received_at": datetime(2024, 5, 1, tzinfo=UTC),
                        "status": "accepted",
                        "result": "{}",
                    }
                    for i, p in enumerate(people)
                ],
            )
        with engine.connect() as conn:
            before = _snapshot(conn)
        migrate(engine)
        with engine.connect() as conn:
            assert _snapshot(conn) == before
            assert len(before[0]) == 50
            assert len(before[1]) == 50
        # The new rule holds on the migrated data: the person's next year is a new record,
        # a second record in one year is refused by the index itself.
        next_year = {**people[0], "record_id": "rec-2025", "survey_date": "2025-02-03"}
        same_year = {**people[0], "record_id": "rec-2024b"}
        with write_transaction(engine) as conn:
            stored.write(conn, [Stored(next_year, 1, 51, False, None, None, None)], [], {})
        with pytest.raises(IntegrityError), write_transaction(engine) as conn:
            stored.write(conn, [Stored(same_year, 1, 52, False, None, None, None)], [], {})
        with write_transaction(engine) as conn:
            assert lock_counter(conn, ROSTER_COUNTER) == 0
    finally:
        engine.dispose()
