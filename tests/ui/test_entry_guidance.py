"""录入 guides the worker: what is known is prefilled, what does not apply is out of the
way, and errors show when they help (after leaving a field or saving), naming themselves."""

from __future__ import annotations

import json
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.ui.entry_form import LAST_PLACE_KEY
from desktop.ui.field_inputs import RegionInput, TextInput
from desktop.ui.field_marks import severity_word
from desktop.ui.main_window import MainWindow
from sync.contract.samples import sample_records
from tests.helpers.entry_form import person
from tests.helpers.ui import settle, type_text


def _focus(qtbot: QtBot, window: MainWindow, name: str) -> None:
    window.activateWindow()
    window.entry.inputs[name].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: window.entry.inputs[name].hasFocus(), timeout=2000)


def _press(qtbot: QtBot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)


def test_a_new_record_is_prefilled_with_what_is_known(qtbot: QtBot, window: MainWindow) -> None:
    form = window.entry
    assert form.inputs["survey_date"].value() == date.today().isoformat()
    assert form.inputs["surveyor"].value() == window.workspace.account.profile.username
    number = person()["id_number"]
    _focus(qtbot, window, "id_number")
    qtbot.keyClicks(QApplication.focusWidget(), number)
    cert = form.inputs["disability_cert_number"]
    assert cert.value() == number  # the certificate's first 18 characters
    _press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is cert
    assert isinstance(cert, TextInput)
    assert not cert.hasSelectedText()
    assert cert.cursorPosition() == 18
    qtbot.keyClicks(cert, "52")  # category 5 智力, level 2 二级
    assert cert.value() == number + "52"
    assert form.inputs["disability_category"].value() == 5
    assert form.inputs["disability_level"].value() == 2
    # Prefilled values raise no finding before the worker reaches them.
    form.revalidate()
    assert form.layout_.marks["survey_date"].label.isHidden()


