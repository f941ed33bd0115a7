"""The record model holds a count and a few pages, never the whole list of ids."""

from __future__ import annotations

import threading
from typing import Any

from pytestqt.qtbot import QtBot

from desktop.store import Account, RecordFilter, Registry
from desktop.store.listing import Order
from desktop.store.sample_rows import bulk_insert
from desktop.ui.operations import Operations
from desktop.ui.paged_model import CACHED_PAGES, PAGE_SIZE
from desktop.ui.record_model import RecordModel
from desktop.ui.workspace import Workspace
from tests.helpers.ui import settle

ROWS = 5_000


class CountingRegistry(Registry):
    """The account's registry, noting every page of ids asked for."""

    def __init__(self, account: Account) -> None:
        super().__init__(account.engine, username="u", device_id="d")
        self.asked: list[dict[str, Any]] = []

    def ids(
        self, filters: RecordFilter | None = None, order: Order = "updated_desc", **page: Any
    ) -> list[str]:
        self.asked.append(page)
        return super().ids(filters, order, **page)


def test_rows_come_by_pages_from_whichever_end_is_nearer(
    qtbot: QtBot, account: Account, workspace: Workspace
) -> None:
    bulk_insert(account.engine, ROWS)
    registry = CountingRegistry(account)
    everything = registry.ids()  # what the list shows, read once here to compare
    id_numbers = {r.record_id: r.id_number for r in registry.page(everything)}
    registry.asked.clear()
    model = RecordModel(workspace, registry)
    model.reload()
    settle(qtbot, workspace.ops)
    assert model.rowCount() == ROWS
    # The reload read one page of ids, not the whole list.
    assert registry.asked == [{"limit": PAGE_SIZE}]
    assert model.pages_read == 1

    for row in (0, 150, 700, 3_300, ROWS - 1):
        assert model.record_id(row) == everything[row]
        assert model.data(model.index(row, 1)) == id_numbers[everything[row]]
    near_end = [a for a in registry.asked if a.get("from_end")]
    # Rows 3300 and 4999 lie past the middle: read counting from the end.
    assert near_end == [
        {"limit": PAGE_SIZE, "offset": ROWS - 3_400, "from_end": True},
        {"limit": PAGE_SIZE, "offset": 0, "from_end": True},
    ]
    for row in range(0, ROWS, PAGE_SIZE // 2):
        model.data(model.index(row, 0))
    held = sum(len(page) for page in model.pages.values())
    assert held <= CACHED_PAGES * PAGE_SIZE < ROWS


class HeldRegistry(Registry):
    """A registry whose count for a region filter waits until the test lets it answer."""

    def __init__(self, account: Account) -> None:
        super().__init__(account.engine, username="u", device_id="d")
        self.release = threading.Event()

    def count(self, filters: RecordFilter | None = None) -> int:
        if filters is not None and filters.region_prefix:
            assert self.release.wait(5)
        return super().count(filters)


def test_an_answer_to_an_older_reload_is_not_shown(qtbot: QtBot, account: Account) -> None:
    bulk_insert(account.engine, 300)
    ops = Operations()
    registry = HeldRegistry(account)
    try:
        model = RecordModel(Workspace(account, ops), registry)
        model.reload(RecordFilter(region_prefix="620102001"))
        model.reload(RecordFilter())  # the worker changed the filter before the answer came
        qtbot.waitUntil(lambda: model.rowCount() == 300)
        registry.release.set()  # now the older, narrower answer arrives
        settle(qtbot, ops)
        assert model.rowCount() == 300
        assert model.filters == RecordFilter()
    finally:
        registry.release.set()
        settle(qtbot, ops)
        ops.shutdown()
