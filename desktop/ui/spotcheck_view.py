"""抽查: the inspector's assigned records (read-only copies) and the verdict on each field.

The verdicts are kept in the local database at once (offline) and go to the centre with the
next sync; the list shows which assignments are unchecked, waiting to be sent, or sent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.value_text import value_text
from desktop.ui.workspace import Workspace
from sync.contract.fields import RECORD_FIELDS

if TYPE_CHECKING:
    from desktop.store.spotchecks import LocalAssignment

# Every field an inspector can check, in the entry form's order (record_id is no finding).
CHECKED_FIELDS = tuple(f for f in RECORD_FIELDS if f.name != "record_id")


class FieldCheck:
    """One field's row of the form: recorded value, 相符, or the value found instead."""

    def __init__(self, parent: QWidget, name: str) -> None:
        self.name = name
        self.value = QLabel(parent)
        self.value.setWordWrap(True)
        self.matched = QCheckBox(parent)
        self.corrected = QLineEdit(parent)
        self.matched.setObjectName(f"matched_{name}")
        self.corrected.setObjectName(f"corrected_{name}")
        self.matched.toggled.connect(self._toggled)
        self.corrected.textEdited.connect(self._typed)

    def _toggled(self, on: bool) -> None:
        if on:
            self.corrected.clear()

    def _typed(self, text: str) -> None:
        if text.strip():
            self.matched.setChecked(False)

    def verdict(self) -> tuple[bool, str | None] | None:
        """(matched, corrected value) or None when the field was not checked."""
        if self.matched.isChecked():
            return True, None
        text = self.corrected.text().strip()
        return (False, text) if text else None

    def show(self, value: Any, verdict: tuple[bool, Any] | None) -> None:
        """Fill in the recorded value and an earlier verdict."""
        self.value.setText(value_text(self.name, value))
        self.matched.setChecked(verdict is not None and verdict[0])
        corrected = None if verdict is None or verdict[0] else verdict[1]
        self.corrected.setText("" if corrected is None else str(corrected))


