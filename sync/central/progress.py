"""``GET /progress``: how far a year's round (年度实名制调查) has come, for 督导.

For a region R and year Y, as of a day D (default today), per region one level down and
in total:

- ``roster``: persons on the roster of Y in the region (not taken off it);
- ``surveyed``: live records of survey year Y in the region, surveyed on or before D;
- ``rate``: ``surveyed`` over ``roster`` in percent, half-up to two places as the
  indicators' rates, None without a roster. A person surveyed but not on the roster (a
  certificate of this year) counts too, as in the 通报's entry rate, so a rate may pass 100;
  matching every record to the roster by ID number would cost the province's progress
  several times its one-second budget;
- ``surveyed_last_7_days``: of ``surveyed``, those surveyed in the 7 days up to D (the
  week's gain of the weekly ranking);
- ``approved`` / ``returned`` / ``unreviewed``: of ``surveyed``, by the review state of the
  record's current version (:mod:`sync.central.reviews`).

Only business dates count (the survey date), never when a record reached the centre.
Per worker account of the region: ``surveyed`` (records of Y saved last by the account,
which is the worker who visited unless staff edited it since), and from the account's
most recent sync request (:mod:`sync.central.device_syncs`) its time, the program version
and the changes it still had queued. ``staff`` says the same of the region's county, city
and province accounts (with their role): a clerk's laptop queues reviews and corrections
too. Neither list changes a count above: records count by region, not by account.
``weeks`` counts the records surveyed in each week (Monday to Sunday) of Y up to D, for
the chart of the round.

Records and roster entries are counted per region code by GROUP BY in the database; the
codes are summed into the children in Python. A record kept on R itself (a county record
in a county's progress) counts in R's total only, so children need not add up to it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, case, func, select

from sync.central.accounts import User
from sync.central.clock import as_utc
from sync.central.problems import Forbidden
from sync.central.reports import report_region
from sync.central.review_tables import device_syncs, reviews
from sync.central.scope import regions
from sync.central.tables import records, roster, users
from sync.contract.indicator_values import rate
from sync.contract.regions import Region
from sync.contract.roles import STAFF_ROLES

WEEK = 7


@dataclass(slots=True)
class Tally:
    """The counts of one region (or of a whole subtree)."""

    roster: int = 0
    surveyed: int = 0
    surveyed_last_7_days: int = 0
    approved: int = 0
    returned: int = 0

    def add(self, other: Tally) -> None:
        """Add ``other``'s counts to these."""
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    def as_json(self) -> dict[str, Any]:
        """The keys of ``totals`` and of each child (docs/protocol.md)."""
        value = rate(self.surveyed, self.roster)
        return {
            "roster": self.roster,
            "surveyed": self.surveyed,
            "rate": None if value is None else float(value),
            "surveyed_last_7_days": self.surveyed_last_7_days,
            "approved": self.approved,
            "returned": self.returned,
            "unreviewed": self.surveyed - self.approved - self.returned,
        }


def region_json(region: Region) -> dict[str, str]:
    """A region as the reports name it."""
    return {"code": region.code, "name": region.name, "short_name": region.short_name}


def progress_region(user: User, region: str | None) -> str:
    """The region a staff account asks about (default its own); Forbidden for a worker."""
    if user.role not in STAFF_ROLES:
        raise Forbidden("only county, city or province staff follow the round's progress")
    return report_region(user, region)


@dataclass(frozen=True, slots=True)
class _Scope:
    codes: list[str] | None  # every code of the subtree; None: the whole tree
    year_start: date
    year_end: date  # the last day counted: the year's end, or the day asked about
    week_start: date


def _scope(region_code: str, year: int, as_of: date) -> _Scope:
    tree = regions()
    root = tree.get(region_code)
    whole = root is not None and root.parent_code is None
    codes = None if whole else [region_code, *(r.code for r in tree.descendants(region_code))]
    end = min(date(year, 12, 31), as_of)
    # Any day may be asked about, the first days of the calendar too.
    week_start = as_of - timedelta(days=WEEK - 1) if as_of.toordinal() > WEEK else date.min
    return _Scope(codes, date(year, 1, 1), end, week_start)


def _surveyed(s: _Scope) -> Any:
    r = records.c
    condition = and_(
        r.deleted.is_(False), r.survey_date >= s.year_start, r.survey_date <= s.year_end
    )
    return condition if s.codes is None else and_(condition, r.region_code.in_(s.codes))


