"""记录: the lazy list over many records reads only the pages it shows; search and filters."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.store import Account, RecordFilter, outbox
from desktop.store.sample_rows import bulk_insert
from desktop.ui.main_window import MainWindow
from desktop.ui.paged_model import CACHED_PAGES, PAGE_SIZE
from desktop.ui.record_list import filter_for
from desktop.ui.record_model import state_label
from desktop.ui.workspace import Workspace
from tests.helpers.client import unique_samples
from tests.helpers.entry_form import person
from tests.helpers.ui import settle, type_text

ROWS = 50_000
WindowMaker = Callable[[Workspace], MainWindow]


@pytest.mark.slow
def test_fifty_thousand_records_show_at_once_and_only_visible_pages_are_read(
    qtbot: QtBot, account: Account, window: MainWindow
) -> None:
    bulk_insert(account.engine, ROWS)  # surveyed in 2024
    window.tabs.setCurrentWidget(window.records)
    window.records.show_year(2024)
    settle(qtbot, window.ops)
    model, table = window.records.model, window.records.table
    assert model.rowCount() == ROWS
    assert window.records.count.text().startswith(str(ROWS))
    table.grab()  # paint: the view asks for the rows it shows
    assert model.pages_read == 1
    table.scrollToBottom()
    table.grab()
    assert model.pages_read == 2
    last = model.index(ROWS - 1, 0)
    [shown] = account.registry.page([model.record_id(ROWS - 1) or ""])
    assert model.data(last) == shown.name
    for row in range(0, ROWS, PAGE_SIZE * 7):  # a jump through the list
        model.data(model.index(row, 0))
    assert len(model.pages) <= CACHED_PAGES

    # A name prefix: the list shows exactly what the store counts.
    first_name = model.data(model.index(0, 0))
    prefix = first_name[:2]
    type_text(qtbot, window.records.search, prefix)
    qtbot.waitUntil(lambda: model.rowCount() < ROWS, timeout=3000)
    settle(qtbot, window.ops)
    expected = account.registry.count(RecordFilter(name_prefix=prefix))
    assert model.rowCount() == expected
    assert all(str(model.data(model.index(r, 0))).startswith(prefix) for r in range(expected))


def test_search_by_id_or_certificate_number_and_filter_by_state(
    qtbot: QtBot, account: Account, window: MainWindow
) -> None:
    queued = person(survey_date=date.today().isoformat())  # the list shows this year's
    account.registry.save_record(queued)
    draft = account.registry.save_draft({"name": "草稿人"})
    window.records.refresh()
    settle(qtbot, window.ops)
    model = window.records.model
    assert model.rowCount() == 2

    window.records.search.setText(queued["disability_cert_number"])  # 20 characters
    window.records.refresh()
    settle(qtbot, window.ops)
    assert [model.record_id(r) for r in range(model.rowCount())] == [queued["record_id"]]

    window.records.search.clear()
    window.records.state.setCurrentIndex(window.records.state.findData("draft"))
    settle(qtbot, window.ops)
    assert [model.record_id(r) for r in range(model.rowCount())] == [draft.record_id]

    # Enter on a row opens it in the entry form.
    with qtbot.waitSignal(window.records.open_requested) as opened:
        window.records.table.setCurrentIndex(model.index(0, 0))
        qtbot.keyClick(window.records.table, Qt.Key.Key_Return)
    assert opened.args[0] == draft.record_id
    settle(qtbot, window.ops)
    assert window.entry.record_id == draft.record_id
    assert window.tabs.currentWidget() is window.entry


def test_a_record_on_its_way_is_listed_as_waiting_and_the_filter_offers_what_rows_hold(
    qtbot: QtBot, account: Account, window: MainWindow
) -> None:
    queued = person(survey_date=date.today().isoformat())
    account.registry.save_record(queued)
    batch = outbox.take_batch(account.registry.engine, 10, 1 << 20)  # a push on its way
    assert [op.record_id for op in batch] == [queued["record_id"]]
    assert account.registry.status_counts()["syncing"] == 1  # what status reports
    offered = [window.records.state.itemData(i) for i in range(window.records.state.count())]
    # Since schema v11 the mark is on the outbox op: no row is "syncing", so no such filter.
    assert "syncing" not in offered
    window.records.state.setCurrentIndex(window.records.state.findData("pending"))
    settle(qtbot, window.ops)
    model = window.records.model
    assert [model.record_id(r) for r in range(model.rowCount())] == [queued["record_id"]]
    assert model.data(model.index(0, 4)) == state_label("pending")
    # The status bar counts the record on its way as one to send.
    window.count_again()
    settle(qtbot, window.ops)
    assert window.counts.text() == "0 drafts, 1 to send, 0 refused, 0 conflicts, 0 synced"


def test_a_search_text_becomes_the_right_store_filter() -> None:
    assert filter_for("6201021990", None, None).id_number_prefix == "6201021990"
    assert filter_for("62010219900101123x11", None, None).id_number_prefix == "62010219900101123X"
    assert filter_for(" 张 ", "synced", "620102001") == RecordFilter(
        states=("synced",), region_prefix="620102001", name_prefix="张"
    )
    assert filter_for("", None, None) == RecordFilter()
    assert filter_for("", "to_correct", None) == RecordFilter(needs_correction=True)


def test_the_employment_status_filter_shows_only_that_status(
    qtbot: QtBot, account: Account, window: MainWindow
) -> None:
    employed = person(survey_date=date.today().isoformat())
    account.registry.save_record(employed)
    idle = account.registry.save_draft({"name": "待业人", "employment_status": 2})
    window.records.refresh()
    settle(qtbot, window.ops)
    model, combo = window.records.model, window.records.employment
    assert model.rowCount() == 2
    combo.setCurrentIndex(combo.findData(employed["employment_status"]))
    settle(qtbot, window.ops)
    assert [model.record_id(r) for r in range(model.rowCount())] == [employed["record_id"]]
    combo.setCurrentIndex(combo.findData(2))
    settle(qtbot, window.ops)
    assert [model.record_id(r) for r in range(model.rowCount())] == [idle.record_id]
    assert window.records.count.text().startswith("1")
    combo.setCurrentIndex(0)  # any status
    settle(qtbot, window.ops)
    assert model.rowCount() == 2


def test_the_list_shows_this_years_records_and_the_year_filter_others(
    qtbot: QtBot, account: Account, window: MainWindow
) -> None:
    this_year = date.today().year
    earlier = person(survey_date=f"{this_year - 1}-06-10")
    account.registry.save_record(earlier)
    current = account.registry.save_record(
        {**earlier, "record_id": None, "survey_date": date.today().isoformat()}
    )
    begun = account.registry.save_draft({"name": "草稿人"})  # no survey date yet
    window.records.refresh()
    settle(qtbot, window.ops)
    model = window.records.model
    shown = {model.record_id(r) for r in range(model.rowCount())}
    assert shown == {current.record_id, begun.record_id}
    window.records.show_year(this_year - 1)
    settle(qtbot, window.ops)
    shown = {model.record_id(r) for r in range(model.rowCount())}
    assert shown == {earlier["record_id"], begun.record_id}
    window.records.show_year(None)
    settle(qtbot, window.ops)
    assert model.rowCount() == 3


def test_the_clerk_lists_a_surveyors_records_and_the_keyboard_reaches_the_list(
    qtbot: QtBot, account: Account, workspace: Workspace, make_window: WindowMaker
) -> None:
    registry = account.registry
    today = date.today().isoformat()  # the list shows this year's records
    first = person(surveyor="李娟", survey_date=today)
    second = unique_samples(2, seed=8)[1] | {
        "surveyor": "王强",
        "region_code": "620102001",
        "survey_date": today,
    }
    registry.save_record(first)
    registry.save_record(second)
    window = make_window(workspace)  # the surveyors are read when the list first is
    records = window.records
    model = records.model
    assert model.headerData(5, Qt.Orientation.Horizontal) == records.tr("Surveyor")
    names = [records.surveyor.itemText(i) for i in range(records.surveyor.count())]
    assert names == [records.tr("All surveyors"), "李娟", "王强"]
    records.surveyor.setCurrentIndex(2)
    settle(qtbot, window.ops)
    assert model.rowCount() == 1
    assert model.data(model.index(0, 5)) == "王强"
    assert model.record_id(0) == second["record_id"]
    # Ctrl+F, type, Down: the cursor is on the first record; Enter opens it.
    records.surveyor.setCurrentIndex(0)
    window.activateWindow()
    window.search_records()
    qtbot.waitUntil(records.search.hasFocus, timeout=2000)
    type_text(qtbot, records.search, first["name"])
    qtbot.keyClick(records.search, Qt.Key.Key_Down)
    settle(qtbot, window.ops)
    assert records.table.hasFocus()
    assert model.record_id(records.table.currentIndex().row()) == first["record_id"]
    qtbot.keyClick(records.table, Qt.Key.Key_Return)
    settle(qtbot, window.ops)
    assert window.tabs.currentWidget() is window.entry
    assert window.entry.record_id == first["record_id"]
