"""Login (online, offline) and sync from the window against the real centre on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.store import Account, BadPasswordError
from desktop.ui.errors import worker_text
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import Operations
from desktop.ui.record_model import state_label
from desktop.ui.workspace import Workspace
from sync.client import NetworkError, RetryPolicy
from tests.helpers.central import CentralProcess
from tests.helpers.central_records import records_in
from tests.helpers.client import KeyringFile
from tests.helpers.entry_form import person, type_by_keyboard
from tests.helpers.ui import login_dialog, settle, type_text

PASSWORD = "pw-worker-1"
FAST = RetryPolicy(attempts=3, base=0.05, cap=0.2)


def log_in(qtbot: QtBot, root: Path, ops: Operations, server: str, user: str) -> Account:
    """Type the login by keyboard and press Enter; the account the dialog opened."""
    dialog = login_dialog(qtbot, root, ops, server, user, FAST)
    type_text(qtbot, dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.opened, timeout=10_000) as opened:
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    account: Account = opened.args[0]
    return account


def test_log_in_enter_a_record_and_sync_it_to_the_centre(
    qtbot: QtBot,
    central_server: CentralProcess,
    tmp_path: Path,
    test_keyring: KeyringFile,
    ops: Operations,
    opened_accounts: list[Account],
    make_window: Callable[[Workspace], MainWindow],
) -> None:
    central_server.create_user("worker1", "worker", "620102", PASSWORD)
    account = log_in(qtbot, tmp_path / "laptop", ops, central_server.url, "worker1")
    opened_accounts.append(account)
    assert account.profile.region_code == "620102"
    window = make_window(Workspace(account, ops))
    window.control.retry = FAST
    qtbot.waitUntil(lambda: window.control.reachable is True, timeout=5000)
    window.activateWindow()
    type_by_keyboard(window, person())
    with qtbot.waitSignal(window.entry.saved) as saved:
        window.save()
    record_id = saved.args[0].record_id
    settle(qtbot, ops)
    assert window.queue.table.rowCount() == 1
    assert window.tabs.tabText(window.tabs.indexOf(window.queue)).endswith("(1)")

    with qtbot.waitSignal(window.control.finished, timeout=15_000) as done:
        qtbot.mouseClick(window.queue.sync_button, Qt.MouseButton.LeftButton)
    assert done.args[0].push.accepted == 1
    settle(qtbot, ops)
    # "received" counts others' changes: the worker's own record echoed back is not one.
    text = window.queue.tr("Sync done: {0} accepted, {1} refused, {2} conflicts, {3} received.")
    assert window.queue.status.text() == text.format(1, 0, 0, done.args[0].pull.applied)
    assert done.args[0].pull.applied == 0
    assert account.registry.get(record_id).state == "synced"
    assert window.queue.table.rowCount() == 0
    # The bar stays with the counts of the sync that ended well.
    assert not window.queue.bar.isHidden()
    assert window.queue.bar.text() == "1 of 1"
    # The record list shows the new state (of every year: the helper's person is of 2024).
    window.records.show_year(None)
    settle(qtbot, ops)
    model = window.records.model
    assert model.rowCount() == 1
    assert model.data(model.index(0, 4)) == state_label("synced")


def test_offline_unlock_and_a_wrong_password(
    qtbot: QtBot,
    central_server: CentralProcess,
    tmp_path: Path,
    test_keyring: KeyringFile,
    ops: Operations,
    opened_accounts: list[Account],
) -> None:
    central_server.create_user("worker2", "worker", "620102", PASSWORD)
    root = tmp_path / "laptop"
    log_in(qtbot, root, ops, central_server.url, "worker2").close()
    central_server.stop()
    dialog = LoginDialog(root, ops)
    qtbot.addWidget(dialog)
    assert dialog.username.text() == "worker2"
    assert dialog.offline.isEnabled()
    type_text(qtbot, dialog.password, "not-the-password")
    dialog.unlock()
    qtbot.waitUntil(lambda: dialog.message.text() != dialog.tr("Please wait..."))
    assert worker_text(BadPasswordError.user_message) == dialog.message.text()
    dialog.password.clear()
    type_text(qtbot, dialog.password, PASSWORD)
    with qtbot.waitSignal(dialog.opened) as opened:
        dialog.unlock()
    opened_accounts.append(opened.args[0])
    assert opened.args[0].profile.region_code == "620102"


def test_an_unreachable_centre_is_a_message_not_a_crash(
    qtbot: QtBot, tmp_path: Path, test_keyring: KeyringFile, ops: Operations
) -> None:
    dialog = LoginDialog(tmp_path / "laptop", ops, server_url="http://127.0.0.1:9", retry=FAST)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.username, "nobody")
    type_text(qtbot, dialog.password, "x")
    dialog.log_in_online()
    settle(qtbot, ops)
    assert worker_text(NetworkError.user_message) == dialog.message.text()
    assert dialog.online.isEnabled()


def test_sync_starts_by_itself_when_the_centre_comes_back(
    qtbot: QtBot,
    central_server: CentralProcess,
    tmp_path: Path,
    test_keyring: KeyringFile,
    ops: Operations,
    opened_accounts: list[Account],
    make_window: Callable[[Workspace], MainWindow],
) -> None:
    central_server.create_user("worker3", "worker", "620102", PASSWORD)
    account = log_in(qtbot, tmp_path / "laptop", ops, central_server.url, "worker3")
    opened_accounts.append(account)
    central_server.stop()
    window = make_window(Workspace(account, ops))
    window.control.retry = FAST
    qtbot.waitUntil(lambda: window.control.reachable is False, timeout=5000)
    assert window.online.text() == window.tr("Offline")
    saved = account.registry.save_record(person())
    central_server.start()
    with qtbot.waitSignal(window.control.finished, timeout=15_000):
        window.control.probe()  # what the timer does every PROBE_MS
    settle(qtbot, ops)
    assert window.control.reachable is True
    assert account.registry.get(saved.record_id).state == "synced"


def test_a_failed_sync_is_told_on_the_sync_line_and_the_last_good_one_kept(
    qtbot: QtBot,
    central_server: CentralProcess,
    tmp_path: Path,
    test_keyring: KeyringFile,
    ops: Operations,
    opened_accounts: list[Account],
    make_window: Callable[[Workspace], MainWindow],
) -> None:
    central_server.create_user("worker4", "worker", "620102", PASSWORD)
    account = log_in(qtbot, tmp_path / "laptop", ops, central_server.url, "worker4")
    opened_accounts.append(account)
    window = make_window(Workspace(account, ops))
    window.control.retry = FAST
    assert window.sync_line.text() == "Not synced yet"
    # No sync yet: no empty bar that reads as a text box.
    assert window.queue.bar.isHidden()
    with qtbot.waitSignal(window.control.started):
        window.control.sync_now()
    assert not window.queue.bar.isHidden()  # busy while it runs
    with qtbot.waitSignal(window.control.finished, timeout=15_000):
        pass
    settle(qtbot, ops)
    assert window.queue.bar.isHidden()  # nothing was sent: no counts to show
    assert window.sync_line.text().startswith("Last successful sync: 20")
    good = window.sync_line.text()

    central_server.stop()
    account.registry.save_record(person())
    with qtbot.waitSignal(window.control.failed, timeout=15_000):
        window.control.sync_now()
    settle(qtbot, ops)
    assert window.sync_line.text() == (
        "Cannot reach the centre; the records are kept on this computer and will sync by"
        f" themselves when the network is back. {good}"
    )
    assert window.findChildren(QMessageBox) == []  # no box to click away
    assert "HTTP" not in window.queue.status.text()
    assert window.queue.bar.isHidden()
    assert account.registry.status_counts()["syncing"] == 0

    again = make_window(Workspace(account, ops))  # as after a restart
    assert again.sync_line.text() == window.sync_line.text()

    # The centre is back with two records queued: the bar keeps the sync's own counts.
    central_server.start()
    account.registry.save_record(records_in(["620102001"], 1, seed=77)[0])
    with qtbot.waitSignal(window.control.finished, timeout=15_000) as done:
        window.control.sync_now()
    settle(qtbot, ops)
    assert done.args[0].push.accepted == 2
    assert window.queue.bar.text() == "2 of 2"
