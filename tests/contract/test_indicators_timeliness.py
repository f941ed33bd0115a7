"""Entry timeliness: entries per week by first local save, and the 突击录入 flag."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from sync.contract.indicators import Period
from sync.contract.timeliness import RegionTimeliness, entry_timeliness
from tests.helpers.indicator_data import SMALL_TREE, Registry, registry

Y = 2024


@pytest.fixture
def reg(database_kind: str, tmp_path: Path) -> Iterator[Registry]:
    with registry(database_kind, tmp_path) as r:
        yield r


def at(day: date, hour: int = 2) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def by_code(reg: Registry, code: str = "620000", quarter: int = 1) -> dict[str, RegionTimeliness]:
    with reg.engine.connect() as conn:
        found = entry_timeliness(conn, reg.tables, SMALL_TREE, code, Period(Y, quarter))
    return {t.region.code: t for t in found}


def test_steady_entry_synced_late_is_not_rushed(reg: Registry) -> None:
    # Entered every week on the laptop, sent to the centre once at the quarter's end.
    for week in range(12):
        day = date(Y, 1, 3) + timedelta(weeks=week)
        reg.add("620102", created_at=at(day), received_at=at(date(Y, 3, 30)))
    lanzhou = by_code(reg)["620100"]
    assert lanzhou.total == 12
    assert list(lanzhou.weekly)[:12] == [1] * 12
    assert lanzhou.rushed is False


def test_entries_bunched_at_quarter_end_are_rushed(reg: Registry) -> None:
    reg.add("620201", created_at=at(date(Y, 1, 10)))
    for day in (17, 20, 31):  # 17 March is the first of the last 15 days
        reg.add("620201", created_at=at(date(Y, 3, day)))
    reg.add("620201", created_at=at(date(Y, 3, 16)))  # the day before does not count as late
    jiayuguan = by_code(reg)["620200"]
    assert jiayuguan.in_last_days == 3
    assert jiayuguan.rushed is True
    assert by_code(reg)["622900"].rushed is False  # no entries


def test_half_exactly_is_not_rushed(reg: Registry) -> None:
    reg.add("620201", created_at=at(date(Y, 2, 1)))
    reg.add("620201", created_at=at(date(Y, 3, 25)))
    assert by_code(reg)["620200"].rushed is False


def test_received_time_bounds_a_wrong_laptop_clock_and_fills_a_missing_one(reg: Registry) -> None:
    # A laptop clock set in the future cannot move an entry past its arrival.
    reg.add("620201", created_at=at(date(Y, 6, 1)), received_at=at(date(Y, 2, 1)))
    reg.add("620201", created_at=None, received_at=at(date(Y, 2, 2)))
    reg.add("620201", created_at=None, received_at=None)  # unknown: never counted
    reg.add("620201", created_at=at(date(Y, 2, 3)), deleted=True)
    jiayuguan = by_code(reg)["620200"]
    assert jiayuguan.total == 2


def test_days_are_china_time(reg: Registry) -> None:
    # 31 March 17:00 UTC is 1 April 01:00 in China: the second quarter.
    reg.add("620201", created_at=datetime(Y, 3, 31, 17, tzinfo=UTC))
    reg.add("620201", created_at=datetime(Y, 3, 31, 15, tzinfo=UTC))
    assert by_code(reg, quarter=1)["620200"].total == 1
    second = by_code(reg, quarter=2)["620200"]
    assert second.total == 1
    assert second.weekly[0] == 1


def test_a_region_without_children_reports_itself(reg: Registry) -> None:
    reg.add("620102001", created_at=at(date(Y, 1, 2)))
    found = by_code(reg, "620102001")
    assert list(found) == ["620102001"]
    assert found["620102001"].total == 1
