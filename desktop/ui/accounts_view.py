"""账户: county, city and province staff manage the worker accounts of their region.

The list (last contact and program version of each account's laptops, as the centre knows
them), adding an account, resetting its password, disabling it (and enabling one disabled
by mistake) and revoking a laptop all
happen at the centre: every action is one call through an operation, online only, and
offline the screen says so. A one-time password is shown once, in a box that can be copied.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.errors import Problem
from desktop.ui.workspace import Workspace
from sync.client import RetryPolicy

if TYPE_CHECKING:
    from sync.client import CentralClient
    from sync.contract.accounts_wire import AccountOut, NewAccount, OneTimePassword

T = TypeVar("T")


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else ""


class AddAccountDialog(QDialog):
    """The new worker account's user name, name, region and phone."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("add_account_dialog")
        self.setWindowTitle(self.tr("Add a worker account"))
        self.username = QLineEdit(self)
        self.username.setObjectName("new_username")
        self.display_name = QLineEdit(self)
        self.display_name.setObjectName("new_display_name")
        self.region = QComboBox(self)
        self.region.setObjectName("new_region")
        for region in workspace.scope:
            self.region.addItem(f"{region.name} ({region.code})", region.code)
        self.phone = QLineEdit(self)
        self.phone.setObjectName("new_phone")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("add_account_ok")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.problem = QLabel(self)
        self.problem.setObjectName("new_account_problem")
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.setWordWrap(True)
        self.entered: NewAccount | None = None
        form = QFormLayout(self)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Name"), self.display_name)
        form.addRow(self.tr("Region"), self.region)
        form.addRow(self.tr("Phone"), self.phone)
        form.addRow(self.problem)
        form.addRow(buttons)

    def accept(self) -> None:
        """Close only with values the centre can take (it checks them again)."""
        from pydantic import ValidationError

        from sync.contract.accounts_wire import NewAccount

        try:
            self.entered = NewAccount(
                username=self.username.text().strip(),
                region_code=str(self.region.currentData() or ""),
                display_name=self.display_name.text().strip(),
                phone=self.phone.text().strip(),
            )
        except ValidationError as exc:
            field = str(exc.errors()[0]["loc"][0])
            self.problem.setText(self._problem(field))
            return
        super().accept()

    def _problem(self, field: str) -> str:
        if field == "username":
            return self.tr("User name: letters, digits and . _ @ - only, at most 64.")
        if field == "phone":
            return self.tr("Phone: 6 to 20 digits (- and a leading + allowed), or empty.")
        if field == "region_code":
            return self.tr("Choose the region.")
        return self.tr("Name: at most 64 characters.")


