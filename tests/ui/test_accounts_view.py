"""账户: staff list, add, reset, disable, enable and revoke worker accounts from the screen, against
the real centre on 127.0.0.1; offline the screen says that it needs the network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.store import Account, login_online
from desktop.ui.accounts_view import AccountsView, AddAccountDialog, RevokeDialog
from desktop.ui.operations import Operations
from desktop.ui.workspace import Workspace
from sync.central.db import make_engine
from sync.central.tables import devices
from sync.client.accounts import AccountsOfflineError
from tests.helpers.central import API, CentralProcess
from tests.helpers.client import FAST, PASSWORD, KeyringFile
from tests.helpers.ui import settle, type_text


@pytest.fixture
def staff(
    central_server: CentralProcess, tmp_path: Path, test_keyring: KeyringFile
) -> Iterator[Account]:
    """A county account logged in on this laptop; a worker of its county with a laptop."""
    central_server.create_user("county1", "county", "620102", PASSWORD)
    central_server.create_user("worker1", "worker", "620102", PASSWORD)
    central_server.create_user("faraway", "worker", "620201", PASSWORD)
    answer = httpx.post(
        f"{central_server.url}{API}/auth/login",
        json={"username": "worker1", "password": PASSWORD, "device_id": "laptop-1"},
        headers={"User-Agent": "realname-desktop/1.2.3"},
    )
    assert answer.status_code == 200
    account, _ = login_online(tmp_path / "laptop", central_server.url, "county1", PASSWORD)
    yield account
    account.close()


def _view(qtbot: QtBot, staff: Account, ops: Operations) -> AccountsView:
    view = AccountsView(Workspace(staff, ops))
    qtbot.addWidget(view)
    view.show()  # shown: it fetches the list
    settle(qtbot, ops)
    return view


def _cells(view: AccountsView) -> list[list[str]]:
    table = view.table
    return [
        [table.item(r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _click(qtbot: QtBot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _login_code(server: CentralProcess, user: str, password: str, device: str) -> object:
    answer = httpx.post(
        f"{server.url}{API}/auth/login",
        json={"username": user, "password": password, "device_id": device},
    )
    return answer.json().get("code") if answer.status_code == 403 else answer.status_code


def test_staff_list_and_add_a_worker_with_a_one_time_password(
    qtbot: QtBot, central_server: CentralProcess, staff: Account, ops: Operations
) -> None:
    view = _view(qtbot, staff, ops)
    rows = _cells(view)
    assert len(rows) == 1  # the worker of another county is not listed
    username, _name, region, status, last, version, laptops = rows[0]
    assert (username, region, status, version, laptops) == (
        "worker1",
        "城关区",
        view.tr("Active"),
        "1.2.3",
        "1",
    )
    assert last.startswith("20")
    _click(qtbot, view.add_button)
    dialog = view.dialog
    assert isinstance(dialog, AddAccountDialog)
    type_text(qtbot, dialog.username, "bad name")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.problem.text() == dialog.tr(
        "User name: letters, digits and . _ @ - only, at most 64."
    )
    dialog.username.clear()
    type_text(qtbot, dialog.username, "worker2")
    type_text(qtbot, dialog.display_name, "李四")
    dialog.accept()
    settle(qtbot, ops)
    box = view.dialog
    assert isinstance(box, QMessageBox)
    assert box.objectName() == "one_time_password_box"
    lines = box.text().splitlines()
    otp = lines[lines.index(box.tr("One-time password of {0}:").format("worker2")) + 2]
    assert len(otp) == 14
    assert _login_code(central_server, "worker2", otp, "new-laptop") == "password_change_required"
    assert sorted(r[0] for r in _cells(view)) == ["worker1", "worker2"]
    status = {r[0]: r[3] for r in _cells(view)}
    assert status["worker2"] == view.tr("One-time password")


def test_staff_reset_revoke_and_disable(
    qtbot: QtBot, central_server: CentralProcess, staff: Account, ops: Operations
) -> None:
    view = _view(qtbot, staff, ops)
    view.table.selectRow(0)
    _click(qtbot, view.reset_button)
    confirm = view.dialog
    assert isinstance(confirm, QMessageBox)
    yes = confirm.findChild(QPushButton, "accounts_confirm_yes")
    _click(qtbot, yes)
    settle(qtbot, ops)
    assert view.dialog is not None
    assert view.dialog.objectName() == "one_time_password_box"
    assert _login_code(central_server, "worker1", PASSWORD, "x") == 401

    view.table.selectRow(0)
    _click(qtbot, view.revoke_button)
    revoke = view.dialog
    assert isinstance(revoke, RevokeDialog)
    assert revoke.device.count() == 1
    revoke.wipe.setChecked(True)
    revoke.accept()
    settle(qtbot, ops)
    engine = make_engine(central_server.db_url)
    with engine.connect() as conn:
        laptop = conn.execute(select(devices).where(devices.c.device_id == "laptop-1")).one()
    engine.dispose()
    assert laptop.revoked_at is not None
    assert laptop.wipe is True
    assert view.message.text() == view.tr(
        "The laptop of {0} is revoked; it erases the account's data when it next "
        "contacts the centre."
    ).format("worker1")
    assert _cells(view)[0][6] == view.tr("{0} ({1} revoked)").format(1, 1)

    view.table.selectRow(0)
    assert not view.revoke_button.isEnabled()  # no laptop left to revoke
    _click(qtbot, view.disable_button)
    _click(qtbot, view.dialog.findChild(QPushButton, "accounts_confirm_yes"))
    settle(qtbot, ops)
    assert _cells(view)[0][3] == view.tr("Disabled")
    assert view.message.text() == view.tr("{0} is disabled.").format("worker1")


def test_staff_enable_an_account_disabled_by_mistake_by_keyboard(
    qtbot: QtBot, central_server: CentralProcess, staff: Account, ops: Operations
) -> None:
    view = _view(qtbot, staff, ops)
    view.table.selectRow(0)
    assert (view.disable_button.isEnabled(), view.enable_button.isEnabled()) == (True, False)
    _click(qtbot, view.disable_button)
    _click(qtbot, view.dialog.findChild(QPushButton, "accounts_confirm_yes"))
    settle(qtbot, ops)
    assert _login_code(central_server, "worker1", PASSWORD, "x") == "account_disabled"
    view.table.selectRow(0)
    assert (view.disable_button.isEnabled(), view.enable_button.isEnabled()) == (False, True)
    assert view.enable_button.accessibleName() == view.tr("Enable the account again")
    view.enable_button.setFocus()
    qtbot.keyClick(view.enable_button, Qt.Key.Key_Space)
    confirm = view.dialog
    assert isinstance(confirm, QMessageBox)
    assert confirm.text() == view.tr(
        "Enable {0} again? It may log in again; its laptops must log in with the password."
    ).format("worker1")
    qtbot.keyClick(confirm, Qt.Key.Key_Return)  # Yes is the box's default
    settle(qtbot, ops)
    assert _cells(view)[0][3] == view.tr("Active")
    assert view.message.text() == view.tr("{0} is enabled again.").format("worker1")
    assert (view.disable_button.isEnabled(), view.enable_button.isEnabled()) == (True, False)
    assert _login_code(central_server, "worker1", PASSWORD, "x") == 200


def test_offline_the_screen_says_it_needs_the_network(
    qtbot: QtBot, central_server: CentralProcess, staff: Account, ops: Operations
) -> None:
    view = _view(qtbot, staff, ops)
    central_server.stop()
    view.retry = FAST
    view.refresh()
    settle(qtbot, ops, timeout=15_000)
    assert view.message.text() == AccountsOfflineError.user_message
