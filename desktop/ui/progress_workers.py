"""The workers table of 进度: each worker account's surveys and last sync, the workers who
are behind marked by a word and an icon as well as a colour, the reason in the tooltip and
the accessible description. The staff accounts' table is one too (``progress_staff``), with
one difference: a county, city or province account may rightly go weeks without syncing, so
its silence is marked only while its last sync said changes were waiting to be sent."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QStyle, QTableWidget, QTableWidgetItem, QWidget

from sync.version import older_than_this

if TYPE_CHECKING:
    from sync.contract.progress_wire import WorkerProgress

# A worker whose last sync is this old (or who never synced) is behind.
SILENT_AFTER = timedelta(days=7)
BEHIND_COLOUR = QColor("#ffe0b2")  # light amber, with the word and icon beside it
ATTENTION = 6  # the column that says why a worker is marked


class WorkersTable(QTableWidget):
    """User name, region, surveyed, last sync, version, queued, and why one is behind."""

    def __init__(
        self,
        region_label: Callable[[str], str],
        parent: QWidget | None = None,
        *,
        staff: bool = False,
    ) -> None:
        super().__init__(0, 7, parent)
        self.region_label = region_label
        self.staff = staff
        self.setObjectName("progress_workers")
        self.setAccessibleName(self.tr("Workers"))
        self.setHorizontalHeaderLabels(
            [
                self.tr("User name"),
                self.tr("Region"),
                self.tr("Surveyed"),
                self.tr("Last sync"),
                self.tr("Version"),
                self.tr("Queued"),
                self.tr("Attention"),
            ]
        )
        self.horizontalHeader().setStretchLastSection(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        self.setTabKeyNavigation(False)  # arrows move in it, Tab goes on to the next table

    def show_workers(self, workers: Sequence[WorkerProgress]) -> None:
        """One row per worker (or staff account), those behind marked."""
        now = datetime.now(UTC)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.setRowCount(len(workers))
        for row, worker in enumerate(workers):
            reasons = self.reasons(worker, now)
            when = worker.last_sync_at
            cells = [
                worker.username,
                self.region_label(worker.region_code),
                str(worker.surveyed),
                when.astimezone().strftime("%Y-%m-%d %H:%M") if when else self.tr("never"),
                worker.app_version or "",
                "" if worker.queued is None else str(worker.queued),
                self.tr("; ").join(word for word, _why in reasons),
            ]
            why = "\n".join(why for _word, why in reasons)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if reasons:
                    item.setBackground(QBrush(BEHIND_COLOUR))
                    item.setForeground(QBrush(QColor("#000000")))
                    item.setToolTip(why)
                    item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, why)
                    if column == 0:
                        item.setIcon(warning)
                self.setItem(row, column, item)
        self.resizeColumnsToContents()

    def reasons(self, worker: WorkerProgress, now: datetime) -> list[tuple[str, str]]:
        """Why ``worker`` is behind, as (word, sentence) pairs; empty when it is not."""
        found = []
        silence = self._silence(worker, now)
        if silence is not None:
            found.append((self.tr("Not synced"), silence))
        if older_than_this(worker.app_version):
            found.append(
                (
                    self.tr("Old version"),
                    self.tr("Runs program version {0}, older than this one.").format(
                        worker.app_version
                    ),
                )
            )
        return found

    def _silence(self, worker: WorkerProgress, now: datetime) -> str | None:
        """Why the account's silence is news, or None. A staff account may rightly go weeks
        without syncing: only changes left waiting on its laptop make its silence news."""
        if self.staff and not worker.queued:
            return None
        if worker.last_sync_at is None:
            return self.tr("Has never synced with the centre.")
        days = (now - worker.last_sync_at).days
        if now - worker.last_sync_at < SILENT_AFTER:
            return None
        if self.staff:
            return self.tr("Has not synced for {0} days, with {1} changes waiting.").format(
                days, worker.queued
            )
        return self.tr("Has not synced for {0} days.").format(days)

    def behind(self) -> list[str]:
        """The user names the table marks (in its order)."""
        marked = []
        for row in range(self.rowCount()):
            name, attention = self.item(row, 0), self.item(row, ATTENTION)
            if name is not None and attention is not None and attention.text():
                marked.append(name.text())
        return marked
