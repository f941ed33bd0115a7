"""A disk that refuses, met by a save or by a sync: the worker reads what happened and what
to do, at once; the form keeps every value typed; nothing saved before is lost; and the
same save or sync goes through once the disk takes writes again."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.store import Account
from desktop.store.errors import DiskWriteError
from desktop.ui.errors import worker_text
from desktop.ui.main_window import MainWindow
from tests.helpers.central import CentralProcess
from tests.helpers.client import KeyringFile, centre_counts, device, unique_samples
from tests.helpers.refusing_disk import read_only_disk
from tests.helpers.ui import settle


@pytest.mark.usefixtures("chinese")
def test_a_save_the_disk_refuses_is_told_and_the_form_keeps_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    [person] = unique_samples(1, seed=64)
    form = window.entry
    form.load_doc(person)
    form.confirm.setChecked(True)  # whatever the warnings, the worker has confirmed them
    registry = window.workspace.registry
    with read_only_disk(registry.engine):
        window.save()
        settle(qtbot, window.ops)
        window.save()  # again, as the worker would: one box still
        settle(qtbot, window.ops)
    [box] = window.findChildren(QMessageBox)
    # The environment's failure, in the worker's words: no "program error" and no bug id.
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text() == worker_text(DiskWriteError.user_message)
    assert registry.count() == 0
    assert form.record()["name"] == person["name"]
    assert form.record()["id_number"] == person["id_number"]
    box.close()
    with qtbot.waitSignal(form.saved) as saved:
        window.save()
    assert saved.args[0].state == "pending"
    assert registry.count() == 1


@pytest.mark.usefixtures("chinese")
def test_a_sync_the_disk_refuses_is_told_at_once_and_loses_nothing(
    qtbot: QtBot,
    centre: CentralProcess,
    tmp_path: Path,
    test_keyring: KeyringFile,
    window_of: Callable[[Account], MainWindow],
) -> None:
    account = device(centre, tmp_path / "laptop")
    account.registry.save_many(unique_samples(3, seed=65))
    window = window_of(account)
    settle(qtbot, window.ops)
    with read_only_disk(account.engine):
        with qtbot.waitSignal(window.control.failed, timeout=15_000):
            window.control.sync_now()
        settle(qtbot, window.ops)
    # A background failure is otherwise said on the sync line, which the disk cannot keep.
    told = worker_text(DiskWriteError.user_message)
    assert [box.text() for box in window.findChildren(QMessageBox)] == [told]
    assert window.queue.status.text() == told
    assert window.sync_line.text() == told  # not the last good sync, as if nothing failed
    for box in window.findChildren(QMessageBox):
        box.close()
    with qtbot.waitSignal(window.control.finished, timeout=15_000):
        window.control.sync_now()  # (or the sync the window starts by itself meanwhile)
    # Every record at the centre once, and synced here.
    assert centre_counts(centre) == (3, 3, 0)
    assert account.registry.status_counts()["synced"] == 3


def test_typing_an_autosave_could_not_keep_is_kept_at_closing(
    qtbot: QtBot, window: MainWindow
) -> None:
    [person] = unique_samples(1, seed=66)
    form = window.entry
    form.load_doc(person)  # typed, not saved
    registry = window.workspace.registry
    with read_only_disk(registry.engine):
        form.autosave()
        settle(qtbot, window.ops)
    assert registry.count() == 0
    for box in window.findChildren(QMessageBox):
        box.close()
    # Room again, the worker closes the window: what was typed is kept as a draft.
    form.autosave(now=True)
    assert registry.get(person["record_id"]).state == "draft"
