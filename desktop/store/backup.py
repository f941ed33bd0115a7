"""Encrypted backup and restore of one account: its database and its account file, one archive.

The database is copied consistently with ``VACUUM INTO`` through the store's own engine;
SQLCipher writes the copy encrypted with the same key, so the archive never holds records
in the clear. The account file beside it carries the key wrapped by the password, which
is what lets a restore on another laptop (or after a lost keyring) open the copy. A
restore verifies everything first (the password unwraps the key, the key opens the copy,
SQLite's integrity check passes) and only then replaces the account's files.

A backup is data, not this laptop's configuration: how this laptop reaches its centre
(server, proxy, CA bundle) and which device it is are never taken from an archive, which
anyone could have edited on the way (a proxy of theirs would receive the next login's
password). Archives carry none of them; a restore keeps the account's own settings on this
laptop, else those of the account that logged in here last, and a device id of this laptop.
The archive's wrapped key is trusted only as far as the password unwraps it, and is wrapped
again at today's cost. Archives are readable by their owner only, like the data folder.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
import zipfile
from pathlib import Path

from desktop.store.accounts import AccountProfile, DataDir
from desktop.store.database import open_database
from desktop.store.errors import StoreError
from desktop.store.keys import WrappedKey
from desktop.store.private_files import create_private
from desktop.store.session import Account
from sync.client import Keyring

DATABASE_MEMBER = "registry.db"
PROFILE_MEMBER = "account.json"


class BackupError(StoreError):
    """A backup archive that cannot be made or restored."""

    user_message = "备份文件无法使用。(The backup cannot be used.)"


def create_backup(account: Account, target: Path) -> Path:
    """Write ``target`` (a zip) with a consistent copy of the account's encrypted database."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as work:
        copy = Path(work) / DATABASE_MEMBER
        with account.engine.connect() as conn:
            conn.exec_driver_sql("VACUUM INTO ?", (str(copy),))
        carried = account.profile.with_changes(server="", proxy=None, ca_bundle=None)
        profile = json.dumps(carried.to_json(), ensure_ascii=False, indent=1)
        partial = create_private(target.with_name(f"{target.name}.{uuid.uuid4().hex}.tmp"))
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.write(copy, DATABASE_MEMBER)
            archive.writestr(PROFILE_MEMBER, profile)
        os.replace(partial, target)
    return target


def restore_backup(root: Path, archive_path: Path, password: str) -> AccountProfile:
    """Replace an account's database with the archive's, after checking it opens and is whole.

    The account must not be open. ``password`` is the one that was current when the backup
    was made. Nothing is replaced when any check fails (BackupError or BadPasswordError).
    """
    data_dir = DataDir(root)
    try:
        with zipfile.ZipFile(archive_path) as archive:
            profile = AccountProfile.from_json(json.loads(archive.read(PROFILE_MEMBER)))
            folder = data_dir.make_account_dir(profile.username)
            staged = create_private(folder / f"restore.{uuid.uuid4().hex}.db")
            with archive.open(DATABASE_MEMBER) as source, staged.open("wb") as sink:
                shutil.copyfileobj(source, sink)
    except (OSError, KeyError, ValueError, TypeError, zipfile.BadZipFile) as exc:
        raise BackupError(f"{archive_path.name}: {exc}") from exc
    try:
        if profile.wrapped_key is None:
            raise BackupError(f"{archive_path.name}: no wrapped key")
        key = profile.wrapped_key.unwrap(password)
        engine = open_database(staged, key)
        try:
            with engine.connect() as conn:
                verdict = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            engine.dispose()
        if verdict != "ok":
            raise BackupError(f"{archive_path.name}: {verdict}")
    except BaseException:
        _remove_staged(staged)
        raise
    target = data_dir.database_path(profile.username)
    for suffix in ("-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    _remove_staged_sidecars(staged)
    os.replace(staged, target)
    Keyring(profile.username).store_database_key(key)
    restored = _on_this_laptop(data_dir, profile, WrappedKey.wrap(key, password))
    data_dir.save_profile(restored)
    return restored


def _on_this_laptop(data_dir: DataDir, archived: AccountProfile, key: WrappedKey) -> AccountProfile:
    """The archive's account with this laptop's connection settings and device id."""
    own = data_dir.profile(archived.username)
    last = data_dir.last_account()
    settings = own or (data_dir.profile(last) if last else None)
    return archived.with_changes(
        server=settings.server if settings else "",
        proxy=settings.proxy if settings else None,
        ca_bundle=settings.ca_bundle if settings else None,
        device_id=own.device_id if own else str(uuid.uuid4()),
        wrapped_key=key,
    )


def _remove_staged_sidecars(staged: Path) -> None:
    for suffix in ("-wal", "-shm"):
        Path(f"{staged}{suffix}").unlink(missing_ok=True)


def _remove_staged(staged: Path) -> None:
    staged.unlink(missing_ok=True)
    _remove_staged_sidecars(staged)
