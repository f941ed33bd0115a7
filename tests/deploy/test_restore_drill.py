"""The guide's restore drill: back up, destroy, restore, and the laptops carry on.

The backup is deploy/backup.sh (what the nightly timer runs: pg_dump, checked readable);
the database is then dropped, restored with pg_restore into a new one, and the serve unit
started on it after the guide's move of the change counter. A laptop whose cursor had gone
past everything the backup holds still receives exactly the changes made after the restore,
its token still works, and the records that only reached the lost database come back from
the laptop that made them (``realname-desktop export``, then ``import-records``).
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from desktop.store import Account, Synchronizer, SyncReport, login_online
from tests.deploy.units import (
    MIGRATE_UNIT,
    ServeUnit,
    create_accounts,
    libpq_url,
    run_command,
    server_bin_dir,
    unit_arguments,
    unit_env,
)
from tests.helpers.central import (
    ROOT,
    drop_postgres_database,
    free_port,
    fresh_postgres_database,
)
from tests.helpers.client import FAST, PASSWORD, KeyringFile, run_desktop, unique_samples

BACKUP = ROOT / "deploy" / "backup.sh"
# docs/运维指南.md, 恢复: every counter (record changes, roster) moves past any cursor a
# laptop may hold.
GUIDE = ROOT / "docs" / "运维指南.md"
GUIDE_BUMP = "UPDATE seq_counter SET value = value + 10000000"


@pytest.fixture
def databases() -> Iterator[tuple[str, str, str]]:
    """Two database URLs (the lost one and the restored one; only the first exists yet)
    and the admin URL; whatever exists at the end is dropped."""
    url, admin = fresh_postgres_database()
    restored = make_url(url).set(database=f"{make_url(url).database}_restored")
    restored_url = restored.render_as_string(hide_password=False)
    try:
        yield url, restored_url, admin
    finally:
        drop_postgres_database(url, admin)
        drop_postgres_database(restored_url, admin)


def _sync(account: Account) -> SyncReport:
    with account.client(FAST) as client:
        return Synchronizer(account.registry, client).run()


def _records(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        count = int(conn.execute(text("SELECT count(*) FROM records")).scalar_one())
    engine.dispose()
    return count


@pytest.mark.postgres
def test_a_restored_backup_serves_the_laptops_from_their_cursors(
    databases: tuple[str, str, str], tmp_path: Path, test_keyring: KeyringFile
) -> None:
    lost, restored, admin = databases
    env = unit_env(lost, tmp_path / "var-lib")
    run_command(env, *unit_arguments(MIGRATE_UNIT))
    create_accounts(env, lost, with_command=False)
    unit = ServeUnit(free_port(), env, tmp_path / "serve.log")
    unit.start()
    try:
        unit.wait_ready()
        writer = login_online(tmp_path / "a", unit.url, "county1", PASSWORD, retry=FAST)[0]
        reader = login_online(tmp_path / "b", unit.url, "county2", PASSWORD, retry=FAST)[0]
        records = unique_samples(60, seed=81)
        before, after_backup, after_restore = records[:30], records[30:40], records[40:]
        writer.registry.save_many(before)
        assert _sync(writer).push.accepted == 30
        assert _sync(reader).pull.received == 30

        # The nightly backup, as the timer runs it, with the server's own pg_dump.
        dumped = subprocess.run(
            ["sh", str(BACKUP), str(tmp_path / "backups"), libpq_url(lost)],
            env={**env, "PG_BIN": server_bin_dir(lost)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert dumped.returncode == 0, dumped.stderr
        dump = Path(dumped.stdout.strip())
        assert dump.parent == tmp_path / "backups"
        assert dump.stat().st_size > 0
        assert [p.name for p in dump.parent.iterdir()] == [dump.name]  # no partial file left

        # A day's work after the backup: both laptops sync it, the reader's cursor moves on.
        writer.registry.save_many(after_backup)
        assert _sync(writer).push.accepted == 10
        assert _sync(reader).pull.received == 10

        # Disaster: the processes stop and the database is gone.
        unit.stop()
        drop_postgres_database(lost, admin)

        # Restore into a new database, move the change counter on (the guide's SQL), serve.
        engine = create_engine(admin, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{make_url(restored).database}"'))
        engine.dispose()
        bin_dir = server_bin_dir(admin)
        subprocess.run(
            [f"{bin_dir}/pg_restore", "--no-owner", "--exit-on-error",
             "--dbname", libpq_url(restored), str(dump)],
            check=True,
            capture_output=True,
        )  # fmt: skip
        subprocess.run(
            [f"{bin_dir}/psql", "--quiet", "--set", "ON_ERROR_STOP=1", libpq_url(restored),
             "--command", GUIDE_BUMP],
            check=True,
            capture_output=True,
        )  # fmt: skip
        assert _records(restored) == 30
        unit.env = {**env, "REALNAME_CENTRAL_DB": restored}
        unit.start()
        unit.wait_ready()

        # The laptops' tokens and cursors still hold: the reader gets exactly what is new,
        # though its cursor had passed every seq the backup knew.
        writer.registry.save_many(after_restore)
        assert _sync(writer).push.accepted == 20
        assert _sync(reader).pull.received == 20
        assert _records(restored) == 50

        # What only reached the lost database comes back from a laptop that has it.
        exported = tmp_path / "after-backup.xlsx"
        done = run_desktop(tmp_path / "a", "export", str(exported), env=test_keyring.env)
        assert done.returncode == 0, done.stderr
        imported = json.loads(run_command(unit.env, "import-records", str(exported)))
        assert imported["rejected"] == 0
        assert imported["created"] == 10
        assert _records(restored) == 60
        assert _sync(reader).pull.received >= 10  # the ten again, now that the centre has them
        assert reader.registry.status_counts()["synced"] == 60
        assert {r["id_number"] for r in records} == {
            r["id_number"] for r in reader.registry.all_records()
        }
        writer.close()
        reader.close()
    finally:
        unit.stop()


def test_the_guide_runs_the_line_the_drill_runs() -> None:
    """The drill proves the guide's restore line (every counter moved: a laptop's roster
    cursor is as far ahead of a backup as its records' cursor)."""
    assert f"psql realname -c '{GUIDE_BUMP}'" in GUIDE.read_text(encoding="utf-8")
