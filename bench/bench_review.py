"""The 审核 list over a large county's year, and a batch approval.

A county of 60,000 records of one survey year, a third of them already approved: the
review list's start (the count for the scroll bar and the first page, as the lazy model
reads it) with the ``unreviewed`` filter, beside the record list's start of the same year
without it; and one batch approval of a township's 2,000 records.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, text

COUNTY = 60_000
BATCH = 2_000
YEAR = 2024  # the survey year of desktop/store/sample_rows.py


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def bench_review(n: int = COUNTY) -> list[dict[str, Any]]:
    """The review list's start and a batch approval over ``n`` records of one year."""
    from desktop.store.database import open_database
    from desktop.store.keys import new_database_key
    from desktop.store.model import RecordFilter
    from desktop.store.registry import Registry
    from desktop.store.review_queue import queue_approvals
    from desktop.store.sample_rows import bulk_insert
    from desktop.ui.paged_model import PAGE_SIZE

    with tempfile.TemporaryDirectory(prefix="bench-review-") as folder:
        key = new_database_key()
        engine = open_database(Path(folder) / "registry.db", key)
        bulk_insert(engine, n)
        with engine.begin() as conn:
            conn.execute(text("UPDATE records SET version = 1, state = 'synced'"))
            conn.execute(text("DELETE FROM outbox"))
            conn.execute(
                text(
                    "INSERT INTO record_reviews (record_id, version, state)"
                    " SELECT record_id, 1, 'approved' FROM records WHERE rowid % 3 = 0"
                )
            )
        registry = Registry(engine, username="bench", device_id="bench")
        year = RecordFilter(year=YEAR, states=("synced",))
        unreviewed = RecordFilter(year=YEAR, states=("synced",), review="unreviewed")

        def start(filters: RecordFilter) -> float:
            t0 = time.perf_counter()
            first = registry.list_start(filters, page_size=PAGE_SIZE)
            registry.page(first.ids[:PAGE_SIZE])
            return _ms(t0)

        start(year)  # a warm file for both
        ours = [start(unreviewed) for _ in range(5)]
        theirs = [start(year) for _ in range(5)]
        ids = registry.ids(unreviewed, limit=BATCH)
        with engine.begin() as conn:  # a township of BATCH records: its own region code
            conn.execute(
                text(
                    "UPDATE records SET region_code = '620102999' WHERE record_id IN :ids"
                ).bindparams(bindparam("ids", expanding=True)),
                {"ids": ids},
            )
        t0 = time.perf_counter()
        queued = queue_approvals(engine, RecordFilter(region_prefix="620102999", year=YEAR))
        batch = _ms(t0)
        engine.dispose()
    return [
        {
            "name": f"review: 审核 list start, unreviewed of {n:,} records (count + first page)",
            "figure": statistics.median(ours),
            "unit": "ms",
            "target": "<= 1,000 ms",
            "limit": statistics.median(theirs),
            "limit_name": "the record list's start of the same year, no review filter",
        },
        {
            "name": f"review: batch approval of a township's {queued:,} records",
            "figure": batch,
            "unit": "ms",
            "target": "<= 1,000 ms",
            "limit": None,
            "limit_name": "",
        },
    ]


def run() -> list[dict[str, Any]]:
    """Every figure of this module."""
    return bench_review()


if __name__ == "__main__":
    for row in run():
        print(row)
