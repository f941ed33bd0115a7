"""A lazy table model over the local records: a count up front, rows read a page at a time.

Like Qt's fetchmore example and Anki's browser, the model never holds the whole list: a
reload counts the matches and reads the first page, off the GUI thread; ``data()`` of a
row not in the small page cache reads that row's page where the view asks for it. A page
is one query of 200 ids walking the order's index (schema v5) plus one primary-key query of
their rows: about a millisecond near either end of the list (pages past the middle are
read from the end, backwards), tens of milliseconds in the middle of 500,000 records. A
search or narrow filter (under 2,000 matches) gets all its ids at once instead, which its
own index answers faster than paging along the order's index would.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from desktop.store import ListStart, RecordFilter, RecordRow, Registry
from desktop.store.listing import Order
from desktop.ui.workspace import Workspace

PAGE_SIZE = 200
CACHED_PAGES = 16
Index = QModelIndex | QPersistentModelIndex


def state_label(state: str) -> str:
    """The worker's word for a record state."""
    labels = {
        "draft": QCoreApplication.translate("State", "draft"),
        "pending": QCoreApplication.translate("State", "waiting to sync"),
        "syncing": QCoreApplication.translate("State", "syncing"),
        "synced": QCoreApplication.translate("State", "synced"),
        "rejected": QCoreApplication.translate("State", "refused"),
        "conflict": QCoreApplication.translate("State", "conflict"),
    }
    return labels.get(state, state)


def review_label(mark: str) -> str:
    """The worker's word for the centre's review of a record (审核)."""
    labels = {
        "unreviewed": QCoreApplication.translate("Review", "not reviewed"),
        "approved": QCoreApplication.translate("Review", "approved"),
        "returned": QCoreApplication.translate("Review", "returned"),
        "corrected": QCoreApplication.translate("Review", "corrected, waiting to sync"),
    }
    return labels.get(mark, mark)


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("RecordModel", "Name"),
        QCoreApplication.translate("RecordModel", "ID number"),
        QCoreApplication.translate("RecordModel", "Region"),
        QCoreApplication.translate("RecordModel", "Survey date"),
        QCoreApplication.translate("RecordModel", "State"),
        QCoreApplication.translate("RecordModel", "Surveyor"),
        QCoreApplication.translate("RecordModel", "Review"),
    ]


Page = tuple[list[str], list[RecordRow | None]]


def _page(registry: Registry, ids: list[str]) -> Page:
    """``ids`` with their rows (None for a record gone since its id was read)."""
    found = {r.record_id: r for r in registry.page(ids)}
    return ids, [found.get(i) for i in ids]


# The store's orders a column header can ask for.
SORTS: dict[int, Order] = {0: "name", 3: "survey_date_desc"}


class RecordModel(QAbstractTableModel):
    """Rows of :class:`RecordRow`, read by pages from the registry as they are shown."""

    def __init__(self, workspace: Workspace, registry: Registry | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.registry = registry or workspace.registry
        self.total = 0
        self.every_id: list[str] | None = None  # all the ids, when few records match
        # page number -> (its ids, its rows; None where a record went since the count)
        self.pages: OrderedDict[int, Page] = OrderedDict()
        self.pages_read = 0
        self.filters = RecordFilter()
        self.order: Order = "updated_desc"
        self._headers = _headers()
        self._generation = 0  # a reload's answer is shown only if no later reload started

    # ---- loading ----------------------------------------------------------------------

    def reload(self, filters: RecordFilter | None = None, order: Order | None = None) -> None:
        """Count the records matching ``filters`` and read the first page, off the GUI
        thread; then show them."""
        if filters is not None:
            self.filters = filters
        if order is not None:
            self.order = order
        self._generation += 1
        generation, wanted, sort = self._generation, self.filters, self.order
        registry = self.registry

        def first_page() -> tuple[ListStart, Page]:
            start = registry.list_start(wanted, sort, page_size=PAGE_SIZE)
            return start, _page(registry, start.ids[:PAGE_SIZE])

        self.workspace.ops.run(first_page, lambda answer: self._show(generation, *answer))

    def _show(self, generation: int, start: ListStart, first: Page) -> None:
        if generation != self._generation:
            return  # a newer search or filter is on its way
        self.beginResetModel()
        self.total = start.total
        self.every_id = start.ids if start.complete else None
        self.pages.clear()
        if start.total:
            self.pages[0] = first
            self.pages_read += 1
        self.endResetModel()

    def record_id(self, row: int) -> str | None:
        """The record id of ``row`` (None past the end of a list that shrank since its count)."""
        number = row // PAGE_SIZE
        ids = self._page(number)[0]
        offset = row - number * PAGE_SIZE
        return ids[offset] if offset < len(ids) else None

    def _row(self, row: int) -> RecordRow | None:
        number = row // PAGE_SIZE
        rows = self._page(number)[1]
        offset = row - number * PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    def _page(self, number: int) -> Page:
        page = self.pages.get(number)
        if page is not None:
            self.pages.move_to_end(number)
            return page
        start = number * PAGE_SIZE
        size = max(0, min(PAGE_SIZE, self.total - start))
        if self.every_id is not None:
            ids = self.every_id[start : start + size]
        elif start > self.total // 2:
            # Past the middle: count from the end, so SQLite walks the index backwards.
            ids = self.registry.ids(
                self.filters,
                self.order,
                limit=size,
                offset=self.total - start - size,
                from_end=True,
            )
        else:
            ids = self.registry.ids(self.filters, self.order, limit=size, offset=start)
        page = _page(self.registry, ids)
        self.pages[number] = page
        self.pages_read += 1
        while len(self.pages) > CACHED_PAGES:
            self.pages.popitem(last=False)
        return page

    # ---- Qt's model interface ---------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """How many records match."""
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Name, ID number, region, survey date, state, surveyor, review."""
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell, reading its page on first sight."""
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        row = self._row(index.row())
        if row is None:
            return None
        column = index.column()
        if column == 0:
            return row.name
        if column == 1:
            return row.id_number
        if column == 2:
            return self.workspace.region_label(row.region_code)
        if column == 3:
            return row.survey_date
        if column == 5:
            return row.surveyor
        if column == 6:
            return review_label(row.review)
        text = state_label(row.state)
        if row.needs_correction:
            text += QCoreApplication.translate("RecordModel", " (to correct)")
        return text

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by name or survey date through the store (other columns: latest edit first)."""
        self.reload(order=SORTS.get(column, "updated_desc"))
