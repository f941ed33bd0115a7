"""The progress benchmark still runs (at a tiny size), so it does not rot."""

from __future__ import annotations

import pytest

from bench import bench_progress


def test_progress_benchmark_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REALNAME_TEST_PG_URL", raising=False)
    rows = bench_progress.run(size=2000, repeat=1)  # SQLite: wall and CPU time
    assert [row["unit"] for row in rows] == ["ms", "ms"]
    for row in rows:
        assert isinstance(row["figure"], float)
        assert row["figure"] > 0
        assert isinstance(row["limit"], float)
