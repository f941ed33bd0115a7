"""Autosave and recovery: typing survives a crash, and autosave never queues anything."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from desktop.store import Account, open_account
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import Operations
from desktop.ui.workspace import Workspace
from tests.helpers.entry_form import person
from tests.helpers.ui import settle, type_text


def crash_and_reopen(
    qtbot: QtBot,
    account: Account,
    ops: Operations,
    opened_accounts: list[Account],
    make_window: Callable[[Workspace], MainWindow],
) -> MainWindow:
    """A second program on the same data folder, as after a crash: the first window is
    never closed, so nothing but the autosaves reached the disk."""
    again = open_account(account.data_dir.root, account.username)
    opened_accounts.append(again)
    return make_window(Workspace(again, ops))


def test_a_new_record_autosaved_comes_back_after_a_crash_as_a_draft(
    qtbot: QtBot,
    window: MainWindow,
    account: Account,
    ops: Operations,
    opened_accounts: list[Account],
    make_window: Callable[[Workspace], MainWindow],
) -> None:
    form = window.entry
    form.autosave_timer.setInterval(50)
    record = person()
    type_text(qtbot, form.inputs["name"], record["name"])
    type_text(qtbot, form.inputs["id_number"], record["id_number"])
    qtbot.waitUntil(lambda: account.registry.count() == 1, timeout=3000)
    settle(qtbot, ops)
    stored = account.registry.get(form.record_id)
    assert stored.state == "draft"
    assert account.registry.queue() == []

    second = crash_and_reopen(qtbot, account, ops, opened_accounts, make_window)
    qtbot.waitUntil(lambda: second.entry.record_id == form.record_id, timeout=3000)
    assert second.entry.inputs["name"].value() == record["name"]
    assert second.entry.inputs["id_number"].value() == record["id_number"]


def test_an_edit_of_a_queued_record_is_recovered_without_touching_the_queue(
    qtbot: QtBot,
    window: MainWindow,
    account: Account,
    ops: Operations,
    opened_accounts: list[Account],
    make_window: Callable[[Workspace], MainWindow],
) -> None:
    record = person()
    account.registry.save_record(record)
    window.open_record(record["record_id"])
    settle(qtbot, ops)
    form = window.entry
    assert form.record_id == record["record_id"]
    form.inputs["name"].clear()
    type_text(qtbot, form.inputs["name"], "王五")
    form.autosave()
    settle(qtbot, ops)
    # The queued content is what the worker last saved on purpose.
    stored = account.registry.get(record["record_id"])
    assert stored.state == "pending"
    assert stored.record["name"] == record["name"]
    assert len(account.registry.queue()) == 1

    second = crash_and_reopen(qtbot, account, ops, opened_accounts, make_window)
    qtbot.waitUntil(lambda: second.entry.record_id == record["record_id"], timeout=3000)
    assert second.entry.inputs["name"].value() == "王五"
    assert second.entry.dirty
    with qtbot.waitSignal(second.entry.saved):
        second.save()
    settle(qtbot, ops)
    assert account.registry.get(record["record_id"]).record["name"] == "王五"


def test_closing_the_window_keeps_what_was_typed(
    qtbot: QtBot,
    window: MainWindow,
    account: Account,
) -> None:
    type_text(qtbot, window.entry.inputs["name"], "赵六")
    type_text(qtbot, window.entry.inputs["id_number"], person()["id_number"])
    window.close()
    found = account.registry.get(window.entry.record_id)
    assert found.record["name"] == "赵六"
    assert found.state == "draft"
