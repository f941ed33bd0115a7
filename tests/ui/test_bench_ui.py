"""Keeps bench/bench_ui.py from rotting: both measurements run on a small scale."""

from __future__ import annotations

from bench.bench_ui import bench_record_list, bench_start

KEYS = {"name", "figure", "unit", "target", "limit", "limit_name"}


def test_record_list_benchmark_runs_small() -> None:
    rows = bench_record_list(n=3000)
    assert [set(r) for r in rows] == [KEYS] * 4
    first_paint, memory, search, every_id = rows
    assert "1 pages read" in first_paint["name"]
    assert first_paint["limit"] > 0
    assert memory["figure"] < 150
    assert search["figure"] > 0
    assert every_id["limit"] > 0


def test_start_benchmark_runs_once() -> None:
    (row,) = bench_start(rounds=1)
    assert set(row) == KEYS
    assert row["figure"] > row["limit"] > 0
