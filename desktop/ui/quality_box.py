"""数据质量, a small box on the statistics tab: how complete the optional fields are in the
chosen quarter over this laptop's records (spot-check error rates are the centre's)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.workspace import Workspace
from sync.contract.fields import FIELDS_BY_NAME

if TYPE_CHECKING:
    from sync.contract.quality import QualityReport


class QualityBox(QGroupBox):
    """Completeness of each optional field: filled of those it applies to, and the rate."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Data quality"), parent)
        self.workspace = workspace
        self.report: QualityReport | None = None
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Optional field"), self.tr("Filled"), self.tr("Complete")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("Completeness of the optional fields"))
        self.table.setTabKeyNavigation(False)  # arrows move in it, Tab goes on
        column = QVBoxLayout(self)
        column.addWidget(self.note)
        column.addWidget(self.table, 1)

    def refresh(self, region_code: str, year: int, quarter: int | None) -> None:
        """Measure ``region_code`` in a quarter (off the GUI thread); a whole year has none."""
        if quarter is None:
            self.report = None
            self.table.setRowCount(0)
            self.note.setText(self.tr("Choose a quarter to see the completeness of its records."))
            return
        registry, tree = self.workspace.registry, self.workspace.tree

        def work() -> QualityReport:
            from desktop.store.local_quality import local_quality

            return local_quality(registry, tree, region_code, year, quarter)

        self.workspace.ops.run(work, self.show_report)

    def show_report(self, report: QualityReport) -> None:
        """Fill the table with the completeness of ``report``'s region."""
        self.report = report
        total = report.total
        self.note.setText(
            self.tr("{0} records surveyed in {1} Q{2} on this computer.").format(
                total.surveyed, report.year, report.quarter
            )
        )
        self.table.setRowCount(len(total.completeness))
        for row, (name, share) in enumerate(total.completeness.items()):
            rate = share.rate
            cells = (
                FIELDS_BY_NAME[name].label,
                f"{share.numerator}/{share.denominator}",
                "—" if rate is None else f"{rate}%",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
