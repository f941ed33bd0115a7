"""Keeps bench/bench_visit_list.py from rotting: both rows run on a small roster."""

from __future__ import annotations

from bench.bench_visit_list import COUNTY, bench_visit_list

KEYS = {"name", "figure", "unit", "target", "limit", "limit_name"}


def test_visit_list_benchmark_runs_small() -> None:
    paint, apart = bench_visit_list(300, COUNTY, ["620102001", "620102002"], "test")
    assert set(paint) == set(apart) == KEYS
    assert "roster of 300" in paint["name"]
    assert "6 surveyed off the roster" in apart["name"]  # 2% more than the roster
    assert apart["figure"] >= paint["figure"] > 0
    assert paint["limit"] > 0
