"""The guide's restore drill: back up, destroy, restore, and the laptops carry on.

The backup is deploy/backup.sh (what the nightly timer runs: pg_dump, checked readable);
the database is then dropped, restored with pg_restore into a new one, and the serve unit
started on it. A laptop that had pulled before the backup continues from its cursor: it
receives exactly the changes made after the restore, and its token still works.
"""

from __future__ import annotations

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
from tests.helpers.client import FAST, PASSWORD, KeyringFile, unique_samples

BACKUP = ROOT / "deploy" / "backup.sh"


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
        records = unique_samples(50, seed=81)
        writer.registry.save_many(records[:30])
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

        # Disaster: the processes stop and the database is gone.
        unit.stop()
        drop_postgres_database(lost, admin)

        # Restore into a new database and serve from it.
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
        assert _records(restored) == 30
        unit.env = {**env, "REALNAME_CENTRAL_DB": restored}
        unit.start()
        unit.wait_ready()

        # The laptops' tokens and cursors still hold: the reader gets exactly what is new.
        writer.registry.save_many(records[30:])
        assert _sync(writer).push.accepted == 20
        again = _sync(reader)
        assert again.pull.received == 20
        assert reader.registry.status_counts()["synced"] == 50
        assert {r["id_number"] for r in records} == {
            r["id_number"] for r in reader.registry.all_records()
        }
        assert _records(restored) == 50
        writer.close()
        reader.close()
    finally:
        unit.stop()
