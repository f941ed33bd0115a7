"""A lazy table model: a count up front, rows read a page at a time as the view shows them.

Like Qt's fetchmore example and Anki's browser, the model never holds the whole list: the
screen reads the count and the first page off the GUI thread and hands them to
:meth:`PagedModel.show`; ``data()`` of a row not in the small page cache reads that row's
page where the view asks for it (:meth:`PagedModel.read_page`), keeping the last
``CACHED_PAGES`` pages. The record list (record_model.py) and the visit list (visit_list.py)
are such models; each says how it reads a page and what a cell shows.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from desktop.store import Registry
from desktop.ui.workspace import Workspace

PAGE_SIZE = 200
CACHED_PAGES = 16
Index = QModelIndex | QPersistentModelIndex
Item = TypeVar("Item")


class PagedModel(QAbstractTableModel, Generic[Item]):
    """Rows of ``Item``, ``total`` of them, read by pages of ``PAGE_SIZE``."""

    def __init__(
        self,
        workspace: Workspace,
        registry: Registry | None,
        headers: list[str],
        roles: tuple[Qt.ItemDataRole, ...] = (Qt.ItemDataRole.DisplayRole,),
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.registry = registry or workspace.registry
        self.total = 0
        # page number -> its items, the least recently shown first
        self.pages: OrderedDict[int, list[Item]] = OrderedDict()
        self.pages_read = 0
        self._headers = headers
        self._roles = roles

    def show(self, total: int, first: list[Item]) -> None:
        """Show ``total`` rows, of which the first page is read."""
        self.beginResetModel()
        self.total = total
        self.pages.clear()
        if total:
            self.pages[0] = first
            self.pages_read += 1
        self.endResetModel()

    def read_page(self, start: int, size: int) -> list[Item]:
        """The ``size`` items from row ``start`` on (fewer where the list shrank)."""
        raise NotImplementedError

    def cell(self, item: Item, column: int) -> Any:
        """What ``column`` of ``item``'s row shows."""
        raise NotImplementedError

    def item(self, row: int) -> Item | None:
        """The item on ``row`` (None past the end of a list that shrank since its count)."""
        number = row // PAGE_SIZE
        page = self.pages.get(number)
        if page is None:
            start = number * PAGE_SIZE
            page = self.read_page(start, max(0, min(PAGE_SIZE, self.total - start)))
            self.pages[number] = page
            self.pages_read += 1
            while len(self.pages) > CACHED_PAGES:
                self.pages.popitem(last=False)
        else:
            self.pages.move_to_end(number)
        offset = row - number * PAGE_SIZE
        return page[offset] if offset < len(page) else None

    # ---- Qt's model interface ---------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """How many rows the count found."""
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        """One a header."""
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
        if not index.isValid() or role not in self._roles:
            return None
        item = self.item(index.row())
        return None if item is None else self.cell(item, index.column())
