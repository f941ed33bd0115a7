"""待访, by keyboard: from the visit list open a person, confirm the prefilled form of this
year, save; the person leaves the list and the village's progress moves."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.store.roster import apply_page
from desktop.ui.main_window import MainWindow
from desktop.ui.visit_list import rate_text
from sync.contract.protocol import RosterEntry
from tests.helpers.contract_records import id_number, valid_record
from tests.helpers.ui import settle, type_text

TOWNSHIP = "620102001"


def _entry(sequence: int, name: str, village: str) -> RosterEntry:
    number = id_number(date(1990, 1, 1), sequence)
    return RosterEntry(
        id_number=number,
        year=date.today().year,
        name=name,
        disability_cert_number=number + "41",
        disability_category=4,
        disability_level=1,
        hukou_type=2,
        region_code=TOWNSHIP,
        village=village,
        address="某村1号",
        phone="13900000000",
    )


def test_a_visit_from_the_list_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    registry = window.workspace.registry
    known, fresh = _entry(11, "王知", "一村"), _entry(13, "李新", "一村")
    other = _entry(15, "赵远", "二村")
    apply_page(registry.engine, date.today().year, [known, fresh, other], "c1")
    last_year = valid_record()
    last_year.update(
        record_id=None,
        name="王知",
        id_number=known.id_number,
        disability_cert_number=known.id_number + "42",
        survey_date=f"{date.today().year - 1}-06-10",
    )
    earlier = registry.save_record(last_year)
    assert earlier.state == "pending"
    visits = window.visits
    qtbot.keyClick(window, Qt.Key.Key_F2)  # the visit list, the cursor in its search box
    settle(qtbot, window.ops)
    assert window.tabs.currentWidget() is visits
    assert visits.village_text(TOWNSHIP, "一村") == rate_text(0, 2) == "0 / 2 (0.0%)"
    assert visits.model.rowCount() == 3
    assert "0 / 3 (0.0%)" in visits.summary.text()

    # Down goes from the search box to the list, Shift+Tab back.
    qtbot.keyClick(visits.search, Qt.Key.Key_Down)
    assert visits.table.hasFocus()
    visits.search.setFocus()
    # Search by name, Enter: the form opens prefilled from last year's record.
    type_text(qtbot, visits.search, "王")
    qtbot.keyClick(visits.search, Qt.Key.Key_Return)
    settle(qtbot, window.ops)
    form = window.entry
    assert window.tabs.currentWidget() is form
    assert form.inputs["name"].value() == "王知"
    assert form.inputs["employer"].value() == last_year["employer"]
    assert form.inputs["disability_cert_number"].value() == known.id_number + "42"
    assert form.inputs["trainings"].value() == []
    assert form.inputs["survey_date"].value() == date.today().isoformat()
    assert form.inputs["surveyor"].value() == window.workspace.account.username
    assert str(date.today().year) in form.title.text()
    assert form.record_id != earlier.record_id
    with qtbot.waitSignal(form.saved) as saved:
        qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved.args[0].state == "pending"
    settle(qtbot, window.ops)

    # Back on the list (F2): the person is gone and the village moved.
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.keyClick(visits.search, Qt.Key.Key_Backspace)  # the search text was selected
    settle(qtbot, window.ops)
    qtbot.waitUntil(lambda: visits.model.rowCount() == 2, timeout=3000)
    names = {visits.model.person(r).name for r in range(2)}  # type: ignore[union-attr]
    assert names == {"李新", "赵远"}
    assert visits.village_text(TOWNSHIP, "一村") == "1 / 2 (50.0%)"
    assert visits.village_text(TOWNSHIP, "二村") == "0 / 1 (0.0%)"
    assert "1 / 3 (33.3%)" in visits.summary.text()
    assert registry.get(earlier.record_id).record["survey_date"] == last_year["survey_date"]

    # A roster person never surveyed: by ID number, the form starts from the roster.
    qtbot.keyClick(window, Qt.Key.Key_F2)
    qtbot.keyClicks(visits.search, fresh.id_number[:17])
    qtbot.keyClick(visits.search, Qt.Key.Key_Return)
    settle(qtbot, window.ops)
    assert window.tabs.currentWidget() is form
    assert form.inputs["name"].value() == "李新"
    assert form.inputs["disability_cert_number"].value() == fresh.id_number + "41"
    assert form.inputs["village"].value() == "一村"
    assert form.loaded is None


def test_a_person_surveyed_off_the_roster_is_listed_apart(qtbot: QtBot, window: MainWindow) -> None:
    registry = window.workspace.registry
    apply_page(registry.engine, date.today().year, [_entry(21, "周在", "一村")], "c1")
    record = valid_record()
    record.update(record_id=None, survey_date=date.today().isoformat())
    saved = registry.save_record(record)
    window.tabs.setCurrentWidget(window.visits)
    settle(qtbot, window.ops)
    visits = window.visits
    assert visits.off_table.rowCount() == 1
    assert visits.off_table.item(0, 0).text() == record["name"]
    with qtbot.waitSignal(visits.open_record) as opened:
        visits.off_table.setCurrentCell(0, 0)
        visits.off_table.cellActivated.emit(0, 0)
    assert opened.args[0] == saved.record_id
