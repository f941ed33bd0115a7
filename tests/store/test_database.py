"""The local database: encrypted at rest, typed errors, real migrations, key recovery."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import keyring
import pytest
import sqlcipher3
from keyring.backends.fail import Keyring as FailKeyring
from sqlalchemy import inspect

from desktop.store import (
    BadPasswordError,
    KeyLostError,
    WrongKeyError,
    open_account,
    unlock_offline,
)
from desktop.store.database import apply_step, open_database
from desktop.store.keys import new_database_key
from desktop.store.registry import Registry
from desktop.store.schema import SCHEMA_VERSION, metadata
from desktop.store.session import Account
from sync.client import KeyringUnavailableError
from sync.contract.samples import sample_records
from tests.helpers.client import KeyringFile, make_local_account


def test_the_file_cannot_be_read_without_the_key(data_dir: Path, test_keyring: KeyringFile) -> None:
    account = make_local_account(data_dir)
    record = sample_records(1)[0]
    account.registry.save_record(record)
    path = account.data_dir.database_path(account.username)
    # Every file of the account folder, with the WAL still open and after the checkpoint.
    raw = b"".join(p.read_bytes() for p in path.parent.iterdir())
    account.close()
    raw += b"".join(p.read_bytes() for p in path.parent.iterdir())
    assert record["name"].encode("utf-8") not in raw
    assert record["id_number"].encode("ascii") not in raw
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(path).execute("SELECT * FROM records").fetchall()
    with pytest.raises(WrongKeyError) as caught:
        open_database(path, new_database_key())
    assert "密钥" in caught.value.user_message


def test_wal_and_durable_commits(account: Account) -> None:
    with account.engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert driver.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert driver.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert driver.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrations_match_the_tables_the_code_queries(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "fresh.db", new_database_key())
    inspector = inspect(engine)
    for table in metadata.sorted_tables:
        on_disk = {c["name"] for c in inspector.get_columns(table.name)}
        assert on_disk == {c.name for c in table.columns}, table.name
    engine.dispose()


def test_an_old_schema_database_is_migrated_and_keeps_its_rows(tmp_path: Path) -> None:
    key = new_database_key()
    path = tmp_path / "old.db"
    conn = sqlcipher3.connect(str(path))
    conn.execute(f"PRAGMA key=\"x'{key.hex()}'\"")
    apply_step(conn, 1)
    conn.execute(
        "INSERT INTO records (record_id, name, state, doc) VALUES ('r1', '张三', "
        "'draft', '{\"record_id\": \"r1\"}')"
    )
    conn.commit()
    conn.close()
    engine = open_database(path, key)
    with engine.connect() as c:
        driver = c.connection.driver_connection
        assert driver.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        names = {r[1] for r in driver.execute("PRAGMA index_list(records)").fetchall()}
        assert "ix_records_name_nocase" in names
        assert driver.execute("SELECT name FROM records").fetchone()[0] == "张三"
    # v3 moved the JSON out of the row: the record reads back whole.
    assert Registry(engine, username="u", device_id="d").get("r1").record == {"record_id": "r1"}
    engine.dispose()


def test_a_lost_keyring_entry_is_recovered_by_the_password(
    data_dir: Path, test_keyring: KeyringFile
) -> None:
    account = make_local_account(data_dir, password="pw-one")
    records = sample_records(5, seed=9)
    for r in records:
        account.registry.save_record(r)
    account.keyring.delete_database_key()
    account.close()
    with pytest.raises(KeyLostError):
        open_account(data_dir)
    with pytest.raises(BadPasswordError):
        unlock_offline(data_dir, "worker1", "wrong")
    again = unlock_offline(data_dir, "worker1", "pw-one")
    assert again.registry.status_counts()["pending"] == 5
    assert {e.record_id for e in again.registry.queue()} == {r["record_id"] for r in records}
    again.close()
    # The recovered key went back into the keyring: the commands open it without a password.
    open_account(data_dir).close()


def test_a_damaged_keyring_entry_is_recovered_too(
    data_dir: Path, test_keyring: KeyringFile
) -> None:
    account = make_local_account(data_dir, password="pw")
    account.registry.save_record(sample_records(1)[0])
    account.keyring.store_database_key(new_database_key())
    account.close()
    with pytest.raises(WrongKeyError):
        open_account(data_dir)
    again = unlock_offline(data_dir, "worker1", "pw")
    assert again.registry.count() == 1
    again.close()


def test_no_usable_keyring_is_a_typed_error(data_dir: Path, test_keyring: KeyringFile) -> None:
    make_local_account(data_dir).close()
    keyring.set_keyring(FailKeyring())
    with pytest.raises(KeyringUnavailableError) as caught:
        open_account(data_dir)
    assert "PYTHON_KEYRING_BACKEND" in caught.value.user_message


def test_accounts_have_their_own_databases(data_dir: Path, test_keyring: KeyringFile) -> None:
    first = make_local_account(data_dir, "alice")
    first.registry.save_record(sample_records(1, seed=1)[0])
    second = make_local_account(data_dir, "bob")
    assert second.registry.count() == 0
    second.close()
    first.close()
    assert open_account(data_dir, "alice").registry.count() == 1
    assert open_account(data_dir).username == "bob"  # the last one that logged in
