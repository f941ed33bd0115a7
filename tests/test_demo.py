"""``make run`` keeps working: the demo centre is prepared with accounts, reference and records."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.demo import DEMO_ACCOUNTS, DEMO_RECORDS, prepare


@pytest.mark.slow
def test_demo_centre_is_prepared_once(tmp_path: Path) -> None:
    url = prepare(tmp_path, 2026)
    db = tmp_path / "central" / "central.db"
    assert url == f"sqlite:///{db}"
    with sqlite3.connect(db) as conn:
        users = {
            row[0]: (row[1], row[2])
            for row in conn.execute("select username, role, region_code from users")
        }
        records = conn.execute("select count(*) from records").fetchone()[0]
        targets = conn.execute("select count(*) from targets where year = 2026").fetchone()[0]
    assert users == {name: (role, region) for name, role, region in DEMO_ACCOUNTS}
    assert records == DEMO_RECORDS
    assert targets == 4
    # A second start reuses the database instead of failing on existing accounts.
    assert prepare(tmp_path, 2026) == url
