"""Three typical records typed from the keyboard alone, keystrokes counted.

A worker enters one person after another in the same village: the form prefills the
survey date (today), the surveyor, the township and village of the last record, the
certificate number from the ID number and the category and level from the certificate.
The counts are exact: a change that costs the worker keystrokes fails here, and the same
counts are printed by ``make bench`` (bench/bench_keystrokes.py) beside the target.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from desktop.store import Account
from desktop.ui.entry_form import LAST_PLACE_KEY
from desktop.ui.main_window import MainWindow
from desktop.ui.workspace import Workspace
from tests.helpers.entry_form import LAST_PLACE, enter_by_keyboard, typical_records
from tests.helpers.ui import settle

# The keystrokes each typical record takes (a Chinese character typed counts as one).
EXPECTED = {"employed": 76, "unemployed, one training": 75, "graduate": 90}


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_a_typical_record_by_keyboard_alone(
    qtbot: QtBot,
    account: Account,
    workspace: Workspace,
    make_window: Callable[[Workspace], MainWindow],
    kind: str,
) -> None:
    account.registry.settings.set(LAST_PLACE_KEY, json.dumps(LAST_PLACE, ensure_ascii=False))
    window = make_window(workspace)
    window.activateWindow()
    record = typical_records(date.today(), account.profile.username)[kind]
    with qtbot.waitSignal(window.entry.saved, timeout=5000) as saved:
        keys = enter_by_keyboard(window, record)
    assert saved.args[0].state == "pending", saved.args[0].errors
    settle(qtbot, window.ops)
    stored = account.registry.get(saved.args[0].record_id).record
    assert stored["disability_cert_number"] == record["disability_cert_number"]
    assert stored["trainings"] == record["trainings"]
    assert keys.count == EXPECTED[kind], keys.stops


def test_make_bench_counts_the_same_records() -> None:
    from bench.bench_keystrokes import BEFORE

    assert set(BEFORE) == set(typical_records(date.today(), "worker1")) == set(EXPECTED)