def _count_if(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _record_counts(conn: Connection, s: _Scope) -> tuple[dict[str, Tally], dict[str, int]]:
    """Per region code the record counts; per account the records it saved last.

    Both queries read the index ``ix_records_region_code_saved_by_survey_date_deleted``
    (:mod:`sync.central.tables`) alone, in its order, so neither sorts the year's records.
    """
    r = records.c
    query = (
        select(r.region_code, r.saved_by, func.count())
        .where(_surveyed(s))
        .group_by(r.region_code, r.saved_by)
    )
    per_region: dict[str, Tally] = {}
    per_account: dict[str, int] = {}
    for code, saved_by, n in conn.execute(query):
        per_region.setdefault(code, Tally()).surveyed += int(n)
        if saved_by is not None:
            per_account[saved_by] = per_account.get(saved_by, 0) + int(n)
    week = (
        select(r.region_code, func.count())
        .where(_surveyed(s), r.survey_date >= s.week_start)
        .group_by(r.region_code)
    )
    for code, n in conn.execute(week):
        per_region.setdefault(code, Tally()).surveyed_last_7_days += int(n)
    _add_reviews(conn, s, per_region)
    return per_region, per_account


def _add_reviews(conn: Connection, s: _Scope, per_region: dict[str, Tally]) -> None:
    """Add the approved and returned records per region code.

    From an index of ``reviews`` alone, which keeps the region and survey date of the
    version judged: a review is current while no newer version of its record has come
    (``superseded_at`` NULL, :mod:`sync.central.review_tables`). Matching each review's seq
    to its record's, as before migration 0009, cost a lookup per review; joining every
    record to its review, a lookup per record.
    """
    v = reviews.c
    query = (
        select(v.region_code, v.state, func.count())
        .where(
            v.superseded_at.is_(None),
            v.survey_date >= s.year_start,
            v.survey_date <= s.year_end,
        )
        .group_by(v.region_code, v.state)
    )
    if s.codes is not None:
        query = query.where(v.region_code.in_(s.codes))
    for code, state, n in conn.execute(query):
        tally = per_region.setdefault(code, Tally())
        if state == "approved":
            tally.approved += int(n)
        elif state == "returned":
            tally.returned += int(n)


def _roster_counts(conn: Connection, s: _Scope, year: int) -> dict[str, int]:
    """Per region code: persons on the roster of ``year`` (from the index
    ``ix_roster_year_region_code_deleted`` alone, :mod:`sync.central.review_tables`)."""
    o = roster.c
    query = (
        select(o.region_code, func.count())
        .where(o.year == year, o.deleted.is_(False))
        .group_by(o.region_code)
    )
    if s.codes is not None:
        query = query.where(o.region_code.in_(s.codes))
    return {code: int(n) for code, n in conn.execute(query)}


def _weeks(conn: Connection, s: _Scope) -> list[dict[str, Any]]:
    """Records surveyed per week (Monday first) of the year up to the day asked about."""
    r = records.c
    per_day = conn.execute(
        select(r.survey_date, func.count()).where(_surveyed(s)).group_by(r.survey_date)
    )
    counts: dict[date, int] = {}
    for day, n in per_day:
        day = day if isinstance(day, date) else date.fromisoformat(str(day))
        monday = day - timedelta(days=day.weekday())
        counts[monday] = counts.get(monday, 0) + int(n)
    weeks = []
    monday = s.year_start - timedelta(days=s.year_start.weekday())
    while monday <= s.year_end:
        weeks.append({"week_start": monday.isoformat(), "surveyed": counts.get(monday, 0)})
        monday += timedelta(days=WEEK)
    return weeks


def _utc(value: datetime) -> datetime:
    at = as_utc(value)
    assert at is not None  # the column is NOT NULL
    return at


def _accounts(
    conn: Connection, s: _Scope, per_account: dict[str, int]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The enabled worker accounts of the region and its staff accounts, each with its
    records and its most recent sync request (one query of both)."""
    u, d = users.c, device_syncs.c
    roles = ["worker", *sorted(STAFF_ROLES)]
    query = select(u.username, u.role, u.region_code).where(
        u.role.in_(roles), u.disabled.is_(False)
    )
    if s.codes is not None:
        query = query.where(u.region_code.in_(s.codes))
    accounts = list(conn.execute(query.order_by(u.region_code, u.username)))
    latest: dict[str, Any] = {}
    names = [a.username for a in accounts]
    if names:
        syncs = select(d.username, d.last_sync_at, d.app_version, d.queue_length).where(
            d.username.in_(names)
        )
        # Oldest first, so that each account keeps its most recent device.
        for row in sorted(conn.execute(syncs), key=lambda row: _utc(row.last_sync_at)):
            latest[row.username] = row
    workers: list[dict[str, Any]] = []
    staff: list[dict[str, Any]] = []
    for account in accounts:
        sync = latest.get(account.username)
        at = None if sync is None else as_utc(sync.last_sync_at)
        item = {
            "username": account.username,
            "region_code": account.region_code,
            "surveyed": per_account.get(account.username, 0),
            "last_sync_at": None if at is None else at.isoformat(),
            "app_version": None if sync is None else sync.app_version,
            "queued": None if sync is None else sync.queue_length,
        }
        if account.role == "worker":
            workers.append(item)
        else:
            staff.append({**item, "role": account.role})
    return workers, staff


def _owners(units: Iterable[Region]) -> dict[str, str]:
    """Each code of the units' subtrees -> the unit that holds it."""
    tree = regions()
    owner: dict[str, str] = {}
    for unit in units:
        owner[unit.code] = unit.code
        for below in tree.descendants(unit.code):
            owner[below.code] = unit.code
    return owner


@dataclass(frozen=True, slots=True)
class _Gathered:
    per_code: dict[str, Tally]  # by the region code records and entries are kept on
    workers: list[dict[str, Any]]
    staff: list[dict[str, Any]]
    weeks: list[dict[str, Any]]

    def total(self) -> Tally:
        total = Tally()
        for tally in self.per_code.values():
            total.add(tally)
        return total

    def by(self, units: list[Region]) -> list[tuple[Region, Tally]]:
        """Each unit with the sum of the codes of its subtree."""
        owners = _owners(units)
        sums: dict[str, Tally] = {}
        for code, tally in self.per_code.items():
            unit = owners.get(code)
            if unit is not None:
                sums.setdefault(unit, Tally()).add(tally)
        return [(unit, sums.get(unit.code, Tally())) for unit in units]


def _gather(engine: Engine, region_code: str, year: int, as_of: date) -> _Gathered:
    s = _scope(region_code, year, as_of)
    with engine.connect() as conn:
        per_code, per_account = _record_counts(conn, s)
        for code, n in _roster_counts(conn, s, year).items():
            per_code.setdefault(code, Tally()).roster = n
        weeks = _weeks(conn, s)
        workers, staff = _accounts(conn, s, per_account)
    return _Gathered(per_code, workers, staff, weeks)


def _region(code: str) -> Region:
    region = regions().get(code)
    if region is None:  # progress_region / report_region checked it
        raise ValueError(f"region: unknown region code {code!r}")
    return region


def compute_progress(engine: Engine, region_code: str, year: int, as_of: date) -> dict[str, Any]:
    """The progress JSON of ``region_code`` (its subtree) for ``year`` as of ``as_of``."""
    region = _region(region_code)
    gathered = _gather(engine, region_code, year, as_of)
    children = [
        {"region": region_json(child), **tally.as_json()}
        for child, tally in gathered.by(regions().children(region_code))
    ]
    return {
        "year": year,
        "as_of": as_of.isoformat(),
        "region": region_json(region),
        "totals": gathered.total().as_json(),
        "children": children,
        "workers": gathered.workers,
        "staff": gathered.staff,
        "weeks": gathered.weeks,
    }


def ranking_units(region_code: str) -> list[Region]:
    """What a weekly ranking ranks: the counties of a province or prefecture, the
    townships of a county (none below a township)."""
    tree = regions()
    region = _region(region_code)
    if region.level in ("county", "township"):
        return tree.children(region_code)
    return [r for r in tree.descendants(region_code) if r.level == "county"]


@dataclass(frozen=True, slots=True)
class RankedRow:
    """One line of the weekly ranking."""

    rank: int
    region: Region
    tally: Tally


def weekly_ranking(
    engine: Engine, region_code: str, year: int, as_of: date
) -> tuple[list[RankedRow], Tally]:
    """The units of :func:`ranking_units` by rate (highest first; without a roster last),
    then by the week's gain; and the region's total."""
    gathered = _gather(engine, region_code, year, as_of)
    pairs = gathered.by(ranking_units(region_code))

    def key(pair: tuple[Region, Tally]) -> tuple[int, float, int, str]:
        value = rate(pair[1].surveyed, pair[1].roster)
        return (value is None, -float(value or 0), -pair[1].surveyed_last_7_days, pair[0].code)

    ordered = sorted(pairs, key=key)
    rows = [RankedRow(n, unit, tally) for n, (unit, tally) in enumerate(ordered, start=1)]
    return rows, gathered.total()
