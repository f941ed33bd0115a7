"""The trainings of a record: a small table, one training per row.

Keyboard: Insert (or Ctrl+=) adds a training and puts the cursor in it, Ctrl+Delete (or
Ctrl+-) removes the one the cursor is in; the buttons above the table do the same. Tab
walks the rows' inputs in reading order, each with the program's focus ring.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.field_inputs import CodeInput, TextInput
from sync.contract.fields import TRAINING_FIELDS

_LABELS = [f.label for f in TRAINING_FIELDS]
ADD_KEYS = ("Ins", "Ctrl+=")
REMOVE_KEYS = ("Ctrl+Del", "Ctrl+-")


class TrainingsInput(QWidget):
    """Rows of ``{year, type, period, provider}``; empty rows are left out of the value."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The year a new training starts with (the survey's), None for none.
        self.default_year: Callable[[], int | None] = lambda: None
        self.add_button = QPushButton(self.tr("Add training (Insert)"), self)
        self.remove_button = QPushButton(self.tr("Remove training (Ctrl+Delete)"), self)
        self.add_button.setObjectName("trainings_add")
        self.remove_button.setObjectName("trainings_remove")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_row)
        self.table = QTableWidget(0, len(TRAINING_FIELDS), self)
        self.table.setHorizontalHeaderLabels(_LABELS)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(60)
        # The rows' inputs take the focus, never the table's empty cells.
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName(self.tr("Trainings"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        for keys in ADD_KEYS:
            QShortcut(
                QKeySequence(keys),
                self,
                lambda: self.add_row(),
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )
        for keys in REMOVE_KEYS:
            QShortcut(
                QKeySequence(keys),
                self,
                self.remove_row,
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
            )
        self._fit_height()

    def add_row(self, *, prefill: bool = True) -> list[TextInput | CodeInput]:
        """Append a training row; ``prefill`` (the worker's own addition) gives it the
        survey's year and puts the cursor in its first empty input. The row's inputs."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        inputs: list[TextInput | CodeInput] = []
        anchor: QWidget = self._inputs(row - 1)[-1] if row else self.remove_button
        for column, field in enumerate(TRAINING_FIELDS):
            widget: TextInput | CodeInput
            if field.kind == "code" and field.code_list:
                widget = CodeInput(field.code_list)
            else:
                widget = TextInput(field)
            widget.setObjectName(f"training_{row}_{field.name}")
            widget.setAccessibleName(self.tr("Training {0}: {1}").format(row + 1, field.label))
            widget.edited.connect(self.edited)
            self.table.setCellWidget(row, column, widget)
            QWidget.setTabOrder(anchor, widget)
            anchor = widget
            inputs.append(widget)
        self._fit_height()
        if prefill:  # the worker's own addition: the cursor goes there
            year = self.default_year()
            if year is not None:
                inputs[0].set_value(year)
            inputs[0 if year is None else 1].setFocus()
            self.table.scrollToBottom()
        self.edited.emit()
        return inputs

    def remove_row(self) -> None:
        """Remove the training the cursor is in (else the last one)."""
        row = self._focused_row()
        if row < 0:
            row = self.table.rowCount() - 1
        if row < 0:
            return
        self.table.removeRow(row)
        self._renumber()
        self._fit_height()
        if self.table.rowCount():
            self._inputs(min(row, self.table.rowCount() - 1))[0].setFocus()
        else:
            self.add_button.setFocus()
        self.edited.emit()

    def _focused_row(self) -> int:
        focused = QApplication.focusWidget()
        for row in range(self.table.rowCount()):
            if focused in self._inputs(row):
                return row
        return self.table.currentRow()

    def _renumber(self) -> None:
        for row in range(self.table.rowCount()):
            for field, widget in zip(TRAINING_FIELDS, self._inputs(row), strict=True):
                widget.setObjectName(f"training_{row}_{field.name}")
                widget.setAccessibleName(self.tr("Training {0}: {1}").format(row + 1, field.label))

    def _fit_height(self) -> None:
        # Nothing to remove: the button is out of the way (and of the Tab path).
        self.remove_button.setEnabled(self.table.rowCount() > 0)
        # Every row shows without a scroll bar of its own: the form's page scrolls instead.
        header = self.table.horizontalHeader().sizeHint().height()
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(header + max(rows, 24) + 2 * self.table.frameWidth() + 4)

    def _inputs(self, row: int) -> list[TextInput | CodeInput]:
        found = []
        for column in range(len(TRAINING_FIELDS)):
            widget = self.table.cellWidget(row, column)
            assert isinstance(widget, TextInput | CodeInput)
            found.append(widget)
        return found

    def value(self) -> list[dict[str, Any]]:
        """The trainings in JSON form."""
        result = []
        for row in range(self.table.rowCount()):
            item = {
                f.name: w.value() for f, w in zip(TRAINING_FIELDS, self._inputs(row), strict=True)
            }
            if any(v is not None for v in item.values()):
                result.append(item)
        return result

    def set_value(self, value: Any) -> None:
        """Show the trainings of ``value`` (a list; anything else shows none)."""
        self.blockSignals(True)
        try:
            self.table.setRowCount(0)
            for training in value if isinstance(value, list) else []:
                inputs = self.add_row(prefill=False)
                for f, widget in zip(TRAINING_FIELDS, inputs, strict=True):
                    if isinstance(training, dict):
                        widget.set_value(training.get(f.name))
            self._fit_height()
        finally:
            self.blockSignals(False)
