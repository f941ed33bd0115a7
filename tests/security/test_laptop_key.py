"""Issue 13, finding 7: a stolen laptop's database key must not fall to offline guessing.

The key is wrapped by the password at a memory-hard cost (argon2id, 256 MiB), no cheaper
check of the password is kept beside it, old account files open and are re-wrapped at the
new cost at the next login, every file the program writes is readable by its owner only,
and a password changed at the centre re-wraps the key at the next online login.
"""

from __future__ import annotations

import argparse
import json
import shutil
import stat
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from desktop import cli
from desktop.commands import add_commands
from desktop.store import BadPasswordError, keys, login_online, open_account, unlock_offline
from desktop.store.accounts import DataDir
from desktop.store.backup import create_backup
from desktop.store.errors import PasswordChangedError
from sync.central.passwords import hash_password
from sync.client import Keyring
from tests.helpers.central import CentralProcess
from tests.helpers.client import FAST, PASSWORD, KeyringFile, make_local_account, unique_samples

FIXTURE = Path(__file__).resolve().parents[1] / "store" / "data" / "schema1"
NEW_PASSWORD = "Zhang-Ye-2026-river"


def _account_file(root: Path, username: str) -> dict[str, object]:
    return json.loads((root / "accounts" / username / "account.json").read_text("utf-8"))


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_key_is_wrapped_by_argon2id_and_no_cheaper_check_is_kept(
    data_dir: Path, test_keyring: KeyringFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keys, "KDF", keys.PRODUCTION_KDF)
    make_local_account(data_dir, "worker1", "secret-password-1").close()
    stored = _account_file(data_dir, "worker1")
    wrapped = stored["wrapped_key"]
    assert isinstance(wrapped, dict)
    # 256 MiB and two passes: about 0.5 s per guess on one core of this machine (against
    # 0.085 s for the scrypt N=2**15 before), and 256 MiB of memory per guess in flight.
    assert wrapped["kdf"] == {"name": "argon2id", "memory_kib": 262144, "iterations": 2, "lanes": 1}
    # A password hash beside the key would be a second target; the wrapped key is the check.
    assert "verifier" not in stored
    assert keys.WrappedKey.from_json(wrapped).cost == keys.PRODUCTION_KDF


def test_the_production_cost_is_argon2id_with_at_least_128_mib() -> None:
    cost = keys.PRODUCTION_KDF
    assert isinstance(cost, keys.Argon2idCost)
    assert cost.memory_kib >= 128 * 1024
    assert cost.iterations >= 2


def test_an_old_account_file_opens_and_is_rewrapped_at_the_new_cost(
    tmp_path: Path, test_keyring: KeyringFile
) -> None:
    root = tmp_path / "laptop"
    shutil.copytree(FIXTURE, root)  # scrypt N=1024 with a verifier, as the old code wrote it
    before = _account_file(root, "county1")
    assert "kdf" not in before["wrapped_key"]  # type: ignore[operator]
    assert before["verifier"] is not None

    with pytest.raises(BadPasswordError):
        unlock_offline(root, "county1", "not-the-password")
    assert _account_file(root, "county1") == before  # a wrong password changes nothing

    account = unlock_offline(root, "county1", PASSWORD)
    old_key = keys.WrappedKey.from_json(before["wrapped_key"]).unwrap(PASSWORD)  # type: ignore[arg-type]
    account.close()
    after = _account_file(root, "county1")
    assert "verifier" not in after
    rewrapped = keys.WrappedKey.from_json(after["wrapped_key"])  # type: ignore[arg-type]
    assert rewrapped.cost == keys.KDF
    assert isinstance(rewrapped.cost, keys.Argon2idCost)
    assert rewrapped.unwrap(PASSWORD) == old_key
    # And it opens again, now from the new form.
    Keyring("county1").delete_database_key()
    unlock_offline(root, "county1", PASSWORD).close()


