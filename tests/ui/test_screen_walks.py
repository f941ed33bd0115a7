"""Every screen besides the entry form, walked by Tab as a screen-reader user does (issue 19):
each stop visible, with a Chinese accessible name, in reading order (top-to-bottom,
left-to-right). A new screen adds one line to SCREENS."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from desktop.ui.accounts_view import AccountsView
from desktop.ui.import_dialog import ImportDialog
from desktop.ui.login_dialog import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.progress_view import ProgressView
from desktop.ui.review_view import ReviewView
from desktop.ui.translation import install
from desktop.ui.workspace import Workspace
from sync.contract.fields import FIELDS_BY_NAME
from tests.helpers.focus_walk import (
    CHINESE,
    focusable,
    out_of_reading_order,
    spoken_name,
    tab_walk,
    unnamed,
)
from tests.helpers.ui import settle


def _page(name: str) -> Callable[[MainWindow, Path], QWidget]:
    def show(window: MainWindow, _tmp: Path) -> QWidget:
        page: QWidget = getattr(window, name)
        window.tabs.setCurrentWidget(page)
        return page

    return show


def _dialog(make: Callable[[MainWindow, Path], QDialog]) -> Callable[[MainWindow, Path], QWidget]:
    def show(window: MainWindow, tmp: Path) -> QWidget:
        dialog = make(window, tmp)
        dialog.show()
        dialog.activateWindow()
        return dialog

    return show


def _accounts(window: MainWindow, _tmp: Path) -> QWidget:
    # A worker's window has no 账号 tab: the staff's page, in the same window.
    page = AccountsView(window.workspace, window)
    window.tabs.addTab(page, "账号")
    window.tabs.setCurrentWidget(page)
    return page


def _staff_page(
    make: Callable[[MainWindow], QWidget], title: str
) -> Callable[[MainWindow, Path], QWidget]:
    # A staff page (审核, 进度), shown in the worker's window: the page is what is walked.
    def show(window: MainWindow, _tmp: Path) -> QWidget:
        page = make(window)
        window.tabs.addTab(page, title)
        window.tabs.setCurrentWidget(page)
        return page

    return show


# screen -> how to show it in the worker's window (the page or dialog whose stops are walked)
SCREENS: dict[str, Callable[[MainWindow, Path], QWidget]] = {
    "record list": _page("records"),
    "visit list": _page("visits"),
    "to sync": _page("queue"),
    "conflicts": _page("conflicts"),
    "statistics": _page("statistics"),
    "spot checks": _page("spotchecks"),
    "settings and about": _page("settings"),
    "accounts": _accounts,
    "review": _staff_page(lambda w: ReviewView(w.workspace, w), "审核"),
    "progress": _staff_page(lambda w: ProgressView(w.workspace, w), "进度"),
    "import dialog": _dialog(lambda w, _t: ImportDialog(w.workspace, w)),
    "login dialog": _dialog(lambda w, t: LoginDialog(t / "laptops", w.ops)),
}


@pytest.fixture
def chinese() -> Iterator[None]:
    """The program's default language installed, as the program starts."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    locale = QLocale()
    translators = install(app)
    yield
    for translator in translators:
        app.removeTranslator(translator)
    QLocale.setDefault(locale)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_screen_reader_walks_the_screen_in_reading_order(
    qtbot: QtBot,
    chinese: None,
    make_window: Callable[[Workspace], MainWindow],
    workspace: Workspace,
    tmp_path: Path,
    screen: str,
) -> None:
    window = make_window(workspace)
    window.activateWindow()
    shown = SCREENS[screen](window, tmp_path)
    settle(qtbot, window.ops)
    stops = tab_walk(qtbot, shown)
    assert len(stops) >= 1, [spoken_name(w) for w in stops]
    assert unnamed(stops) == []
    assert [spoken_name(w) for w in stops if not w.isVisible()] == []
    assert out_of_reading_order(stops, shown) == []
    # Tab reaches every control (a table's cells are the table's business).
    assert [spoken_name(w) for w in focusable(shown) if w not in stops] == []
    if isinstance(shown, QDialog):
        shown.close()
    settle(qtbot, window.ops)


def test_tab_leaves_every_list_a_worker_only_reads(
    make_window: Callable[[Workspace], MainWindow], workspace: Workspace
) -> None:
    window = make_window(workspace)
    views = [
        v
        for v in window.findChildren(QAbstractItemView)
        if v.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    ]
    assert len(views) >= 8
    # Arrows move inside it; Tab goes on to the next control, never cell by cell.
    assert [v.accessibleName() for v in views if v.tabKeyNavigation()] == []


def test_each_row_of_the_spot_check_says_its_field(
    chinese: None, make_window: Callable[[Workspace], MainWindow], workspace: Workspace
) -> None:
    # The verdict form is enabled once a record is drawn (tests/ui/test_spotcheck_view.py).
    fields = make_window(workspace).spotchecks.fields
    names = [(f.matched.accessibleName(), f.corrected.accessibleName()) for f in fields.values()]
    labels = [FIELDS_BY_NAME[name].label for name in fields]
    assert names == [(f"{label}：相符", f"{label}：核实值") for label in labels]


def test_the_status_bar_says_what_each_part_is(
    qtbot: QtBot,
    chinese: None,
    make_window: Callable[[Workspace], MainWindow],
    workspace: Workspace,
) -> None:
    window = make_window(workspace)
    window.control.reachable_changed.emit(False)
    parts = [w for w in window.statusBar().findChildren(QWidget) if w.isVisible()]
    assert {w.objectName() for w in parts} >= {"who", "log_out"}
    assert len(parts) == 5
    assert unnamed(parts) == []
    # Each says what it is after its text (the sync line is empty before any sync).
    assert [w for w in parts if not CHINESE.search(w.accessibleDescription())] == []
    assert window.online.text() == "离线"
