"""进度 in 统计: a county laptop fetches the round's progress from the real centre (a roster,
records across weeks from two workers), shows the centre's figures, drills down and up by
keyboard, charts the weeks, marks exactly the workers who are silent or run an old program
(and the staff accounts silent with changes waiting), and offline says so and keeps the
figures it showed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCharts import QBarSeries, QValueAxis
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, update

from desktop.store import Account, login_online
from desktop.ui.main_window import MainWindow
from desktop.ui.operations import Operations
from desktop.ui.progress_view import ProgressView
from desktop.ui.statistics_view import StatisticsView
from desktop.ui.workspace import Workspace
from sync.central.review_tables import device_syncs
from sync.client import CentralClient, RetryPolicy
from sync.client.progress import ProgressOfflineError, ProgressRefusedError, fetch_progress
from sync.version import __version__
from tests.helpers.central import CentralProcess
from tests.helpers.central_records import op, push_body
from tests.helpers.client import FAST, PASSWORD, KeyringFile
from tests.helpers.roster_round import load_roster, person
from tests.helpers.ui import settle

YEAR = date.today().year
COUNTY, A, B = "620102", "620102001", "620102002"
# A person waits for the answer; offline, the test should not wait for a sync's retries.
ONCE = RetryPolicy(attempts=1, base=0.05, cap=0.1)


def _day(days_ago: int) -> str:
    """A survey day ``days_ago`` before today, kept inside this year."""
    return max(date(YEAR, 1, 1), date.today() - timedelta(days=days_ago)).isoformat()


@dataclass
class Round:
    """The centre, the county's laptop, and the workers' names by what they did."""

    centre: CentralProcess
    county: Account
    county_token: str


def _push(centre: CentralProcess, user: str, version: str, *records: dict[str, Any]) -> None:
    token = centre.login(user, PASSWORD, device_id=f"laptop-{user}")
    headers = {"X-App-Version": version, "X-Queue-Length": "2"}
    with centre.client(token) as client:
        answer = client.post("/sync/push", json=push_body(*map(op, records)), headers=headers)
    assert answer.status_code == 200, answer.text
    assert [r["status"] for r in answer.json()["results"]] == ["accepted"] * len(records)


@pytest.fixture
def round_(centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile) -> Iterator[Round]:
    """Roster: a1-a3 in township A, b1-b2 in B. ``old`` (an old program) surveys a1
    yesterday and b1 15 days ago; ``new`` (this program) surveys a2 30 days ago;
    ``silent`` last synced 10 days ago; ``never`` never synced. Two more county accounts
    last synced 10 days ago: ``clerk-idle`` with nothing queued, ``clerk-behind`` with 3."""
    a1, a2, a3 = (person(A, seed, _day(1)) for seed in (1, 2, 3))
    b1, b2 = (person(B, seed, _day(1)) for seed in (4, 5))
    load_roster(centre.db_url, tmp_path / "roster.csv", YEAR, [a1, a2, a3, b1, b2])
    for user, region in (("old", COUNTY), ("new", A), ("silent", B), ("never", COUNTY)):
        centre.create_user(user, "worker", region, PASSWORD)
    _push(centre, "old", "0.0.9", a1, {**b1, "survey_date": _day(15)})
    _push(centre, "new", __version__, {**a2, "survey_date": _day(30)})
    for user, queued in (("silent", None), ("clerk-idle", "0"), ("clerk-behind", "3")):
        if user.startswith("clerk"):
            centre.create_user(user, "county", COUNTY, PASSWORD)
        token = centre.login(user, PASSWORD, device_id=f"laptop-{user}")
        headers = {"X-App-Version": __version__, **({"X-Queue-Length": queued} if queued else {})}
        with centre.client(token) as client:
            assert client.get("/sync/pull", headers=headers).status_code == 200
    engine = create_engine(centre.db_url)
    with engine.begin() as conn:
        ten_days_ago = datetime.now(UTC) - timedelta(days=10)
        conn.execute(
            update(device_syncs)
            .where(device_syncs.c.username.in_(["silent", "clerk-idle", "clerk-behind"]))
            .values(last_sync_at=ten_days_ago)
        )
    engine.dispose()
    county, _ = login_online(tmp_path / "laptop", centre.url, "county1", PASSWORD)
    county_token = centre.login("county1", PASSWORD, device_id="checker")
    # The county's laptop syncs too, with 4 reviews and corrections waiting.
    with centre.client(county_token) as client:
        headers = {"X-App-Version": __version__, "X-Queue-Length": "4"}
        assert client.get("/sync/pull", headers=headers).status_code == 200
    yield Round(centre, county, county_token)
    county.close()


def _centre_json(round_: Round, region: str | None = None) -> Any:
    params = {"year": YEAR, **({"region": region} if region else {})}
    with round_.centre.client(round_.county_token) as client:
        answer = client.get("/progress", params=params)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    item = table.item(row, column)
    assert item is not None
    return item


def _rows(view: ProgressView) -> list[list[str]]:
    table = view.table
    return [
        [_item(table, r, c).text() for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def _expected_rows(body: Any, total: str) -> list[list[str]]:
    def figures(item: Any) -> list[str]:
        rate = "—" if item["rate"] is None else f"{item['rate']:.2f}"
        keys = ("surveyed_last_7_days", "approved", "returned", "unreviewed")
        return [str(item["roster"]), str(item["surveyed"]), rate, *(str(item[k]) for k in keys)]

    rows = [[c["region"]["name"], *figures(c)] for c in body["children"]]
    return [*rows, [total, *figures(body["totals"])]]


def _open(qtbot: QtBot, round_: Round, ops: Operations) -> tuple[StatisticsView, ProgressView]:
    host = StatisticsView(Workspace(round_.county, ops))
    qtbot.addWidget(host)
    host.show()
    view = host.progress
    assert view is not None
    host.pages.tabBar().setFocus()
    qtbot.keyClick(host.pages.tabBar(), Qt.Key.Key_Right)  # 指标 -> 进度, by keyboard
    assert host.pages.currentWidget() is view
    settle(qtbot, ops)
    return host, view


def test_progress_shows_the_centres_figures_and_drills_by_keyboard(
    qtbot: QtBot, round_: Round, ops: Operations
) -> None:
    _host, view = _open(qtbot, round_, ops)
    body = _centre_json(round_)
    assert view.message.text() == ""
    assert _rows(view) == _expected_rows(body, view.tr("Total"))
    # Hand-counted: 5 on the roster, 3 surveyed (60 %), none reviewed yet.
    assert _rows(view)[-1][1:4] == ["5", "3", "60.00"]
    assert _rows(view)[-1][7] == "3"
    # The weekly chart: one bar per week of the centre's answer.
    [series] = view.chart.series()
    assert isinstance(series, QBarSeries)
    [bars] = series.barSets()
    assert [bars.at(i) for i in range(bars.count())] == [w["surveyed"] for w in body["weeks"]]
    assert sum(w["surveyed"] for w in body["weeks"]) == 3
    # Persons are counted whole: a handful surveyed ticks 0, 1, 2 ... (Qt's own: 0, 0.5, 1).
    [counts] = view.chart.axes(Qt.Orientation.Vertical)
    assert isinstance(counts, QValueAxis)
    if counts.tickType() == QValueAxis.TickType.TicksDynamic:
        step = counts.tickInterval()
    else:
        step = (counts.max() - counts.min()) / (counts.tickCount() - 1)
    assert step >= 1
    assert step == int(step)
    assert counts.min() == 0
    assert counts.max() >= max(w["surveyed"] for w in body["weeks"])

    # Workers: exactly the old program and the two silent ones are marked, each with its word.
    assert sorted(view.workers.behind()) == ["never", "old", "silent"]
    workers = view.workers
    attention = {
        _item(workers, r, 0).text(): _item(workers, r, 6) for r in range(workers.rowCount())
    }
    assert attention["old"].text() == workers.tr("Old version")
    assert attention["silent"].text() == workers.tr("Not synced")
    assert attention["never"].text() == workers.tr("Not synced")
    assert attention["new"].text() == ""
    assert attention["silent"].toolTip() == workers.tr("Has not synced for {0} days.").format(10)
    assert attention["never"].toolTip() == workers.tr("Has never synced with the centre.")
    described = attention["old"].data(Qt.ItemDataRole.AccessibleDescriptionRole)
    assert described == workers.tr("Runs program version {0}, older than this one.").format("0.0.9")
    for r in range(workers.rowCount()):
        name = _item(workers, r, 0)
        assert name.icon().isNull() == (name.text() == "new")  # the icon beside the word

    # The county's own laptop, in the staff table: its queue, version, and nothing to mark.
    staff = view.staff
    rows = {_item(staff, r, 0).text(): r for r in range(staff.rowCount())}
    assert sorted(rows) == ["clerk-behind", "clerk-idle", "county1"]
    assert [_item(staff, rows["county1"], c).text() for c in (0, 1, 2, 4, 5, 6)] == [
        "county1",
        view.workspace.region_label(COUNTY),
        "0",
        __version__,
        "4",
        "",
    ]
    # Staff silent for 10 days are news only with changes left waiting on their laptop.
    assert staff.behind() == ["clerk-behind"]
    behind = _item(staff, rows["clerk-behind"], 6)
    assert behind.text() == staff.tr("Not synced")
    why = staff.tr("Has not synced for {0} days, with {1} changes waiting.").format(10, 3)
    assert behind.toolTip() == why
    assert staff.accessibleName() == view.tr("County, city and province accounts")
    # Tab leaves the workers table for the staff table (arrows move inside each).
    workers.setFocus()
    qtbot.keyClick(workers, Qt.Key.Key_Tab)
    assert staff.hasFocus()

    # Into township A by Enter, back up by Backspace.
    row = [c["region"]["code"] for c in body["children"]].index(A)
    view.table.setFocus()
    view.table.setCurrentCell(row, 0)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    settle(qtbot, ops)
    assert view.trail == [COUNTY, A]
    assert view.up.isEnabled()
    township = _centre_json(round_, A)
    assert _rows(view) == _expected_rows(township, view.tr("Total"))
    assert _rows(view)[-1][1:3] == ["3", "2"]
    qtbot.keyClick(view.table, Qt.Key.Key_Backspace)
    settle(qtbot, ops)
    assert view.trail == [COUNTY]
    assert not view.up.isEnabled()
    assert _rows(view) == _expected_rows(body, view.tr("Total"))

    # Years chosen in quick succession: the answer for the last one is shown.
    view.year.setValue(YEAR - 1)
    view.year.setValue(YEAR)
    settle(qtbot, ops)
    assert view.answer is not None
    assert view.answer.year == YEAR
    assert _rows(view) == _expected_rows(body, view.tr("Total"))

    # The centre follows the round for staff only.
    token = round_.centre.login("old", PASSWORD, device_id="laptop-old")
    with (
        CentralClient(round_.centre.url, token=token, retry=FAST) as client,
        pytest.raises(ProgressRefusedError),
    ):
        fetch_progress(client, YEAR)


def test_a_sync_refreshes_progress_and_offline_it_keeps_the_figures(
    qtbot: QtBot,
    round_: Round,
    ops: Operations,
    make_window: Callable[[Workspace], MainWindow],
) -> None:
    window = make_window(Workspace(round_.county, ops))
    window.tabs.setCurrentWidget(window.statistics)
    view = window.statistics.progress
    assert view is not None
    window.statistics.pages.setCurrentWidget(view)
    settle(qtbot, ops)
    assert _rows(view)[-1][2] == "3"
    # Another worker surveys a3 today; the county's next sync brings the record, and 进度,
    # shown, asks the centre again.
    _push(round_.centre, "new", __version__, person(A, 3, _day(0)))
    with qtbot.waitSignal(window.control.finished, timeout=15_000):
        window.control.sync_now()
    settle(qtbot, ops)
    assert _rows(view) == _expected_rows(_centre_json(round_), view.tr("Total"))
    assert _rows(view)[-1][2] == "4"

    shown = _rows(view)
    round_.centre.stop()
    view.retry = ONCE
    window.statistics.refresh()  # as after a sync, with 进度 shown
    settle(qtbot, ops, timeout=15_000)
    assert view.message.text() == ProgressOfflineError.user_message + " " + view.tr(
        "The figures below are those fetched at {0}."
    ).format(view.fetched_at)
    assert _rows(view) == shown
    # Drilling down offline stays where it was.
    view.drill(0)
    settle(qtbot, ops, timeout=15_000)
    assert view.trail == [COUNTY]
    assert _rows(view) == shown


def test_the_progress_page_is_built_when_first_shown(
    qtbot: QtBot, account: Account, workspace: Workspace
) -> None:
    account.profile = replace(account.profile, role="county")
    host = StatisticsView(workspace)
    qtbot.addWidget(host)
    host.show()
    assert host.pages.count() == 2
    # Not built by the start (issue 19): 指标 is shown first, 进度 is built with its tab.
    assert host.findChildren(ProgressView) == []
    view = host.progress
    assert host.findChildren(ProgressView) == [view]
    assert host.pages.widget(1) is view
    assert host.pages.currentIndex() == 0


def test_a_worker_has_no_progress_page(qtbot: QtBot, workspace: Workspace) -> None:
    host = StatisticsView(workspace)  # the local worker account
    qtbot.addWidget(host)
    assert host.progress is None
    assert host.pages.count() == 1
