"""A laptop revoked at the centre: as lost, it erases the account's local data when told;
revoked otherwise, it only refuses. Against the real centre on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest

from desktop.store import DataDir, login_online
from desktop.store.session import set_new_password
from sync.central.account_admin import reset_password, revoke_device
from sync.central.db import make_engine
from sync.central.settings import Settings
from sync.client import DeviceRevokedError, PasswordChangeRequiredError
from sync.client.credentials import SERVICE
from tests.helpers.central import CentralProcess
from tests.helpers.client import FAST, PASSWORD, KeyringFile, unique_samples


def _revoke(centre: CentralProcess, device_id: str, *, wipe: bool) -> None:
    engine = make_engine(centre.db_url)
    try:
        revoke_device(engine, None, device_id, wipe=wipe)
    finally:
        engine.dispose()


def test_a_laptop_revoked_as_lost_erases_the_account_when_told(
    central_server: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    central_server.create_user("lost1", "worker", "620102", PASSWORD)
    central_server.create_user("kept1", "worker", "620102", PASSWORD)
    root = tmp_path / "laptop"
    for name in ("kept1", "lost1"):
        account, _ = login_online(root, central_server.url, name, PASSWORD, retry=FAST)
        account.registry.save_record(unique_samples(1, region="620102")[0])
        account.close()
    data_dir = DataDir(root)
    lost = data_dir.require_profile("lost1")
    folder = data_dir.account_dir("lost1")
    assert (folder / "registry.db").exists()
    _revoke(central_server, lost.device_id, wipe=True)

    with pytest.raises(DeviceRevokedError) as told:
        login_online(root, central_server.url, "lost1", PASSWORD, retry=FAST)
    assert told.value.wiped is True
    assert "本机上该账户的数据已全部清除" in str(told.value)
    assert not folder.exists()
    assert keyring.get_password(SERVICE, "dbkey:lost1") is None
    assert keyring.get_password(SERVICE, "token:lost1") is None
    assert data_dir.accounts() == ["kept1"]
    assert data_dir.last_account() is None
    # The other account on the laptop keeps everything.
    assert (data_dir.account_dir("kept1") / "registry.db").exists()
    assert keyring.get_password(SERVICE, "dbkey:kept1") is not None


def test_a_revoked_laptop_without_wipe_keeps_its_data(
    central_server: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    central_server.create_user("old1", "worker", "620102", PASSWORD)
    root = tmp_path / "laptop"
    account, _ = login_online(root, central_server.url, "old1", PASSWORD, retry=FAST)
    account.close()
    _revoke(central_server, DataDir(root).require_profile("old1").device_id, wipe=False)
    with pytest.raises(DeviceRevokedError) as told:
        login_online(root, central_server.url, "old1", PASSWORD, retry=FAST)
    assert (told.value.wipe, told.value.wiped) == (False, False)
    assert "此电脑已被管理员停用" in str(told.value)
    assert (DataDir(root).account_dir("old1") / "registry.db").exists()


def test_a_one_time_password_is_changed_then_logs_in(
    central_server: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> None:
    central_server.create_user("fresh1", "worker", "620102", PASSWORD)
    engine = make_engine(central_server.db_url)
    try:
        otp = reset_password(engine, Settings(scrypt_n=16), None, "fresh1")
    finally:
        engine.dispose()
    root = tmp_path / "laptop"
    with pytest.raises(PasswordChangeRequiredError):
        login_online(root, central_server.url, "fresh1", otp, retry=FAST)
    set_new_password(root, central_server.url, "fresh1", otp, "a-new-secret-42", retry=FAST)
    account, answer = login_online(root, central_server.url, "fresh1", "a-new-secret-42")
    account.close()
    assert answer.user.username == "fresh1"
