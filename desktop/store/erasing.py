"""Erasing one account from this laptop: what a laptop revoked as lost does when told.

The database is encrypted; what opens it is the key in the keyring and its copy wrapped by
the password in the account file. Both go first (:func:`forget_account`), so whatever is
left or recovered of the rest (a deleted file's blocks on the disk) is ciphertext without a
key: nothing readable is kept. Then the account's folder goes (:func:`remove_account_files`):
the database, its -wal and -shm. An account open at that moment (the window's sync was told)
is forgotten at once and its files go when it closes (``Account.close``).

A note of which accounts were erased stays in the data folder until the login shows it
(:func:`take_erased_notice`): the person at the laptop is told why the account is gone.
Backup archives the worker saved elsewhere are theirs to destroy (docs/用户指南.md).
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from desktop.store.accounts import DataDir
from desktop.store.private_files import write_private
from sync.client import Keyring

log = logging.getLogger(__name__)

NOTICE = "erased_accounts"


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


def forget_account(root: Path, username: str) -> None:
    """Remove what opens ``username``'s database: the keyring's key and token, the account
    file with the password-wrapped key; note the erasure for the next login."""
    data_dir = DataDir(root)
    keyring = Keyring(username)
    keyring.delete_database_key()
    keyring.delete_token()
    profile = data_dir.account_dir(username) / "account.json"
    _overwrite(profile)
    profile.unlink(missing_ok=True)
    if data_dir.last_account() == username:
        (root / "last_account").unlink(missing_ok=True)
    noted = (root / NOTICE).read_text(encoding="utf-8") if (root / NOTICE).exists() else ""
    write_private(root / NOTICE, (noted + username + "\n").encode("utf-8"))
    log.info("account %s forgotten on this laptop (device revoked as lost)", profile.parent.name)


def remove_account_files(root: Path, username: str) -> None:
    """Remove ``username``'s folder (the database and its companions)."""
    folder = DataDir(root).account_dir(username)
    shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():  # a file still open elsewhere (Windows): nothing in it opens any more
        log.warning("account folder %s could not be removed entirely", folder.name)


def erase_account(root: Path, username: str) -> None:
    """Remove ``username``'s keys, token, account file and database from this laptop."""
    forget_account(root, username)
    remove_account_files(root, username)


def take_erased_notice(root: Path) -> list[str]:
    """The accounts erased since the last call (the note is removed)."""
    path = root / NOTICE
    if not path.exists():
        return []
    names = [line for line in path.read_text(encoding="utf-8").splitlines() if line]
    path.unlink()
    return names
