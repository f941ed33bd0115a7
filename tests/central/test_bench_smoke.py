"""The push and import benchmarks still run (at a tiny size), so they do not rot."""

from __future__ import annotations

import pytest

from bench import bench_import, bench_push


def _check(rows: list[dict[str, object]]) -> None:
    assert rows
    for row in rows:
        assert set(row) >= {"name", "figure", "unit", "target", "limit", "limit_name"}
        assert isinstance(row["figure"], float)
        assert row["figure"] > 0


def test_push_benchmark_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REALNAME_TEST_PG_URL", raising=False)
    _check(bench_push.run(n=1500, rounds=1))


def test_import_benchmark_runs() -> None:
    _check(bench_import.run(n=1500))
