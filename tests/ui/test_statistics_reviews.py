"""统计 of a county laptop shows each region's review and return rates (审核率, 退回率) as
the real centre's 通报 counts them; offline it says why, keeping those it fetched for the
region shown; a worker's 统计 has no such columns.

Hand-computed, this year, in 城关区 (620102): township A (620102001) a1 approved; a2
returned; a3 returned, corrected, then approved (the laptop sees only "approved": the
centre's audit knows the return). Township B (620102002): b1 approved, then corrected
(unreviewed again); b2 never reviewed.
A: 3 records, 3 reviewed, 3 reviewed at least once, 2 returned.
B: 2 records, 0 reviewed, 1 reviewed at least once, 0 returned. 城关区: 5; 3; 4; 2.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.store import Account, login_online
from desktop.ui.operations import Operations
from desktop.ui.statistics_view import StatisticsView
from desktop.ui.workspace import Workspace
from sync.client import RetryPolicy
from sync.client.review_rates import ReviewRatesOfflineError
from sync.contract.indicators import INDICATORS
from tests.helpers.central import CentralProcess
from tests.helpers.central_records import op, push_body
from tests.helpers.client import PASSWORD, KeyringFile, sync
from tests.helpers.roster_round import person
from tests.helpers.ui import settle

YEAR = date.today().year
A, B = "620102001", "620102002"
ONCE = RetryPolicy(attempts=1, base=0.05, cap=0.1)


def _day() -> str:
    return max(date(YEAR, 1, 1), date.today() - timedelta(days=1)).isoformat()


def _push(centre: CentralProcess, token: str, *ops: dict[str, Any]) -> None:
    with centre.client(token) as client:
        answer = client.post("/sync/push", json=push_body(*ops))
    assert [r["status"] for r in answer.json()["results"]] == ["accepted"] * len(ops)


def _review(centre: CentralProcess, token: str, record_id: str, version: int, how: str) -> None:
    body = {"op_id": str(uuid.uuid4()), "record_id": record_id, "version": version}
    body |= (
        {"decision": "approve"} if how == "approve" else {"decision": "return", "comment": "核对"}
    )
    with centre.client(token) as client:
        answer = client.post("/reviews", json=body)
    assert answer.json()["status"] == "accepted", answer.text


@pytest.fixture
def county(centre: CentralProcess, tmp_path: Path, test_keyring: KeyringFile) -> Iterator[Account]:
    """The story above at the centre, and the county's laptop synced with it."""
    centre.create_user("w1", "worker", "620102", PASSWORD)
    worker = centre.login("w1", PASSWORD, device_id="laptop-w1")
    clerk = centre.login("county1", PASSWORD, device_id="clerk")
    a1, a2, a3 = (person(A, seed, _day()) for seed in (1, 2, 3))
    b1, b2 = (person(B, seed, _day()) for seed in (4, 5))
    _push(centre, worker, *(op(r) for r in (a1, a2, a3, b1, b2)))
    _review(centre, clerk, a1["record_id"], 1, "approve")
    _review(centre, clerk, a2["record_id"], 1, "return")
    _review(centre, clerk, a3["record_id"], 1, "return")
    _review(centre, clerk, b1["record_id"], 1, "approve")
    _push(
        centre,
        worker,
        op({**a3, "phone": "13912345678"}, base_version=1),
        op({**b1, "phone": "13912345679"}, base_version=1),
    )
    _review(centre, clerk, a3["record_id"], 2, "approve")
    laptop, _ = login_online(tmp_path / "county", centre.url, "county1", PASSWORD)
    assert sync(laptop).pull.received == 5
    yield laptop
    laptop.close()


def _centre_reviews(centre: CentralProcess, region: str) -> list[dict[str, Any]]:
    """The review figures of the centre's report JSON: the region's, then its children's."""
    token = centre.login("county1", PASSWORD, device_id="checker")
    with centre.client(token) as client:
        report = client.get("/reports/indicators", params={"year": YEAR, "region": region})
    assert report.status_code == 200, report.text
    body = report.json()
    return [body["reviews"], *(child["reviews"] for child in body["children"])]


