"""导入名单: a department's CSV/XLSX list into the local records, checked first.

The staff choose the file and, for a list with its own headers, a saved column mapping.
"Check" runs the import as a dry run (nothing changes) and shows how many persons would
be created, updated, left unchanged or refused, with each refused row's rule messages;
only then may they import for real. The per-row report can be saved as an XLSX file.
"""

from __future__ import annotations

import itertools
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.errors import Problem
from desktop.ui.workspace import Workspace
from sync.contract.fields import FIELDS_BY_NAME, TRAINING_FIELDS

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from desktop.store.importing import ImportReport

LISTS = "CSV / Excel (*.csv *.xlsx)"


class ImportDialog(QDialog):
    """Choose a list (and mapping), check it, import it, keep the report."""

    checked = Signal(object)  # ImportReport of the dry run
    imported = Signal(object)  # ImportReport of the import
    refused = Signal(str)  # the file or mapping cannot be used: why

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import a list"))
        self.workspace = workspace
        self.report: ImportReport | None = None
        self._checked_inputs: tuple[str, str] | None = None
        self.file = QLineEdit(self)
        self.mapping = QLineEdit(self)
        self.mapping.setPlaceholderText(self.tr("optional: the department's saved mapping"))
        file_button = QPushButton(self.tr("Choose..."), self)
        mapping_button = QPushButton(self.tr("Choose..."), self)
        file_button.clicked.connect(self._choose_file)
        mapping_button.clicked.connect(self._choose_mapping)
        self.check_button = QPushButton(self.tr("Check (changes nothing)"), self)
        self.import_button = QPushButton(self.tr("Import"), self)
        self.report_button = QPushButton(self.tr("Save report..."), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.note = QLabel(self)
        self.problems = QTableWidget(0, 4, self)
        self.problems.setHorizontalHeaderLabels(
            [self.tr("Rows"), self.tr("Name"), self.tr("Fields"), self.tr("Why refused")]
        )
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.verticalHeader().setVisible(False)
        self.check_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        self.report_button.clicked.connect(self._choose_report)
        self.close_button.clicked.connect(self.accept)
        self.file.textChanged.connect(self._inputs_changed)
        self.mapping.textChanged.connect(self._inputs_changed)
        self.file.setAccessibleName(self.tr("List file"))
        self.mapping.setAccessibleName(self.tr("Column mapping"))
        file_button.setAccessibleName(self.tr("Choose the list file"))
        mapping_button.setAccessibleName(self.tr("Choose the column mapping"))
        self.problems.setAccessibleName(self.tr("Rows refused"))
        self.problems.setAccessibleDescription(
            self.tr("Each refused row: its number, the person, the fields and why")
        )
        # Tab follows the reading order: the files, the buttons, then the refused rows.
        order: list[QWidget] = [self.file, file_button, self.mapping, mapping_button]
        order += [self.check_button, self.import_button, self.report_button, self.close_button]
        order.append(self.problems)
        for before, after in itertools.pairwise(order):
            self.setTabOrder(before, after)
        self.file.setFocus()  # where the focus is when the dialog opens
        form = QFormLayout()
        form.addRow(self.tr("List file"), _row(self.file, file_button))
        form.addRow(self.tr("Column mapping"), _row(self.mapping, mapping_button))
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.close_button)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addLayout(buttons)
        column.addWidget(self.summary)
        column.addWidget(self.problems, 1)
        column.addWidget(self.note)
        self._inputs_changed()
        self.resize(760, 480)

    def _inputs(self) -> tuple[str, str]:
        return self.file.text().strip(), self.mapping.text().strip()

    def _inputs_changed(self) -> None:
        # Importing is allowed only for exactly the file and mapping just checked.
        self.check_button.setEnabled(bool(self._inputs()[0]))
        self.import_button.setEnabled(
            self._checked_inputs is not None and self._checked_inputs == self._inputs()
        )
        self.report_button.setEnabled(self.report is not None)

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("List file"), "", LISTS)
        if name:
            self.file.setText(name)

    def _choose_mapping(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Column mapping"), "", "JSON (*.json)")
        if name:
            self.mapping.setText(name)

    def run(self, *, dry_run: bool) -> None:
        """Check (``dry_run``) or import the chosen file, off the GUI thread."""
        inputs = self._inputs()
        path, mapping_path = Path(inputs[0]), Path(inputs[1]) if inputs[1] else None
        registry = self.workspace.registry

        def work() -> ImportReport | str:
            from desktop.store.importing import import_file
            from sync.contract.column_mapping import ColumnMapping
            from sync.contract.records_io import SuspiciousFileError

            # The file or mapping itself: a message in the worker's words, not a bug (the
            # technical detail goes to the log).
            try:
                mapping = ColumnMapping.load(mapping_path) if mapping_path else None
            except ValueError as exc:  # its detail names the mapping's own bad entry
                return unusable_mapping_text().format(exc)
            try:
                return import_file(registry, path, dry_run=dry_run, mapping=mapping)
            except SuspiciousFileError as exc:  # says why, in the worker's words
                return str(exc)
            except ValueError as exc:
                log.info("unusable list: %s", exc)
                return unusable_file_text().format(path.name)

        self.check_button.setEnabled(False)
        self.import_button.setEnabled(False)
        self.summary.setText(self.tr("Checking...") if dry_run else self.tr("Importing..."))
        self.workspace.ops.run(work, lambda outcome: self._done(outcome, inputs), self._failed)

    def _done(self, outcome: ImportReport | str, inputs: tuple[str, str]) -> None:
        if isinstance(outcome, str):
            self._checked_inputs = None
            self.summary.setText(outcome)
            self._inputs_changed()
            self.refused.emit(outcome)
            return
        self.report = outcome
        # After a real import, another import needs another check.
        self._checked_inputs = inputs if outcome.dry_run else None
        self._show(outcome)
        self._inputs_changed()
        (self.checked if outcome.dry_run else self.imported).emit(outcome)

    def _failed(self, problem: Problem) -> None:
        self._checked_inputs = None
        self.summary.setText(problem.message)
        self._inputs_changed()

    def _show(self, report: ImportReport) -> None:
        text = (
            self.tr("Would create {0}, update {1}; {2} unchanged, {3} refused.")
            if report.dry_run
            else self.tr("Created {0}, updated {1}; {2} unchanged, {3} refused.")
        )
        self.summary.setText(
            text.format(report.created, report.updated, report.unchanged, report.rejected)
        )
        lines = [
            (self.tr("Row {0}").format("、".join(str(r) for r in o.rows)), o.name or "", error)
            for o in report.outcomes
            if o.outcome == "rejected"
            for error in o.errors
        ]
        self.problems.setRowCount(len(lines))
        for row, (rows, name, error) in enumerate(lines):
            labels = "、".join(_label(f) for f in error.get("fields") or ())
            cells = (rows, name, labels, str(error.get("message") or ""))
            for column, cell in enumerate(cells):
                self.problems.setItem(row, column, QTableWidgetItem(cell))

    def _choose_report(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save report..."), "导入报告.xlsx", "Excel (*.xlsx)"
        )
        if name:
            self.save_report(Path(name))

    def save_report(self, path: Path) -> None:
        """Write the last check's or import's per-row report to ``path`` (XLSX)."""
        report = self.report
        if report is None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")

        def work() -> Path:
            from desktop.store.import_report import write_import_report

            write_import_report(path, report)
            return path

        self.workspace.ops.run(
            work, lambda p: self.note.setText(self.tr("Report saved: {0}").format(p))
        )


def unusable_file_text() -> str:
    """What the worker reads when a list file cannot be read ({0}: its file name)."""
    return QCoreApplication.translate(
        "ImportDialog",
        "The file {0} cannot be read: choose a CSV (UTF-8) or XLSX file whose first row "
        "holds the column names.",
    )


def unusable_mapping_text() -> str:
    """What the worker reads when a column mapping file cannot be used ({0}: the entry)."""
    return QCoreApplication.translate(
        "ImportDialog",
        "The column mapping file cannot be used ({0}): choose the department's file.",
    )


def _label(name: str) -> str:
    """A field's Chinese label (a training item's too), the name itself when unknown."""
    known = FIELDS_BY_NAME.get(name) or TRAINING_FIELDS_BY_NAME.get(name)
    return known.label if known is not None else name


TRAINING_FIELDS_BY_NAME = {f.name: f for f in TRAINING_FIELDS}


def _row(edit: QLineEdit, button: QPushButton) -> QWidget:
    holder = QWidget()
    line = QHBoxLayout(holder)
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(edit, 1)
    line.addWidget(button)
    return holder
