"""录入: a record typed from the keyboard, live rule messages, warnings, duplicates, drafts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.entry_form import DEBOUNCE_MS
from desktop.ui.main_window import MainWindow
from sync.contract.samples import sample_records
from tests.helpers.entry_form import person, type_by_keyboard
from tests.helpers.ui import settle, type_text


def test_a_complete_record_typed_by_keyboard_is_saved_and_queued(
    qtbot: QtBot, window: MainWindow
) -> None:
    record = person()
    window.activateWindow()
    type_by_keyboard(window, record)
    form = window.entry
    assert form.inputs["region_code"].value() == "620102001"
    assert form.inputs["disability_category"].value() == record["disability_category"]
    # Derived from the ID number as it was typed.
    assert record["id_number"][6:10] in form.layout_.derived.text()
    qtbot.waitUntil(lambda: not form.findings or form.findings[0].severity == "warning")
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
        )
    assert saved.args[0].state == "pending"
    settle(qtbot, window.ops)
    stored = window.workspace.registry.get(saved.args[0].record_id)
    assert stored.state == "pending"
    assert stored.record["name"] == record["name"]
    assert stored.record["employment_date"] == "2024-03-01"
    assert window.queue.table.rowCount() == 1


def test_a_rule_message_appears_under_the_field_and_clears(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.entry
    id_input = form.inputs["id_number"]
    message = form.layout_.marks["id_number"].label
    qtbot.keyClicks(id_input, "62010219900101123")  # 17 characters: not an ID number yet
    qtbot.waitUntil(lambda: message.isVisibleTo(form) and message.text() != "", timeout=2000)
    assert id_input.property("finding") == "error"
    shown = message.text()
    qtbot.keyClicks(id_input, "X")
    qtbot.waitUntil(lambda: message.text() != shown, timeout=2000)
    valid = person()["id_number"]
    id_input.clear()
    qtbot.keyClicks(id_input, valid)
    qtbot.waitUntil(lambda: not message.isVisibleTo(form), timeout=2000)
    assert id_input.property("finding") == ""
    assert DEBOUNCE_MS <= 200


def test_what_saving_would_tidy_is_no_error_while_typing(qtbot: QtBot, window: MainWindow) -> None:
    form = window.entry
    form.load_doc(person())
    name = form.inputs["name"]
    name.setText(name.text() + " ")  # a trailing space: saving strips it
    form.revalidate()
    assert [f.rule_id for f in form.findings if "name" in f.fields] == []
    assert name.property("finding") == ""
    form.inputs["graduation_year"].setText("²")  # a digit to str.isdigit(), not to int()
    form.revalidate()
    assert form.inputs["graduation_year"].value() == "²"


def test_errors_keep_the_record_a_draft_that_is_never_queued(
    qtbot: QtBot, window: MainWindow
) -> None:
    form = window.entry
    type_text(qtbot, form.inputs["name"], "张三")
    with qtbot.waitSignal(form.saved) as saved:
        window.save()
    assert saved.args[0].state == "draft"
    assert saved.args[0].errors
    settle(qtbot, window.ops)
    assert window.workspace.registry.queue() == []
    assert window.workspace.registry.get(saved.args[0].record_id).state == "draft"


def test_warnings_must_be_confirmed_before_saving(qtbot: QtBot, window: MainWindow) -> None:
    form = window.entry
    # Aged 70 on the survey date: outside working age, which the rules only warn about.
    old = sample_records(200, seed=5, region_codes=["620102"])
    record = next(r for r in old if r["survey_date"] and int(r["id_number"][6:10]) < 1960)
    form.load_doc(record)
    form.revalidate()
    assert [f for f in form.findings if f.severity == "warning"]
    assert not [f for f in form.findings if f.severity == "error"]
    assert form.confirm.isVisibleTo(form)
    window.save()
    settle(qtbot, window.ops)
    assert window.workspace.registry.count() == 0
    qtbot.keyClick(form.confirm, Qt.Key.Key_Space)
    with qtbot.waitSignal(form.saved) as saved:
        window.save()
    assert saved.args[0].state == "pending"


def test_typing_an_id_number_already_here_opens_that_record(
    qtbot: QtBot, window: MainWindow
) -> None:
    existing = person()
    window.workspace.registry.save_record(existing)
    window.new_record()
    form = window.entry
    qtbot.keyClicks(form.inputs["id_number"], existing["id_number"])
    qtbot.waitUntil(lambda: form.record_id == existing["record_id"], timeout=3000)
    assert form.inputs["name"].value() == existing["name"]
    assert form.loaded is not None
    assert form.loaded.state == "pending"


def test_an_autosaved_start_does_not_stop_the_duplicate_check(
    qtbot: QtBot, window: MainWindow
) -> None:
    registry = window.workspace.registry
    existing = person()
    registry.save_record(existing)
    form = window.entry
    window.new_record()
    type_text(qtbot, form.inputs["name"], existing["name"])
    form.autosave()
    settle(qtbot, window.ops)
    orphan = form.record_id
    assert registry.get(orphan).state == "draft"
    qtbot.keyClicks(form.inputs["id_number"], existing["id_number"])
    qtbot.waitUntil(lambda: form.record_id == existing["record_id"], timeout=3000)
    settle(qtbot, window.ops)
    assert registry.get(orphan).deleted
    assert registry.count() == 1
