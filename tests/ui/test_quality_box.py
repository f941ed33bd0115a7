"""数据质量 on the statistics tab: completeness of the optional fields in the chosen quarter."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from desktop.store import Account
from desktop.ui.main_window import MainWindow
from tests.helpers.client import unique_samples
from tests.helpers.ui import settle


def quarter_of(record: dict[str, object]) -> int:
    return (date.fromisoformat(str(record["survey_date"])).month - 1) // 3 + 1


def test_completeness_of_the_phone_in_a_quarter(
    qtbot: QtBot, account: Account, window: MainWindow
) -> None:
    records = [r for r in unique_samples(60, seed=6) if r["survey_date"].startswith("2024")]
    quarter = quarter_of(records[0])
    mine = [r for r in records if quarter_of(r) == quarter]
    # Every second person of the quarter without a phone.
    for i, record in enumerate(mine):
        if i % 2:
            record["phone"] = None
    account.registry.save_many(records)
    view = window.statistics
    box = view.quality
    view.year.setValue(2024)
    window.tabs.setCurrentWidget(view)
    settle(qtbot, window.ops)
    assert box.report is None  # a whole year: no quarter to measure
    assert box.table.rowCount() == 0

    view.quarter.setCurrentIndex(view.quarter.findData(quarter))
    settle(qtbot, window.ops)
    assert box.report is not None
    assert box.report.total.surveyed == len(mine)
    phone = box.report.total.completeness["phone"]
    with_phone = sum(1 for r in mine if r.get("phone"))
    assert (phone.numerator, phone.denominator) == (with_phone, len(mine))
    labels = [box.table.item(row, 0).text() for row in range(box.table.rowCount())]
    row = labels.index("联系电话")
    assert box.table.item(row, 1).text() == f"{with_phone}/{len(mine)}"
