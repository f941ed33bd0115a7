"""The centre's benchmarks still run (at a tiny size), so they do not rot."""

from __future__ import annotations

import pytest

from bench import bench_central_start, bench_import, bench_push, bench_roster


def _check(rows: list[dict[str, object]], count: int) -> None:
    assert len(rows) == count
    for row in rows:
        assert set(row) >= {"name", "figure", "unit", "target", "limit", "limit_name"}
        assert isinstance(row["figure"], float)
        assert row["figure"] > 0


def test_push_benchmark_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REALNAME_TEST_PG_URL", raising=False)
    _check(bench_push.run(n=1500, rounds=1), 1)  # SQLite only


def test_import_benchmark_runs() -> None:
    _check(bench_import.run(n=1500), 2)  # the measured size and the projection


def test_start_benchmark_runs() -> None:
    [row] = bench_central_start.run(rounds=1)
    _check([row], 1)
    assert row["unit"] == "s"
    assert isinstance(row["limit"], float)
    assert row["limit"] > 0


@pytest.mark.slow
def test_roster_benchmark_runs() -> None:
    rows = bench_roster.run(n=300)  # the import, the re-import and the county's pull
    _check(rows, 3)
    assert rows[2]["unit"] == "bytes/person"
