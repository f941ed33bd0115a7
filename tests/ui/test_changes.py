"""After a write, the window re-reads only the screens that the write can have changed."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.store import SyncReport
from desktop.ui.changes import Changes, after_sync
from desktop.ui.main_window import MainWindow
from tests.helpers.entry_form import person
from tests.helpers.ui import settle


def _count_refreshes(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    calls = {"records": 0, "queue": 0, "conflicts": 0}
    for name in calls:
        screen = getattr(window, name)
        original = screen.refresh

        def counted(name: str = name, original: object = original) -> None:
            calls[name] += 1
            original()  # type: ignore[operator]

        monkeypatch.setattr(screen, "refresh", counted)
    return calls


def test_a_save_rereads_the_lists_and_counts_but_not_the_conflicts(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_refreshes(window, monkeypatch)
    window.entry.load_doc(person())
    with qtbot.waitSignal(window.entry.saved):
        window.save()
    settle(qtbot, window.ops)
    assert calls == {"records": 1, "queue": 1, "conflicts": 0}
    assert window.counts.text().startswith("0 drafts, 1 to send")


def test_a_sync_that_moved_nothing_rereads_nothing() -> None:
    assert after_sync(SyncReport()) == Changes()
    assert not after_sync(SyncReport()).any()


def test_a_sync_that_sent_or_received_rereads_the_record_screens() -> None:
    sent = SyncReport()
    sent.push.accepted = 3
    received = SyncReport()
    received.pull.received = 1
    for report in (sent, received):
        changes = after_sync(report)
        assert (changes.records, changes.queue, changes.conflicts) == (True, True, True)
        assert not changes.spot_checks
    assigned = SyncReport()
    assigned.spot_checks.assigned = 2
    assert after_sync(assigned) == Changes(spot_checks=True)
