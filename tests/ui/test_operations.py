"""Operations: work off the GUI thread, outcomes on it; expected errors versus bugs."""

from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from desktop.store import RecordNotFoundError
from desktop.ui.errors import Problem, describe, worker_text
from desktop.ui.operations import Operations
from sync.client import NetworkError


def test_work_runs_off_the_gui_thread_and_the_result_comes_back_on_it(
    qtbot: QtBot, ops: Operations
) -> None:
    gui = threading.get_ident()
    seen: dict[str, int] = {}

    def work() -> int:
        seen["work"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["done"] = threading.get_ident()
        seen["value"] = value

    with qtbot.waitSignal(ops.idle):
        ops.run(work, done)
    assert seen["work"] != gui
    assert seen["done"] == gui
    assert seen["value"] == 42
    assert ops.pending == 0


def test_expected_failures_reach_the_callback_with_the_users_message(qtbot: QtBot) -> None:
    ops = Operations(immediate=True)
    problems: list[Problem] = []
    ops.run(lambda: (_ for _ in ()).throw(NetworkError("GET /health")), None, problems.append)
    assert problems[0].expected
    assert worker_text(NetworkError.user_message) == problems[0].message
    assert "GET" not in problems[0].message
    assert "Network" not in problems[0].message
    with qtbot.waitSignal(ops.failed) as failed:
        ops.run(lambda: (_ for _ in ()).throw(RecordNotFoundError("x")))
    assert failed.args[0].expected
    assert worker_text(RecordNotFoundError.user_message) == failed.args[0].message


@pytest.mark.allow_warning_logs
def test_a_bug_is_logged_with_its_traceback_and_shown_with_a_short_id(
    caplog: pytest.LogCaptureFixture,
) -> None:
    problem = describe(ZeroDivisionError("boom"))
    assert not problem.expected
    assert problem.bug_id is not None
    assert problem.bug_id in problem.message
    logged = [r for r in caplog.records if problem.bug_id in r.getMessage()]
    assert len(logged) == 1
    assert logged[0].exc_info is not None


@pytest.mark.allow_warning_logs
def test_a_bug_in_a_screens_callback_is_reported_not_swallowed(qtbot: QtBot) -> None:
    ops = Operations(immediate=True)

    def broken(_value: object) -> None:
        raise KeyError("screen bug")

    with qtbot.waitSignal(ops.failed) as failed:
        ops.run(lambda: 1, broken)
    assert not failed.args[0].expected
    assert ops.pending == 0
