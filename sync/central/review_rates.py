"""The review and return rates of a region as of a period's end, from the review audit.

The definitions are docs/indicators.md's (:mod:`sync.contract.review_rates`). ``reviews``
holds only each record's latest review, so the figures come from the audit instead:
``review_ops`` (every accepted review, with the version it judged and when it came) and
``record_versions`` (when each version of a record was accepted). Only what the centre had
received before the end of the period's last day (China Standard Time) counts, so a past
quarter's figures stay as they were when later reviews and corrections come in.

How it stays cheap: the records are counted per region in one pass (like the indicators).
Most reviewed records are *settled*: their latest review came before the end and is still
current (its seq is the record's, which the index of the records' seqs answers), so it
stood at the end, and ``reviews`` holds their region and survey date; they are counted
from ``reviews`` alone, as progress counts reviews (:mod:`sync.central.progress`), and
those of them approved after an earlier return are found from the returns of the audit.
Only the others (changed since their last review, voided, or reviewed after the end) are
read from the audit, by key: their reviews before the end joined to their records, then
the next version of those changed since.

A record's latest review before the end still stands at the end unless the next version of
the record was accepted before the end; the latest review judged the
highest version, since a review is only accepted for the record's current version.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Connection, and_, case, func, or_, select
from sqlalchemy.sql import ColumnElement

from sync.central import stored as store
from sync.central.review_tables import review_ops, reviews
from sync.central.tables import record_versions, records
from sync.contract.indicators import RegionLookup, lookup_region, subtree_codes
from sync.contract.review_rates import ReviewCounts, ReviewRates
from sync.contract.rounds import in_survey_year
from sync.contract.sql_dates import unindexed
from sync.contract.timeliness import CHINA_TIME


def end_instant(end: date) -> datetime:
    """The first instant after the day ``end`` in China Standard Time, as aware UTC."""
    return datetime.combine(end + timedelta(days=1), time(), CHINA_TIME).astimezone(UTC)


Tally = list[int]  # [reviewed at least once, returned at least once, standing at the end]


def _per_record_region(
    conn: Connection, year: int, end: date, codes: list[str] | None
) -> dict[str, ReviewCounts]:
    r = records.c
    period = and_(r.deleted.is_(False), in_survey_year(r.survey_date, year), r.survey_date <= end)
    counted = select(r.region_code, func.count()).where(period).group_by(unindexed(r.region_code))
    if codes is not None:
        counted = counted.where(r.region_code.in_(codes))
    found = {code: ReviewCounts(records=int(n)) for code, n in conn.execute(counted)}
    before = end_instant(end)
    tallies: dict[str, Tally] = {}
    _add_settled(conn, year, end, before, codes, tallies)
    rv = reviews.c
    # An outer join, not NOT IN (the records' seq column may hold NULLs, which would make
    # every NOT IN unknown) nor NOT EXISTS (which PostgreSQL costs high enough to compile).
    unsettled = (
        select(rv.record_id)
        .select_from(reviews.outerjoin(records, records.c.seq == rv.seq))
        .where(or_(rv.reviewed_at >= before, records.c.seq.is_(None)))
    )
    others = [rid for (rid,) in conn.execute(unsettled)]
    for condition in store.among(conn, review_ops.c.record_id, others):
        _add_from_audit(conn, period, before, codes, condition, tallies)
    for code, (n, returned, standing) in tallies.items():
        found[code] = ReviewCounts(found.get(code, ReviewCounts()).records, standing, n, returned)
    return found


def _settled(before: datetime) -> ColumnElement[bool]:
    """A record whose latest review came before the end and is still current: that review
    stood at the end, and the version it judged (region, survey date) is the record's."""
    rv = reviews.c
    # SQLite answers the IN from the index of the records' seqs.
    return and_(rv.reviewed_at < before, rv.seq.in_(select(records.c.seq).scalar_subquery()))


