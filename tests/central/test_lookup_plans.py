"""The centre's id_number lookups use the index of live records per person and year (its
first column is the id_number)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from sync.central import stored
from sync.central.db import make_engine, migrate, write_transaction
from sync.central.stored import Stored
from sync.contract.samples import sample_records


def test_push_and_import_lookups_by_id_number_search_the_live_index(central_db_url: str) -> None:
    engine = make_engine(central_db_url)
    try:
        migrate(engine)
        people = sample_records(300, seed=11, region_codes=["620102"])
        unique = list({p["id_number"]: p for p in people}.values())
        with write_transaction(engine) as conn:
            items = [Stored(p, 1, i, False, None, None, None) for i, p in enumerate(unique, 1)]
            stored.write(conn, items, [], {})
        seen: list[tuple[str, Any]] = []

        def remember(_c: Any, _cur: Any, statement: str, params: Any, *_: Any) -> None:
            seen.append((statement, params))

        with engine.connect() as conn:
            event.listen(conn, "before_cursor_execute", remember)
            found = stored.load(conn, [], [p["id_number"] for p in unique[:5]] + ["x" * 18])
            event.remove(conn, "before_cursor_execute", remember)
            assert {f.record["id_number"] for f in found} == {p["id_number"] for p in unique[:5]}
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql("SET enable_seqscan = off")  # a tiny table: ask for it
            lookups = [(s, p) for s, p in seen if "id_number" in s.split("WHERE", 1)[-1]]
            assert lookups
            for statement, params in lookups:
                plan = " ".join(
                    str(row[-1])
                    for row in conn.exec_driver_sql(f"EXPLAIN {_plan(conn)}{statement}", params)
                )
                assert "uq_records_live_person_year" in plan, plan
    finally:
        engine.dispose()


def _plan(conn: Any) -> str:
    return "QUERY PLAN " if conn.dialect.name == "sqlite" else ""
