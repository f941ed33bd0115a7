"""A locked, unreachable or full database answers 503 with Retry-After, and recovers."""

from __future__ import annotations

import resource
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def files_capped(pid: int, size: int) -> Iterator[None]:
    """The kernel refuses every write of process ``pid`` beyond ``size`` bytes of a file
    (RLIMIT_FSIZE, EFBIG; Python ignores the SIGXFSZ that comes with it): a disk that
    fills while the centre runs, for every file it writes, its database's included.
    SQLite calls it SQLITE_IOERR_WRITE where a full disk gives SQLITE_FULL; the centre
    answers both alike (``sync.central.errors``)."""
    before = resource.prlimit(pid, resource.RLIMIT_FSIZE)
    resource.prlimit(pid, resource.RLIMIT_FSIZE, (size, before[1]))
    try:
        yield
    finally:
        resource.prlimit(pid, resource.RLIMIT_FSIZE, before)


def test_a_full_disk_at_the_centre_is_503_keeps_nothing_half_written_then_recovers(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "c"
    data_dir.mkdir()
    path = data_dir / "c.sqlite3"
    server = CentralProcess(f"sqlite:///{path}", data_dir)
    server.start()
    try:
        server.create_user("w", "worker", "620102", PASSWORD)
        token = server.login("w", PASSWORD)
        first = push_body(*(op(r) for r in records_in(["620102001"], 3, seed=71)))
        body = push_body(*(op(r) for r in records_in(["620102001"], 400, seed=72)))
        with server.client(token) as client:
            assert client.post("/sync/push", json=first).status_code == 200
            assert server.process is not None
            # Not one page more: the batch's first write is refused (a WAL frame is 4 kB).
            with files_capped(server.process.pid, 4096):
                full = client.post("/sync/push", json=body)
                health = client.get("/health")
            assert full.status_code == 503, full.text
            assert full.headers["Retry-After"] == "5"
            assert "retry" in full.json()["detail"]
            assert health.status_code == 200  # the centre itself stays up
            with sqlite3.connect(path) as db:  # nothing of the refused batch was kept
                assert db.execute("SELECT count(*) FROM records").fetchone() == (3,)
                assert db.execute("SELECT count(*) FROM ops").fetchone() == (3,)
            # Room again: the same batch is taken whole, then once more changes nothing.
            retried = client.post("/sync/push", json=body)
            assert retried.status_code == 200, retried.text
            assert [r["status"] for r in retried.json()["results"]] == ["accepted"] * 400
            replayed = client.post("/sync/push", json=body)
            assert replayed.json()["results"] == retried.json()["results"]
        # The operator reads the driver's reason, and nothing of the records refused.
        log = (data_dir / "central.log").read_text()
        assert "database unavailable: OperationalError (SQLITE_" in log
        refused = body["ops"]
        assert not any(o["record"]["id_number"] in log for o in refused)
        assert not any(o["record"]["name"] in log for o in refused)
        with sqlite3.connect(path) as db:
            assert db.execute("SELECT count(*) FROM records").fetchone() == (403,)
            assert db.execute("SELECT count(*) FROM record_versions").fetchone() == (403,)
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        server.stop()
