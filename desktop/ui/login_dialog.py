"""The login: online at the centre (first time, or to renew the token) or offline unlock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.store import Account, DataDir, login_online, unlock_offline
from desktop.ui.errors import Problem
from desktop.ui.operations import Operations
from sync.client import RetryPolicy
from sync.client.plain_http import sends_in_clear


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

        def work() -> Account:
            opened, _answer = login_online(
                root, server, user, password, retry=retry, allow_http=allow_http
            )
            return opened

        self._busy(True)
        self.ops.run(work, self._opened, self._failed)

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
