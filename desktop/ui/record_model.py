"""A lazy table model over the local records: ids up front, rows fetched a page at a time.

The model holds the matching ids (from one indexed query) and a small cache of pages;
``data()`` of a row not in the cache reads that row's page. A page read is one primary-key
query of 200 rows (well under a millisecond), so it runs where the view asks for it; the id
list, which can be slow on a large database, is read by an operation off the GUI thread.
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

from desktop.store import RecordFilter, RecordRow, Registry
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


def _headers() -> list[str]:
    return [
        QCoreApplication.translate("RecordModel", "Name"),
        QCoreApplication.translate("RecordModel", "ID number"),
        QCoreApplication.translate("RecordModel", "Region"),
        QCoreApplication.translate("RecordModel", "Survey date"),
        QCoreApplication.translate("RecordModel", "State"),
    ]


# The store's orders a column header can ask for.
SORTS: dict[int, Order] = {0: "name", 3: "survey_date_desc"}


class RecordModel(QAbstractTableModel):
    """Rows of :class:`RecordRow`, read by pages from the registry as they are shown."""

    def __init__(self, workspace: Workspace, registry: Registry | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.registry = registry or workspace.registry
        self.ids: list[str] = []
        self.pages: OrderedDict[int, list[RecordRow | None]] = OrderedDict()
        self.pages_read = 0
        self.filters = RecordFilter()
        self.order: Order = "updated_desc"
        self._headers = _headers()

    # ---- loading ----------------------------------------------------------------------

    def reload(self, filters: RecordFilter | None = None, order: Order | None = None) -> None:
        """Read the ids matching ``filters`` off the GUI thread, then show them."""
        if filters is not None:
            self.filters = filters
        if order is not None:
            self.order = order
        wanted, sort = self.filters, self.order
        self.workspace.ops.run(lambda: self.registry.ids(wanted, sort), self.set_ids)

    def set_ids(self, ids: list[str]) -> None:
        """Show ``ids`` (rows are read when they are first shown)."""
        self.beginResetModel()
        self.ids = ids
        self.pages.clear()
        self.endResetModel()

    def record_id(self, row: int) -> str:
        """The record id of ``row``."""
        return self.ids[row]

    def _row(self, row: int) -> RecordRow | None:
        number = row // PAGE_SIZE
        page = self.pages.get(number)
        if page is None:
            start = number * PAGE_SIZE
            wanted = self.ids[start : start + PAGE_SIZE]
            found = {r.record_id: r for r in self.registry.page(wanted)}
            page = [found.get(i) for i in wanted]
            self.pages[number] = page
            self.pages_read += 1
            while len(self.pages) > CACHED_PAGES:
                self.pages.popitem(last=False)
        else:
            self.pages.move_to_end(number)
        return page[row - number * PAGE_SIZE]

    # ---- Qt's model interface ---------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """How many records match."""
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """Name, ID number, region, survey date, state."""
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
        text = state_label(row.state)
        if row.needs_correction:
            text += QCoreApplication.translate("RecordModel", " (to correct)")
        return text

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by name or survey date through the store (other columns: latest edit first)."""
        self.reload(order=SORTS.get(column, "updated_desc"))
