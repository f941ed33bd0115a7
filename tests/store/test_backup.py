"""Backup and restore of an account's encrypted database (desktop/store/backup.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from desktop.store import BadPasswordError, open_account
from desktop.store.backup import BackupError, create_backup, restore_backup
from desktop.store.session import Account
from sync.contract.samples import sample_records


def test_backup_restores_the_records_and_stays_encrypted(
    account: Account, data_dir: Path, tmp_path: Path
) -> None:
    records = sample_records(20, seed=3, region_codes=["620102"])
    for r in records:
        account.registry.save_record(r)
    archive = create_backup(account, tmp_path / "backup.zip")
    with zipfile.ZipFile(archive) as z:
        raw = z.read("registry.db")
    assert not raw.startswith(b"SQLite format 3")  # encrypted, not plain SQLite
    assert records[0]["name"].encode("utf-8") not in raw
    account.registry.void(account.registry.save_draft({"name": "临时"}).record_id)
    account.close()

    restore_backup(data_dir, archive, "secret-1")
    reopened = open_account(data_dir, "worker1")
    try:
        assert reopened.registry.count() == 20
        assert reopened.registry.get(records[5]["record_id"]).record["name"] == records[5]["name"]
    finally:
        reopened.close()


def test_restore_with_a_wrong_password_replaces_nothing(
    account: Account, data_dir: Path, tmp_path: Path
) -> None:
    account.registry.save_record(sample_records(1, seed=1, region_codes=["620102"])[0])
    archive = create_backup(account, tmp_path / "b.zip")
    account.registry.save_record(sample_records(1, seed=2, region_codes=["620102"])[0])
    account.close()
    with pytest.raises(BadPasswordError):
        restore_backup(data_dir, archive, "wrong")
    reopened = open_account(data_dir, "worker1")
    try:
        assert reopened.registry.count() == 2
    finally:
        reopened.close()
    leftovers = list(data_dir.glob("accounts/*/restore.*"))
    assert leftovers == []


def test_a_file_that_is_no_backup_is_refused_by_name(data_dir: Path, tmp_path: Path) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    with pytest.raises(BackupError, match=r"junk\.zip"):
        restore_backup(data_dir, junk, "x")
