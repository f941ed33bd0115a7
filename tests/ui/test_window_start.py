"""The window's start: the first reads come in before the centre is first probed (the probe
loads the HTTP client, which would hold them up)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from desktop.ui.main_window import MainWindow
from desktop.ui.preferences import Preferences
from desktop.ui.workspace import Workspace
from tests.helpers.ui import close_window, settle


def _started(
    qtbot: QtBot, workspace: Workspace, preferences: Preferences
) -> tuple[MainWindow, list[tuple[int, bool]]]:
    """A window started on real operations; each probe noted as (operations still pending,
    whether the record list had its first page)."""
    window = MainWindow(workspace, preferences)
    listed: list[bool] = []
    window.records.model.modelReset.connect(lambda: listed.append(True))
    probes: list[tuple[int, bool]] = []
    window.control.probe = lambda: probes.append((workspace.ops.pending, bool(listed)))  # type: ignore[method-assign]
    window.show()
    qtbot.waitExposed(window)
    window.start()
    return window, probes


def test_the_centre_is_probed_once_the_first_reads_are_in(
    qtbot: QtBot, workspace: Workspace, preferences: Preferences
) -> None:
    window, probes = _started(qtbot, workspace, preferences)
    assert probes == []  # the lists' reads are on their way
    settle(qtbot, workspace.ops)
    assert probes == [(0, True)]
    assert window.control.probe_timer.isActive()  # and every PROBE_MS after
    close_window(qtbot, window)


def test_a_window_closed_before_its_first_reads_are_in_probes_nothing(
    qtbot: QtBot, workspace: Workspace, preferences: Preferences
) -> None:
    window, probes = _started(qtbot, workspace, preferences)
    window.control.probe_timer.stop()  # what logging out and closing do
    settle(qtbot, workspace.ops)
    assert probes == []
    close_window(qtbot, window)
