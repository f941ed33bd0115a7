"""The year's round by keyboard alone, keystrokes counted against the targets
(docs/architecture.md, performance targets):
this year's visit to a person with last year's record, nothing changed, in <= 15 keys; a
new person from the roster in <= 40. The same counts are printed by ``make bench``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from bench.bench_keystrokes import ROUND_TARGETS
from desktop.store import Account
from desktop.ui.main_window import MainWindow
from desktop.ui.workspace import Workspace
from tests.helpers.entry_form import put_on_roster, round_visits, visit_by_keyboard
from tests.helpers.ui import settle

# The keystrokes of each visit (a Chinese character typed counts as one) and the target.
EXPECTED = {"known person, nothing changed": 5, "new person from the roster": 31}


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_a_visit_of_the_round_by_keyboard_alone(
    qtbot: QtBot,
    account: Account,
    workspace: Workspace,
    make_window: Callable[[Workspace], MainWindow],
    kind: str,
) -> None:
    today = date.today()
    visits = round_visits(today, account.username)
    last_year = put_on_roster(account.registry, today, visits)
    window = make_window(workspace)
    window.activateWindow()
    window.entry.inputs["name"].setFocus()
    record = visits[kind]
    with qtbot.waitSignal(window.entry.saved, timeout=5000) as saved:
        keys = visit_by_keyboard(window, record["name"], record)
    assert saved.args[0].state == "pending", saved.args[0].errors
    settle(qtbot, window.ops)
    stored = account.registry.get(saved.args[0].record_id).record
    assert saved.args[0].record_id != last_year
    assert {k: stored[k] for k in record if k != "record_id"} == {
        k: v for k, v in record.items() if k != "record_id"
    }
    assert keys.count == EXPECTED[kind], keys.stops
    assert keys.count <= ROUND_TARGETS[kind]  # docs/architecture.md, performance targets
