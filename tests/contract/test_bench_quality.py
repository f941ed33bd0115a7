"""The quality benchmark still runs (on a small data set)."""

from __future__ import annotations

from bench.bench_quality import run


def test_benchmark_rows_have_figures_beside_limits() -> None:
    rows = run(size=3000, repeat=1)
    assert [r["unit"] for r in rows] == ["ms", "ms"]
    for row in rows:
        assert isinstance(row["figure"], float)
        assert row["figure"] > 0
        assert isinstance(row["limit"], float)
        assert row["limit_name"]
