"""The 抽查 tab: drawn at the real centre, fetched by a sync, checked by mouse and keyboard
offline, sent by the next sync, and stored at the centre."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from desktop.store import Account
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import Operations
from tests.helpers.central import CentralProcess
from tests.helpers.client import KeyringFile, device, sync, unique_samples
from tests.helpers.spot_checks import draw_busiest_quarter
from tests.helpers.ui import settle, type_text


def centre_results(centre: CentralProcess) -> dict[str, tuple[bool, object]]:
    """The verdicts the centre stored: field -> (matched, corrected)."""
    engine = create_engine(centre.db_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT field, matched, corrected FROM spot_check_results"))
        found = {
            r.field: (bool(r.matched), None if r.corrected is None else json.loads(r.corrected))
            for r in rows
        }
    engine.dispose()
    return found


def test_check_a_drawn_record_and_send_the_verdict(
    qtbot: QtBot,
    centre: CentralProcess,
    tmp_path: Path,
    test_keyring: KeyringFile,
    ops: Operations,
    window_of: Callable[[Account], MainWindow],
) -> None:
    field = device(centre, tmp_path / "field")
    records = unique_samples(8, seed=3, region="620102")
    field.registry.save_many(records)
    assert sync(field).push.accepted == 8
    field.close()
    drawn = draw_busiest_quarter(centre, records, 1, seed=9).assignments

    window = window_of(device(centre, tmp_path / "inspector", user="inspector_jyg"))
    view = window.spotchecks
    window.tabs.setCurrentWidget(view)
    settle(qtbot, ops)
    assert view.table.rowCount() == 0
    assert view.empty.isVisibleTo(window)
    with qtbot.waitSignal(window.control.finished, timeout=15_000) as synced:
        window.control.sync_now()
    assert synced.args[0].spot_checks.assigned == len(drawn)
    settle(qtbot, ops)
    assert view.table.rowCount() == len(drawn)
    assert view.table.item(0, 3).text() == view.tr("Not checked")
    person = {r["record_id"]: r for r in records}[view.items[0].record_id]
    assert view.table.item(0, 1).text() == person["name"]
    assert view.fields["name"].value.text() == person["name"]

    # Nothing ticked yet: saving says so and keeps nothing.
    with qtbot.waitSignal(view.notice), qtbot.assertNotEmitted(view.saved):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    # The name matches (mouse), the phone was wrong (typed), the rest unchecked.
    qtbot.mouseClick(view.fields["name"].matched, Qt.MouseButton.LeftButton)
    phone = view.fields["phone"]
    qtbot.mouseClick(phone.matched, Qt.MouseButton.LeftButton)
    type_text(qtbot, phone.corrected, "13911112222")
    assert not phone.matched.isChecked()  # a value found is no match
    # A re-read of the list (as after a sync) keeps what is typed and not saved yet.
    view.refresh()
    settle(qtbot, ops)
    assert view.fields["name"].matched.isChecked()
    assert phone.corrected.text() == "13911112222"
    with qtbot.waitSignal(view.saved):
        qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot, ops)
    assert view.table.item(0, 3).text() == view.tr("To send")
    assert centre_results(centre) == {}

    with qtbot.waitSignal(window.control.finished, timeout=15_000) as synced:
        window.control.sync_now()
    assert synced.args[0].spot_checks.accepted == 1
    settle(qtbot, ops)
    assert view.table.item(0, 3).text() == view.tr("Sent")
    assert centre_results(centre) == {"name": (True, None), "phone": (False, "13911112222")}
    # The form shows the verdicts kept.
    assert view.fields["name"].matched.isChecked()
    assert view.fields["phone"].corrected.text() == "13911112222"
