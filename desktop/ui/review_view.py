"""审核: county, city and province staff review this year's records of their region.

The list (unreviewed records by default) filters by township, worker (调查人) and review
state; beside the chosen record are its rule warnings and what changed since the person's
earlier year's record. Ctrl+Enter approves the chosen record and moves to the next one;
Ctrl+R returns it with a reason and comments on fields; "Approve all listed" approves the
filtered list after a confirmation naming how many. Reviews queue on the laptop and go
with the next sync (desktop/store/review_queue.py); all reads and writes run as operations.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store import LocalRecord, RecordFilter, Registry
from desktop.store.survey_years import round_year
from desktop.ui.record_model import RecordModel, fit_columns, review_label
from desktop.ui.return_dialog import ReturnDialog
from desktop.ui.review_changes import changed_fields
from desktop.ui.workspace import Workspace
from sync.contract.fields import FIELDS_BY_NAME

if TYPE_CHECKING:
    from desktop.store.review_queue import ReviewTally
    from desktop.store.syncing import SyncReport
    from sync.contract.findings import Finding
    from sync.contract.review_wire import ReviewState

REVIEW_STATES = ("unreviewed", "approved", "returned")
_STATE_OF = {"approve": "approved", "return": "returned"}


@dataclass(frozen=True, slots=True)
class Detail:
    """What the screen shows beside the chosen record."""

    local: LocalRecord
    findings: list[Finding]
    earlier: LocalRecord | None
    review: ReviewState


def read_detail(registry: Registry, record_id: str, year: int) -> Detail:
    """The record, its rule findings, the person's earlier record and its review."""
    from desktop.store.reviews import review_of
    from sync.contract.validation import validate

    local = registry.get(record_id)
    findings = validate(local.record, rules=registry.rules)
    id_number = local.record.get("id_number")
    earlier = registry.earlier_record(id_number, year) if isinstance(id_number, str) else None
    return Detail(local, findings, earlier, review_of(registry.engine, record_id))