def _figure(share: dict[str, Any]) -> str:
    rate = "—" if share["rate"] is None else f"{share['rate']:.2f}%"
    return f"{share['numerator']}/{share['denominator']} ({rate})"


def _review_cells(view: StatisticsView) -> dict[str, tuple[str, str]]:
    """Region name -> its review and return cells."""
    first = 1 + len(INDICATORS)
    table = view.table
    return {
        table.item(row, 0).text(): (
            table.item(row, first).text(),
            table.item(row, first + 1).text(),
        )
        for row in range(table.rowCount())
    }


def _view(qtbot: QtBot, account: Account, ops: Operations) -> StatisticsView:
    view = StatisticsView(Workspace(account, ops))
    qtbot.addWidget(view)
    if view.reviews is not None:
        view.reviews.retry = ONCE
    view.show()
    view.refresh_indicators()
    settle(qtbot, ops)
    return view


def test_staff_see_the_centres_review_and_return_rates_per_region(
    qtbot: QtBot, centre: CentralProcess, county: Account, ops: Operations
) -> None:
    view = _view(qtbot, county, ops)
    first = 1 + len(INDICATORS)
    headers = [view.table.horizontalHeaderItem(c).text() for c in (first, first + 1)]
    assert view.reviews is not None
    assert headers == view.reviews.headers()
    cells = _review_cells(view)
    assert cells["城关区"] == ("3/5 (60.00%)", "2/4 (50.00%)")
    assert cells["城关区"] == tuple(
        _figure(_centre_reviews(centre, "620102")[0][k]) for k in ("review_rate", "return_rate")
    )
    assert view.report is not None
    names = {c.region.code: c.region.name for c in view.report.children}
    assert cells[names[A]] == ("3/3 (100.00%)", "2/3 (66.67%)")
    assert cells[names[B]] == ("0/2 (0.00%)", "0/1 (0.00%)")
    # Every row is the centre's own figure (children in the tree's order, as the table's).
    centre_rows = _centre_reviews(centre, "620102")
    table_rows = [
        (view.table.item(r, first).text(), view.table.item(r, first + 1).text())
        for r in range(view.table.rowCount())
    ]
    assert table_rows == [
        (_figure(c["review_rate"]), _figure(c["return_rate"])) for c in centre_rows
    ]
    said = view.reviews.tr("Review and return rates as the centre counts them, at {0}.")
    before, after = said.split("{0}")
    assert view.reviews is not None
    note = view.reviews.note.text()
    assert note.startswith(before), note
    assert note.endswith(after), note

    # Drilled into township A: its own figures, from the centre again.
    view.drill([c.region.code for c in view.report.children].index(A))
    settle(qtbot, ops)
    assert view.report is not None
    assert view.report.total.region.code == A
    assert _review_cells(view)[names[A]] == ("3/3 (100.00%)", "2/3 (66.67%)")

    centre.stop()  # offline: the figures fetched stay, with when, and the reason
    view.refresh_indicators()
    settle(qtbot, ops, timeout=15_000)
    assert _review_cells(view)[names[A]] == ("3/3 (100.00%)", "2/3 (66.67%)")
    assert view.reviews.note.text() == (
        ReviewRatesOfflineError.user_message
        + " "
        + view.reviews.tr("The review figures shown are those fetched at {0}.").format(
            view.reviews.fetched_at
        )
    )
    view.go_up()  # another region: none known
    settle(qtbot, ops, timeout=15_000)
    assert set(_review_cells(view).values()) == {("—", "—")}
    assert view.reviews.note.text() == ReviewRatesOfflineError.user_message


def test_a_workers_statistics_have_no_review_figures(
    qtbot: QtBot, account: Account, ops: Operations
) -> None:
    view = _view(qtbot, account, ops)
    assert view.table.columnCount() == 1 + len(INDICATORS)
    assert view.reviews is None  # nothing asked of the centre, no note
    assert view.findChild(QLabel, "statistics_review_note") is None