class SpotCheckView(QWidget):
    """The assignments on the left, the chosen one's form on the right."""

    saved = Signal(str)  # assignment id whose verdicts were kept
    notice = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.items: list[LocalAssignment] = []
        self.current: LocalAssignment | None = None
        # The form holds the inspector's changes not saved yet: a re-read keeps them.
        self.unsaved = False
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Quarter"), self.tr("Name"), self.tr("Region"), self.tr("Verdict")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.currentCellChanged.connect(lambda row, *_: self._choose(row))
        self.table.setAccessibleName(self.tr("Records to check"))
        self.table.setTabKeyNavigation(False)  # arrows move in it, Tab goes on to the verdict
        self.table.setAccessibleDescription(self.tr("Choose a record to record its verdict"))
        self.empty = QLabel(self.tr("No records were drawn for you to check. Sync to fetch them."))
        self.title = QLabel(self)
        self.hint = QLabel(
            self.tr("Tick Matches where the household confirms the value, or type the value found.")
        )
        self.hint.setWordWrap(True)
        self.all_button = QPushButton(self.tr("All match"), self)
        self.save_button = QPushButton(self.tr("Save verdict"), self)
        self.save_button.setObjectName("save_verdict")
        self.all_button.clicked.connect(self.all_match)
        self.save_button.clicked.connect(self.save)
        form = QWidget(self)
        grid = QGridLayout(form)
        grid.addWidget(QLabel(self.tr("Field")), 0, 0)
        grid.addWidget(QLabel(self.tr("Recorded")), 0, 1)
        grid.addWidget(QLabel(self.tr("Household says")), 0, 2)
        grid.addWidget(QLabel(self.tr("Value found")), 0, 3)
        self.fields: dict[str, FieldCheck] = {}
        for row, spec in enumerate(CHECKED_FIELDS, start=1):
            check = FieldCheck(form, spec.name)
            check.matched.setText(self.tr("Matches"))
            # A reader says which field's row it is in, not "matches" twenty times.
            check.matched.setAccessibleName(self.tr("{0}: matches").format(spec.label))
            check.corrected.setAccessibleName(self.tr("{0}: value found").format(spec.label))
            grid.addWidget(QLabel(spec.label, form), row, 0)
            grid.addWidget(check.value, row, 1)
            grid.addWidget(check.matched, row, 2)
            grid.addWidget(check.corrected, row, 3)
            self.fields[spec.name] = check
            check.matched.clicked.connect(self._edited)
            check.corrected.textEdited.connect(self._edited)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.form_area = QScrollArea(self)
        self.form_area.setWidgetResizable(True)
        self.form_area.setWidget(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        right = QWidget(self)
        side = QVBoxLayout(right)
        side.addWidget(self.title)
        side.addWidget(self.hint)
        side.addWidget(self.form_area, 1)
        side.addLayout(buttons)
        split = QSplitter(self)
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        column = QVBoxLayout(self)
        column.addWidget(self.empty)
        column.addWidget(split, 1)
        self._enable(False)

    def refresh(self) -> None:
        """Read the assignments again (after a sync, or when the tab is shown)."""
        registry = self.workspace.registry

        def work() -> list[LocalAssignment]:
            return registry.spot_checks().assignments()

        self.workspace.ops.run(work, self.show_assignments)

    def show_assignments(self, items: list[LocalAssignment]) -> None:
        """Fill the list; the assignment shown before stays chosen."""
        chosen = self.current.assignment_id if self.current is not None else None
        self.items = items
        self.empty.setVisible(not items)
        self.table.blockSignals(True)
        self.table.setRowCount(len(items))
        for row, item in enumerate(items):
            record = item.record or {}
            cells = (
                f"{item.year} Q{item.quarter}",
                str(record.get("name") or ""),
                self.workspace.region_label(item.region_code),
                self._state(item),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        rows = [i for i, item in enumerate(items) if item.assignment_id == chosen]
        if rows and self.unsaved:
            self.table.blockSignals(True)
            self.table.setCurrentCell(rows[0], 0)
            self.table.blockSignals(False)
            self.current = items[rows[0]]
        elif rows:
            self.table.setCurrentCell(rows[0], 0)
            self._choose(rows[0])
        elif items:
            self.table.setCurrentCell(0, 0)
        else:
            self._choose(-1)

    def _state(self, item: LocalAssignment) -> str:
        if item.record is None:
            return self.tr("Voided at the centre")
        if not item.verdicts:
            return self.tr("Not checked")
        return self.tr("Sent") if item.sent else self.tr("To send")

    def _edited(self) -> None:
        self.unsaved = True

    def _choose(self, row: int) -> None:
        self.unsaved = False
        self.current = self.items[row] if 0 <= row < len(self.items) else None
        item = self.current
        self._enable(item is not None and item.record is not None)
        if item is None:
            self.title.setText("")
            return
        record = item.record or {}
        self.title.setText(
            self.tr("{0}, {1}: {2} fields checked").format(
                record.get("name") or "",
                self.workspace.region_label(item.region_code),
                len(item.verdicts),
            )
        )
        found = {v.field: (v.matched, v.corrected) for v in item.verdicts}
        for name, check in self.fields.items():
            check.show(record.get(name), found.get(name))

    def _enable(self, on: bool) -> None:
        for widget in (self.form_area, self.all_button, self.save_button):
            widget.setEnabled(on)

    def all_match(self) -> None:
        """Tick Matches on every field without a value found."""
        for check in self.fields.values():
            if not check.corrected.text().strip():
                check.matched.setChecked(True)
        self.unsaved = True

    def save(self) -> None:
        """Keep the form's verdicts on the chosen assignment; sent with the next sync."""
        item = self.current
        if item is None:
            return
        verdicts = {n: v for n, c in self.fields.items() if (v := c.verdict()) is not None}
        if not verdicts:
            self.notice.emit(self.tr("Tick Matches or type a value found on at least one field."))
            return
        registry, assignment_id = self.workspace.registry, item.assignment_id

        def work() -> str:
            from sync.contract.spotcheck_wire import FieldVerdict

            registry.spot_checks().record(
                assignment_id,
                [
                    FieldVerdict(field=name, matched=matched, corrected=corrected)
                    for name, (matched, corrected) in verdicts.items()
                ],
            )
            return assignment_id

        self.workspace.ops.run(work, self._saved)

    def _saved(self, assignment_id: str) -> None:
        self.unsaved = False
        self.notice.emit(self.tr("Verdict kept; it goes to the centre with the next sync."))
        self.saved.emit(assignment_id)
        self.refresh()
