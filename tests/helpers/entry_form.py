"""The entry form's tab order, a valid person to type, and typing them from the keyboard."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from sync.contract.samples import sample_records
from tests.helpers.ui import type_text

# Field -> what to type; in the form's tab order (basic information, then employment).
BASIC = (
    "name",
    "id_number",
    "disability_cert_number",
    "disability_category",
    "disability_level",
    "hukou_type",
    "region_code",
    "village",
    "address",
    "phone",
    "education",
    "poverty_registered",
    "survey_date",
    "surveyor",
    "employment_status",
    "employment_form",
    "employment_date",
)


def person(**changes: Any) -> dict[str, Any]:
    """A valid employed person in 城关区's first township."""
    record = sample_records(1, seed=11, region_codes=["620102001"])[0]
    record.update(
        employment_status=1,
        employment_form=3,
        employment_date="2024-03-01",
        survey_date="2024-06-10",
        unemployment_reason=None,
        employment_intention=None,
        poverty_registered=False,
    )
    record.update(changes)
    return record


def type_by_keyboard(qtbot: QtBot, window: MainWindow, record: dict[str, Any]) -> None:
    """Walk the form with Tab from the name field, typing each value where the focus is."""
    form = window.entry
    form.inputs["name"].setFocus()
    for name in BASIC:
        widget = QApplication.focusWidget()
        assert widget is form.inputs[name], f"tab order: expected {name}, at {widget}"
        value = record.get(name)
        if isinstance(widget, QCheckBox):
            if value:
                qtbot.keyClick(widget, Qt.Key.Key_Space)
        elif isinstance(widget, QComboBox):
            # Choices begin with their code, so typing the code chooses one.
            if value is not None:
                qtbot.keyClicks(widget, str(value))
        elif isinstance(widget, QLineEdit) and value is not None:
            type_text(qtbot, widget, str(value))
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
