"""退回: the dialog that returns a record to its worker: why (required), and a comment on
each field chosen from the list. Tab moves between the comment, the field list and the
buttons; in the list, a field's comment is typed at once (or after F2), Enter keeps it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.value_text import value_text
from sync.contract.fields import RECORD_FIELDS

FIELD_ROLE = Qt.ItemDataRole.UserRole


class ReturnDialog(QDialog):
    """Asks why a record goes back, and what to look at in which field."""

    def __init__(self, record: Mapping[str, Any], parent: QWidget | None = None) -> None:
        # The wire module brings pydantic, which the window's start does not need.
        from sync.contract.review_wire import COMMENTABLE_FIELDS, MAX_COMMENT, MAX_FIELD_COMMENT

        super().__init__(parent)
        self.max_comment, self.max_field_comment = MAX_COMMENT, MAX_FIELD_COMMENT
        self.setObjectName("return_dialog")
        self.setWindowTitle(self.tr("Return to the worker"))
        self.setAccessibleName(self.tr("Return to the worker"))
        intro = QLabel(
            self.tr("Why is the record of {0} returned? (required)").format(
                record.get("name") or ""
            ),
            self,
        )
        self.comment = QPlainTextEdit(self)
        self.comment.setObjectName("return_comment")
        self.comment.setAccessibleName(self.tr("Reason for the return"))
        self.comment.setTabChangesFocus(True)
        intro.setBuddy(self.comment)
        fields_label = QLabel(self.tr("Comments on fields (type in the comment column):"), self)
        self.fields = QTableWidget(0, 3, self)
        self.fields.setObjectName("return_fields")
        self.fields.setAccessibleName(self.tr("Comments on fields"))
        self.fields.setAccessibleDescription(
            self.tr("Choose a field with the arrow keys and type its comment.")
        )
        self.fields.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Value"), self.tr("Comment")]
        )
        self.fields.verticalHeader().setVisible(False)
        self.fields.horizontalHeader().setStretchLastSection(True)
        self.fields.setTabKeyNavigation(False)
        self.fields.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        fields_label.setBuddy(self.fields)
        shown = [f for f in RECORD_FIELDS if f.name in COMMENTABLE_FIELDS]
        self.fields.setRowCount(len(shown))
        for row, spec in enumerate(shown):
            name = QTableWidgetItem(spec.label)
            name.setData(FIELD_ROLE, spec.name)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            value = QTableWidgetItem(value_text(spec.name, record.get(spec.name)))
            value.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.fields.setItem(row, 0, name)
            self.fields.setItem(row, 1, value)
            self.fields.setItem(row, 2, QTableWidgetItem(""))
        if shown:
            self.fields.setCurrentCell(0, 2)
        self.problem = QLabel(self)
        self.problem.setObjectName("return_problem")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Return"))
        ok.setAccessibleName(self.tr("Return the record"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(self.comment)
        column.addWidget(fields_label)
        column.addWidget(self.fields, 1)
        column.addWidget(self.problem)
        column.addWidget(self.buttons)
        self.resize(640, 560)
        self.comment.setFocus()

    def reason(self) -> str:
        """The reason typed."""
        return self.comment.toPlainText().strip()

    def field_comments(self) -> dict[str, str]:
        """FIELD -> comment, for the fields with one."""
        found: dict[str, str] = {}
        for row in range(self.fields.rowCount()):
            name, comment = self.fields.item(row, 0), self.fields.item(row, 2)
            text = comment.text().strip() if comment is not None else ""
            if name is not None and text:
                found[str(name.data(FIELD_ROLE))] = text
        return found

    def accept(self) -> None:
        """Close only with a reason, within the lengths the centre takes."""
        if not self.reason():
            self.problem.setText(self.tr("A return needs a reason."))
            self.comment.setFocus()
            return
        if len(self.reason()) > self.max_comment:
            self.problem.setText(self.tr("The reason is too long."))
            self.comment.setFocus()
            return
        for name, text in self.field_comments().items():
            if len(text) > self.max_field_comment:
                label = next(f.label for f in RECORD_FIELDS if f.name == name)
                self.problem.setText(self.tr("The comment on {0} is too long.").format(label))
                return
        super().accept()
