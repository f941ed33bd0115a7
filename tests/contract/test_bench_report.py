"""The report benchmark still runs (on a small data set)."""

from __future__ import annotations

import os

from bench import bench_report


def test_benchmark_rows_have_figures_beside_limits() -> None:
    rows = bench_report.run(size=500, repeat=1)
    kinds = ["SQLite", "SQLite, CPU time"]
    names = [f"province report JSON, 500 records ({k})" for k in kinds]
    names += [f"province report JSON with review rates, 500 records ({k})" for k in kinds]
    if os.environ.get("REALNAME_TEST_PG_URL"):
        names.append("province report JSON, 500 records (PostgreSQL)")
        names.append("province report JSON with review rates, 500 records (PostgreSQL)")
    assert [r["name"] for r in rows] == names
    for row in rows:
        assert row["unit"] == "ms"
        assert row["figure"] > 0
        assert row["limit"] > 0