class RevokeDialog(QDialog):
    """Which laptop of the account to revoke, and whether it is lost (erase its data)."""

    def __init__(self, account: AccountOut, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("revoke_dialog")
        self.setWindowTitle(self.tr("Revoke a laptop of {0}").format(account.username))
        self.device = QComboBox(self)
        self.device.setObjectName("revoke_device")
        for device in account.devices:
            if device.revoked_at is None:
                label = self.tr("{0}, last contact {1}, version {2}").format(
                    device.device_id, _when(device.last_seen_at), device.app_version or "?"
                )
                self.device.addItem(label, device.device_id)
        self.wipe = QCheckBox(
            self.tr("The laptop is lost or stolen: erase this account's data on it"), self
        )
        self.wipe.setObjectName("revoke_wipe")
        note = QLabel(
            self.tr(
                "The laptop can no longer log in to this account or sync. Records it has not "
                "synced yet cannot reach the centre any more. For a lost laptop, also reset "
                "the account's password."
            ),
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setObjectName("revoke_ok")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.device)
        column.addWidget(self.wipe)
        column.addWidget(note)
        column.addWidget(buttons)


class AccountsView(QWidget):
    """The worker accounts of the region, and what staff can do with them."""

    HEADERS = ("User name", "Name", "Region", "Status", "Last contact", "Version", "Laptops")

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.ops = workspace.ops
        # A person waits for the answer: a few quick retries, not a sync's patient ones.
        self.retry = RetryPolicy(attempts=3, base=0.3, cap=2.0)
        self.accounts: list[AccountOut] = []
        self.dialog: QDialog | None = None  # the dialog or message box open now, if any
        self.table = QTableWidget(0, len(self.HEADERS), self)
        self.table.setObjectName("accounts_table")
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("User name"),
                self.tr("Name"),
                self.tr("Region"),
                self.tr("Status"),
                self.tr("Last contact"),
                self.tr("Version"),
                self.tr("Laptops"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel(self)
        self.message.setObjectName("accounts_message")
        self.message.setWordWrap(True)
        self.refresh_button = self._button("accounts_refresh", self.tr("Refresh"), self.refresh)
        self.add_button = self._button("accounts_add", self.tr("Add account..."), self.add)
        self.reset_button = self._button(
            "accounts_reset", self.tr("Reset password"), self.reset_password
        )
        self.disable_button = self._button("accounts_disable", self.tr("Disable"), self.disable)
        self.enable_button = self._button("accounts_enable", self.tr("Enable"), self.enable)
        self.enable_button.setAccessibleName(self.tr("Enable the account again"))
        self.enable_button.setAccessibleDescription(
            self.tr("For an account disabled by mistake; its laptops log in again")
        )
        self.revoke_button = self._button(
            "accounts_revoke", self.tr("Revoke a laptop..."), self.revoke
        )
        buttons = QHBoxLayout()
        for button in (
            self.refresh_button,
            self.add_button,
            self.reset_button,
            self.disable_button,
            self.enable_button,
            self.revoke_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addLayout(buttons)
        column.addWidget(self.message)
        column.addWidget(self.table)
        self.table.setAccessibleName(self.tr("Worker accounts"))
        self.table.setTabKeyNavigation(False)  # arrows move in it, Tab goes on
        self.table.setAccessibleDescription(
            self.tr("Choose an account, then a button above to act on it")
        )
        # Tab follows the reading order: the buttons above, then the table.
        self.setTabOrder(self.revoke_button, self.table)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._selection_changed()

    def _button(self, name: str, text: str, action: Callable[[], None]) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.clicked.connect(action)
        return button

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        """Fetch the list each time the screen is shown."""
        super().showEvent(event)
        self.refresh()

    # ---- calls at the centre ---------------------------------------------------------------

    def _call(
        self,
        call: Callable[[CentralClient], T],
        done: Callable[[T], None],
    ) -> None:
        account, retry = self.workspace.account, self.retry

        def work() -> T:
            with account.client(retry) as client:
                return call(client)

        self.message.setStyleSheet("")
        self.message.setText(self.tr("Asking the centre..."))
        self.ops.run(work, done, self._failed)

    def _failed(self, problem: Problem) -> None:
        self.message.setStyleSheet("color: #c62828;")
        self.message.setText(problem.message)

    def refresh(self, note: str = "") -> None:
        """Fetch the accounts from the centre; then show ``note`` (what was just done)."""
        from sync.client.accounts import list_accounts

        self._call(list_accounts, lambda answer: self._show(answer.accounts, note))

    def _show(self, accounts: list[AccountOut], note: str = "") -> None:
        self.message.setText(note)
        chosen = self.selected()
        self.accounts = accounts
        self.table.setRowCount(len(accounts))
        for row, account in enumerate(accounts):
            latest = account.devices[0] if account.devices else None
            revoked = sum(1 for d in account.devices if d.revoked_at is not None)
            laptops = str(len(account.devices))
            if revoked:
                laptops = self.tr("{0} ({1} revoked)").format(len(account.devices), revoked)
            cells = (
                account.username,
                account.display_name,
                self.workspace.region_label(account.region_code),
                self._status(account),
                _when(latest.last_seen_at) if latest else self.tr("never"),
                (latest.app_version or "") if latest else "",
                laptops,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
            if chosen is not None and account.username == chosen.username:
                self.table.selectRow(row)
        self._selection_changed()

    def _status(self, account: AccountOut) -> str:
        if account.disabled:
            return self.tr("Disabled")
        if account.must_change_password:
            return self.tr("One-time password")
        return self.tr("Active")

    def selected(self) -> AccountOut | None:
        """The account of the selected row, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.accounts):
            return None
        return self.accounts[rows[0].row()]

    def _selection_changed(self) -> None:
        account = self.selected()
        self.reset_button.setEnabled(account is not None)
        self.disable_button.setEnabled(account is not None and not account.disabled)
        self.enable_button.setEnabled(account is not None and account.disabled)
        live = account is not None and any(d.revoked_at is None for d in account.devices)
        self.revoke_button.setEnabled(live)

    # ---- actions ---------------------------------------------------------------------------

    def add(self) -> None:
        """Ask for the new account, create it at the centre, show its one-time password."""
        from sync.client.accounts import add_account

        dialog = AddAccountDialog(self.workspace, self)
        self.dialog = dialog

        def chosen() -> None:
            new = dialog.entered
            if new is not None:
                self._call(lambda client: add_account(client, new), self._created)

        dialog.accepted.connect(chosen)
        dialog.open()

    def _created(self, answer: OneTimePassword) -> None:
        self.show_password(answer, self.tr("Account {0} created.").format(answer.username))
        self.refresh()

    def reset_password(self) -> None:
        """Give the selected account a new one-time password."""
        from sync.client.accounts import reset_password

        account = self.selected()
        if account is None:
            return
        name = account.username
        text = self.tr(
            "Reset the password of {0}? Its laptops must log in again with a one-time password."
        ).format(name)

        def reset(answer: OneTimePassword) -> None:
            self.show_password(answer, self.tr("The password of {0} was reset.").format(name))
            self.refresh()

        self._confirm(text, lambda: self._call(lambda c: reset_password(c, name), reset))

    def disable(self) -> None:
        """Disable the selected account."""
        from sync.client.accounts import disable_account

        self._switch(
            disable_account,
            self.tr("Disable {0}? It can no longer log in or sync."),
            self.tr("{0} is disabled."),
        )

    def enable(self) -> None:
        """Enable the selected account again (one disabled by mistake)."""
        from sync.client.accounts import enable_account

        self._switch(
            enable_account,
            self.tr(
                "Enable {0} again? It may log in again; its laptops must log in with the password."
            ),
            self.tr("{0} is enabled again."),
        )

    def _switch(self, call: Callable[[CentralClient, str], None], ask: str, done: str) -> None:
        """Ask ``ask`` of the selected account, then make ``call`` for it and say ``done``
        (both name it as ``{0}``)."""
        account = self.selected()
        if account is None:
            return
        name = account.username
        self._confirm(
            ask.format(name),
            lambda: self._call(
                lambda c: call(c, name), lambda _none: self.refresh(note=done.format(name))
            ),
        )

    def revoke(self) -> None:
        """Revoke one laptop of the selected account (as lost: erase its data there)."""
        from sync.client.accounts import revoke_device

        account = self.selected()
        if account is None:
            return
        dialog = RevokeDialog(account, self)
        self.dialog = dialog
        name = account.username

        def chosen() -> None:
            device, wipe = str(dialog.device.currentData()), dialog.wipe.isChecked()
            self._call(
                lambda c: revoke_device(c, name, device, wipe=wipe),
                lambda _none: self._revoked(name, wipe),
            )

        dialog.accepted.connect(chosen)
        dialog.open()

    def _revoked(self, name: str, wipe: bool) -> None:
        if wipe:
            text = self.tr(
                "The laptop of {0} is revoked; it erases the account's data when it next "
                "contacts the centre."
            ).format(name)
        else:
            text = self.tr("The laptop of {0} is revoked.").format(name)
        self.refresh(note=text)

    def _confirm(self, text: str, action: Callable[[], None]) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Accounts"), text, parent=self)
        box.setObjectName("accounts_confirm")
        yes = box.addButton(self.tr("Yes"), QMessageBox.ButtonRole.AcceptRole)
        yes.setObjectName("accounts_confirm_yes")
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.buttonClicked.connect(lambda button: action() if button is yes else None)
        self.dialog = box
        box.open()

    def show_password(self, answer: OneTimePassword, heading: str) -> None:
        """Show a one-time password once, selectable so it can be copied."""
        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("One-time password"), "", parent=self
        )
        box.setObjectName("one_time_password_box")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(
            self.tr(
                "{0}\n\nOne-time password of {1}:\n\n{2}\n\nIt is shown only this once. Give it "
                "to the worker in person; it must be changed at the first login."
            ).format(heading, answer.username, answer.one_time_password)
        )
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.dialog = box
        box.open()
