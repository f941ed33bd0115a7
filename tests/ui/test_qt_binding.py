"""The Qt binding itself: a defect of the binding aborts the field program, not a test.

PySide6 6.12.0 drops a reference to ``None`` on every Qt call that returns nothing; on
Python 3.11 (where ``None`` is not immortal) the process then aborts with "Fatal Python
error: none_dealloc" after a few thousand calls: minutes of a worker's typing.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

CALLS = 300  # few enough that a defective binding fails here rather than aborts


def test_calls_that_return_nothing_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    edit = QLineEdit()
    qtbot.addWidget(label)
    qtbot.addWidget(edit)
    before = sys.getrefcount(None)
    for n in range(CALLS):
        label.setText(str(n))
        edit.setText(str(n))
        edit.clear()
    # The loop's own work moves None's count by a handful at most; the defect by 3 per turn.
    assert abs(sys.getrefcount(None) - before) < CALLS // 3
