"""Finding 14 (the centre's files): the centre's data is readable by its owner only.

The database (and SQLite's -wal and -shm beside it), the data folder and the files commands
write are created 0600 (folders 0700), whatever the umask of the shell that started the
command; a database or folder an older version left readable is tightened on the next start.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.central import CentralProcess
from tests.helpers.central_records import op, push_body, records_in

PASSWORD = "county-pass-2024"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(autouse=True)
def permissive_umask() -> Iterator[None]:
    """The commands start from a shell with the common umask 022 (files 0644 by default)."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_init_db_creates_an_owner_only_folder_and_database(tmp_path: Path) -> None:
    data_dir = tmp_path / "fresh" / "central"
    database = data_dir / "central.sqlite3"
    result = CentralProcess(f"sqlite:///{database}", data_dir).command("init-db")
    assert result.returncode == 0, result.stderr
    assert _mode(data_dir) == 0o700
    assert _mode(database) == 0o600
    assert sorted(p.name for p in data_dir.iterdir()) == ["central.sqlite3"]


def test_init_db_tightens_what_an_older_version_left_readable(tmp_path: Path) -> None:
    data_dir = tmp_path / "central"
    database = data_dir / "central.sqlite3"
    cli = CentralProcess(f"sqlite:///{database}", data_dir)
    assert cli.command("init-db").returncode == 0
    data_dir.chmod(0o755)
    database.chmod(0o644)
    result = cli.command("init-db")
    assert result.returncode == 0, result.stderr
    assert (_mode(data_dir), _mode(database)) == (0o700, 0o600)


def test_serve_and_commands_write_owner_only_files(tmp_path: Path) -> None:
    data_dir = tmp_path / "central"
    data_dir.mkdir()
    database = data_dir / "central.sqlite3"
    server = CentralProcess(f"sqlite:///{database}", data_dir)
    server.start()
    try:
        server.create_user("county1", "county", "620102", PASSWORD)
        token = server.login("county1", PASSWORD)
        with server.client(token) as client:
            ops = [op(r) for r in records_in(["620102001"], 3)]
            response = client.post("/sync/push", json=push_body(*ops))
            assert response.status_code == 200, response.text
        written = {
            name: _mode(data_dir / name) for name in ("central.sqlite3-wal", "central.sqlite3-shm")
        }
        assert written == {"central.sqlite3-wal": 0o600, "central.sqlite3-shm": 0o600}
        assert _mode(database) == 0o600
        export = tmp_path / "export.csv"
        report = tmp_path / "report.json"
        assert server.command("export-records", str(export)).returncode == 0
        result = server.command(
            "report", "--year", "2024", "--format", "json", "--output", str(report)
        )
        assert result.returncode == 0, result.stderr
        assert (_mode(export), _mode(report)) == (0o600, 0o600)
    finally:
        server.stop()
