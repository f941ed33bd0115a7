"""进度 (in 统计): how far the year's round has come, from the centre's ``GET /progress``.

For county, city and province staff: per region one level down and in total the roster,
the surveyed, the rate, the last 7 days and the review counts; Enter or a double-click goes
into a child region, Backspace or "Up" back. A bar chart counts the surveys week by week,
and the workers table marks the workers who have not synced for 7 days (or never) or run
an older program than this one (:mod:`desktop.ui.progress_workers`); a second such table
shows the region's county, city and province accounts, whose laptops queue too (silent ones
marked only with changes waiting). The figures come from the centre through an operation;
offline the page says so and keeps the figures it showed last.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.chart_axes import value_axis
from desktop.ui.errors import Problem
from desktop.ui.progress_workers import WorkersTable
from desktop.ui.workspace import Workspace
from sync.client import RetryPolicy

if TYPE_CHECKING:
    from PySide6.QtCharts import QChart, QChartView

    from sync.contract.progress_wire import ProgressCounts, ProgressResponse


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _figures(counts: ProgressCounts) -> list[str]:
    return [
        str(counts.roster),
        str(counts.surveyed),
        _rate(counts.rate),
        str(counts.surveyed_last_7_days),
        str(counts.approved),
        str(counts.returned),
        str(counts.unreviewed),
    ]


class ProgressView(QWidget):
    """The round's progress of a region, with drill-down, weekly chart and workers."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        # A person waits for the answer: a few quick retries, not a sync's patient ones.
        self.retry = RetryPolicy(attempts=3, base=0.3, cap=2.0)
        self.answer: ProgressResponse | None = None
        self.fetched_at = ""  # when the answer shown came, to say so offline
        self.asked = 0  # requests made: only the latest one's answer is shown
        self.trail: list[str] = [workspace.account.profile.region_code]
        self.year = QSpinBox(self)
        self.year.setObjectName("progress_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.setAccessibleName(self.tr("Survey year"))
        self.year.setKeyboardTracking(False)  # fetch for the year typed, not each digit
        self.up = QPushButton(self.tr("Up (Backspace)"), self)
        self.up.setObjectName("progress_up")
        self.up.setAccessibleName(self.tr("Up to the region above"))
        self.reload = QPushButton(self.tr("Refresh"), self)
        self.reload.setObjectName("progress_refresh")
        self.reload.setAccessibleName(self.tr("Fetch the progress from the centre again"))
        self.title = QLabel(self)
        self.title.setObjectName("progress_title")
        self.message = QLabel(self)
        self.message.setObjectName("progress_message")
        self.message.setWordWrap(True)
        self.table = QTableWidget(0, 8, self)
        self.table.setObjectName("progress_table")
        self.table.setAccessibleName(self.tr("Progress by region"))
        self.table.setAccessibleDescription(
            self.tr("Enter or double-click opens a region; Backspace goes back up.")
        )
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Region"),
                self.tr("Roster"),
                self.tr("Surveyed"),
                self.tr("Rate %"),
                self.tr("Last 7 days"),
                self.tr("Approved"),
                self.tr("Returned"),
                self.tr("Unreviewed"),
            ]
        )
        self.workers = WorkersTable(workspace.region_label, self)
        # The region's county, city and province accounts: their laptops queue reviews and
        # corrections too, so their last sync and queue are shown the same way.
        self.staff = WorkersTable(workspace.region_label, self, staff=True)
        self.staff.setObjectName("progress_staff")
        self.staff.setAccessibleName(self.tr("County, city and province accounts"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self._chart: QChart | None = None
        self.chart_view: QChartView | None = None
        bar = QHBoxLayout()
        year_label = QLabel(self.tr("Year"), self)
        year_label.setBuddy(self.year)
        for widget in (year_label, self.year, self.up, self.reload):
            bar.addWidget(widget)
        bar.addWidget(self.title, 1)
        self.column = QVBoxLayout(self)
        self.column.addLayout(bar)
        self.column.addWidget(self.message)
        # The regions and the workers side by side; the chart below both when first shown.
        tables = QHBoxLayout()
        tables.addWidget(self.table, 1)
        side = QVBoxLayout()
        workers_label = QLabel(self.tr("Workers"), self)
        workers_label.setBuddy(self.workers)
        side.addWidget(workers_label)
        side.addWidget(self.workers, 1)
        staff_label = QLabel(self.tr("County, city and province accounts"), self)
        staff_label.setBuddy(self.staff)
        side.addWidget(staff_label)
        side.addWidget(self.staff)
        tables.addLayout(side, 1)
        self.column.addLayout(tables, 2)
        self.up.setEnabled(False)
        self.year.valueChanged.connect(lambda _y: self.refresh())
        self.up.clicked.connect(self.go_up)
        self.reload.clicked.connect(self.refresh)
        # Enter (and a double-click) activates a row: into that child region.
        self.table.activated.connect(lambda index: self.drill(index.row()))
        back = QShortcut(QKeySequence(Qt.Key.Key_Backspace), self.table)
        back.setContext(Qt.ShortcutContext.WidgetShortcut)
        back.activated.connect(self.go_up)

    # ---- the chart ------------------------------------------------------------------------

    @property
    def chart(self) -> QChart:
        """The weekly bar chart, made on first use (Qt Charts loads only then)."""
        if self._chart is None:
            from PySide6.QtCharts import QChart, QChartView

            self._chart = QChart()
            self._chart.legend().setVisible(False)
            self.chart_view = QChartView(self._chart, self)
            self.chart_view.setObjectName("progress_chart")
            self.chart_view.setAccessibleName(self.tr("Surveys week by week"))
            self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.chart_view.setMinimumHeight(240)
            self.column.addWidget(self.chart_view, 1)
        return self._chart

    def _draw_weeks(self, answer: ProgressResponse) -> None:
        from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet

        chart = self.chart
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        bars = QBarSet(self.tr("Surveyed"))
        for week in answer.weeks:
            bars.append(float(week.surveyed))
        series = QBarSeries()
        series.setBarWidth(0.8)
        series.append(bars)
        chart.addSeries(series)
        weeks = QBarCategoryAxis()
        # Month/day of each Monday, upright: short enough for a year's 53 weeks.
        weeks.append([f"{w.week_start.month}/{w.week_start.day}" for w in answer.weeks] or [""])
        weeks.setLabelsAngle(-90)
        weeks.setTruncateLabels(False)
        counts = value_axis(max([w.surveyed for w in answer.weeks] + [1]), self.tr("persons"))
        chart.addAxis(weeks, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(counts, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(weeks)
        series.attachAxis(counts)
        chart.setTitle(
            self.tr("{0}: surveys week by week (weeks from Monday)").format(answer.region.name)
        )

    # ---- loading --------------------------------------------------------------------------

    @property
    def region_code(self) -> str:
        """The region shown (or being fetched)."""
        return self.trail[-1]

    def refresh(self) -> None:
        """Fetch the progress of the region shown, for the year chosen."""
        self._load(list(self.trail))

    def _load(self, trail: list[str]) -> None:
        from sync.client.progress import fetch_progress

        account, retry = self.workspace.account, self.retry
        year, code = self.year.value(), trail[-1]

        def work() -> ProgressResponse:
            with account.client(retry) as client:
                return fetch_progress(client, year, code)

        self.asked += 1
        ticket = self.asked
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Asking the centre..."))
        self.workspace.ops.run(
            work,
            lambda answer: self._show(trail, answer) if ticket == self.asked else None,
            lambda problem: self._failed(problem) if ticket == self.asked else None,
        )

    def _failed(self, problem: Problem) -> None:
        self.message.setStyleSheet("color: #c62828;")
        text = problem.message
        if self.answer is not None:
            text += " " + self.tr("The figures below are those fetched at {0}.").format(
                self.fetched_at
            )
        self.message.setText(text)

    def _show(self, trail: list[str], answer: ProgressResponse) -> None:
        self.trail = trail
        self.answer = answer
        self.fetched_at = datetime.now().strftime("%Y-%m-%d %H:%M")
        self.up.setEnabled(len(trail) > 1)
        self.message.setText("")
        self.title.setText(
            self.tr("{0}, round of {1}, as of {2}").format(
                answer.region.name, answer.year, answer.as_of.isoformat()
            )
        )
        rows: list[tuple[str, ProgressCounts]] = [(c.region.name, c) for c in answer.children]
        rows.append((self.tr("Total"), answer.totals))
        self.table.setRowCount(len(rows))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, (name, counts) in enumerate(rows):
            for column, text in enumerate([name, *_figures(counts)]):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(right)
                if row == len(rows) - 1:  # the total
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.table.setCurrentCell(0, 0)
        self.workers.show_workers(answer.workers)
        self.staff.show_workers(answer.staff)
        self._draw_weeks(answer)

    # ---- drill-down -----------------------------------------------------------------------

    def drill(self, row: int) -> None:
        """Into the child region of table row ``row`` (the total row goes nowhere)."""
        if self.answer is None or not 0 <= row < len(self.answer.children):
            return
        self._load([*self.trail, self.answer.children[row].region.code])

    def go_up(self) -> None:
        """Back to the region above."""
        if len(self.trail) > 1:
            self._load(self.trail[:-1])
