"""The program's flow: login then window; restoring a backup brings the login back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.store import Account, open_account
from desktop.ui.launch import Program
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.preferences import Preferences
from tests.helpers.client import KeyringFile, make_local_account
from tests.helpers.entry_form import person
from tests.helpers.ui import settle, type_text


def test_offline_login_opens_the_window_and_a_restore_returns_to_the_login(
    qtbot: QtBot, data_dir: Path, test_keyring: KeyringFile, preferences: Preferences
) -> None:
    make_local_account(data_dir).close()
    program = Program(data_dir, None, preferences)
    login = program.show_login()
    qtbot.addWidget(login)
    assert isinstance(login, LoginDialog)
    type_text(qtbot, login.password, "secret-1")
    with qtbot.waitSignal(login.opened):
        login.unlock()
    window = program.window
    assert isinstance(window, MainWindow)
    settle(qtbot, program.ops)
    window.control.probe_timer.stop()
    account: Account = window.workspace.account
    kept = person()
    account.registry.save_record(kept)
    backup = data_dir.parent / "backup.zip"
    window.settings.backup(backup)
    settle(qtbot, program.ops)
    # The same person's record of a later year, saved after the backup.
    later = person(record_id="00000000-0000-4000-8000-00000000cafe", survey_date="2025-06-10")
    account.registry.save_record(later)

    with qtbot.waitSignal(window.logged_out, timeout=5000):
        window.restore(backup, "secret-1")
    settle(qtbot, program.ops)
    assert program.window is None
    assert program.login is not None
    assert program.login.isVisible()
    qtbot.addWidget(program.login)
    reopened = open_account(data_dir)
    try:
        assert reopened.registry.ids() == [kept["record_id"]]
    finally:
        reopened.close()
    program.ops.shutdown()


def test_ctrl_n_starts_an_empty_record(qtbot: QtBot, window: MainWindow) -> None:
    form = window.entry
    type_text(qtbot, form.inputs["name"], "张三")
    first = form.record_id
    window.activateWindow()
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(form.inputs["name"], Qt.Key.Key_N, ctrl)
    settle(qtbot, window.ops)
    assert form.inputs["name"].value() is None
    assert form.record_id != first
    assert form.loaded is None
    assert window.workspace.registry.get(first).state == "draft"  # what was typed is kept
