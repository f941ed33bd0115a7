"""The login: online at the centre (first time, or to renew the token) or offline unlock.

An account with a one-time password (new, or reset by the administrator) is asked for a new
password, twice, checked against the password policy as it is typed; the centre takes it and
the login goes on with it. A disabled account or a revoked laptop is told so in plain words;
a laptop revoked as lost has erased the account's data by then (desktop/store/erasing.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.store import Account, DataDir, login_online, set_new_password, unlock_offline
from desktop.store.erasing import take_erased_notice
from desktop.ui.errors import Problem
from desktop.ui.operations import Operations
from sync.client import PasswordChangeRequiredError, RetryPolicy
from sync.client.plain_http import sends_in_clear
from sync.contract.passwords import password_problem


class NewPasswordDialog(QDialog):
    """Asks for a new password twice; the password policy's message shows as it is typed."""

    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("new_password_dialog")
        self.username = username
        self.setWindowTitle(self.tr("Set a new password"))
        intro = QLabel(
            self.tr(
                "You logged in with a one-time password. Choose your own password now: "
                "at least 10 characters, not your user name, not a common password."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.first = QLineEdit(self)
        self.first.setObjectName("new_password")
        self.second = QLineEdit(self)
        self.second.setObjectName("new_password_again")
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textChanged.connect(self._check)
        self.problem = QLabel(self)
        self.problem.setObjectName("new_password_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setObjectName("set_new_password")
        self.ok.setText(self.tr("Set password"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("New password"), self.first)
        form.addRow(self.tr("New password again"), self.second)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addLayout(form)
        column.addWidget(self.problem)
        column.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        typed = self.first.text()
        problem = password_problem(typed, self.username) if typed else None
        if problem is None and self.second.text() and self.second.text() != typed:
            problem = self.tr("The two entries differ.")
        self.problem.setText(problem or "")
        self.ok.setEnabled(bool(typed) and problem is None and self.second.text() == typed)

    def password(self) -> str:
        """The new password (valid once the dialog is accepted)."""
        return self.first.text()


class LoginDialog(QDialog):
    """Asks for the centre, the user name and the password; emits the opened account."""

    opened = Signal(object)  # Account

    def __init__(
        self,
        data_dir: Path,
        ops: Operations,
        *,
        server_url: str | None = None,
        retry: RetryPolicy | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.ops = ops
        self.retry = retry
        self.new_password_dialog: NewPasswordDialog | None = None
        self.setWindowTitle(self.tr("Log in - Disabled persons' employment registry"))
        known = DataDir(data_dir)
        last = known.last_account()
        profile = known.profile(last) if last else None
        self.server = QLineEdit(server_url or (profile.server if profile else ""), self)
        self.server.setObjectName("server")
        self.server.setPlaceholderText("https://")
        self.username = QLineEdit(last or "", self)
        self.username.setObjectName("username")
        self.password = QLineEdit(self)
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel(self)
        self.message.setObjectName("login_message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.online = QPushButton(self.tr("Log in online"), self)
        self.online.setObjectName("login_online")
        self.online.setDefault(True)
        self.offline = QPushButton(self.tr("Unlock offline"), self)
        self.offline.setObjectName("unlock_offline")
        self.offline.setEnabled(bool(known.accounts()))
        heading = QLabel(
            self.tr("Disabled persons' employment and training real-name registry"), self
        )
        heading.setStyleSheet("font-size: 16pt; font-weight: bold; margin-bottom: 8px;")
        form = QFormLayout()
        form.addRow(self.tr("Centre address"), self.server)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.offline)
        buttons.addWidget(self.online)
        column = QVBoxLayout(self)
        column.addWidget(heading)
        column.addLayout(form)
        column.addWidget(self.message)
        column.addLayout(buttons)
        self.online.clicked.connect(self.log_in_online)
        self.offline.clicked.connect(self.unlock)
        (self.password if last else self.username).setFocus()
        erased = take_erased_notice(data_dir)
        if erased:
            self.message.setText(
                self.tr(
                    "This laptop was revoked as lost: the data of {0} on it has been erased. "
                    "Records already synced are safe at the centre."
                ).format(", ".join(erased))
            )

    def _busy(self, busy: bool) -> None:
        for widget in (self.online, self.offline, self.server, self.username, self.password):
            widget.setEnabled(not busy)
        if busy:
            self.message.setText(self.tr("Please wait..."))
            self.message.setStyleSheet("")

    def log_in_online(self) -> None:
        """Log in at the centre (off the GUI thread)."""
        root, server, user = self.data_dir, self.server.text().strip(), self.username.text().strip()
        password, retry = self.password.text(), self.retry
        if not server or not user:
            self._failed(Problem(self.tr("Enter the centre address and the user name."), True))
            return
        allow_http = sends_in_clear(server)
        if allow_http and not self.confirm_plain_http(server):
            self._failed(Problem(self.tr("Not sent: the connection is not encrypted."), True))
            return

        def work() -> Account | None:
            try:
                opened, _answer = login_online(
                    root, server, user, password, retry=retry, allow_http=allow_http
                )
            except PasswordChangeRequiredError:
                return None  # a one-time password: ask for a new one
            return opened

        def answered(opened: Account | None) -> None:
            if opened is None:
                self._ask_new_password(server, user, password, allow_http)
            else:
                self._opened(opened)

        self._busy(True)
        self.ops.run(work, answered, self._failed)

    def _ask_new_password(self, server: str, user: str, one_time: str, allow_http: bool) -> None:
        self._busy(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("This is a one-time password: set a new password first."))
        dialog = NewPasswordDialog(user, self)
        self.new_password_dialog = dialog
        root, retry = self.data_dir, self.retry

        def work() -> Account:
            new = dialog.password()
            set_new_password(root, server, user, one_time, new, retry=retry, allow_http=allow_http)
            opened, _answer = login_online(
                root, server, user, new, retry=retry, allow_http=allow_http
            )
            return opened

        def chosen() -> None:
            self._busy(True)
            self.ops.run(work, self._opened, self._failed)

        dialog.accepted.connect(chosen)
        dialog.open()

    def confirm_plain_http(self, server: str) -> bool:
        """Ask before the password goes over plain HTTP to another machine; True to send."""
        box = QMessageBox(self)
        box.setObjectName("plain_http_warning")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Unencrypted connection"))
        box.setText(
            self.tr(
                "The centre address {0} is not encrypted (http://): your password would cross "
                "the network in plain text, and anyone on the way could read it.\n\n"
                "Ask your administrator for the https:// address. Send the password anyway?"
            ).format(server)
        )
        send = box.addButton(self.tr("Send anyway"), QMessageBox.ButtonRole.AcceptRole)
        send.setObjectName("send_plain_http")
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancel_plain_http")
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is send

    def unlock(self) -> None:
        """Open an account that logged in here before, without the network."""
        root, user, password = self.data_dir, self.username.text().strip(), self.password.text()
        self._busy(True)
        self.ops.run(lambda: unlock_offline(root, user, password), self._opened, self._failed)

    def _opened(self, account: Account) -> None:
        self._busy(False)
        self.message.clear()
        self.password.clear()
        self.opened.emit(account)
        self.accept()

    def _failed(self, problem: Problem) -> None:
        self._busy(False)
        self.offline.setEnabled(bool(DataDir(self.data_dir).accounts()))
        self.message.setStyleSheet("color: #c62828;")
        self.message.setText(problem.message)
        self.password.setFocus()
        self.password.selectAll()
