"""The trainings of a record: a small table, one training per row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.field_inputs import CodeInput, TextInput
from sync.contract.fields import TRAINING_FIELDS

_LABELS = [f.label for f in TRAINING_FIELDS]


class TrainingsInput(QWidget):
    """Rows of ``{year, type, period, provider}``; empty rows are left out of the value."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(TRAINING_FIELDS), self)
        self.table.setHorizontalHeaderLabels(_LABELS)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(90)
        self.add_button = QPushButton(self.tr("Add training"), self)
        self.remove_button = QPushButton(self.tr("Remove training"), self)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self) -> list[TextInput | CodeInput]:
        """Append an empty training row and focus its year; the row's inputs."""
        row = self.table.rowCount()
        self.table.insertRow(row)
        inputs: list[TextInput | CodeInput] = []
        for column, field in enumerate(TRAINING_FIELDS):
            widget: TextInput | CodeInput
            if field.kind == "code" and field.code_list:
                widget = CodeInput(field.code_list)
            else:
                widget = TextInput(field)
            widget.edited.connect(self.edited)
            self.table.setCellWidget(row, column, widget)
            inputs.append(widget)
        inputs[0].setFocus()
        self.edited.emit()
        return inputs

    def remove_row(self) -> None:
        """Remove the current (else the last) training."""
        row = self.table.currentRow()
        if row < 0:
            row = self.table.rowCount() - 1
        if row >= 0:
            self.table.removeRow(row)
            self.edited.emit()

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
                inputs = self.add_row()
                for f, widget in zip(TRAINING_FIELDS, inputs, strict=True):
                    if isinstance(training, dict):
                        widget.set_value(training.get(f.name))
        finally:
            self.blockSignals(False)
