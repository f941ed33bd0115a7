"""Keeps bench/bench_ui.py from rotting: both measurements run on a small scale."""

from __future__ import annotations

from bench.bench_ui import bench_record_list, bench_review_filter, bench_start

KEYS = {"name", "figure", "unit", "target", "limit", "limit_name"}


def test_record_list_benchmark_runs_small() -> None:
    rows = bench_record_list(n=3000)
    assert [set(r) for r in rows] == [KEYS] * 5
    first_paint, new_year, memory, search, every_id = rows
    assert "1 pages read" in first_paint["name"]
    assert first_paint["limit"] > 0
    assert "new year's day" in new_year["name"]
    assert memory["figure"] < 150
    assert search["figure"] > 0
    assert every_id["limit"] > 0


def test_review_filter_benchmark_runs_small() -> None:
    rows = bench_review_filter(n=2000)
    assert [set(r) for r in rows] == [KEYS] * 3
    # 420 reviews: every 20th returned, the rest approved; the other records unreviewed.
    names = [r["name"] for r in rows]
    assert names == [
        "ui: review filter returned (21 of 2,000), count + first page (median)",
        "ui: review filter approved (399 of 2,000), count + first page (median)",
        "ui: review filter unreviewed (1,580 of 2,000), count + first page (median)",
    ]
    assert all(r["figure"] > 0 and r["limit"] > 0 for r in rows)


def test_start_benchmark_runs_once() -> None:
    beside_empty, beside_stack = bench_start(rounds=1)
    assert set(beside_empty) == set(beside_stack) == KEYS
    assert beside_empty["figure"] == beside_stack["figure"]
    # The stack's floor is the empty window and more imports: between it and the program.
    assert beside_empty["figure"] > beside_stack["limit"] > beside_empty["limit"] > 0
