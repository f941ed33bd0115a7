"""A window that fits a 1366x768 laptop at 100, 150 and 200 % font size, and a form a
screen reader can walk: every Tab stop visible, named, in reading order."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.ui.appearance import DEFAULT_FONT_SCALE, apply_appearance
from desktop.ui.field_marks import severity_word
from desktop.ui.main_window import MainWindow
from desktop.ui.window_fit import PREFERRED, ElidingLabel, LazyPage, PageTabs, fitted
from tests.helpers.focus_walk import out_of_reading_order, spoken_name, tab_walk
from tests.helpers.ui import settle

# 1366x768 less the Windows taskbar (40 px) and the window's title bar (about 30 px).
LAPTOP = QSize(1366, 768 - 40 - 30)
# The same laptop with Windows' display scaling at 150 %: what Qt lays out in.
LAPTOP_150 = QSize(1366 * 2 // 3, (768 - 40) * 2 // 3 - 30)


@pytest.fixture
def app_font() -> Iterator[QApplication]:
    """The application's font put back to 100 % after the test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    yield app
    apply_appearance(app, DEFAULT_FONT_SCALE)


def test_the_window_is_clamped_or_maximised_on_the_screen() -> None:
    small = QRect(0, 0, 1366, 728)
    assert fitted(small) == (small, True)
    large = QRect(0, 0, 1920, 1040)
    rect, maximise = fitted(large)
    assert not maximise
    assert rect.size() == PREFERRED
    assert large.contains(rect)
    assert rect.center() == large.center()


def _controls(page: QWidget) -> list[QWidget]:
    kinds = (QLabel, QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox)
    return [
        w
        for w in page.findChildren(QWidget)
        if isinstance(w, kinds)
        and w.isVisibleTo(page)
        and not _in_item_view(w)
        # A combo's or spin box's own line edit: the box is measured whole.
        and not isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox)
    ]


def _scrolled_content(control: QWidget) -> QWidget | None:
    """The widget that scrolls ``control`` into view, None when nothing scrolls it."""
    parent = control.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent.widget()
        parent = parent.parentWidget()
    return None


def _in_item_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent, QScrollArea):
            return True  # a table's cells are the table's own business
        parent = parent.parentWidget()
    return False


@pytest.mark.parametrize(
    ("screen", "scale"),
    [(LAPTOP, 100), (LAPTOP, 150), (LAPTOP, 200), (LAPTOP_150, 100), (LAPTOP_150, 200)],
)
def test_every_control_fits_a_laptop_screen(
    qtbot: QtBot, window: MainWindow, app_font: QApplication, screen: QSize, scale: int
) -> None:
    apply_appearance(app_font, scale)
    window.setMinimumSize(0, 0)
    window.resize(screen)
    qtbot.wait(10)
    clipped = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.widget(index)
        settle(qtbot, window.ops)  # what the page reads when shown has arrived
        QApplication.processEvents()
        # No page makes the window grow past the screen.
        assert window.width() <= screen.width()
        assert window.height() <= screen.height()
        assert window.minimumSizeHint().width() <= screen.width()
        assert window.minimumSizeHint().height() <= screen.height()
        for control in _controls(page):
            # Nothing clipped: every control has at least the room its text needs...
            hint = control.minimumSizeHint()
            wraps = isinstance(control, QLabel) and control.wordWrap()
            if control.height() < hint.height() or (not wraps and control.width() < hint.width()):
                clipped.append((window.tabs.tabText(index), control.objectName(), control))
            # ...and lies inside what scrolls, or inside the window: scrolling reaches it.
            content = _scrolled_content(control) or window
            place = QRect(control.mapTo(content, QPoint(0, 0)), control.size())
            assert content.rect().contains(place), (control.objectName(), place)
    assert clipped == []
    # The status bar too: who, log out, the last sync, the counts, the connection; each
    # whole, inside the bar, none drawn over another.
    bar = window.statusBar()
    parts = _controls(bar)
    assert {window.who, window.counts, window.online, window.sync_line} <= set(parts)
    for part in parts:
        hint = part.minimumSizeHint()
        wraps = isinstance(part, QLabel) and part.wordWrap()
        assert part.height() >= hint.height(), part.objectName()
        assert wraps or part.width() >= hint.width(), (part.objectName(), part.text())
        # A part cut short ends in "…" and holds its whole text in its tooltip.
        if isinstance(part, ElidingLabel):
            cut = part.width() < part.sizeHint().width()
            assert part.toolTip() == (part.text() if cut else "")
        assert bar.rect().contains(part.geometry()), part.objectName()
    for i, one in enumerate(parts):
        for other in parts[i + 1 :]:
            assert not one.geometry().intersects(other.geometry()), (one.text(), other.text())


def test_a_screen_reader_walks_the_form_in_reading_order(qtbot: QtBot, window: MainWindow) -> None:
    form = window.entry
    inputs = form.inputs
    inputs["employment_status"].set_value(1)
    inputs["graduate"].set_value(True)
    inputs["trainings"].add_row()  # type: ignore[union-attr]
    body = form.layout_.body
    stops = tab_walk(qtbot, body, inputs["name"])
    names = [spoken_name(w) for w in stops]
    assert all(names), [w.objectName() for w, n in zip(stops, names, strict=True) if not n]
    assert names[:3] == ["姓名", "身份证号", "残疾人证号"]
    # Each field also says how to fill it (a screen reader reads it after the name).
    described = [w for w in stops if w in inputs.values()]
    assert all(w.accessibleDescription() for w in described)
    # The name was left empty: its description reads the error first.
    spoken = f"{severity_word('error')}: 请填写姓名\n{form.tr('Required.')}"
    assert inputs["name"].accessibleDescription() == spoken
    assert inputs["phone"].accessibleDescription() == form.tr("Optional.")
    # Every enabled input of the form is a stop (the training row's four included).
    expected = [
        w for w in inputs.values() if w.isEnabled() and w.focusPolicy() != Qt.FocusPolicy.NoFocus
    ]
    assert set(expected) <= set(stops) | {inputs["trainings"]}
    # Reading order: each stop below, or on the same line right of, the one before.
    assert out_of_reading_order(stops, body) == []
    # Each stop is visible, scrolled into view when the focus reached it.
    for widget in stops:
        assert widget.isVisible(), spoken_name(widget)
    assert len(stops) >= 30


def test_a_lazy_page_is_built_when_its_tab_is_first_shown(qtbot: QtBot) -> None:
    tabs = PageTabs()
    qtbot.addWidget(tabs)
    first = LazyPage(lambda: QLabel("first"))
    second = LazyPage(lambda: QLabel("second"))
    tabs.addTab(first, "1")
    tabs.addTab(second, "2")
    # The first tab is shown as it is added: its screen is built, in its scroll area.
    assert isinstance(first.built, QLabel)
    assert tabs.currentWidget() is first.built
    assert second.built is None
    tabs.setCurrentIndex(1)
    assert isinstance(second.built, QLabel)
    assert tabs.indexOf(second.built) == 1
