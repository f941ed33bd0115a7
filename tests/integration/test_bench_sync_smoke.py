"""The push benchmark still runs end to end (a small size, so it does not rot)."""

from __future__ import annotations

import pytest

from bench import bench_sync


@pytest.mark.slow
def test_bench_sync_runs_small() -> None:
    rows = bench_sync.run(n=300, rounds=1)
    assert rows, "the benchmark measured nothing"
    assert "SQLite" in rows[0]["name"]
    # A rate and the laptop's CPU per record for each database (PostgreSQL when
    # REALNAME_TEST_PG_URL is set).
    assert [row["unit"] for row in rows] == ["records/s", "us/record"] * (len(rows) // 2)
    for row in rows:
        assert row["figure"] > 0
        assert row["limit"] > 0
