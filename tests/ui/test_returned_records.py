"""退回 and 已审核 on the worker's screens, by keyboard, against a real centre: the county
returns one record with field comments and approves another through ``POST /reviews``;
the worker syncs from 待同步, opens the returned record, corrects it, saves and syncs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop.store import Account
from desktop.ui.field_inputs import TextInput
from desktop.ui.field_marks import comment_text
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import Operations
from desktop.ui.record_model import review_label
from desktop.ui.workspace import Workspace
from sync.contract import validate
from sync.contract.fields import FIELDS_BY_NAME
from tests.helpers.central import CentralProcess
from tests.helpers.client import (
    PASSWORD,
    KeyringFile,
    device,
    post_review,
    sync,
    unique_samples,
)
from tests.helpers.ui import settle

COMMENTS = {"phone": "号码少一位", "village": "村名写错"}
REVIEW_COLUMN = 6


def _press(qtbot: QtBot, widget: QWidget, key: Qt.Key) -> None:
    widget.setFocus()
    qtbot.keyClick(widget, key)


def _sync_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.queue)
    with qtbot.waitSignal(window.control.finished, timeout=15_000):
        _press(qtbot, window.queue.sync_button, Qt.Key.Key_Space)
    settle(qtbot, window.ops)


def test_a_returned_record_is_shown_marked_corrected_and_an_approved_one_listed(
    qtbot: QtBot,
    centre: CentralProcess,
    tmp_path: Path,
    test_keyring: KeyringFile,
    ops: Operations,
    opened_accounts: list[Account],
    make_window: Callable[[Workspace], MainWindow],
) -> None:
    centre.create_user("worker1", "worker", "620102", PASSWORD)
    county = centre.login("county1", PASSWORD)
    account = device(centre, tmp_path / "worker", user="worker1")
    opened_accounts.append(account)
    # Records without warnings: a save then needs no confirmation.
    samples = [r for r in unique_samples(12, seed=43) if not validate(r)]
    to_return, to_approve = samples[:2]
    account.registry.save_many([to_return, to_approve])
    assert sync(account).push.accepted == 2
    returned_id, approved_id = to_return["record_id"], to_approve["record_id"]
    review = {"decision": "return", "comment": "请核对", "field_comments": COMMENTS}
    assert post_review(centre, county, returned_id, 1, **review) == "accepted"
    assert post_review(centre, county, approved_id, 1, decision="approve") == "accepted"

    window = make_window(Workspace(account, ops))
    window.activateWindow()
    settle(qtbot, ops)
    assert window.queue.table.rowCount() == 0
    assert not window.returned.isVisible()
    _sync_by_keyboard(qtbot, window)

    # 待同步: the returned record, 退回, the comment with who, and the field comments.
    queue = window.queue.table
    assert queue.rowCount() == 1
    assert queue.item(0, 0).text() == to_return["name"]
    assert queue.item(0, 1).text() == review_label("returned")
    reason = queue.item(0, 2).text()
    assert reason.startswith("请核对 (county1，")
    assert f"{FIELDS_BY_NAME['phone'].label}: 号码少一位" in reason
    assert f"{FIELDS_BY_NAME['village'].label}: 村名写错" in reason
    assert window.returned.isVisible()
    assert window.returned.text() == window.tr("Returned {0}").format(1)
    queue_tab = window.tabs.tabText(window.tabs.indexOf(window.queue))
    assert queue_tab == window.tr("To sync ({0}, returned {1})").format(0, 1)

    # Enter on the row opens the form on it: a banner, exactly the commented fields marked.
    queue.setFocus()
    queue.setCurrentCell(0, 0)
    qtbot.keyClick(queue, Qt.Key.Key_Return)
    form = window.entry
    qtbot.waitUntil(lambda: form.record_id == returned_id and form.review_banner.isVisible())
    assert window.tabs.currentWidget() is form
    assert "请核对" in form.review_banner.text()
    assert form.review_banner.accessibleDescription() == form.review_banner.text()
    marked = {name for name, mark in form.layout_.marks.items() if mark.comment}
    assert marked == set(COMMENTS)
    framed = {name for name, w in form.inputs.items() if w.property("review") == "returned"}
    assert framed == set(COMMENTS)
    for name, comment in COMMENTS.items():
        widget, mark = form.inputs[name], form.layout_.marks[name]
        assert comment_text(comment) in widget.toolTip()
        assert comment_text(comment) in widget.accessibleDescription()
        assert comment_text(comment) in mark.label.text()
        assert mark.label.isVisible()
    # The cursor is in the first commented field of the form; F8 goes to the next one.
    first, second = (name for name in form.inputs if name in COMMENTS)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.inputs[first])
    qtbot.keyClick(form.inputs[first], Qt.Key.Key_F8)
    assert QApplication.focusWidget() is form.inputs[second]

    # Correct the phone by keyboard and save with Ctrl+S.
    phone = form.inputs["phone"]
    assert isinstance(phone, TextInput)
    phone.setFocus()
    phone.selectAll()
    qtbot.keyClicks(phone, "13912345678")
    with qtbot.waitSignal(form.saved, timeout=5000) as saved:
        qtbot.keyClick(phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved.args[0].state == "pending"
    settle(qtbot, ops)
    banner = form.review_banner.text()
    assert banner.startswith("Corrected, waiting to sync.")
    assert "请核对" in banner
    assert queue.rowCount() == 1
    assert queue.item(0, 1).text() == review_label("corrected")
    assert not window.returned.isVisible()

    # Synced: the centre took the correction (unreviewed); nothing is left in 待同步.
    _sync_by_keyboard(qtbot, window)
    assert queue.rowCount() == 0
    assert account.registry.get(returned_id).review_mark == "unreviewed"
    assert window.tabs.tabText(window.tabs.indexOf(window.queue)) == window.tr(
        "To sync ({0})"
    ).format(0)

    # 记录: the review column, and the filter by review chosen by keyboard.
    records = window.records
    window.tabs.setCurrentWidget(records)
    records.show_year(None)
    settle(qtbot, ops)
    model = records.model
    shown = {
        model.record_id(row): model.index(row, REVIEW_COLUMN).data()
        for row in range(model.rowCount())
    }
    assert shown == {
        returned_id: review_label("unreviewed"),
        approved_id: review_label("approved"),
    }
    records.review.setFocus()
    while records.review.currentData() != "approved":
        qtbot.keyClick(records.review, Qt.Key.Key_Down)
    settle(qtbot, ops)
    assert model.rowCount() == 1
    assert model.record_id(0) == approved_id
    assert model.index(0, REVIEW_COLUMN).data() == review_label("approved")
