"""The record list's model: the local records, read a page at a time (paged_model.py).

A reload counts the matches and reads the first page, off the GUI thread. A page is one
query of 200 ids walking the order's index (schema v5) plus one primary-key query of their
rows: about a millisecond near either end of the list (pages past the middle are read from
the end, backwards), tens of milliseconds in the middle of 500,000 records. A search or
narrow filter (under 2,000 matches) gets all its ids at once instead, which its own index
answers faster than paging along the order's index would.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QTableView

from desktop.store import ListStart, RecordFilter, RecordRow, Registry
from desktop.store.listing import Order
from desktop.ui.paged_model import PAGE_SIZE, PagedModel
from desktop.ui.workspace import Workspace


def state_label(state: str) -> str:
    """The worker's word for a record state (one a record row holds, ``ROW_STATES``: a
    record on its way is ``pending``, and the status bar counts it as to send)."""
    labels = {
        "draft": QCoreApplication.translate("State", "draft"),
        "pending": QCoreApplication.translate("State", "waiting to sync"),
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


ID_COLUMN = 1
_WIDEST_ID = "62010219900101123X"


def fit_columns(table: QTableView) -> None:
    """Widths for a record table's first columns at its font (the worker's font size): a
    whole 18-character ID number, never elided, and room for a name and a township; fitted
    again when the font size setting changes."""
    _fit(table)
    if table.findChild(_Refit) is None:
        table.installEventFilter(_Refit(table))


def _fit(table: QTableView) -> None:
    metrics = table.fontMetrics()
    pad = 3 * metrics.averageCharWidth()
    header = table.horizontalHeader()
    header.resizeSection(0, metrics.horizontalAdvance("欧阳某某某某") + pad)
    header.resizeSection(ID_COLUMN, metrics.horizontalAdvance(_WIDEST_ID) + pad)
    header.resizeSection(2, metrics.horizontalAdvance("某某某某某某某某街道") + pad)


class _Refit(QObject):
    """Fits a table's columns again when its font changes."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.FontChange and isinstance(watched, QTableView):
            _fit(watched)
        return False


# A row's record id, and its row (None for a record gone since its id was read).
Entry = tuple[str, RecordRow | None]


def _entries(registry: Registry, ids: list[str]) -> list[Entry]:
    """``ids`` with their rows."""
    found = {r.record_id: r for r in registry.page(ids)}
    return [(i, found.get(i)) for i in ids]


# The store's orders a column header can ask for.
SORTS: dict[int, Order] = {0: "name", 3: "survey_date_desc"}


class RecordModel(PagedModel[Entry]):
    """Rows of :class:`RecordRow`, read by pages from the registry as they are shown."""

    def __init__(self, workspace: Workspace, registry: Registry | None = None) -> None:
        super().__init__(
            workspace,
            registry,
            _headers(),
            (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole),
        )
        self.every_id: list[str] | None = None  # all the ids, when few records match
        self.filters = RecordFilter()
        self.order: Order = "updated_desc"
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

        def first_page() -> tuple[ListStart, list[Entry]]:
            start = registry.list_start(wanted, sort, page_size=PAGE_SIZE)
            return start, _entries(registry, start.ids[:PAGE_SIZE])

        self.workspace.ops.run(first_page, lambda answer: self._show(generation, *answer))

    def _show(self, generation: int, start: ListStart, first: list[Entry]) -> None:
        if generation != self._generation:
            return  # a newer search or filter is on its way
        self.every_id = start.ids if start.complete else None
        self.show(start.total, first)

    def record_id(self, row: int) -> str | None:
        """The record id of ``row`` (None past the end of a list that shrank since its count)."""
        entry = self.item(row)
        return None if entry is None else entry[0]

    def read_page(self, start: int, size: int) -> list[Entry]:
        """The ids from ``start`` on in the order (all known, or read), with their rows."""
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
        return _entries(self.registry, ids)

    def cell(self, item: Entry, column: int) -> Any:
        """Name, ID number, region, survey date, state, surveyor, review."""
        row = item[1]
        if row is None:
            return None
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
