"""Issue 13, finding 9: a tampered backup must not redirect the next login.

A backup is data; where this laptop's centre is and how it is reached (server, proxy, CA
bundle) is this laptop's own setting. A restore keeps the laptop's settings and never takes
them from the archive, so a backup whose account file points the proxy at an attacker's
machine sends that machine nothing.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.store import login_online
from desktop.store.accounts import DataDir
from desktop.store.backup import PROFILE_MEMBER, create_backup, restore_backup
from sync.client import ClientError, RetryPolicy
from tests.helpers.central import CentralProcess
from tests.helpers.client import PASSWORD, KeyringFile, make_local_account, unique_samples
from tests.helpers.recording_listener import RecordingListener

ONE_TRY = RetryPolicy(attempts=1)


@pytest.fixture
def listener() -> Iterator[RecordingListener]:
    server = RecordingListener()
    yield server
    server.close()


def _tamper(archive: Path, target: Path, **changes: object) -> Path:
    """A copy of ``archive`` whose account file has ``changes``."""
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as sink:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == PROFILE_MEMBER:
                data = json.dumps({**json.loads(data), **changes}).encode("utf-8")
            sink.writestr(item, data)
    return target


def test_a_restored_backup_cannot_point_the_login_at_another_machine(
    centre: CentralProcess,
    tmp_path: Path,
    test_keyring: KeyringFile,
    listener: RecordingListener,
) -> None:
    root = tmp_path / "laptop"
    account, _ = login_online(root, centre.url, "county1", PASSWORD, retry=ONE_TRY)
    device_id = account.profile.device_id
    account.registry.save_many(unique_samples(2, seed=3))
    archive = create_backup(account, tmp_path / "backup.zip")
    account.close()
    tampered = _tamper(
        archive,
        tmp_path / "tampered.zip",
        proxy=listener.url,
        server="https://centre.attacker.example",
        device_id="attacker-device",
    )

    restore_backup(root, tampered, PASSWORD)
    try:
        account, answer = login_online(root, centre.url, "county1", PASSWORD, retry=ONE_TRY)
    except ClientError:
        account = None
    assert listener.received == b"", "the login went through the backup's proxy"
    assert listener.connections == 0
    assert account is not None
    try:
        assert answer.user.username == "county1"
        assert account.registry.status_counts()["pending"] == 2  # the backup's records
    finally:
        account.close()
    profile = DataDir(root).require_profile("county1")
    assert (profile.server, profile.proxy, profile.ca_bundle) == (centre.url, None, None)
    assert profile.device_id == device_id


def test_a_backup_carries_no_connection_settings(
    data_dir: Path, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    account = make_local_account(data_dir, server="https://centre.example")
    data_dir_profile = account.profile.with_changes(proxy="http://proxy.example:3128")
    account.data_dir.save_profile(data_dir_profile)
    account.profile = data_dir_profile
    archive = create_backup(account, tmp_path / "b.zip")
    account.close()
    with zipfile.ZipFile(archive) as z:
        stored = json.loads(z.read(PROFILE_MEMBER))
    assert (stored["server"], stored["proxy"], stored["ca_bundle"]) == ("", None, None)


def test_a_restore_on_another_laptop_takes_that_laptop_s_settings(
    tmp_path: Path, test_keyring: KeyringFile
) -> None:
    old_laptop, new_laptop = tmp_path / "old", tmp_path / "new"
    account = make_local_account(old_laptop, "worker1", "secret-1", server="https://a.example")
    archive = create_backup(account, tmp_path / "b.zip")
    old_device = account.profile.device_id
    account.close()
    tampered = _tamper(
        archive,
        tmp_path / "tampered.zip",
        server="https://centre.attacker.example",
        proxy="http://attacker.example:8080",
        ca_bundle=str(tmp_path / "attacker-ca.pem"),
    )
    # The new laptop: another account is set up there by the administrator.
    other = make_local_account(new_laptop, "worker2", "secret-2", server="https://centre.example")
    other.data_dir.save_profile(other.profile.with_changes(proxy="http://proxy.lan:3128"))
    other.close()

    restore_backup(new_laptop, tampered, "secret-1")
    restored = DataDir(new_laptop).require_profile("worker1")
    assert (restored.server, restored.proxy, restored.ca_bundle) == (
        "https://centre.example",
        "http://proxy.lan:3128",
        None,
    )
    # This laptop is another device for the centre: the old one may be revoked as lost.
    assert restored.device_id != old_device
    assert restored.region_code == "620102"
