"""Keeps bench/bench_validate.py from rotting: a tiny run gives well-formed rows."""

from __future__ import annotations

from bench import bench_validate


def test_the_validate_benchmark_runs_on_a_few_records() -> None:
    rows = bench_validate.run(size=200)
    assert [row["unit"] for row in rows] == ["records/s", "records/s"]
    for row in rows:
        assert row["figure"] > 0
        assert isinstance(row["limit"], float)
        assert row["limit"] > 0
        assert set(row) == {"name", "figure", "unit", "target", "limit", "limit_name"}
