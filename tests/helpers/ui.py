"""Fixtures for the screens (pytest-qt, offscreen): operations, a workspace, the main window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.store import Account
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import Operations
from desktop.ui.preferences import Preferences
from desktop.ui.translation import install
from desktop.ui.workspace import Workspace
from sync.client import RetryPolicy
from tests.helpers.client import FAST

WAIT_MS = 5000


def settle(qtbot: QtBot, ops: Operations, timeout: int = WAIT_MS) -> None:
    """Wait until every operation started so far (and any they started) has delivered."""
    qtbot.waitUntil(lambda: ops.pending == 0, timeout=timeout)


@pytest.fixture
def preferences(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Preferences:
    """Preferences in a file of this test only (also for code that makes its own)."""
    path = tmp_path / "desktop.ini"
    monkeypatch.setenv("REALNAME_UI_PREFERENCES", str(path))
    return Preferences(path)


@pytest.fixture
def chinese(qtbot: QtBot) -> Iterator[None]:
    """The program's Simplified Chinese translation installed for the test, as a worker's
    laptop runs it."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install(app)
    yield
    for translator in translators:
        app.removeTranslator(translator)


@pytest.fixture
def ops(qtbot: QtBot) -> Iterator[Operations]:
    """Operations on the real thread pool; the test ends only when they have all delivered."""
    runner = Operations()
    yield runner
    settle(qtbot, runner)
    runner.shutdown()


@pytest.fixture
def workspace(account: Account, ops: Operations) -> Workspace:
    """The local test account (region 620102 城关区) with real operations."""
    return Workspace(account, ops)


@pytest.fixture
def opened_accounts() -> Iterator[list[Account]]:
    """Accounts a test opened itself (online login): closed after their windows."""
    accounts: list[Account] = []
    yield accounts
    for account in accounts:
        account.close()


@pytest.fixture
def make_window(
    qtbot: QtBot, preferences: Preferences, opened_accounts: list[Account], ops: Operations
) -> Iterator[Callable[[Workspace], MainWindow]]:
    """Build, show and start main windows; each is closed (autosave included) at the end,
    before the accounts of ``opened_accounts`` are."""
    made: list[MainWindow] = []

    def make(workspace: Workspace) -> MainWindow:
        # Not qtbot.addWidget: pytest-qt would close it after the account is closed; the
        # fixtures close it first, then let its last operations deliver.
        window = MainWindow(workspace, preferences)
        window.show()
        qtbot.waitExposed(window)
        window.start()
        settle(qtbot, workspace.ops)
        made.append(window)
        return window

    yield make
    for window in made:
        close_window(qtbot, window)


@pytest.fixture
def window_of(
    ops: Operations,
    opened_accounts: list[Account],
    make_window: Callable[[Workspace], MainWindow],
) -> Callable[[Account], MainWindow]:
    """The main window of an account the test opened (a laptop logged in at the centre):
    the account is closed after its window; the window's syncs retry quickly."""

    def open_window(account: Account) -> MainWindow:
        opened_accounts.append(account)
        window = make_window(Workspace(account, ops))
        window.control.retry = FAST
        return window

    return open_window


def close_window(qtbot: QtBot, window: MainWindow) -> None:
    """Close ``window`` as the worker would (autosave included) and let its work finish."""
    settle(qtbot, window.ops)
    window.close()
    settle(qtbot, window.ops)
    window.deleteLater()


@pytest.fixture
def window(
    qtbot: QtBot, make_window: Callable[[Workspace], MainWindow], workspace: Workspace
) -> Iterator[MainWindow]:
    """The main window of the local test account, closed before the account is."""
    made = make_window(workspace)
    yield made
    close_window(qtbot, made)


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type ``text`` into ``widget``: ASCII as key presses, Chinese as an input method commits
    it (QTest cannot press non-ASCII keys, and a Chinese worker types through an IME)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def login_dialog(
    qtbot: QtBot, root: Path, ops: Operations, server: str, user: str, retry: RetryPolicy
) -> LoginDialog:
    """The login dialog of the laptop folder ``root``, shown, with the centre's address and
    the user name typed by keyboard (the password is the test's to type)."""
    dialog = LoginDialog(root, ops, retry=retry)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.server.clear()
    type_text(qtbot, dialog.server, server)
    dialog.username.clear()
    type_text(qtbot, dialog.username, user)
    return dialog
