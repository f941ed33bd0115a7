"""The entry form typed from the keyboard alone, keystrokes counted; a valid person to type.

:func:`enter_by_keyboard` walks the form by Tab from the name field as a worker would,
typing where the form does not already hold the wanted value, and stops (Ctrl+S) as soon
as the form holds the whole record. It counts every key press: a Tab, a digit, a chord
such as Ctrl+S, and a Chinese character committed by the input method (one each: what a
worker's IME takes for a name is the same in any program). It uses QTest, not pytest-qt,
so that ``make bench`` counts the same way (bench/bench_keystrokes.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLineEdit, QWidget

from desktop.store import Registry
from desktop.store.roster import apply_page
from desktop.ui.field_inputs import RegionInput
from desktop.ui.field_rules import applies
from desktop.ui.main_window import MainWindow
from sync.contract import normalize
from sync.contract.protocol import RosterEntry
from sync.contract.samples import sample_records
from sync.contract.tables import ROSTER_FIELDS
from tests.helpers.contract_records import id_number

# The form's tab order from the name field through the employment fields of an employed
# person (basic information, then employment).
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
MAX_STOPS = 400


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


# Where the worker entered the record before: the form prefills it for the next one.
LAST_PLACE = {"region_code": "620102001", "village": "第10村民小组"}


def typical_records(today: date, surveyor: str) -> dict[str, dict[str, Any]]:
    """Three typical visits of a day in one village: an employed person, an unemployed
    person with a training this year, a college graduate (each visited ``today``)."""
    common = {
        "survey_date": today.isoformat(),
        "surveyor": surveyor,
        "village": LAST_PLACE["village"],
        "region_code": LAST_PLACE["region_code"],
        "phone": "13912345678",
    }
    employed = person(**common, trainings=[], employer="兰州市某物流公司")
    unemployed = person(
        **common,
        employment_status=2,
        employment_form=None,
        employment_date=None,
        unemployment_reason=4,
        employment_intention=True,
        training_need=True,
        trainings=[{"year": today.year, "type": 1, "period": 3, "provider": "县就业服务中心"}],
    )
    graduate = person(
        **common,
        trainings=[],
        graduate=True,
        graduation_year=today.year - 1,
        graduate_school="兰州大学",
        graduate_major="会计学",
        graduate_degree=2,
        graduate_status=1,
    )
    return {"employed": employed, "unemployed, one training": unemployed, "graduate": graduate}


def round_visits(today: date, surveyor: str) -> dict[str, dict[str, Any]]:
    """The two visits of the year's round that the keystroke targets are for, each the record
    the visit ends with: a person known from last year whom nothing changed for, and a
    person on the roster never surveyed (an employed person, as the typical record)."""
    known_id, fresh_id = id_number(date(1990, 1, 1), 11), id_number(date(1990, 1, 1), 13)
    known = person(
        name="王知",
        id_number=known_id,
        disability_cert_number=known_id + "42",
        disability_category=4,
        disability_level=2,
        survey_date=today.isoformat(),
        surveyor=surveyor,
        village=LAST_PLACE["village"],
        trainings=[],
        employer="兰州市某物流公司",
    )
    fresh = typical_records(today, surveyor)["employed"]
    fresh.update(
        name="李新",
        id_number=fresh_id,
        disability_cert_number=fresh_id + "41",
        disability_category=4,
        disability_level=1,
        village="第3村民小组",
        address="某村1号",
        phone="13900000000",
    )
    return {"known person, nothing changed": known, "new person from the roster": fresh}


def put_on_roster(registry: Registry, today: date, visits: dict[str, dict[str, Any]]) -> str:
    """This year's roster holding the persons of ``visits`` (:func:`round_visits`), the
    known one with last year's record; the record_id of that record."""
    entries = [
        RosterEntry(year=today.year, **{name: doc[name] for name in ROSTER_FIELDS})
        for doc in visits.values()
    ]
    apply_page(registry.engine, today.year, entries, "c1")
    last_year = dict(visits["known person, nothing changed"])
    last_year.update(record_id=None, survey_date=f"{today.year - 1}-06-10")
    saved = registry.save_record(last_year)
    assert saved.state == "pending", saved.errors
    return saved.record_id


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    """Let Qt run until ``condition`` holds (the screens' operations deliver meanwhile)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the screen did not get there in time")
        QTest.qWait(5)


@dataclass
class Keys:
    """Key presses sent to the focused widget, counted."""

    count: int = 0
    stops: list[str] = field(default_factory=list)  # the fields the Tab walk stopped at

    def press(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        """One key (or chord) to the widget with the focus."""
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        QTest.keyClick(widget, key, modifier)
        self.count += 1

    def type(self, text: str) -> None:
        """``text`` into the focused widget: ASCII as keys, Chinese as IME commits."""
        for char in text:
            widget = QApplication.focusWidget()
            assert widget is not None
            if char.isascii():
                QTest.keyClicks(widget, char)
            else:
                event = QInputMethodEvent()
                event.setCommitString(char)
                QApplication.sendEvent(widget, event)
            self.count += 1


def _field_of(window: MainWindow, widget: QWidget | None) -> str | None:
    """The form field (or ``training_<row>_<item>``, ``trainings_add``) ``widget`` is."""
    form = window.entry
    while widget is not None:
        for name, candidate in form.inputs.items():
            if candidate is widget:
                return name
        if widget.objectName().startswith("training"):
            return widget.objectName()
        widget = widget.parentWidget()
    return None


def expected(window: MainWindow, record: dict[str, Any]) -> dict[str, Any]:
    """``record`` as the form would hold it: fields that do not apply are empty."""
    doc = normalize(record)
    for name in window.entry.conditions:
        if not applies(name, doc, window.entry.conditions):
            doc[name] = None
    return doc


def _holds(window: MainWindow, wanted: dict[str, Any]) -> bool:
    held = normalize(window.entry.record())
    return all(held[k] == v for k, v in wanted.items() if k != "record_id")


def _put(keys: Keys, widget: QWidget, current: Any, value: Any, region: bool = False) -> None:
    """Make ``widget`` (which has the focus) hold ``value``, typing as little as a worker."""
    if current == value:
        return
    if isinstance(widget, QCheckBox):
        keys.press(Qt.Key.Key_Space)
    elif region and isinstance(value, str):
        keys.type(value[6:] if len(value) == 9 else value)
    elif isinstance(widget, QComboBox):
        keys.type(str(value))  # choices begin with their code: typing it chooses
    elif isinstance(widget, QLineEdit):
        text = "" if value is None else str(value)
        if len(text) == 10 and text[4] == "-" and text[7] == "-":
            text = text.replace("-", "")  # dates typed as 20240301
        shown = widget.text()
        if widget.hasSelectedText() or not text.startswith(shown):
            if not widget.hasSelectedText() and shown:
                keys.press(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
            keys.type(text)
        else:
            keys.type(text[len(shown) :])


def enter_by_keyboard(
    window: MainWindow,
    record: dict[str, Any],
    *,
    save: bool = True,
    keys: Keys | None = None,
    from_name: bool = True,
) -> Keys:
    """Type ``record`` into the entry form by Tab from the name field (or, not
    ``from_name``, from where the form put the cursor), then Ctrl+S; counted in ``keys``."""
    form = window.entry
    wanted = expected(window, record)
    trainings = wanted.get("trainings") or []
    if from_name:
        form.inputs["name"].setFocus()
    keys = keys if keys is not None else Keys()
    for _ in range(MAX_STOPS):
        if _holds(window, wanted):
            break
        widget = QApplication.focusWidget()
        name = _field_of(window, widget)
        if widget is None or name is None:
            held = normalize(form.record())
            differ = {k: (held[k], v) for k, v in wanted.items() if held[k] != v}
            raise AssertionError(f"the focus left the form at {widget}: {keys.stops}, {differ}")
        keys.stops.append(name)
        if name == "trainings_add":
            added = len(form.inputs["trainings"].value())
            if added < len(trainings):
                keys.press(Qt.Key.Key_Space)  # the cursor goes to the new row's type
                new = form.inputs["trainings"].value()[added]
                if new.get("year") != trainings[added].get("year"):
                    keys.press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
                continue
        elif name.startswith("training_") and name.count("_") >= 2:
            _, number, item = name.split("_", 2)
            row = int(number)
            held = normalize({"trainings": form.inputs["trainings"].value()})["trainings"]
            current = held[row].get(item) if row < len(held) else None
            _put(keys, widget, current, trainings[row].get(item))
        elif name in form.inputs:
            current = normalize(form.record()).get(name)
            _put(keys, widget, current, wanted.get(name), region=isinstance(widget, RegionInput))
        if _holds(window, wanted):
            break
        keys.press(Qt.Key.Key_Tab)
    else:
        raise AssertionError(f"the form never held the record; stops: {keys.stops}")
    if save:
        keys.press(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    return keys


def type_by_keyboard(window: MainWindow, record: dict[str, Any]) -> Keys:
    """Type ``record`` as :func:`enter_by_keyboard` does, without saving; the stops must
    follow the form's order (:data:`BASIC` for the basic and employment fields)."""
    keys = enter_by_keyboard(window, record, save=False)
    stops = [s for s in keys.stops if s in BASIC]
    assert stops == [s for s in BASIC if s in stops], f"tab order: {keys.stops}"
    return keys


def visit_by_keyboard(window: MainWindow, search: str, record: dict[str, Any]) -> Keys:
    """A visit of the year's round from the keyboard: F2 (the visit list), ``search`` typed
    in its search box, Enter (the entry form opens prefilled for this year), what the form
    still lacks of ``record`` typed by Tab from where the form put the cursor, Ctrl+S, and
    Enter when the warnings are to be confirmed. The keys, counted; the save is under way."""
    keys = Keys()
    keys.press(Qt.Key.Key_F2)
    wait_until(lambda: window.tabs.currentWidget() is window.visits and not window.ops.pending)
    keys.type(search)
    keys.press(Qt.Key.Key_Return)
    wait_until(lambda: window.tabs.currentWidget() is window.entry and not window.ops.pending)
    enter_by_keyboard(window, record, keys=keys, from_name=False)
    if window.entry.confirm_box is not None:
        keys.press(Qt.Key.Key_Return)  # the box's default: yes, save it as it is
    return keys
