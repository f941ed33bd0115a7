"""On SQLite the province's progress counts records from one covering index, already in
GROUP BY order: no table scan, no sort of the year's records (issue 17); and the approved
and returned from an index of ``reviews`` alone, no review or record read."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import event

from sync.central import stored
from sync.central.db import make_engine, migrate, write_transaction
from sync.central.progress import compute_progress
from sync.central.stored import Stored
from sync.contract.samples import sample_records

INDEX = "ix_records_region_code_saved_by_survey_date_deleted"
REVIEWS_INDEX = "ix_reviews_superseded_at_region_code"


def test_record_counts_read_the_covering_index_without_sorting(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    try:
        migrate(engine)
        people = sample_records(40, seed=17, region_codes=["620102001"], survey_year=2025)
        with write_transaction(engine) as conn:
            items = [Stored(p, 1, i, False, None, None, None) for i, p in enumerate(people, 1)]
            stored.write(conn, items, [], {"saved_by": "w"})
        seen: list[tuple[str, Any]] = []

        def remember(_c: Any, _cur: Any, statement: str, params: Any, *_: Any) -> None:
            seen.append((statement, params))

        event.listen(engine, "before_cursor_execute", remember)
        try:
            result = compute_progress(engine, "620000", 2025, date(2025, 12, 31))
        finally:
            event.remove(engine, "before_cursor_execute", remember)
        assert result["totals"]["surveyed"] == 40
        per_region = [(s, p) for s, p in seen if s.startswith("SELECT records.region_code")]
        assert len(per_region) == 2  # the year's counts per account, the week's gain
        with engine.connect() as conn:
            for statement, params in per_region:
                plan = [
                    str(row[-1])
                    for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params)
                ]
                # One line: the index alone (SCAN or SEARCH), no "USE TEMP B-TREE FOR GROUP BY".
                assert len(plan) == 1, plan
                assert f"records USING COVERING INDEX {INDEX}" in plan[0], plan
            (statement, params), *_ = [(s, p) for s, p in seen if "FROM reviews" in s]
            plan = [
                str(row[-1])
                for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params)
            ]
            # Matching each review to its record (by seq) read records' index once per review.
            assert f"reviews USING COVERING INDEX {REVIEWS_INDEX}" in plan[0], plan
            assert not any("records" in line for line in plan), plan
    finally:
        engine.dispose()
