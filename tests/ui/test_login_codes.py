"""The login dialog and the centre's login codes: a one-time password is replaced (asked
twice, the policy's message as it is typed), a disabled account and a revoked laptop are
told in plain words, and a laptop revoked as lost erases the account, whether the login or
an open window's sync is told."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.store import Account, DataDir
from desktop.ui.login_dialog import LoginDialog, NewPasswordDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import Operations
from desktop.ui.workspace import Workspace
from sync.central.account_admin import disable_user, reset_password, revoke_device
from sync.central.db import make_engine
from sync.central.settings import Settings
from sync.client import AccountDisabledError
from sync.client.credentials import SERVICE
from tests.helpers.central import CentralProcess
from tests.helpers.client import FAST, PASSWORD, KeyringFile
from tests.helpers.ui import login_dialog, settle, type_text

NEW = "my-own-secret-7"


def test_a_one_time_password_asks_for_a_new_one_twice(
    qtbot: QtBot,
    central_server: CentralProcess,
    tmp_path: Path,
    test_keyring: KeyringFile,
    ops: Operations,
    opened_accounts: list[Account],
) -> None:
    central_server.create_user("fresh", "worker", "620102", PASSWORD)
    engine = make_engine(central_server.db_url)
    otp = reset_password(engine, Settings(scrypt_n=16), None, "fresh")
    engine.dispose()
    dialog = login_dialog(qtbot, tmp_path / "laptop", ops, central_server.url, "fresh", FAST)
    type_text(qtbot, dialog.password, otp)
    qtbot.mouseClick(dialog.online, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.new_password_dialog is not None)
    asked = dialog.new_password_dialog
    assert isinstance(asked, NewPasswordDialog)
    assert dialog.message.text() == dialog.tr(
        "This is a one-time password: set a new password first."
    )
    type_text(qtbot, asked.first, "short")
    assert asked.problem.text() == "密码至少要有 10 个字符"
    assert not asked.ok.isEnabled()
    asked.first.clear()
    type_text(qtbot, asked.first, NEW)
    type_text(qtbot, asked.second, NEW[:-1])
    assert asked.problem.text() == asked.tr("The two entries differ.")
    type_text(qtbot, asked.second, NEW[-1])
    assert asked.problem.text() == ""
    assert asked.ok.isEnabled()
    with qtbot.waitSignal(dialog.opened, timeout=10_000) as opened:
        qtbot.mouseClick(asked.ok, Qt.MouseButton.LeftButton)
    account: Account = opened.args[0]
    opened_accounts.append(account)
    assert account.username == "fresh"


def test_a_disabled_account_and_a_lost_laptop_are_told_in_plain_words(
    qtbot: QtBot,
    central_server: CentralProcess,
    tmp_path: Path,
    test_keyring: KeyringFile,
    ops: Operations,
) -> None:
    central_server.create_user("gone", "worker", "620102", PASSWORD)
    central_server.create_user("lost", "worker", "620102", PASSWORD)
    root = tmp_path / "laptop"
    dialog = login_dialog(qtbot, root, ops, central_server.url, "lost", FAST)
    type_text(qtbot, dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.opened, timeout=10_000) as opened:
        dialog.log_in_online()
    opened.args[0].close()
    engine = make_engine(central_server.db_url)
    disable_user(engine, None, "gone")
    revoke_device(engine, None, DataDir(root).require_profile("lost").device_id, wipe=True)
    engine.dispose()

    for user, expected in (
        ("gone", AccountDisabledError.user_message),
        ("lost", "此电脑已被管理员按丢失注销，本机上该账户的数据已全部清除"),
    ):
        dialog = login_dialog(qtbot, root, ops, central_server.url, user, FAST)
        type_text(qtbot, dialog.password, PASSWORD)
        dialog.log_in_online()
        settle(qtbot, ops, timeout=10_000)
        assert expected in dialog.message.text()
    assert DataDir(root).accounts() == []


def test_a_window_told_its_laptop_is_lost_erases_and_closes(
    qtbot: QtBot,
    central_server: CentralProcess,
    tmp_path: Path,
    test_keyring: KeyringFile,
    ops: Operations,
    make_window: Callable[[Workspace], MainWindow],
) -> None:
    central_server.create_user("field", "worker", "620102", PASSWORD)
    root = tmp_path / "laptop"
    dialog = login_dialog(qtbot, root, ops, central_server.url, "field", FAST)
    type_text(qtbot, dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.opened, timeout=10_000) as opened:
        dialog.log_in_online()
    account: Account = opened.args[0]
    window = make_window(Workspace(account, ops))
    window.control.retry = FAST
    folder = DataDir(root).account_dir("field")
    engine = make_engine(central_server.db_url)
    revoke_device(engine, None, account.profile.device_id, wipe=True)
    engine.dispose()
    with qtbot.waitSignal(window.logged_out, timeout=10_000):
        window.control.sync_now()
    assert account.erased
    assert not folder.exists()
    assert test_keyring.backend.get_password(SERVICE, "dbkey:field") is None
    assert test_keyring.backend.get_password(SERVICE, "token:field") is None
    told = LoginDialog(root, ops)
    qtbot.addWidget(told)
    assert told.message.text() == told.tr(
        "This laptop was revoked as lost: the data of {0} on it has been erased. "
        "Records already synced are safe at the centre."
    ).format("field")
    assert LoginDialog(root, ops).message.text() == ""  # told once