def test_the_next_record_starts_in_the_last_records_township_and_village(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.entry
    record = person(village="第3村民小组", region_code="620102002")
    form.load_doc(record)
    with qtbot.waitSignal(form.saved) as saved:
        window.save()
    assert saved.args[0].state == "pending"
    settle(qtbot, window.ops)
    stored = window.workspace.registry.settings.get(LAST_PLACE_KEY)
    assert json.loads(stored or "{}") == {"region_code": "620102002", "village": "第3村民小组"}
    window.new_record()
    assert form.inputs["region_code"].value() == "620102002"
    assert form.inputs["village"].value() == "第3村民小组"
    assert form.inputs["name"].value() is None
    assert form.inputs["id_number"].value() is None


def test_a_township_is_typed_by_its_last_three_digits_or_its_name(
    qtbot: QtBot, window: MainWindow
) -> None:
    region = window.entry.inputs["region_code"]
    assert isinstance(region, RegionInput)
    township = window.workspace.tree.get("620102003")
    assert township is not None
    _focus(qtbot, window, "region_code")
    qtbot.keyClicks(QApplication.focusWidget(), "003")
    _press(qtbot, Qt.Key.Key_Tab)
    assert region.value() == "620102003"
    assert region.currentText() == f"003 {township.name}"
    _focus(qtbot, window, "region_code")
    other = window.workspace.tree.get("620102005")
    assert other is not None
    type_text(qtbot, QApplication.focusWidget(), other.name[:3])
    _press(qtbot, Qt.Key.Key_Tab)
    assert region.value() == "620102005"
    # What names no region stays as typed, for the rules to name.
    region.setEditText("999")
    assert region.value() == "999"


def test_fields_that_do_not_apply_are_disabled_and_out_of_the_tab_path(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.entry
    inputs = form.inputs
    for name in ("employment_form", "employment_date", "unemployment_reason", "graduation_year"):
        assert not inputs[name].isEnabled(), name  # no status chosen, not a graduate
    _focus(qtbot, window, "employment_status")
    qtbot.keyClicks(QApplication.focusWidget(), "2")  # 未就业
    assert inputs["unemployment_reason"].isEnabled()
    assert inputs["employment_intention"].isEnabled()
    assert not inputs["employment_form"].isEnabled()
    assert not inputs["employer"].isEnabled()
    _press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is inputs["unemployment_reason"]
    # A value typed before the status changed is not stored under the new one.
    form.load_doc(person())  # employed, with a form of employment
    assert inputs["employment_form"].isEnabled()
    inputs["employment_status"].set_value(2)
    assert form.record()["employment_form"] is None
    _focus(qtbot, window, "graduate")
    _press(qtbot, Qt.Key.Key_Space)
    assert inputs["graduation_year"].isEnabled()
    assert inputs["graduate_degree"].isEnabled()
    _press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is inputs["graduation_year"]


def test_an_empty_field_is_flagged_when_left_and_a_wrong_one_at_once(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.entry
    marks = form.layout_.marks
    _focus(qtbot, window, "name")
    form.revalidate()
    assert marks["name"].label.isHidden()  # nothing typed yet: no red
    _press(qtbot, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: not marks["name"].label.isHidden(), timeout=2000)
    assert marks["name"].label.text() == f"{severity_word('error')}: 请填写姓名"
    assert form.inputs["name"].property("finding") == "error"
    assert marks["hukou_type"].label.isHidden()  # not reached yet
    # A wrong value shows while the worker is still in the field.
    phone = form.inputs["phone"]
    _focus(qtbot, window, "phone")
    qtbot.keyClicks(phone, "12345")
    qtbot.waitUntil(lambda: not marks["phone"].label.isHidden(), timeout=2000)
    assert phone.hasFocus()
    assert "联系电话" in marks["phone"].label.text()
    assert "联系电话" in phone.accessibleDescription()  # a screen reader reads it too


def test_saving_with_errors_lists_them_and_f8_walks_them(qtbot: QtBot, window: MainWindow) -> None:
    form = window.entry
    form.load_doc(person(name=None, phone="12345", hukou_type=None))
    with qtbot.waitSignal(form.saved) as saved:
        window.save()
    assert saved.args[0].state == "draft"
    assert form.summary.isVisibleTo(form)
    lines = form.summary.text().splitlines()
    assert lines[0] == form.tr("{0} errors (F8 goes to the next):").format(3)
    assert lines[1:] == ["姓名：请填写姓名", "户口性质：请选择户口性质（城镇或农村）", lines[3]]
    assert lines[3].startswith("联系电话：")
    assert QApplication.focusWidget() is form.inputs["name"]
    _press(qtbot, Qt.Key.Key_F8)
    assert QApplication.focusWidget() is form.inputs["hukou_type"]
    _press(qtbot, Qt.Key.Key_F8)
    assert QApplication.focusWidget() is form.inputs["phone"]
    _press(qtbot, Qt.Key.Key_F8)
    assert QApplication.focusWidget() is form.inputs["name"]  # round again
    type_text(qtbot, form.inputs["name"], "张三")
    form.revalidate()
    assert "姓名：请填写姓名" not in form.summary.text()


def test_ctrl_s_asks_to_confirm_the_warnings_and_enter_saves(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.entry
    old = sample_records(200, seed=5, region_codes=["620102"])
    record = next(r for r in old if r["survey_date"] and int(r["id_number"][6:10]) < 1960)
    form.load_doc(record)
    form.revalidate()
    assert form.warnings.isVisibleTo(form)
    assert form.warnings.text().startswith(severity_word("warning"))
    # The confirmation sits right below the warnings.
    column = form.layout()
    assert column.indexOf(form.confirm) == column.indexOf(form.warnings) + 1
    _focus(qtbot, window, "name")
    _press(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    box = form.confirm_box
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible, timeout=2000)
    assert window.workspace.registry.count() == 0
    with qtbot.waitSignal(form.saved) as saved:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert saved.args[0].state == "pending"
    assert form.confirm.isChecked()


def test_dates_and_id_numbers_take_the_forms_workers_type(qtbot: QtBot, window: MainWindow) -> None:
    form = window.entry
    survey = form.inputs["survey_date"]
    for typed in ("20240305", "2024.3.5"):
        _focus(qtbot, window, "survey_date")
        qtbot.keyClicks(survey, typed)
        _press(qtbot, Qt.Key.Key_Tab)
        assert survey.value() == "2024-03-05", typed
    _focus(qtbot, window, "id_number")
    qtbot.keyClicks(form.inputs["id_number"], "11010519491231002x")
    assert form.inputs["id_number"].value() == "11010519491231002X"


def test_an_opened_record_shows_from_its_top(qtbot: QtBot, window: MainWindow) -> None:
    registry = window.workspace.registry
    record = person()
    registry.save_record(record)
    form = window.entry
    bar = form.page_scroll.verticalScrollBar()
    window.resize(900, 500)
    qtbot.waitUntil(lambda: bar.maximum() > 0, timeout=2000)
    bar.setValue(bar.maximum())
    window.open_record(record["record_id"])
    settle(qtbot, window.ops)
    assert form.record_id == record["record_id"]
    assert bar.value() == 0


def test_an_opened_draft_shows_everything_it_lacks(qtbot: QtBot, window: MainWindow) -> None:
    draft = window.workspace.registry.save_draft({"name": "草稿人"})
    window.open_record(draft.record_id)
    settle(qtbot, window.ops)
    marks = window.entry.layout_.marks
    assert not marks["id_number"].label.isHidden()  # empty and never left, yet shown
    window.new_record()
    assert marks["id_number"].label.isHidden()
