"""Fixtures every test may use: data folders, PostgreSQL, and the log guard."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_warning_logs(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test fails on an unexpected WARNING (or worse) log record (qutebrowser's rule)."""
    handler = _Collect()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield
    finally:
        root.removeHandler(handler)
    if request.node.get_closest_marker("allow_warning_logs"):
        return
    if handler.records:
        lines = "\n".join(f"{r.name}: {r.getMessage()}" for r in handler.records[:5])
        pytest.fail(f"unexpected warning log records:\n{lines}", pytrace=False)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder for one test."""
    path = tmp_path / "data"
    path.mkdir()
    return path


def postgres_url() -> str | None:
    """The test PostgreSQL server's URL; in CI its absence is an error, not a skip."""
    url = os.environ.get("REALNAME_TEST_PG_URL") or None
    if url is None and os.environ.get("CI"):
        pytest.fail("CI must provide a PostgreSQL server (REALNAME_TEST_PG_URL)", pytrace=False)
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_kind(request: pytest.FixtureRequest) -> str:
    """Parametrises a test over both central databases."""
    kind: str = request.param
    if kind == "postgres" and postgres_url() is None:
        pytest.skip("no PostgreSQL server (set REALNAME_TEST_PG_URL)")
    return kind
