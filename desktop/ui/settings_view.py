"""设置: the centre's address, CA bundle and proxy; data folder; language; font size; backup
and restore."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.store import AccountProfile
from desktop.store.backup import create_backup
from desktop.ui.about import about_text, versions
from desktop.ui.appearance import FONT_SCALES, apply_appearance
from desktop.ui.preferences import Preferences
from desktop.ui.translation import LANGUAGES
from desktop.ui.workspace import Workspace


class SettingsView(QWidget):
    """Connection settings of the account, this laptop's preferences, backup and about."""

    notice = Signal(str)
    restore_requested = Signal(object, str)  # archive Path, password

    def __init__(
        self, workspace: Workspace, preferences: Preferences, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.preferences = preferences
        profile = workspace.account.profile
        self.server = QLineEdit(profile.server, self)
        self.server.setObjectName("settings_server")
        self.ca_bundle = QLineEdit(profile.ca_bundle or "", self)
        self.ca_bundle.setPlaceholderText(self.tr("System certificates"))
        self.proxy = QLineEdit(profile.proxy or "", self)
        self.proxy.setPlaceholderText("http://proxy:3128")
        self.save_button = QPushButton(self.tr("Save connection settings"), self)
        connection = QGroupBox(self.tr("Connection to the centre"), self)
        form = QFormLayout(connection)
        form.addRow(self.tr("Centre address"), self.server)
        form.addRow(self.tr("CA bundle"), self.ca_bundle)
        form.addRow(self.tr("Proxy"), self.proxy)
        form.addRow("", self.save_button)

        self.language = QComboBox(self)
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(self.language.findData(preferences.language))
        self.language.setAccessibleName(self.tr("Language"))
        self.font_scale = QComboBox(self)
        self.font_scale.setObjectName("font_scale")
        for scale in FONT_SCALES:
            self.font_scale.addItem(f"{scale}%", scale)
        self.font_scale.setCurrentIndex(self.font_scale.findData(preferences.font_scale))
        self.font_scale.setAccessibleName(self.tr("Font size"))
        self.font_scale.setAccessibleDescription(self.tr("Enlarges the text of every screen"))
        self.data_dir = QLineEdit(str(workspace.account.data_dir.root), self)
        self.data_dir.setReadOnly(True)
        self.data_dir.setAccessibleName(self.tr("Data folder"))
        self.choose_dir = QPushButton(self.tr("Choose..."), self)
        self.choose_dir.setAccessibleName(self.tr("Choose the data folder"))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_dir, 1)
        folder_row.addWidget(self.choose_dir)
        program = QGroupBox(self.tr("This computer"), self)
        form2 = QFormLayout(program)
        form2.addRow(self.tr("Language"), self.language)
        form2.addRow(self.tr("Font size"), self.font_scale)
        form2.addRow(self.tr("Data folder"), folder_row)

        self.backup_button = QPushButton(self.tr("Back up..."), self)
        self.restore_button = QPushButton(self.tr("Restore..."), self)
        self.about_button = QPushButton(self.tr("About"), self)
        self.about_button.setAccessibleDescription(self.tr("Shows the versions below"))
        safety = QGroupBox(self.tr("Backup (encrypted)"), self)
        row = QHBoxLayout(safety)
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        row.addWidget(self.about_button)
        self.about = QLabel(self)
        self.about.setObjectName("about")
        column = QVBoxLayout(self)
        for widget in (connection, program, safety, self.about):
            column.addWidget(widget)
        column.addStretch(1)

        self.save_button.clicked.connect(self.save_connection)
        self.language.currentIndexChanged.connect(self._language_chosen)
        self.font_scale.currentIndexChanged.connect(self._font_scale_chosen)
        self.choose_dir.clicked.connect(self._choose_dir)
        self.backup_button.clicked.connect(self._ask_backup)
        self.restore_button.clicked.connect(self._ask_restore)
        self.about_button.clicked.connect(self.show_about)

    def save_connection(self) -> None:
        """Keep the address, CA bundle and proxy in the account file."""
        account = self.workspace.account
        profile = account.profile.with_changes(
            server=self.server.text().strip(),
            ca_bundle=self.ca_bundle.text().strip() or None,
            proxy=self.proxy.text().strip() or None,
        )

        def work() -> AccountProfile:
            account.data_dir.save_profile(profile)
            account.profile = profile
            return profile

        self.workspace.ops.run(work, lambda _p: self.notice.emit(self.tr("Settings saved.")))

    def _language_chosen(self) -> None:
        self.preferences.language = str(self.language.currentData())
        self.notice.emit(self.tr("The language changes when the program starts again."))

    def _font_scale_chosen(self) -> None:
        scale = int(self.font_scale.currentData())
        self.preferences.font_scale = scale
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_appearance(app, scale)
        self.notice.emit(self.tr("Font size set to {0}%.").format(scale))

    def _choose_dir(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Data folder"))
        if chosen:
            self.preferences.data_dir = Path(chosen)
            self.data_dir.setText(chosen)
            self.notice.emit(self.tr("The data folder changes when the program starts again."))

    def backup(self, target: Path) -> None:
        """Write an encrypted backup of the account to ``target``."""
        account = self.workspace.account
        self.workspace.ops.run(
            lambda: create_backup(account, target),
            lambda path: self.notice.emit(self.tr("Backup written: {0}").format(path)),
        )

    def _ask_backup(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Back up"), "realname-backup.zip", "ZIP (*.zip)"
        )
        if name:
            self.backup(Path(name))

    def _ask_restore(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Restore"), "", "ZIP (*.zip)")
        if not name:
            return
        password, ok = QInputDialog.getText(
            self,
            self.tr("Restore"),
            self.tr("Password of the account when the backup was made:"),
            QLineEdit.EchoMode.Password,
        )
        if ok:
            answer = QMessageBox.question(
                self,
                self.tr("Restore"),
                self.tr("Replace the records on this computer with the backup?"),
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.restore_requested.emit(Path(name), password)

    def show_about(self) -> None:
        """Show the versions of the program, rules and reference data."""
        registry = self.workspace.registry
        self.workspace.ops.run(
            lambda: versions(registry), lambda v: self.about.setText(about_text(v))
        )
