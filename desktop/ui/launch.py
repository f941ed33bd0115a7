"""``realname-desktop`` with no command: the login, then the main window.

``run()`` is the entry point the command line calls. The window opens on an account that
the login dialog opened; closing the account (a restore) brings the login back.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from desktop.store import Account, default_data_dir
from desktop.store.accounts import ENV_DATA_DIR
from desktop.ui.appearance import apply_appearance
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.operations import Operations
from desktop.ui.preferences import Preferences
from desktop.ui.translation import install

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

APP_NAME = "realname-desktop"


def application(argv: list[str] | None = None, language: str | None = None) -> QApplication:
    """The QApplication (made once), with the chosen language installed."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else [APP_NAME])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName("realname-registry")
    preferences = Preferences()
    lang = language or preferences.language
    app.setProperty("translators", install(app, lang))
    apply_appearance(app, preferences.font_scale)
    return app


class Program:
    """The login dialog and the window of the open account, one after the other."""

    def __init__(self, data_dir: Path, server_url: str | None, preferences: Preferences) -> None:
        self.data_dir = data_dir
        self.server_url = server_url
        self.preferences = preferences
        self.ops = Operations()
        self.window: MainWindow | None = None
        self.login: LoginDialog | None = None

    def show_login(self) -> LoginDialog:
        """Show the login dialog (non-modal)."""
        self.login = LoginDialog(self.data_dir, self.ops, server_url=self.server_url)
        self.login.opened.connect(self.open_window)
        self.login.show()
        return self.login

    def open_window(self, account: Account) -> MainWindow:
        """The main window of ``account``."""
        # Its screens load here, after the login shows: the worker sees the login sooner,
        # and types the password while nothing else waits.
        from desktop.ui.main_window import MainWindow
        from desktop.ui.workspace import Workspace

        workspace = Workspace(account, self.ops)
        self.window = MainWindow(workspace, self.preferences)
        self.window.logged_out.connect(self._logged_out)
        self.window.show()
        self.window.start()
        return self.window

    def _logged_out(self) -> None:
        if self.window is not None:
            self.window.hide()
            self.window.deleteLater()
            self.window = None
        self.show_login()

    def close(self) -> None:
        """Let running work finish, then close the account, when the program ends."""
        self.ops.shutdown()
        if self.window is not None:
            self.window.workspace.account.close()


def run(data_dir: Path, *, server_url: str | None = None, argv: list[str] | None = None) -> int:
    """Open the login and then the main window; the program's exit code."""
    preferences = Preferences()
    if preferences.data_dir and not os.environ.get(ENV_DATA_DIR) and data_dir == default_data_dir():
        data_dir = preferences.data_dir
    app = application(argv if argv is not None else sys.argv[:1], preferences.language)
    program = Program(data_dir, server_url, preferences)
    program.show_login()
    code = app.exec()
    program.close()
    return int(code)


if __name__ == "__main__":
    raise SystemExit(run(default_data_dir()))
