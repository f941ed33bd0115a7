"""Walking a screen by Tab as a screen-reader user does: the stops, their spoken names, and
whether they come in reading order. Used by the entry form's walk (tests/ui/test_window_fit.py)
and by the walk of every other screen (tests/ui/test_screen_walks.py)."""

from __future__ import annotations

import re
import sys

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

MAX_STOPS = 80
SAME_LINE = 4  # pixels: controls whose middles are this close are on one line
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def spoken_name(widget: QWidget) -> str:
    """What a screen reader says the control is (Qt's accessibility interface's name).

    A list box is named as on Windows, where NVDA reads it (its accessible name, else its
    label's text): elsewhere Qt gives its current choice as its name."""
    if isinstance(widget, QComboBox) and sys.platform != "win32":
        labels = widget.window().findChildren(QLabel)
        return widget.accessibleName() or next(
            (label.text() for label in labels if label.buddy() is widget), ""
        )
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name) if face is not None else ""


def focusable(within: QWidget) -> list[QWidget]:
    """The controls of ``within`` Tab can stop at (shown, enabled, taking Tab), less the
    ones inside a table or list (the table's own business)."""
    found = [
        w
        for w in within.findChildren(QWidget)
        if w.isVisible()
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and not _in_item_view(w)
    ]
    return found


def _in_item_view(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def _first_read(controls: list[QWidget], within: QWidget) -> QWidget:
    """The control reading starts at: the leftmost of the top line."""
    places = {w: w.mapTo(within, QPoint(0, 0)) for w in controls}
    top = min(p.y() for p in places.values())
    line = [w for w in controls if places[w].y() <= top + SAME_LINE]
    return min(line, key=lambda w: places[w].x())


def tab_walk(qtbot: QtBot, within: QWidget, first: QWidget | None = None) -> list[QWidget]:
    """The controls of ``within`` Tab stops at from ``first`` (by default the first in
    reading order), in order, until the focus leaves ``within`` or comes back to a stop."""
    candidates = focusable(within)
    assert first is not None or candidates, f"nothing in {within} takes the focus by Tab"
    start = first or _first_read(candidates, within)
    within.window().activateWindow()
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus, timeout=2000)
    stops: list[QWidget] = []
    for _ in range(MAX_STOPS):
        widget = QApplication.focusWidget()
        if widget is None or not within.isAncestorOf(widget) or widget in stops:
            break
        stops.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        QApplication.processEvents()
    return stops


def out_of_reading_order(stops: list[QWidget], within: QWidget) -> list[str]:
    """The stops that are neither below the stop before them (their top lower by more than
    :data:`SAME_LINE` pixels) nor on its line to its right (overlapping it from top to
    bottom), named as a screen reader says them: top-to-bottom, left-to-right."""
    places = [QRect(w.mapTo(within, QPoint(0, 0)), w.size()) for w in stops]
    return [
        spoken_name(widget) or widget.objectName()
        for a, b, widget in zip(places, places[1:], stops[1:], strict=False)
        if not (
            b.top() > a.top() + SAME_LINE
            or (b.top() <= a.bottom() and a.top() <= b.bottom() and b.left() > a.left())
        )
    ]


def unnamed(stops: list[QWidget], *, chinese: bool = True) -> list[str]:
    """The stops a screen reader has no name for (no Chinese in it, when ``chinese``); a
    list box whose only name is the choice it shows has none (a reader says "100%", never
    what it is the choice of)."""
    return [
        f"{type(w).__name__} {w.objectName()!r} {spoken_name(w)!r}"
        for w in stops
        if not spoken_name(w).strip()
        or (chinese and not CHINESE.search(spoken_name(w)))
        or (isinstance(w, QComboBox) and spoken_name(w) == w.currentText())
    ]
