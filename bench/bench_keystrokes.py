"""Entry by keyboard: the keystrokes of the year's round and of three typical new persons,
beside the targets (docs/architecture.md, performance targets).

The records and the typing are those of tests/ui/test_round_keystrokes.py and
tests/ui/test_entry_keystrokes.py (the walk of tests/helpers/entry_form.py: Tab from where
the form puts the cursor, typing only where the form does not already hold the value, then
Ctrl+S; a Chinese character typed counts as one key). They run in a child process on the
offscreen platform, with a local account of their own.

The targets are for the annual rounds: this year's visit to a known person
<= 15 keys (F2, the name searched, Enter, Ctrl+S), a new person from the roster <= 40 (its
identity from the roster, the rest typed). The three typical records are new persons typed
without a roster (name and ID number typed too), the case before the roster; the counts
the issue measured before this form prefilled anything are shown as the limit's name.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ROUND_TARGETS = {"known person, nothing changed": 15, "new person from the roster": 40}
BEFORE = {"employed": 174, "unemployed, one training": 185, "graduate": 243}


def count_keystrokes() -> dict[str, int]:
    """The keystrokes of each visit of the round and each typical record (run on the
    offscreen platform)."""
    from datetime import date

    from PySide6.QtWidgets import QApplication

    from desktop.ui.entry_form import LAST_PLACE_KEY
    from desktop.ui.main_window import MainWindow
    from desktop.ui.operations import Operations
    from desktop.ui.preferences import Preferences
    from desktop.ui.workspace import Workspace
    from tests.helpers.client import make_local_account
    from tests.helpers.entry_form import (
        LAST_PLACE,
        enter_by_keyboard,
        put_on_roster,
        round_visits,
        typical_records,
        visit_by_keyboard,
        wait_until,
    )

    app = QApplication.instance() or QApplication(["bench"])
    counts: dict[str, int] = {}
    today = date.today()
    kinds = [*round_visits(today, "-"), *typical_records(today, "-")]
    with tempfile.TemporaryDirectory() as tmp:
        ops = Operations()
        for number, kind in enumerate(kinds):
            # Each record on a laptop of its own, as in the tests: the three typical
            # records are one person typed three ways.
            account = make_local_account(Path(tmp) / f"laptop{number}")
            place = json.dumps(LAST_PLACE, ensure_ascii=False)
            account.registry.settings.set(LAST_PLACE_KEY, place)
            visits = round_visits(today, account.username)
            put_on_roster(account.registry, today, visits)
            records = {**visits, **typical_records(today, account.profile.username)}
            record = records[kind]
            window = MainWindow(Workspace(account, ops), Preferences(Path(tmp) / "ui.ini"))
            window.show()
            window.start(watch=False)
            wait_until(lambda: not ops.pending)
            window.activateWindow()
            saved: list[Any] = []
            window.entry.saved.connect(saved.append)
            if kind in visits:
                window.entry.inputs["name"].setFocus()
                counts[kind] = visit_by_keyboard(window, record["name"], record).count
            else:
                counts[kind] = enter_by_keyboard(window, record).count
            wait_until(lambda: bool(saved) and not ops.pending)  # noqa: B023 (waited for here)
            if saved[0].state != "pending":
                raise RuntimeError(f"{kind}: the record was not saved complete")
            window.close()
            window.deleteLater()
            app.processEvents()
            account.close()
        ops.shutdown()
    return counts


def run() -> list[dict[str, Any]]:
    """One row per typical record: its keystrokes beside the target."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
            "XDG_DATA_HOME": tmp,
            "REALNAME_UI_PREFERENCES": str(Path(tmp) / "desktop.ini"),
            "PYTHONPATH": str(ROOT),
        }
        child = subprocess.run(
            [sys.executable, "-m", "bench.bench_keystrokes", "--child"],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            check=True,
            timeout=300,
        )
    counts: dict[str, int] = json.loads(child.stdout.strip().splitlines()[-1])
    return [
        {
            "name": f"entry by keyboard: this year's visit, {kind}",
            "figure": counts.pop(kind),
            "unit": "keys",
            "target": f"<= {target}",
            "limit": None,
            "limit_name": "",
        }
        for kind, target in ROUND_TARGETS.items()
    ] + [
        {
            "name": f"entry by keyboard: new person, {kind} (no roster)",
            "figure": count,
            "unit": "keys",
            "target": "<= 40 (new person from the roster)",
            "limit": None,
            "limit_name": f"{BEFORE[kind]} keys before prefill (issue 19)",
        }
        for kind, count in counts.items()
    ]


if __name__ == "__main__":
    if sys.argv[1:] == ["--child"]:
        print(json.dumps(count_keystrokes()))
    else:
        for row in run():
            print(row)
