"""审核率 and 退回率 in staff's 统计: two columns of the indicators table, per region, as the
centre counts them, and the note under the table that says where they come from.

A laptop cannot count them from its own records (:mod:`sync.client.review_rates` says
why), so they are asked of the centre for the region and period shown, off the GUI thread;
only the latest request's answer is shown. Offline the note gives the reason; the figures
last fetched stay while the same region and period are shown (the note says when they were
fetched), and the cells read "—" for any other.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QWidget

from desktop.ui.errors import Problem
from desktop.ui.value_text import share_text
from desktop.ui.workspace import Workspace
from sync.client import RetryPolicy

if TYPE_CHECKING:
    from sync.contract.indicators import IndicatorReport, Period
    from sync.contract.review_rates import ReviewCounts, ReviewRates

Shown = Callable[[], "tuple[IndicatorReport | None, Period]"]


class ReviewColumns(QObject):
    """The review columns of ``table`` from ``first`` on; ``shown``: the report and period
    the table shows now."""

    def __init__(
        self, workspace: Workspace, table: QTableWidget, first: int, shown: Shown, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.table = table
        self.first = first
        self.shown = shown
        self.rates: ReviewRates | None = None
        self.rates_of: tuple[str, Period] | None = None  # the region and period of ``rates``
        self.fetched_at = ""  # when ``rates`` came, to say so offline
        self.asked = 0  # requests made: only the latest one's answer is shown
        self.retry = RetryPolicy(attempts=3, base=0.3, cap=2.0)  # a person waits
        self.note = QLabel(parent)
        self.note.setObjectName("statistics_review_note")
        self.note.setWordWrap(True)
        self.note.setAccessibleName(self.tr("Where the review and return rates come from"))

    def headers(self) -> list[str]:
        """The columns' titles."""
        return [self.tr("Review rate"), self.tr("Return rate")]

    def refresh(self, code: str, period: Period) -> None:
        """Ask the centre for the rates of ``code`` and its children in ``period``."""
        from sync.client.review_rates import fetch_review_rates

        account, retry = self.workspace.account, self.retry

        def work() -> ReviewRates:
            with account.client(retry) as client:
                return fetch_review_rates(client, code, period)

        self.asked += 1
        ticket = self.asked
        self.note.setStyleSheet("")
        self.note.setText(self.tr("Review and return rates: asking the centre..."))
        self.workspace.ops.run(
            work,
            lambda rates: self._got(code, period, rates) if ticket == self.asked else None,
            lambda problem: self._failed(problem, (code, period)) if ticket == self.asked else None,
        )

    def _got(self, code: str, period: Period, rates: ReviewRates) -> None:
        self.rates, self.rates_of = rates, (code, period)
        self.fetched_at = datetime.now().strftime("%Y-%m-%d %H:%M")
        self.note.setText(
            self.tr("Review and return rates as the centre counts them, at {0}.").format(
                self.fetched_at
            )
        )
        self.fill()

    def _failed(self, problem: Problem, asked: tuple[str, Period]) -> None:
        self.note.setStyleSheet("color: #c62828;")
        text = problem.message
        if self.rates_of == asked:
            text += " " + self.tr("The review figures shown are those fetched at {0}.").format(
                self.fetched_at
            )
        else:
            self.rates, self.rates_of = None, None
        self.note.setText(text)
        self.fill()

    def counts(self) -> list[ReviewCounts | None]:
        """The centre's figures of each row shown (the region, then its children); None
        where they are not known (not yet, offline, or of another region or period)."""
        report, period = self.shown()
        if report is None:
            return []
        rates = self.rates
        if rates is None or self.rates_of != (report.total.region.code, period):
            return [None] * (1 + len(report.children))
        return [rates.total, *(rates.of(child.region.code) for child in report.children)]

    def fill(self) -> None:
        """Write the figures known into the table's rows."""
        for row, counts in enumerate(self.counts()):
            cells = ("—", "—")
            if counts is not None:
                cells = (share_text(counts.review_rate), share_text(counts.return_rate))
            for column, text in enumerate(cells, start=self.first):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