def _add_settled(
    conn: Connection,
    year: int,
    end: date,
    before: datetime,
    codes: list[str] | None,
    tallies: dict[str, Tally],
) -> None:
    """The settled records (most of them), from ``reviews`` and the index of the records'
    seqs alone, as progress counts them (:mod:`sync.central.progress`); those approved at
    the end that an earlier review returned, from the returns (a few) of the audit."""
    rv = reviews.c
    where = and_(_settled(before), in_survey_year(rv.survey_date, year), rv.survey_date <= end)
    if codes is not None:
        where = and_(where, rv.region_code.in_(codes))
    returned_now = func.coalesce(func.sum(case((rv.state == "returned", 1), else_=0)), 0)
    query = select(rv.region_code, func.count(), returned_now).where(where)
    for code, n, returned in conn.execute(query.group_by(rv.region_code)):
        tally = tallies.setdefault(code, [0, 0, 0])
        tally[0] += int(n)
        tally[1] += int(returned)
        tally[2] += int(n)
    o = review_ops.c
    returned_before = (
        select(rv.region_code, func.count(func.distinct(o.record_id)))
        .select_from(review_ops.join(reviews, rv.record_id == o.record_id))
        .where(
            o.decision == "return",
            o.status == "accepted",
            o.received_at < before,
            rv.state == "approved",
            where,
        )
        .group_by(rv.region_code)
    )
    for code, n in conn.execute(returned_before):
        tallies.setdefault(code, [0, 0, 0])[1] += int(n)


def _add_from_audit(
    conn: Connection,
    period: ColumnElement[bool],
    before: datetime,
    codes: list[str] | None,
    among: ColumnElement[bool],
    tallies: dict[str, Tally],
) -> None:
    """The records of ``among`` (reviewed, not settled) from the audit: their reviews
    before the end joined to the records, then their next versions where they moved."""
    r = records.c
    o = review_ops.c
    # Per reviewed record of the period: its region, its current version, the last version
    # reviewed before the end and whether any review returned it.
    per_record = (
        select(
            r.region_code.label("region_code"),
            o.record_id.label("record_id"),
            r.version.label("version"),
            func.max(o.version).label("last_version"),
            func.max(case((o.decision == "return", 1), else_=0)).label("returned"),
        )
        .select_from(review_ops.join(records, r.record_id == o.record_id))
        .where(among, o.status == "accepted", o.received_at < before, period)
        .group_by(o.record_id, r.region_code, r.version)
    )
    if codes is not None:
        per_record = per_record.where(r.region_code.in_(codes))
    a = per_record.subquery()
    # A record moved past its last reviewed version comes out as a row of its own, the
    # others counted per region; for the moved ones one lookup by key then says whether
    # the next version reached the centre before the end.
    moved = a.c.version > a.c.last_version
    moved_id = case((moved, a.c.record_id), else_=None)
    moved_from = case((moved, a.c.last_version), else_=None)
    reviewed = select(
        a.c.region_code,
        moved_id,
        moved_from,
        func.count(),
        func.coalesce(func.sum(a.c.returned), 0),
    ).group_by(a.c.region_code, moved_id, moved_from)
    pending: dict[str, tuple[str, int]] = {}  # moved record -> (region, last version)
    for code, record_id, last_version, n, returned in conn.execute(reviewed):
        tally = tallies.setdefault(code, [0, 0, 0])
        tally[0] += int(n)
        tally[1] += int(returned)
        if record_id is None:
            tally[2] += int(n)
        else:
            pending[record_id] = (code, int(last_version))
    for record_id in _unchanged_until(conn, pending, before):
        tallies[pending[record_id][0]][2] += 1


def _unchanged_until(
    conn: Connection, pending: dict[str, tuple[str, int]], before: datetime
) -> list[str]:
    """The records of ``pending`` whose version after ``pending``'s last reviewed one had not
    reached the centre before ``before``."""
    v = record_versions.c
    superseded: set[str] = set()
    for condition in store.among(conn, v.record_id, sorted(pending)):
        query = select(v.record_id, v.version).where(condition, v.saved_at < before)
        for record_id, version in conn.execute(query):
            if version == pending[record_id][1] + 1:
                superseded.add(record_id)
    return [record_id for record_id in pending if record_id not in superseded]


def review_rates(
    conn: Connection, tree: RegionLookup, region_code: str, year: int, end: date
) -> ReviewRates:
    """The figures of ``region_code`` and its children for the records of survey year
    ``year`` surveyed up to ``end``, as the centre knew them at the end of that day."""
    region = lookup_region(tree, region_code)
    codes = None if region.level == "province" else sorted(subtree_codes(tree, region_code))
    found = _per_record_region(conn, year, end, codes)
    inside = subtree_codes(tree, region_code) if codes is None else set(codes)

    def summed(code: str) -> ReviewCounts:
        total = ReviewCounts()
        for member in subtree_codes(tree, code) & inside:
            total = total + found.get(member, ReviewCounts())
        return total

    children = {child.code: summed(child.code) for child in tree.children(region_code)}
    return ReviewRates(end, summed(region_code), children)
