"""The local-save benchmark still runs (a small size, so it does not rot)."""

from __future__ import annotations

from bench import bench_save


def test_bench_save_runs_small() -> None:
    rows = bench_save.run(n=60)
    assert [r["unit"] for r in rows] == ["ms", "ms"]
    assert all(r["figure"] > 0 and r["limit"] > 0 for r in rows)
