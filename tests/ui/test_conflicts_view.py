"""冲突: a record changed on two laptops, and a person entered twice, settled in the view."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.store import Account, Synchronizer, login_online
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import Operations
from desktop.ui.workspace import Workspace
from sync.client import RetryPolicy
from tests.helpers.central import CentralProcess
from tests.helpers.client import KeyringFile
from tests.helpers.entry_form import person
from tests.helpers.ui import settle

PASSWORD = "pw-conflict-1"
FAST = RetryPolicy(attempts=3, base=0.05, cap=0.2)


def laptop(server: CentralProcess, root: Path, user: str, opened: list[Account]) -> Account:
    """A laptop logged in as ``user``."""
    account, _ = login_online(root, server.url, user, PASSWORD, retry=FAST)
    opened.append(account)
    return account


def sync(account: Account) -> None:
    """One full sync through the store."""
    with account.client(FAST) as client:
        Synchronizer(account.registry, client).run()


@pytest.fixture
def laptops(
    central_server: CentralProcess,
    tmp_path: Path,
    test_keyring: KeyringFile,
    opened_accounts: list[Account],
) -> tuple[Account, Account]:
    """Two workers of 620102 on two laptops."""
    for user in ("w1", "w2"):
        central_server.create_user(user, "worker", "620102", PASSWORD)
    return (
        laptop(central_server, tmp_path / "a", "w1", opened_accounts),
        laptop(central_server, tmp_path / "b", "w2", opened_accounts),
    )


def test_a_field_changed_on_both_sides_is_chosen_per_field(
    qtbot: QtBot,
    laptops: tuple[Account, Account],
    ops: Operations,
    make_window: Callable[[Workspace], MainWindow],
) -> None:
    a, b = laptops
    record = person()
    a.registry.save_record(record)
    sync(a)
    sync(b)
    a.registry.save_record({**record, "phone": "13900000001", "surveyor": "甲"})
    sync(a)
    b.registry.save_record({**record, "phone": "13900000002"})
    sync(b)
    assert b.registry.get(record["record_id"]).state == "conflict"

    window = make_window(Workspace(b, ops))
    view = window.conflicts
    # From the queue, a record in conflict leads to the conflicts page.
    queue = window.queue
    row = [e.record_id for e in queue.entries].index(record["record_id"])
    queue.table.selectRow(row)
    queue.open_button.click()
    assert window.tabs.currentWidget() is view
    assert view.list.count() == 1
    assert view.table.rowCount() == 1  # only the phone: the surveyor merged by itself
    assert view.table.item(0, 1).text() == "13900000002"
    assert view.table.item(0, 2).text() == "13900000001"
    view.choose("phone", "remote")
    with qtbot.waitSignal(view.resolved) as resolved:
        view.resolve_button.click()
    assert resolved.args[0].state == "pending"
    settle(qtbot, ops)
    assert view.list.count() == 0
    kept = b.registry.get(record["record_id"]).record
    assert kept["phone"] == "13900000001"
    assert kept["surveyor"] == "甲"
    sync(b)
    assert b.registry.get(record["record_id"]).state == "synced"


def test_a_person_entered_twice_is_merged_into_the_existing_record(
    qtbot: QtBot,
    laptops: tuple[Account, Account],
    ops: Operations,
    make_window: Callable[[Workspace], MainWindow],
) -> None:
    a, b = laptops
    first = person(phone="13900000011")
    a.registry.save_record(first)
    sync(a)
    twice = person(record_id="00000000-0000-4000-8000-000000000002", phone="13900000022")
    b.registry.save_record(twice)
    sync(b)
    assert b.registry.get(twice["record_id"]).state == "rejected"

    window = make_window(Workspace(b, ops))
    view = window.conflicts
    assert view.list.count() == 1
    assert view.items[0].existing is not None
    assert view.items[0].existing.record_id == first["record_id"]
    view.choose("phone", "local")
    with qtbot.waitSignal(view.resolved):
        view.resolve_button.click()
    settle(qtbot, ops)
    assert b.registry.get(first["record_id"]).record["phone"] == "13900000022"
    assert b.registry.get(twice["record_id"]).deleted
    assert [e.record_id for e in b.registry.queue()] == [first["record_id"]]
    sync(b)
    assert b.registry.get(first["record_id"]).state == "synced"