def test_files_and_folders_are_readable_by_the_owner_only(
    data_dir: Path, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    account = make_local_account(data_dir)
    account.registry.save_many(unique_samples(3, seed=5))
    archive = create_backup(account, tmp_path / "backups" / "b.zip")
    folder = data_dir / "accounts" / "worker1"
    assert (folder / "registry.db-wal").exists()
    for path in (
        folder / "account.json",
        folder / "registry.db",
        folder / "registry.db-wal",
        folder / "registry.db-shm",
        data_dir / "last_account",
        archive,
    ):
        assert _mode(path) == 0o600, path.name
    for path in (data_dir, data_dir / "accounts", folder):
        assert _mode(path) == 0o700, path.name

    # The command line's export and report hold names and ID numbers in the clear.
    parser = argparse.ArgumentParser()
    add_commands(parser)
    export = tmp_path / "out" / "records.csv"
    export.parent.mkdir()
    args = parser.parse_args(["export", str(export), "--user", "worker1"])
    account.close()
    assert cli.run(args, data_dir) == 0
    assert _mode(export) == 0o600


def test_an_older_laptop_s_open_files_are_narrowed_when_it_opens(
    tmp_path: Path, test_keyring: KeyringFile
) -> None:
    root = tmp_path / "laptop"
    shutil.copytree(FIXTURE, root)
    folder = root / "accounts" / "county1"
    for path in (root, root / "accounts", folder):
        path.chmod(0o755)
    for path in (folder / "account.json", folder / "registry.db", root / "last_account"):
        path.chmod(0o644)
    unlock_offline(root, "county1", PASSWORD).close()
    open_account(root).close()
    for path in (folder / "account.json", folder / "registry.db", root / "last_account"):
        assert _mode(path) == 0o600, path.name
    for path in (root, root / "accounts", folder):
        assert _mode(path) == 0o700, path.name


def _change_password_at_centre(centre: CentralProcess, username: str, password: str) -> None:
    """What the centre's password change does to the account (POST /auth/password)."""
    engine = create_engine(centre.db_url)
    with engine.begin() as conn:
        conn.execute(
            text("UPDATE users SET password_hash = :h WHERE username = :u"),
            {"h": hash_password(password, n=16), "u": username},
        )
    engine.dispose()


def test_a_new_centre_password_rewraps_the_key_at_the_next_online_login(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    root = tmp_path / "laptop"
    account, _ = login_online(root, centre.url, "county1", PASSWORD, retry=FAST)
    account.registry.save_many(unique_samples(2, seed=9))
    account.close()
    _change_password_at_centre(centre, "county1", NEW_PASSWORD)
    # Until the laptop meets the centre again, the password it knows opens it.
    with pytest.raises(BadPasswordError):
        unlock_offline(root, "county1", NEW_PASSWORD)

    account, _ = login_online(root, centre.url, "county1", NEW_PASSWORD, retry=FAST)
    account.close()
    with pytest.raises(BadPasswordError):
        unlock_offline(root, "county1", PASSWORD)
    stored = keys.WrappedKey.from_json(_account_file(root, "county1")["wrapped_key"])  # type: ignore[arg-type]
    with pytest.raises(BadPasswordError):
        stored.unwrap(PASSWORD)
    reopened = unlock_offline(root, "county1", NEW_PASSWORD)
    assert reopened.registry.status_counts()["pending"] == 2
    reopened.close()


def test_a_new_centre_password_with_a_lost_keyring_says_what_to_do(
    centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    root = tmp_path / "laptop"
    account, _ = login_online(root, centre.url, "county1", PASSWORD, retry=FAST)
    account.registry.save_many(unique_samples(2, seed=10))
    account.close()
    _change_password_at_centre(centre, "county1", NEW_PASSWORD)
    Keyring("county1").delete_database_key()  # a reset Windows profile

    # The centre takes the new password, but only the old one unwraps the local key.
    with pytest.raises(PasswordChangedError) as refused:
        login_online(root, centre.url, "county1", NEW_PASSWORD, retry=FAST)
    assert "旧密码" in str(refused.value)
    # What the message says to do works: the old password offline, then the new one online.
    unlock_offline(root, "county1", PASSWORD).close()
    account, _ = login_online(root, centre.url, "county1", NEW_PASSWORD, retry=FAST)
    assert account.registry.status_counts()["pending"] == 2
    account.close()
    with pytest.raises(BadPasswordError):
        unlock_offline(root, "county1", PASSWORD)
    DataDir(root).require_profile("county1")
