"""What the worker sees around the form: who is logged in, counts that follow every save,
the font size, logging out, and 统计 read again after a sync."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.ui.appearance import DEFAULT_FONT_SCALE, apply_appearance, stylesheet
from desktop.ui.changes import Changes
from desktop.ui.main_window import MainWindow
from desktop.ui.preferences import Preferences
from desktop.ui.record_model import ID_COLUMN
from tests.helpers.ui import settle, type_text


@pytest.fixture
def app() -> Iterator[QApplication]:
    """The application, its font put back to 100 % after the test."""
    found = QApplication.instance()
    assert isinstance(found, QApplication)
    yield found
    apply_appearance(found, DEFAULT_FONT_SCALE)


def test_the_status_bar_says_who_and_where(window: MainWindow) -> None:
    assert window.who.text() == window.tr("{0} ({1})").format("worker1", "城关区")
    assert window.who.isVisible()


def test_an_autosaved_draft_is_counted_at_once(qtbot: QtBot, window: MainWindow) -> None:
    type_text(qtbot, window.entry.inputs["name"], "张三")
    window.entry.autosave()
    settle(qtbot, window.ops)
    text = window.tr("{0} drafts, {1} to send, {2} refused, {3} conflicts, {4} synced")
    assert window.counts.text() == text.format(1, 0, 0, 0, 0)


def test_the_font_size_setting_applies_at_once_and_is_kept(
    qtbot: QtBot, window: MainWindow, preferences: Preferences, app: QApplication
) -> None:
    base = app.font().pointSizeF()
    combo = window.settings.font_scale
    combo.setCurrentIndex(combo.findData(200))
    assert app.font().pointSizeF() == pytest.approx(base * 2)
    assert window.entry.inputs["name"].font().pointSizeF() == pytest.approx(base * 2)
    assert Preferences(preferences.path).font_scale == 200
    # The record list's ID column widens with the font: a whole ID number still shows.
    table = window.records.table
    wide_id = table.fontMetrics().horizontalAdvance("62010219900101123X")
    assert table.horizontalHeader().sectionSize(ID_COLUMN) > wide_id
    combo.setCurrentIndex(combo.findData(100))
    assert app.font().pointSizeF() == pytest.approx(base)
    assert "QLineEdit:focus" in app.styleSheet()  # the thick focus ring


def test_log_out_keeps_the_typing_and_closes_the_account(qtbot: QtBot, window: MainWindow) -> None:
    type_text(qtbot, window.entry.inputs["name"], "李四")
    record_id = window.entry.record_id
    registry = window.workspace.registry
    with qtbot.waitSignal(window.logged_out, timeout=5000):
        window.log_out_button.click()
    settle(qtbot, window.ops)
    assert not window.control.probe_timer.isActive()
    assert not window.entry.autosave_timer.isActive()
    # The typing went to the database before it closed.
    assert registry.get(record_id).record["name"] == "李四"


def test_statistics_shown_are_read_again_when_records_change(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.tabs.setCurrentWidget(window.statistics)
    settle(qtbot, window.ops)
    reads: list[int] = []
    monkeypatch.setattr(window.statistics, "refresh", lambda: reads.append(1))
    window.apply(Changes(records=True, queue=True, conflicts=True))  # a sync that moved records
    assert reads == [1]
    window.apply(Changes())  # a sync that moved nothing
    assert reads == [1]


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_message_colours_are_readable_on_the_window_background() -> None:
    sheet = stylesheet()
    colours = set(re.findall(r"(?:color|border)[^;#]*(#[0-9a-fA-F]{6})", sheet))
    assert {"#b71c1c", "#7a4100", "#0b3d91"} <= colours
    for background in ("#ffffff", "#efefef"):  # a field, a window
        for colour in colours:
            light, dark = sorted((_luminance(colour), _luminance(background)), reverse=True)
            assert (light + 0.05) / (dark + 0.05) >= 4.5, (colour, background)
