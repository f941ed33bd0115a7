"""A locked or unreachable database answers 503 with Retry-After, and recovers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.helpers.accounts import PASSWORD
from tests.helpers.central import CentralProcess
from tests.helpers.central_records import op, push_body, records_in


def test_locked_database_is_503_then_recovers(tmp_path: Path) -> None:
    data_dir = tmp_path / "c"
    data_dir.mkdir()
    path = data_dir / "c.sqlite3"
    server = CentralProcess(
        f"sqlite:///{path}", data_dir, env={"REALNAME_CENTRAL_DB_BUSY_TIMEOUT_MS": "200"}
    )
    server.start()
    try:
        server.create_user("w", "worker", "620102", PASSWORD)
        token = server.login("w", PASSWORD)
        body = push_body(*(op(r) for r in records_in(["620102001"], 3, seed=70)))
        blocker = sqlite3.connect(path, isolation_level=None)
        blocker.execute("BEGIN EXCLUSIVE")  # another program holds the database
        try:
            with server.client(token) as client:
                locked = client.post("/sync/push", json=body)
            assert locked.status_code == 503, locked.text
            assert locked.headers["Retry-After"] == "5"
            assert "retry" in locked.json()["detail"]
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        with server.client(token) as client:
            retried = client.post("/sync/push", json=body)
        assert retried.status_code == 200
        assert {r["status"] for r in retried.json()["results"]} == {"accepted"}
    finally:
        server.stop()
