"""记录: the record list. Search by name, ID or certificate number prefix; filters by survey
year (this year's by default), state, employment status, region, surveyor (调查人) and the
centre's review (审核); sorting. Down or Enter in the search box goes to the list, Enter in
the list opens the record."""

from __future__ import annotations

import itertools
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.store import ROW_STATES, RecordFilter
from desktop.ui.record_model import RecordModel, fit_columns, review_label, state_label
from desktop.ui.workspace import Workspace
from sync.contract.codes import code_lists

if TYPE_CHECKING:
    from sync.contract.review_wire import ReviewStateName

SEARCH_DEBOUNCE_MS = 200


# The state filter's extra choice: records that newer rules find wrong, whatever their state.
TO_CORRECT = "to_correct"


# Survey years the year filter offers besides "all years": this one and the ones before.
YEARS_OFFERED = 6


def filter_for(
    text: str,
    state: str | None,
    region: str | None,
    employment: int | None = None,
    year: int | None = None,
    surveyor: str | None = None,
    review: ReviewStateName | None = None,
) -> RecordFilter:
    """The store filter of a search text: digits search ID numbers (a certificate number
    begins with its holder's ID number), anything else searches names."""
    text = text.strip()
    correcting = state == TO_CORRECT
    states = (state,) if state and not correcting else ()
    by_number = bool(text) and text[0].isdigit()
    # A certificate number is the ID number plus two digits and an optional suffix.
    return RecordFilter(
        states=states,  # type: ignore[arg-type]
        region_prefix=region,
        name_prefix=None if by_number else (text or None),
        id_number_prefix=text[:18].upper() if by_number else None,
        needs_correction=True if correcting else None,
        employment_status=employment,
        year=year,
        surveyor=surveyor,
        review=review,
    )


class RecordList(QWidget):
    """The table of local records; double-click or Enter opens one in the entry form."""

    open_requested = Signal(str)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.model = RecordModel(workspace)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Name, ID number or certificate number"))
        self.state = QComboBox(self)
        self.state.addItem(self.tr("All states"), None)
        for state in ROW_STATES:
            self.state.addItem(state_label(state), state)
        self.state.addItem(self.tr("to correct (newer rules)"), TO_CORRECT)
        self.employment = QComboBox(self)
        self.employment.setObjectName("employment")
        self.employment.addItem(self.tr("Any employment status"), None)
        for code, text in code_lists()["employment_status"].items():
            self.employment.addItem(text, code)
        self.year = QComboBox(self)
        self.year.setObjectName("year")
        this_year = date.today().year
        for year in range(this_year, this_year - YEARS_OFFERED, -1):
            self.year.addItem(self.tr("Surveyed in {0}").format(year), year)
        self.year.addItem(self.tr("All years"), None)
        self.region = QComboBox(self)
        self.region.addItem(self.tr("All regions"), None)
        for region in workspace.scope:
            self.region.addItem(f"{region.code} {region.name}", region.code)
        self.surveyor = QComboBox(self)
        self.surveyor.setObjectName("surveyor")
        self.surveyor.addItem(self.tr("All surveyors"), None)
        self.surveyor.setAccessibleName(self.tr("Surveyor"))
        self.search.setAccessibleName(self.tr("Search"))
        self.state.setAccessibleName(self.tr("State"))
        self.employment.setAccessibleName(self.tr("Employment status"))
        self.region.setAccessibleName(self.tr("Region"))
        self.year.setAccessibleName(self.tr("Survey year"))
        self.review = QComboBox(self)
        self.review.setObjectName("review")
        self.review.setAccessibleName(self.tr("Review"))
        self.review.addItem(self.tr("Any review state"), None)
        for mark in ("unreviewed", "approved", "returned"):
            self.review.addItem(review_label(mark), mark)
        self._surveyors_read = False
        self.count = QLabel(self)
        self.import_button = QPushButton(self.tr("Import list..."), self)  # main window opens it
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Records"))
        self.table.setTabKeyNavigation(False)  # arrows move in it, Tab goes on
        self.table.setAccessibleDescription(self.tr("Enter or a double click opens a record"))
        # Tab follows the reading order: the search line, then the filters, then the table.
        chain = (self.search, self.import_button, self.year, self.state, self.employment)
        for before, after in itertools.pairwise(
            (*chain, self.region, self.surveyor, self.review, self.table)
        ):
            self.setTabOrder(before, after)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self.model.sort)
        header.setStretchLastSection(True)
        fit_columns(self.table)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        bar.addWidget(self.count)
        bar.addWidget(self.import_button)
        # The filters on a line of their own: at 200 % font size one line would not fit.
        filters = QHBoxLayout()
        filters.addWidget(self.year)
        filters.addWidget(self.state)
        filters.addWidget(self.employment)
        filters.addWidget(self.region, 1)
        filters.addWidget(self.surveyor)
        filters.addWidget(self.review)
        column = QVBoxLayout(self)
        column.addLayout(bar)
        column.addLayout(filters)
        column.addWidget(self.table, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        self.state.currentIndexChanged.connect(self.refresh)
        self.year.currentIndexChanged.connect(self.refresh)
        self.employment.currentIndexChanged.connect(self.refresh)
        self.region.currentIndexChanged.connect(self.refresh)
        self.surveyor.currentIndexChanged.connect(self.refresh)
        self.review.currentIndexChanged.connect(self.refresh)
        self.search.installEventFilter(self)
        self.model.modelReset.connect(self._show_count)

    def refresh(self) -> None:
        """Read the list again with the current search and filters."""
        self._debounce.stop()
        filters = filter_for(
            self.search.text(),
            self.state.currentData(),
            self.region.currentData(),
            self.employment.currentData(),
            self.year.currentData(),
            self.surveyor.currentData(),
            self.review.currentData(),
        )
        self.model.reload(filters)
        if not self._surveyors_read:
            self._surveyors_read = True
            self.read_surveyors()

    def read_surveyors(self) -> None:
        """Fill the surveyor filter with the surveyors the records name."""
        registry = self.workspace.registry
        self.workspace.ops.run(registry.surveyors, self._show_surveyors)

    def _show_surveyors(self, names: list[str]) -> None:
        chosen = self.surveyor.currentData()
        self.surveyor.blockSignals(True)
        try:
            while self.surveyor.count() > 1:
                self.surveyor.removeItem(1)
            for name in names:
                self.surveyor.addItem(name, name)
            self.surveyor.setCurrentIndex(max(self.surveyor.findData(chosen), 0))
        finally:
            self.surveyor.blockSignals(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """Down or Enter in the search box: into the list, on its first record."""
        if watched is self.search and isinstance(event, QKeyEvent):
            keys = (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if event.type() == QEvent.Type.KeyPress and event.key() in keys:
                self.focus_list()
                return True
        return False

    def focus_list(self) -> None:
        """The cursor to the list, on its current (else first) record."""
        if self._debounce.isActive():
            self.refresh()
        self.table.setFocus()
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _show_count(self) -> None:
        self.count.setText(self.tr("{0} records").format(self.model.rowCount()))
        if self.table.hasFocus() and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _open(self, index: QModelIndex) -> None:
        record_id = self.model.record_id(index.row()) if index.isValid() else None
        if record_id is not None:
            self.open_requested.emit(record_id)

    def show_year(self, year: int | None) -> None:
        """Show the records of survey year ``year`` (None: every year)."""
        for index in range(self.year.count()):
            if self.year.itemData(index) == year:
                self.year.setCurrentIndex(index)
                return

    def focus_search(self) -> None:
        """Put the cursor in the search box (Ctrl+F)."""
        self.search.setFocus()
        self.search.selectAll()