class ReviewView(QWidget):
    """The 审核 tab."""

    notice = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.year = round_year()
        self.model = RecordModel(workspace)
        self.detail: Detail | None = None
        self.dialog: QDialog | QMessageBox | None = None
        self._row_after_reload = 0
        self.heading = QLabel(self.tr("Records surveyed in {0}").format(self.year), self)
        self.township = QComboBox(self)
        self.township.setObjectName("review_township")
        self.township.setAccessibleName(self.tr("Township"))
        self.township.addItem(self.tr("All townships"), None)
        for region in workspace.scope:
            self.township.addItem(f"{region.code} {region.name}", region.code)
        self.worker = QComboBox(self)
        self.worker.setObjectName("review_worker")
        self.worker.setAccessibleName(self.tr("Worker"))
        self.worker.addItem(self.tr("All workers"), None)
        self.state = QComboBox(self)
        self.state.setObjectName("review_state")
        self.state.setAccessibleName(self.tr("Review state"))
        for state in REVIEW_STATES:
            self.state.addItem(review_label(state), state)
        self.state.addItem(self.tr("Any review state"), None)
        self.count = QLabel(self)
        self.count.setObjectName("review_count")
        self.table = QTableView(self)
        self.table.setObjectName("review_list")
        self.table.setAccessibleName(self.tr("Records to review"))
        self.table.setAccessibleDescription(
            self.tr("Ctrl+Enter approves the chosen record; Ctrl+R returns it to the worker.")
        )
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # arrows move in it, Tab goes on
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setStretchLastSection(True)
        fit_columns(self.table)
        self.approve_button = QPushButton(self.tr("Approve (Ctrl+Enter)"), self)
        self.approve_button.setObjectName("review_approve")
        self.approve_button.setAccessibleName(self.tr("Approve the chosen record"))
        self.return_button = QPushButton(self.tr("Return... (Ctrl+R)"), self)
        self.return_button.setObjectName("review_return")
        self.return_button.setAccessibleName(self.tr("Return the chosen record to its worker"))
        self.batch_button = QPushButton(self.tr("Approve all listed..."), self)
        self.batch_button.setObjectName("review_batch")
        self.batch_button.setAccessibleName(self.tr("Approve every record listed"))
        self.review_line = QLabel(self)
        self.review_line.setObjectName("review_line")
        self.review_line.setWordWrap(True)
        self.warnings = QListWidget(self)
        self.warnings.setObjectName("review_warnings")
        self.warnings.setAccessibleName(self.tr("Rule warnings of the record"))
        self.changes_label = QLabel(self)
        self.changes = QTableWidget(0, 3, self)
        self.changes.setObjectName("review_changes")
        self.changes.setAccessibleName(self.tr("Changes since the earlier year"))
        self.changes.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Earlier"), self.tr("This year")]
        )
        self.changes.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes.setTabKeyNavigation(False)
        self.changes.verticalHeader().setVisible(False)
        self.changes.horizontalHeader().setStretchLastSection(True)
        self.changes_label.setBuddy(self.changes)
        self._layout()
        self._actions()
        self.township.currentIndexChanged.connect(self.refresh)
        self.worker.currentIndexChanged.connect(self.refresh)
        self.state.currentIndexChanged.connect(self.refresh)
        self.model.modelReset.connect(self._listed)
        self.table.selectionModel().currentRowChanged.connect(self._chosen)
        self.approve_button.clicked.connect(self.approve)
        self.return_button.clicked.connect(self.return_record)
        self.batch_button.clicked.connect(self.approve_listed)
        self._workers_read = False

    def _layout(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.heading)
        filters.addWidget(self.township, 1)
        filters.addWidget(self.worker)
        filters.addWidget(self.state)
        filters.addWidget(self.count)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.return_button)
        buttons.addStretch(1)
        buttons.addWidget(self.batch_button)
        side = QWidget(self)
        right = QVBoxLayout(side)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.review_line)
        warnings_label = QLabel(self.tr("Rule warnings:"), side)
        warnings_label.setBuddy(self.warnings)
        right.addWidget(warnings_label)
        right.addWidget(self.warnings, 1)
        right.addWidget(self.changes_label)
        right.addWidget(self.changes, 2)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        column = QVBoxLayout(self)
        column.addLayout(filters)
        column.addWidget(split, 1)
        column.addLayout(buttons)
        # Tab in reading order: the list, what is beside it, then the buttons below both.
        chain = (self.table, self.warnings, self.changes, self.approve_button)
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _actions(self) -> None:
        keys = (
            (self.tr("Approve"), ("Ctrl+Return", "Ctrl+Enter"), self.approve),
            (self.tr("Return to the worker"), ("Ctrl+R",), self.return_record),
        )
        for text, shortcuts, slot in keys:
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(k) for k in shortcuts])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    # ---- the list ---------------------------------------------------------------------

    def filters(self) -> RecordFilter:
        """The store filter of the chosen township, worker and state, in this year."""
        return RecordFilter(
            region_prefix=self.township.currentData(),
            surveyor=self.worker.currentData(),
            review=self.state.currentData(),
            year=self.year,
            states=("pending", "synced", "rejected", "conflict"),
        )

    def refresh(self) -> None:
        """Read the list again (off the GUI thread)."""
        self.model.reload(self.filters())
        if not self._workers_read:
            self._workers_read = True
            self.workspace.ops.run(self.workspace.registry.surveyors, self._show_workers)

    def _show_workers(self, names: list[str]) -> None:
        self.worker.blockSignals(True)
        try:
            for name in names:
                self.worker.addItem(name, name)
        finally:
            self.worker.blockSignals(False)

    def _listed(self) -> None:
        total = self.model.rowCount()
        self.count.setText(self.tr("{0} records").format(total))
        self.batch_button.setEnabled(total > 0)
        if total:
            row = min(self._row_after_reload, total - 1)
            self.table.setCurrentIndex(self.model.index(row, 0))
        else:
            self._show_detail(None)

    def current_id(self) -> str | None:
        """The chosen record's id."""
        index = self.table.currentIndex()
        return self.model.record_id(index.row()) if index.isValid() else None

    def focus_list(self) -> None:
        """The cursor to the list."""
        self.table.setFocus()

    # ---- the chosen record ------------------------------------------------------------

    def _chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record_id = self.model.record_id(current.row()) if current.isValid() else None
        if record_id is None:
            self._show_detail(None)
            return
        registry, year = self.workspace.registry, self.year
        self.workspace.ops.run(lambda: read_detail(registry, record_id, year), self._show_detail)

    def _show_detail(self, detail: Detail | None) -> None:
        if detail is not None and detail.local.record_id != self.current_id():
            return  # the cursor moved on meanwhile
        self.detail = detail
        self.warnings.clear()
        self.changes.setRowCount(0)
        if detail is None:
            self.review_line.setText("")
            self.changes_label.setText(self.tr("Changes since the earlier year:"))
            return
        review = detail.review
        line = self.tr("Review: {0}").format(review_label(review.state))
        if review.comment:
            line += self.tr(" - {0}").format(review.comment)
        for name, text in review.field_comments.items():
            spec = FIELDS_BY_NAME.get(name)
            line += "\n" + self.tr("{0}: {1}").format(spec.label if spec else name, text)
        self.review_line.setText(line)
        for finding in detail.findings:
            self.warnings.addItem(_finding_text(finding))
        if not detail.findings:
            self.warnings.addItem(self.tr("No rule is broken."))
        if detail.earlier is None:
            self.changes_label.setText(self.tr("No earlier year's record of this person."))
            return
        earlier_date = str(detail.earlier.record.get("survey_date") or "")
        self.changes_label.setText(self.tr("Changes since the record of {0}:").format(earlier_date))
        rows = changed_fields(detail.earlier.record, detail.local.record)
        self.changes.setRowCount(len(rows))
        for row, (_name, label, before, after) in enumerate(rows):
            for column, text in enumerate((label, before, after)):
                self.changes.setItem(row, column, QTableWidgetItem(text))

    # ---- reviewing --------------------------------------------------------------------

    def approve(self) -> None:
        """Ctrl+Enter: approve the chosen record; the cursor stays on the next one."""
        record_id = self.current_id()
        if record_id is None:
            return
        self._queue(record_id, "approve", "", {})

    def return_record(self) -> None:
        """Ctrl+R: ask why, then return the chosen record to its worker."""
        record_id = self.current_id()
        if record_id is None or self.detail is None:
            return
        dialog = ReturnDialog(self.detail.local.record, self)
        dialog.accepted.connect(
            lambda: self._queue(record_id, "return", dialog.reason(), dialog.field_comments())
        )
        dialog.finished.connect(lambda _r: self.table.setFocus())
        self.dialog = dialog
        dialog.open()

    def _queue(
        self, record_id: str, decision: str, comment: str, field_comments: dict[str, str]
    ) -> None:
        from desktop.store.review_queue import queue_review

        engine = self.workspace.registry.engine
        row = max(self.table.currentIndex().row(), 0)
        # The next record: the reviewed one leaves a list of other states, else it stays.
        leaves = self.state.currentData() not in (None, _STATE_OF[decision])
        self._row_after_reload = row if leaves else row + 1
        self.workspace.ops.run(
            lambda: queue_review(engine, record_id, decision, comment, field_comments),
            lambda _q: self._queued(decision),
        )

    def _queued(self, decision: str) -> None:
        if decision == "approve":
            self.notice.emit(self.tr("Approved; it goes to the centre with the next sync."))
        else:
            self.notice.emit(self.tr("Returned; it goes to the centre with the next sync."))
        self.model.reload()

    def approve_listed(self) -> None:
        """Approve every record listed, after a confirmation naming how many."""
        total = self.model.rowCount()
        if total == 0:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Approve all listed"),
            self.tr("Approve the {0} records listed?").format(total),
            parent=self,
        )
        box.setObjectName("review_batch_confirm")
        yes = box.addButton(self.tr("Approve {0}").format(total), QMessageBox.ButtonRole.AcceptRole)
        yes.setObjectName("review_batch_yes")
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(yes)  # the question itself is the safeguard; Esc cancels
        filters = self.filters()
        box.buttonClicked.connect(
            lambda button: self._approve_all(filters) if button is yes else None
        )
        self.dialog = box
        box.open()

    def _approve_all(self, filters: RecordFilter) -> None:
        from desktop.store.review_queue import queue_approvals

        engine = self.workspace.registry.engine
        self._row_after_reload = 0

        def done(count: int) -> None:
            self.notice.emit(
                self.tr("{0} records approved; they go to the centre with the next sync.").format(
                    count
                )
            )
            self.model.reload()

        self.workspace.ops.run(lambda: queue_approvals(engine, filters), done)

    # ---- after a sync -----------------------------------------------------------------

    def synced(self, report: SyncReport) -> None:
        """Say what became of the reviews sent, naming those the centre did not take, and
        read the list again."""
        tally: ReviewTally = report.reviews
        if tally.accepted:
            self.notice.emit(self.tr("{0} reviews reached the centre.").format(tally.accepted))
        if tally.stale or tally.forbidden or tally.refused:
            self._tell_refused(tally)
        if tally.sent or report.pull.received:
            self.refresh()

    def _tell_refused(self, tally: ReviewTally) -> None:
        registry = self.workspace.registry
        ids = tally.stale + tally.forbidden + tally.refused

        def names() -> dict[str, str]:
            return {r.record_id: r.name or r.record_id for r in registry.page(ids)}

        def show(found: dict[str, str]) -> None:
            def listed(which: list[str]) -> str:
                return "、".join(found.get(i, i) for i in which)

            parts = [self.tr("The centre did not take some reviews.")]
            if tally.stale:
                parts.append(
                    self.tr("Changed since you reviewed it (review it again): {0}.").format(
                        listed(tally.stale)
                    )
                )
            if tally.forbidden:
                parts.append(self.tr("Not yours to review: {0}.").format(listed(tally.forbidden)))
            if tally.refused:
                parts.append(
                    self.tr("Refused by the centre (tell the administrator): {0}.").format(
                        listed(tally.refused)
                    )
                )
            box = QMessageBox(
                QMessageBox.Icon.Information, self.tr("Review"), "\n".join(parts), parent=self
            )
            box.setObjectName("review_refused")
            self.dialog = box
            box.open()

        self.workspace.ops.run(names, show)


def _finding_text(finding: Finding) -> str:
    labels = [FIELDS_BY_NAME[f].label for f in finding.fields if f in FIELDS_BY_NAME]
    where = "、".join(labels)
    return f"{where}：{finding.message}" if where else finding.message
