"""统计: a region's six indicators over the local records, a bar chart by child region,
and drill-down (Enter or a double click on a child row, or a click on its bar; "Up" goes
back). For county, city and province staff a second page, 进度, shows the round's progress
from the centre (:mod:`desktop.ui.progress_view`), and the table adds each region's review
and return rates (审核率, 退回率) as the centre counts them (:mod:`sync.client.review_rates`:
a laptop cannot count them from its own records); offline they show "—" and say why.

The chart (Qt Charts) and the indicator queries load when the tab is first shown: time that
the program's start does not need.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
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
from desktop.ui.quality_box import QualityBox
from desktop.ui.review_columns import ReviewColumns
from desktop.ui.value_text import share_text
from desktop.ui.window_fit import LazyPage, PageTabs
from desktop.ui.workspace import Workspace
from sync.contract.indicators import INDICATORS, LABELS, IndicatorReport, Period

if TYPE_CHECKING:
    from PySide6.QtCharts import QChart, QChartView

    from desktop.ui.progress_view import ProgressView

CHART_MIN_HEIGHT = 320
CHART_CHROME = 130
"""The chart's height beside its bars: title, value axis, margins."""
BAR_GAP = 6
"""Pixels between two regions' names on the category axis."""


class StatisticsView(QWidget):
    """Indicators of one region for a year or quarter, with its children charted; and for
    staff the round's progress on a page beside them."""

    notice = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.report: IndicatorReport | None = None
        self.trail: list[str] = [workspace.account.profile.region_code]
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(date.today().year)
        self.year.setAccessibleName(self.tr("Year"))
        self.quarter = QComboBox(self)
        self.quarter.addItem(self.tr("Whole year"), None)
        for q in (1, 2, 3, 4):
            self.quarter.addItem(self.tr("Quarter {0}").format(q), q)
        self.quarter.setAccessibleName(self.tr("Period"))
        self.indicator = QComboBox(self)
        self.indicator.setAccessibleName(self.tr("Indicator of the chart"))
        for name in INDICATORS:
            self.indicator.addItem(LABELS[name], name)
        self.up = QPushButton(self.tr("Up"), self)
        self.export_xlsx = QPushButton(self.tr("Export XLSX..."), self)
        self.export_pdf = QPushButton(self.tr("Export PDF..."), self)
        self.title = QLabel(self)
        self.title.setObjectName("statistics_title")
        self.table = QTableWidget(0, 1 + len(INDICATORS), self)
        headers = [self.tr("Region"), *(LABELS[n] for n in INDICATORS)]
        # Staff: the centre's 审核率 and 退回率 beside the indicators (none for a worker).
        self.reviews: ReviewColumns | None = None
        if workspace.staff:
            self.reviews = ReviewColumns(
                workspace, self.table, len(headers), lambda: (self.report, self._period()), self
            )
            headers += self.reviews.headers()
            self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(self.tr("Indicators by region"))
        self.table.setTabKeyNavigation(False)  # arrows move in it, Tab goes on
        self.table.setAccessibleDescription(self.tr("Enter on a region shows its parts"))
        self._chart: QChart | None = None
        self.chart_view: QChartView | None = None
        bar = QHBoxLayout()
        for widget in (self.year, self.quarter, self.indicator, self.up):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.export_xlsx)
        bar.addWidget(self.export_pdf)
        # The title on a line of its own, wrapped: at a large font a long region's title
        # beside the choices would squeeze them below what their text needs.
        self.title.setWordWrap(True)
        indicators = QWidget(self)
        self.column = QVBoxLayout(indicators)
        self.column.addLayout(bar)
        self.column.addWidget(self.title)
        self.column.addWidget(self.table, 2)  # the chart goes above it when first shown
        if self.reviews is not None:
            self.column.addWidget(self.reviews.note)
        self.quality = QualityBox(workspace, self)
        self.column.addWidget(self.quality, 1)
        # insertTab: no scroll area of their own (this page scrolls in the window's tab).
        self.pages = PageTabs(self)
        self.pages.setObjectName("statistics_pages")
        self.pages.setAccessibleName(self.tr("Statistics pages"))
        self.pages.insertTab(0, indicators, self.tr("Indicators"))
        self._progress: LazyPage | None = None  # 进度, built when first shown
        if workspace.staff:
            self._progress = LazyPage(self._progress_page, self)
            self.pages.insertTab(1, self._progress, self.tr("Progress"))
        else:
            self.pages.tabBar().hide()
        self.pages.setDocumentMode(True)  # no frame: the pages keep the width they had
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)
        self.pages.currentChanged.connect(lambda _i: self.refresh())
        self.year.valueChanged.connect(self.refresh_indicators)
        self.quarter.currentIndexChanged.connect(self.refresh_indicators)
        self.indicator.currentIndexChanged.connect(self._draw_chart)
        self.up.clicked.connect(self.go_up)
        self.export_xlsx.clicked.connect(lambda: self._ask_export("xlsx"))
        self.export_pdf.clicked.connect(lambda: self._ask_export("pdf"))
        self.table.cellDoubleClicked.connect(lambda row, _c: self.drill(row - 1))
        self.table.cellActivated.connect(lambda row, _c: self.drill(row - 1))  # Enter

    def _progress_page(self) -> QWidget:
        from desktop.ui.progress_view import ProgressView

        return ProgressView(self.workspace, self)

    @property
    def progress(self) -> ProgressView | None:
        """The 进度 page of a staff account (built now if not yet shown), else None."""
        if self._progress is None:
            return None
        return cast("ProgressView", self._progress.screen_page())

    @property
    def chart(self) -> QChart:
        """The bar chart, made on first use."""
        return self.ensure_chart()

    def ensure_chart(self) -> QChart:
        """Make the chart and put it above the table, once."""
        if self._chart is None:
            from PySide6.QtCharts import QChart, QChartView

            self._chart = QChart()
            self._chart.legend().setVisible(False)
            self.chart_view = QChartView(self._chart, self)
            self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.chart_view.setMinimumHeight(CHART_MIN_HEIGHT)
            # The table below holds the same figures, for the keyboard and a screen reader.
            self.chart_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.chart_view.setAccessibleName(self.tr("Bar chart"))
            self.chart_view.setAccessibleDescription(self.tr("The table below holds its figures"))
            self.column.insertWidget(1, self.chart_view, 3)
        return self._chart

    @property
    def region_code(self) -> str:
        """The region shown."""
        return self.trail[-1]

    def refresh(self) -> None:
        """Read the page shown afresh: the indicators, or the progress from the centre."""
        shown = self.pages.currentWidget()
        if self._progress is not None and shown is self._progress.built:
            cast("ProgressView", shown).refresh()
        else:
            self.refresh_indicators()

    def refresh_indicators(self) -> None:
        """Compute the indicators of the region shown (off the GUI thread)."""
        from desktop.store.local_indicators import local_indicators

        self.ensure_chart()  # its place is taken before the answer comes
        registry, tree = self.workspace.registry, self.workspace.tree
        code = self.region_code
        period = self._period()
        self.up.setEnabled(len(self.trail) > 1)
        self.workspace.ops.run(
            lambda: local_indicators(registry, tree, code, period), self.show_report
        )
        self.quality.refresh(code, period.year, period.quarter)
        if self.reviews is not None:
            self.reviews.refresh(code, period)

    def show_report(self, report: IndicatorReport) -> None:
        """Fill the table and the chart with ``report``."""
        self.report = report
        self.title.setText(report.total.region.name)
        rows = [report.total, *report.children]
        self.table.setRowCount(len(rows))
        for row, item in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(item.region.name))
            for column, name in enumerate(INDICATORS, start=1):
                self.table.setItem(row, column, QTableWidgetItem(share_text(item.indicators[name])))
        if self.reviews is not None:
            self.reviews.fill()
        self.table.resizeColumnsToContents()
        self._draw_chart()

    def charted(self) -> list[int]:
        """Indexes of the children in the chart: those with records or a base or target."""
        if self.report is None:
            return []
        name = str(self.indicator.currentData())
        return [
            i
            for i, child in enumerate(self.report.children)
            if child.indicators[name].numerator or child.indicators[name].denominator
        ]

    def _draw_chart(self) -> None:
        from PySide6.QtCharts import (
            QAbstractBarSeries,
            QBarCategoryAxis,
            QBarSet,
            QHorizontalBarSeries,
        )

        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        if self.report is None:
            return
        name = str(self.indicator.currentData())
        # Reversed: a horizontal chart draws its first category at the bottom.
        shown = self.charted()[::-1]
        children = [self.report.children[i] for i in shown]
        values = [c.indicators[name] for c in children]
        use_rate = any(v.rate is not None for v in values)
        bars = QBarSet(LABELS[name])
        for v in values:
            bars.append(float(v.rate or 0) if use_rate else float(v.numerator))
        # Horizontal bars: township names are long, and read well on the left axis.
        bars.setLabelColor(Qt.GlobalColor.black)
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setBarWidth(0.7)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.clicked.connect(lambda index, _set: self.drill(shown[index]))
        self.chart.addSeries(series)
        axis_y = QBarCategoryAxis()
        axis_y.append([c.region.short_name for c in children] or [""])
        axis_y.setTruncateLabels(False)
        top = max([bars.at(i) for i in range(bars.count())] + [1.0])
        axis_x = value_axis(top, "%" if use_rate else self.tr("persons"))
        self.chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_y)
        series.attachAxis(axis_x)
        self.chart.setTitle(f"{self.report.total.region.name} · {LABELS[name]}")
        self._fit_chart(len(children), QFontMetrics(axis_y.labelsFont()).height())

    def _fit_chart(self, bars: int, label_height: int) -> None:
        """Make the chart tall enough for every region's name: Qt's category axis hides
        labels that would overlap, which left every other township unnamed in a county of
        twelve. The page scrolls when a county has many townships."""
        if self.chart_view is not None:
            wanted = CHART_CHROME + bars * (label_height + BAR_GAP)
            self.chart_view.setMinimumHeight(max(CHART_MIN_HEIGHT, wanted))

    def drill(self, child_index: int) -> None:
        """Show the child region at ``child_index`` of the current report."""
        if self.report is None or not 0 <= child_index < len(self.report.children):
            return
        self.trail.append(self.report.children[child_index].region.code)
        self.refresh_indicators()

    def go_up(self) -> None:
        """Back to the region above."""
        if len(self.trail) > 1:
            self.trail.pop()
            self.refresh_indicators()

    def _period(self) -> Period:
        return Period(self.year.value(), self.quarter.currentData())

    def _ask_export(self, fmt: str) -> None:
        period = self._period()
        suffix = f"{period.year}" + (f"Q{period.quarter}" if period.quarter else "")
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export report"),
            f"通报_{self.region_code}_{suffix}.{fmt}",
            f"{fmt.upper()} (*.{fmt})",
        )
        if name:
            self.export(Path(name), fmt)

    def export(self, target: Path, fmt: str) -> None:
        """Write the report of the region and period shown, as xlsx or pdf, to ``target``."""
        from desktop.store.local_indicators import local_report_file

        registry, tree = self.workspace.registry, self.workspace.tree
        code, period = self.region_code, self._period()

        def work() -> Path:
            target.write_bytes(local_report_file(registry, tree, code, period, fmt))
            return target

        self.workspace.ops.run(
            work, lambda path: self.notice.emit(self.tr("Report written: {0}").format(path))
        )
