"""Spot checks and quality measures over a province's 340,000 records.

- The 双随机 draw of one quarter (about 85,000 records, rate 5 %, at least 5 per county, one
  inspector per county) beside a plain ``sorted()`` of the same pairs: the draw sorts its
  input to be repeatable, so sorting is the least it can cost.
- The province's quality measures of a quarter (completeness per region, duplicates over
  the whole table, spot-check errors) on SQLite beside a bare ``GROUP BY region_code`` of the
  same table. Target: three seconds for the whole province, on demand (the duplicate search
  sorts every live record by county, name and birth date; a county's measures take a
  fraction of that).

The records come from :mod:`bench.bench_report` (cheap variations of a few hundred templates).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select, text

from bench.bench_report import filled_sqlite
from bench.timing import median_seconds
from sync.contract.quality import FieldCheck, quality_report
from sync.contract.regions import default_tree
from sync.contract.spotcheck import draw, quarter_span

YEAR = 2024
QUARTER = 2


def _draw_rows(pairs: list[tuple[str, str]], repeat: int) -> list[dict[str, Any]]:
    tree = default_tree()
    inspectors = [(f"insp_{r.code}", r.code) for r in tree.all() if r.level == "county"]

    def drawn() -> object:
        return draw(
            pairs,
            inspectors,
            year=YEAR,
            quarter=QUARTER,
            rate=0.05,
            minimum=5,
            seed=2024,
            tree=tree,
        )

    def sorting() -> object:
        return sorted(pairs)

    seconds = median_seconds(drawn, repeat)[0]
    baseline = median_seconds(sorting, repeat)[0]
    return [
        {
            "name": f"spot-check draw, {len(pairs):,} records of a quarter",
            "figure": seconds * 1000,
            "unit": "ms",
            "target": "<= 2000 ms",
            "limit": baseline * 1000,
            "limit_name": "sorted() of the same (record, region) pairs",
        }
    ]


def run(size: int = 340_000, repeat: int = 3) -> list[dict[str, Any]]:
    """Measure the draw and the quality measures on SQLite."""
    tree = default_tree()
    start, end = quarter_span(YEAR, QUARTER)
    with tempfile.TemporaryDirectory() as folder:
        url, tables = filled_sqlite(Path(folder), size)
        loader = create_engine(url)
        with loader.begin() as conn:
            # The report's templates share one name; real names differ, and about one
            # person in a thousand shares a name and birth date with another in a county.
            conn.execute(
                text(
                    "UPDATE records SET name = '名' || substr(record_id, 25, 12) "
                    "WHERE rowid % 1000 != 0"
                )
            )
        loader.dispose()
        engine = create_engine(url)
        r = tables.records.c
        with engine.connect() as conn:
            pairs = [
                (row.record_id, row.region_code)
                for row in conn.execute(
                    select(r.record_id, r.region_code).where(
                        r.deleted.is_(False), r.survey_date >= start, r.survey_date <= end
                    )
                )
            ]
            rows = _draw_rows(pairs, repeat)
            checks = [
                FieldCheck(record_id, region, field, matched=(i % 13 != 0))
                for i, (record_id, region) in enumerate(pairs[:: max(1, len(pairs) // 4000)])
                for field in ("name", "phone", "employment_status")
            ]

            def measures() -> object:
                report = quality_report(conn, tables.records, tree, "620000", YEAR, QUARTER, checks)
                return report.to_dict()

            def bare() -> object:
                return conn.execute(
                    select(r.region_code, func.count()).group_by(r.region_code)
                ).all()

            started = time.perf_counter()
            measures()  # warm the caches once, as a running server has them
            first = time.perf_counter() - started
            seconds = median_seconds(measures, repeat)[0]
            baseline = median_seconds(bare, repeat)[0]
        engine.dispose()
    rows.append(
        {
            "name": f"province quality measures, {size:,} records (SQLite)",
            "figure": seconds * 1000,
            "unit": "ms",
            "target": "<= 3000 ms",
            "limit": baseline * 1000,
            "limit_name": f"bare GROUP BY region_code (first, cold run: {first * 1000:.0f} ms)",
        }
    )
    return rows


if __name__ == "__main__":
    for result in run():
        print(result)
