"""Entry timeliness: when the records of a quarter were entered, week by week.

A record counts as entered when it was first saved on a laptop (``created_at``). That time
comes from the laptop's clock, so it is never trusted beyond the centre's own clock: the
entry time is the earlier of ``created_at`` and ``received_at`` (whichever is known). A worker
who enters steadily but syncs once at the quarter's end is therefore not blamed; one who
types a quarter's visits in its last days is.

A region is flagged 突击录入 when more than half of the quarter's entries fall in the
quarter's last 15 days. Days are counted in China Standard Time (UTC+8, no daylight saving):
the times are stored in UTC. Without a quarter the window is the whole year. Only the
records of the report's survey year count (:mod:`sync.contract.rounds`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone

from sqlalchemy import Connection, and_, case, literal, select
from sqlalchemy.sql import ColumnElement

from sync.contract.indicators import (
    Period,
    RegionLike,
    RegionLookup,
    RegistryTables,
    lookup_region,
    subtree_codes,
)
from sync.contract.rounds import in_survey_year

CHINA_TIME = timezone(timedelta(hours=8))
RUSH_DAYS = 15


@dataclass(frozen=True, slots=True)
class RegionTimeliness:
    """Entries of one region in the window, per week (week 1 starts on the window's first day)."""

    region: RegionLike
    weekly: Sequence[int]
    in_last_days: int

    @property
    def total(self) -> int:
        """Entries in the whole window."""
        return sum(self.weekly)

    @property
    def rushed(self) -> bool:
        """突击录入: more than half of the window's entries in its last 15 days."""
        return self.total > 0 and 2 * self.in_last_days > self.total


def entry_time(tables: RegistryTables) -> ColumnElement[datetime]:
    """min(created_at, received_at), whichever of them is known (NULL when neither is)."""
    r = tables.records.c
    return case(
        (r.created_at.is_(None), r.received_at),
        (r.received_at.is_(None), r.created_at),
        (r.created_at <= r.received_at, r.created_at),
        else_=r.received_at,
    )


def _window(period: Period) -> tuple[date, date]:
    return period.quarter_start, period.end


def _as_china_date(value: datetime | str) -> date:
    if isinstance(value, str):  # SQLite may hand back the CASE result as text
        value = datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(CHINA_TIME).date()


def entry_timeliness(
    conn: Connection,
    tables: RegistryTables,
    tree: RegionLookup,
    region_code: str,
    period: Period,
) -> list[RegionTimeliness]:
    """Weekly entries of each child of ``region_code`` (or of the region itself if it has none)."""
    region = lookup_region(tree, region_code)
    first, last = _window(period)
    lo = datetime.combine(first, time(), CHINA_TIME).astimezone(UTC)
    hi = datetime.combine(last + timedelta(days=1), time(), CHINA_TIME).astimezone(UTC)
    r = tables.records.c
    entered = entry_time(tables)
    query = select(r.region_code, entered).where(
        r.deleted.is_(False),
        in_survey_year(r.survey_date, period.year),
        and_(entered >= literal(lo, r.created_at.type), entered < literal(hi, r.created_at.type)),
    )
    if region.level != "province":
        query = query.where(r.region_code.in_(sorted(subtree_codes(tree, region_code))))
    children = list(tree.children(region_code)) or [region]
    owner = {code: child.code for child in children for code in subtree_codes(tree, child.code)}
    weeks = (last - first).days // 7 + 1
    weekly = {child.code: [0] * weeks for child in children}
    late = dict.fromkeys(weekly, 0)
    rush_from = last - timedelta(days=RUSH_DAYS - 1)
    for code, at in conn.execute(query):
        child = owner.get(code)
        if child is None or at is None:
            continue
        day = _as_china_date(at)
        if not first <= day <= last:
            continue
        weekly[child][(day - first).days // 7] += 1
        late[child] += day >= rush_from
    return [RegionTimeliness(c, weekly[c.code], late[c.code]) for c in children]
