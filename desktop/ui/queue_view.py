"""待同步: the queue. Sync now, progress with counts, and why the centre refused each record.

Above the rest, the records the centre's review returned (退回), with the reviewer's
comment, who and when: they stay until a correction is saved and the centre accepted it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store import QueueEntry
from desktop.ui.errors import Problem
from desktop.ui.record_model import review_label, state_label
from desktop.ui.review_notes import review_note
from desktop.ui.sync_control import SyncControl, progress_text
from desktop.ui.workspace import Workspace

if TYPE_CHECKING:
    from desktop.store import Progress, SyncReport


class QueueView(QWidget):
    """Records the centre has not acknowledged; a refused one opens for correction."""

    open_requested = Signal(str)
    conflict_requested = Signal(str)  # a record in conflict is settled on the conflicts page

    def __init__(
        self, workspace: Workspace, control: SyncControl, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.control = control
        self.entries: list[QueueEntry] = []
        self.sync_button = QPushButton(self.tr("Sync now"), self)
        self.sync_button.setObjectName("sync_now")
        self.open_button = QPushButton(self.tr("Open to correct"), self)
        # The outcome of the last sync is on show until the next one: the figures of one that
        # ended well, or a failure the worker must act on (a disk that refuses).
        self._outcome_shown = False
        self._sending = 0  # records the running (or last) sync had to send
        self.status = QLabel(self)
        self.status.setObjectName("sync_status")
        # Shown while a sync runs and with the counts of one that ended well; an idle bar
        # with nothing in it read as an empty text box. Its room is kept while hidden, so
        # the buttons beside it do not jump.
        self.bar = QProgressBar(self)
        self.bar.setFormat(self.tr("%v of %m"))
        self.bar.setTextVisible(False)  # until a sync has counts to show
        policy = self.bar.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.bar.setSizePolicy(policy)
        self.bar.hide()
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("State"), self.tr("Reason")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(self.tr("Records to sync"))
        self.table.setTabKeyNavigation(False)  # arrows move in it, Tab goes on
        self.table.setAccessibleDescription(
            self.tr("Records not yet at the centre; choose one, then Open to correct")
        )
        self.table.cellDoubleClicked.connect(lambda row, _c: self._open(row))
        self.table.activated.connect(lambda index: self._open(index.row()))  # Enter
        self.open_button.clicked.connect(lambda: self._open(self.table.currentRow()))
        self.sync_button.clicked.connect(control.sync_now)
        control.started.connect(self._started)
        control.progress.connect(self._progress)
        control.finished.connect(self._finished)
        control.failed.connect(self._failed)
        control.line.connect(self._line)
        top = QHBoxLayout()
        top.addWidget(self.sync_button)
        top.addWidget(self.bar, 1)
        top.addWidget(self.open_button)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.status)
        column.addWidget(self.table, 1)

    def refresh(self) -> None:
        """Read the queue again."""
        self.workspace.ops.run(self.workspace.registry.queue, self.show_entries)

    def show_entries(self, entries: list[QueueEntry]) -> None:
        """Fill the table with ``entries``."""
        self.entries = entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            reasons = "；".join(f.message for f in entry.findings if f.severity == "error")
            if entry.state == "conflict":
                reasons = self.tr("Choose the values to keep on the Conflicts page.")
            state = state_label(entry.state)
            mark = entry.review_mark
            if mark == "corrected":
                state = review_label(mark)
            elif mark == "returned":
                # Returned and also refused, in conflict or kept as a draft: both are said.
                returned = review_label(mark)
                state = returned if entry.state == "synced" else f"{returned}，{state}"
            if mark in ("returned", "corrected"):
                reasons = "；".join(t for t in (review_note(entry.review), reasons) if t)
            cells = (entry.name or "", state, reasons)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def _open(self, row: int) -> None:
        if 0 <= row < len(self.entries):
            entry = self.entries[row]
            if entry.state == "conflict":
                self.conflict_requested.emit(entry.record_id)
            else:
                self.open_requested.emit(entry.record_id)

    def _started(self) -> None:
        self._outcome_shown = False
        self._sending = 0
        self.sync_button.setEnabled(False)
        self.status.setText(self.tr("Syncing..."))
        self.bar.setTextVisible(False)
        self.bar.setRange(0, 0)  # busy, until the first counts
        self.bar.show()

    def _progress(self, progress: Progress) -> None:
        if progress.phase == "push" and progress.records_total:
            self._sending = progress.records_total
            self.bar.setTextVisible(True)
            self.bar.setRange(0, progress.records_total)
            self.bar.setValue(progress.records_done)
        else:  # receiving: how much the centre has is not known until the end
            self.bar.setTextVisible(False)
            self.bar.setRange(0, 0)
        self.status.setText(progress_text(progress))

    def _finished(self, report: SyncReport) -> None:
        self.sync_button.setEnabled(True)
        if self._sending:  # the records this sync sent, all of them answered
            self.bar.setTextVisible(True)
            self.bar.setRange(0, self._sending)
            self.bar.setValue(self._sending)
        else:  # nothing was sent: the line below says what came
            self.bar.hide()
        text = self.tr("Sync done: {0} accepted, {1} refused, {2} conflicts, {3} received.")
        self.status.setText(
            text.format(
                report.push.accepted,
                report.push.rejected,
                report.push.conflicts + report.pull.conflicts,
                report.pull.applied,  # others' changes: our own echoed back are not news
            )
        )
        self._outcome_shown = True
        self.refresh()

    def _failed(self, problem: Problem) -> None:
        self.sync_button.setEnabled(True)
        self.bar.hide()  # what failed is said below it; a part-filled bar would not help
        if problem.urgent or not problem.expected:
            self.status.setText(problem.message)
            self._outcome_shown = problem.urgent
        if not self.workspace.account.erased:  # a laptop revoked as lost: nothing to read
            self.refresh()

    def _line(self, text: str) -> None:
        # Not while a sync runs, nor over the outcome the last sync left on show.
        if self.sync_button.isEnabled() and not self._outcome_shown:
            self.status.setText(text)
