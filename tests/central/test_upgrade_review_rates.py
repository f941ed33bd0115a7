"""Migration 0009 (what the review rates keep in ``reviews``) on a centre database of 0008
that holds records and reviews: each review's ``superseded_at`` and ``returned_at`` filled
from what the database holds, the trigger that sets ``superseded_at`` when a new version
comes, and all of it taken away again by a downgrade, the reviews kept."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from alembic import command
from sqlalchemy import Connection, insert, inspect, select

from sync.central import stored
from sync.central.clock import as_utc
from sync.central.db import alembic_config, make_engine, migrate, write_transaction
from sync.central.review_tables import review_ops, reviews
from sync.central.stored import Stored
from sync.central.tables import record_versions
from sync.contract.samples import sample_records
from tests.helpers.central_records import version_row

_kept = select(reviews.c.record_id, reviews.c.seq).order_by(reviews.c.record_id)
T1, T2, T3, T4, T5 = (datetime(2025, 3, day, 4, tzinfo=UTC) for day in range(1, 6))


def _review(record_id: str, seq: int, state: str, at: datetime) -> dict[str, Any]:
    return {
        "record_id": record_id,
        "version": 1,
        "state": state,
        "reviewed_by": "county",
        "reviewed_at": at,
        "seq": seq,
        "region_code": "620102001",
        "survey_date": datetime(2025, 2, 1).date(),
    }


def _op(n: int, record_id: str, decision: str, at: datetime, status: str) -> dict[str, Any]:
    return {
        "op_id": f"op{n}",
        "record_id": record_id,
        "version": 1,
        "decision": decision,
        "username": "county",
        "device_id": "d",
        "received_at": at,
        "status": status,
        "seq": None,
        "result": "{}",
    }


def _columns(conn: Connection) -> dict[str, tuple[Any, ...]]:
    rows = conn.execute(
        select(reviews.c.record_id, reviews.c.superseded_at, reviews.c.returned_at)
    ).all()
    return {rid: (as_utc(superseded), as_utc(at)) for rid, superseded, at in rows}


def test_an_0008_database_gets_the_review_columns_filled_and_loses_them_on_downgrade(
    central_db_url: str,
) -> None:
    engine = make_engine(central_db_url)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "0008")
        people = sample_records(5, seed=9, region_codes=["620102001"], survey_year=2025)
        ids = [p["record_id"] for p in people]
        with write_transaction(engine) as conn:
            items = [Stored(p, 1, i, False, None, None, None) for i, p in enumerate(people, 1)]
            stored.write(conn, items, [], {"saved_by": "w"})
            # 1 approved; 2 returned, then approved; 3 returned, then changed (its record's
            # seq moved on); 4 never reviewed; 5 approved after a return that came stale.
            conn.execute(
                insert(reviews),
                [
                    _review(ids[0], 1, "approved", T1),
                    _review(ids[1], 2, "approved", T2),
                    _review(ids[2], 30, "returned", T2),
                    _review(ids[4], 5, "approved", T2),
                ],
            )
            conn.execute(
                insert(review_ops),
                [
                    _op(1, ids[0], "approve", T1, "accepted"),
                    _op(2, ids[1], "return", T1, "accepted"),
                    _op(3, ids[1], "approve", T2, "accepted"),
                    _op(4, ids[2], "return", T2, "accepted"),
                    _op(5, ids[4], "return", T1, "stale"),
                    _op(6, ids[4], "approve", T2, "accepted"),
                ],
            )
            conn.execute(insert(record_versions).values(version_row(ids[2], 2, 30, T3)))
        with engine.connect() as conn:
            kept = conn.execute(_kept).all()
        migrate(engine)
        with engine.connect() as conn:
            assert _columns(conn) == {
                ids[0]: (None, None),
                ids[1]: (None, T1),
                ids[2]: (T3, T2),
                ids[4]: (None, None),
            }
            assert conn.execute(_kept).all() == kept
        # A new version of a reviewed record supersedes its review, whoever writes it; the
        # time is the first new version's.
        with write_transaction(engine) as conn:
            conn.execute(insert(record_versions).values(version_row(ids[0], 2, 40, T4)))
            conn.execute(insert(record_versions).values(version_row(ids[0], 3, 41, T5)))
            conn.execute(insert(record_versions).values(version_row(ids[3], 2, 42, T5)))
        with engine.connect() as conn:
            assert _columns(conn) == {
                ids[0]: (T4, None),
                ids[1]: (None, T1),
                ids[2]: (T3, T2),
                ids[4]: (None, None),
            }
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0008")
        with engine.connect() as conn:
            names = {c["name"] for c in inspect(conn).get_columns("reviews")}
            assert {"superseded_at", "returned_at"} & names == set()
            assert "ix_reviews_reviewed_at_superseded_at" not in {
                i["name"] for i in inspect(conn).get_indexes("reviews")
            }
        # The trigger went with the columns: a new version writes as it did at 0008.
        with write_transaction(engine) as conn:
            conn.execute(insert(record_versions).values(version_row(ids[1], 2, 43, T5)))
        with engine.connect() as conn:
            assert conn.execute(_kept).all() == kept
    finally:
        engine.dispose()
