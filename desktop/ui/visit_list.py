"""待访: the year's visit list. Roster persons still to visit, by township and village, with
the round's progress; the persons surveyed off the roster apart; Enter starts a visit.

Every figure is an SQL aggregate read off the GUI thread (desktop/store/visits.py); the
persons are a lazy model like the record list's (paged_model.py), a count and the first page
up front and further pages as the view shows them, so a county of 60,000 paints at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.store import Registry
from desktop.store.survey_years import round_year
from desktop.store.visits import (
    OffRoster,
    VillageProgress,
    VisitFilter,
    VisitPerson,
    count_to_visit,
    off_roster,
    progress,
    to_visit,
)
from desktop.ui.paged_model import PAGE_SIZE, PagedModel
from desktop.ui.workspace import Workspace

SEARCH_DEBOUNCE_MS = 200
# The tree item's data: (township code, village) of a village, (code, None) of a township.
PLACE = Qt.ItemDataRole.UserRole


def rate_text(surveyed: int, on_roster: int) -> str:
    """``surveyed / on_roster (rate%)``, the rate to one decimal (no rate for no roster)."""
    if not on_roster:
        return f"{surveyed} / 0"
    return f"{surveyed} / {on_roster} ({surveyed * 100 / on_roster:.1f}%)"


@dataclass(frozen=True, slots=True)
class VisitStartPage:
    """What the screen shows at once: the progress, the count and the first page."""

    villages: list[VillageProgress]
    total: int
    first: list[VisitPerson]


class VisitModel(PagedModel[VisitPerson]):
    """The persons still to visit, read by pages from the store as the view shows them."""

    def __init__(self, workspace: Workspace, registry: Registry | None = None) -> None:
        super().__init__(
            workspace,
            registry,
            [
                QCoreApplication.translate("VisitModel", "Name"),
                QCoreApplication.translate("VisitModel", "ID number"),
                QCoreApplication.translate("VisitModel", "Township"),
                QCoreApplication.translate("VisitModel", "Village"),
                QCoreApplication.translate("VisitModel", "Address"),
            ],
        )
        self.filter = VisitFilter(round_year())

    def show_persons(self, f: VisitFilter, total: int, first: list[VisitPerson]) -> None:
        """Show ``total`` persons of ``f``, of which the first page is read."""
        self.filter = f
        self.show(total, first)

    def person(self, row: int) -> VisitPerson | None:
        """The person on ``row`` (None past the end of a list that shrank since its count)."""
        return self.item(row)

    def read_page(self, start: int, size: int) -> list[VisitPerson]:
        """The persons from ``start`` on."""
        return to_visit(self.registry, self.filter, limit=size, offset=start)

    def cell(self, item: VisitPerson, column: int) -> Any:
        """Name, ID number, township, village, address."""
        if column == 0:
            return item.name
        if column == 1:
            return item.id_number
        if column == 2:
            return self.workspace.region_label(item.region_code)
        if column == 3:
            return item.village
        return item.address


class VisitList(QWidget):
    """The year's visit list of the account's region; Enter opens the entry form."""

    open_requested = Signal(str)  # the ID number of the person to visit
    open_record = Signal(str)  # the record_id of a person surveyed off the roster

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.region = workspace.account.profile.region_code
        self.year = round_year()
        self.model = VisitModel(workspace)
        self.villages: list[VillageProgress] = []
        # (township code, village or None for the township itself) -> its item in the tree
        self.place_items: dict[tuple[str, str | None], QTreeWidgetItem] = {}
        self._generation = 0
        self._open_when_shown = False
        self.summary = QLabel(self)
        self.summary.setObjectName("visit_summary")
        self.summary.setWordWrap(True)  # long at a large font: wrapped, never clipped
        self.search = QLineEdit(self)
        self.search.setObjectName("visit_search")
        self.search.setPlaceholderText(self.tr("Name or ID number; Enter opens the first"))
        self.search.installEventFilter(self)
        self.search.setAccessibleName(self.tr("Search the persons to visit"))
        self.search.setAccessibleDescription(
            self.tr("Name or ID number; Enter opens the first, Down goes to the list")
        )
        self.places = QTreeWidget(self)
        self.places.setUniformRowHeights(True)  # no measuring of every village to paint
        self.places.setHeaderLabels([self.tr("Township / village"), self.tr("Surveyed / roster")])
        self.places.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.places.header().setStretchLastSection(False)
        self.places.currentItemChanged.connect(lambda *_: self.refresh())
        self.places.setAccessibleName(self.tr("Townships and villages"))
        self.places.setAccessibleDescription(
            self.tr("Choose a place to list its persons to visit; its progress beside it")
        )
        self.table = QTableView(self)
        self.table.setObjectName("visit_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().resizeSection(1, 170)  # the whole ID number
        self.table.activated.connect(self._open)
        self.table.doubleClicked.connect(self._open)
        self.table.setAccessibleName(self.tr("Persons to visit"))
        self.table.setTabKeyNavigation(False)  # arrows move in it, Tab goes on
        self.table.setAccessibleDescription(
            self.tr("Enter opens the entry form for this year's visit of the person")
        )
        self.off_label = QLabel(self)
        self.off_label.setWordWrap(True)
        self.off_table = QTableWidget(0, 4, self)
        self.off_table.setObjectName("off_roster")
        self.off_table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("ID number"), self.tr("Region"), self.tr("Survey date")]
        )
        self.off_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.off_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.off_table.verticalHeader().setVisible(False)
        self.off_table.horizontalHeader().setStretchLastSection(True)
        self.off_table.horizontalHeader().resizeSection(1, 170)
        self.off_table.setMaximumHeight(160)
        self.off_table.cellActivated.connect(self._open_off)
        self.off_table.cellDoubleClicked.connect(self._open_off)
        self.off_table.setAccessibleName(self.tr("Surveyed this year, not on the roster"))
        self.off_table.setTabKeyNavigation(False)
        self.off_table.setAccessibleDescription(self.tr("Enter opens the person's record"))
        self.off: list[OffRoster] = []
        right = QWidget(self)
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.table, 1)
        column.addWidget(self.off_label)
        column.addWidget(self.off_table)
        split = QSplitter(self)
        split.addWidget(self.places)
        split.addWidget(right)
        split.setStretchFactor(1, 3)
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._debounce.start)
        # Tab follows the reading order: the search, the places on the left, the persons.
        self.setTabOrder(self.search, self.places)
        self.setTabOrder(self.places, self.table)
        self.setTabOrder(self.table, self.off_table)

    # ---- reading ----------------------------------------------------------------------

    def current_filter(self) -> VisitFilter:
        """The persons the list shows: the place chosen in the tree and the search text."""
        item = self.places.currentItem()
        code, village = item.data(0, PLACE) if item is not None else (None, None)
        return VisitFilter(self.year, code or self.region, village, self.search.text())

    def refresh(self) -> None:
        """Read the progress, the persons to visit and those off the roster again."""
        self._debounce.stop()
        self._generation += 1
        generation, wanted = self._generation, self.current_filter()
        registry, region, year = self.workspace.registry, self.region, self.year

        def work() -> VisitStartPage:
            return VisitStartPage(
                progress(registry, year, region),
                count_to_visit(registry, wanted),
                to_visit(registry, wanted, limit=PAGE_SIZE),
            )

        self.workspace.ops.run(work, lambda page: self._show(generation, wanted, page))

    def _show(self, generation: int, wanted: VisitFilter, page: VisitStartPage) -> None:
        if generation != self._generation:
            return  # a newer search or place is on its way
        self.model.show_persons(wanted, page.total, page.first)
        if page.villages != self.villages:
            self.villages = page.villages
            self._show_places()
        on_roster = sum(v.on_roster for v in page.villages)
        surveyed = sum(v.surveyed for v in page.villages)
        self.summary.setText(
            self.tr("{0} round, {1}: surveyed {2}; {3} to visit here").format(
                self.year,
                self.workspace.region_label(self.region),
                rate_text(surveyed, on_roster),
                page.total,
            )
        )
        if self.table.currentIndex().row() < 0 and page.total:
            self.table.setCurrentIndex(self.model.index(0, 0))
        if self._open_when_shown:
            self._open_when_shown = False
            self._open(self.model.index(0, 0))
        # Apart and after the list has painted: this reads every record of the year (half a
        # second in a county of 60,000), which the list need not wait for nor share the
        # processor with.
        registry, region, year = self.workspace.registry, self.region, self.year
        self.workspace.ops.run(
            lambda: off_roster(registry, year, region),
            lambda off: self._show_off(generation, off),
        )

    def _show_off(self, generation: int, off: list[OffRoster]) -> None:
        if generation != self._generation:
            return
        self.off = off
        self.off_label.setText(
            self.tr(
                "Surveyed this year but not on the roster (for the county to confirm): {0}"
            ).format(len(off))
        )
        self.off_table.setRowCount(len(off))
        for row, person in enumerate(off):
            values = (
                person.name,
                person.id_number,
                self.workspace.region_label(person.region_code),
                person.survey_date,
            )
            for col, value in enumerate(values):
                self.off_table.setItem(row, col, QTableWidgetItem(value or ""))

    def _show_places(self) -> None:
        """The tree of townships and villages with their progress, keeping the choice."""
        chosen = self.places.currentItem()
        keep = chosen.data(0, PLACE) if chosen is not None else None
        self.places.blockSignals(True)
        try:
            self.places.clear()
            self.place_items.clear()
            towns: dict[str, list[VillageProgress]] = {}
            for village in self.villages:
                towns.setdefault(village.region_code, []).append(village)
            for code, villages in towns.items():
                town = QTreeWidgetItem(self.places)
                town.setText(0, self.workspace.region_label(code))
                town.setText(
                    1,
                    rate_text(
                        sum(v.surveyed for v in villages), sum(v.on_roster for v in villages)
                    ),
                )
                town.setData(0, PLACE, (code, None))
                self.place_items[(code, None)] = town
                for v in villages:
                    item = QTreeWidgetItem(town)
                    item.setText(0, v.village or self.tr("(no village)"))
                    item.setText(1, rate_text(v.surveyed, v.on_roster))
                    item.setData(0, PLACE, (code, v.village))
                    self.place_items[(code, v.village)] = item
                    if keep == (code, v.village):
                        self.places.setCurrentItem(item)
                if keep == (code, None):
                    self.places.setCurrentItem(town)
            if len(towns) == 1:
                self.places.expandAll()  # a worker's township: its villages at once
        finally:
            self.places.blockSignals(False)

    def village_text(self, code: str, village: str | None) -> str | None:
        """The progress shown beside a village (None: the township) in the tree."""
        item = self.place_items.get((code, village))
        return item.text(1) if item is not None else None

    # ---- opening ----------------------------------------------------------------------

    def eventFilter(self, watched: Any, event: Any) -> bool:  # noqa: N802
        """Enter in the search box opens the person chosen in the list (the first one);
        Down goes to the list."""
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
        ):
            self.table.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if self._debounce.isActive() or self._open_when_shown:
                # The list still shows the text before the last keys: open once it is read.
                self._open_when_shown = True
                self.refresh()
                return True
            row = max(self.table.currentIndex().row(), 0)
            self._open(self.model.index(row, 0))
            return True
        return super().eventFilter(watched, event)

    def _open(self, index: QModelIndex) -> None:
        person = self.model.person(index.row()) if index.isValid() else None
        if person is not None:
            self.open_requested.emit(person.id_number)

    def _open_off(self, row: int, _column: int) -> None:
        if 0 <= row < len(self.off):
            self.open_record.emit(self.off[row].record_id)

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.search.setFocus()
        self.search.selectAll()
