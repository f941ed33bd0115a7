"""Erasing one account from this laptop: what a laptop revoked as lost does when told.

The database is encrypted; what opens it is the key in the keyring and its copy wrapped by
the password in the account file. Both go first, so whatever a thief recovers of the rest
(a deleted file's blocks on the disk) is ciphertext without a key: nothing readable is
kept. Then the account's folder goes: the database, its -wal and -shm, the account file.
Backup archives the worker saved elsewhere are theirs to destroy (docs/用户指南.md).
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from desktop.store.accounts import DataDir
from sync.client import Keyring

log = logging.getLogger(__name__)


def _overwrite(path: Path) -> None:
    """Fill a small file with zeros before it is removed (the wrapped key lived there)."""
    try:
        size = path.stat().st_size
        with path.open("r+b") as handle:
            handle.write(b"\0" * size)
            handle.flush()
            os.fsync(handle.fileno())
    except FileNotFoundError:
        return


def erase_account(root: Path, username: str) -> None:
    """Remove ``username``'s keys, token, database and account file from this laptop."""
    data_dir = DataDir(root)
    keyring = Keyring(username)
    keyring.delete_database_key()
    keyring.delete_token()
    folder = data_dir.account_dir(username)
    _overwrite(folder / "account.json")
    (folder / "account.json").unlink(missing_ok=True)
    shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():  # a file still open elsewhere (Windows): nothing in it opens any more
        log.warning("account folder %s could not be removed entirely", folder.name)
    if data_dir.last_account() == username:
        (root / "last_account").unlink(missing_ok=True)
    log.info("account %s erased from this laptop (device revoked as lost)", folder.name)
