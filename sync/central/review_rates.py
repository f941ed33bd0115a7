"""The review and return rates of a region as of a period's end, from the review audit.

The definitions are docs/indicators.md's (:mod:`sync.contract.review_rates`). ``reviews``
holds only each record's latest review, so the figures come from the audit instead:
``review_ops`` (every accepted review, with the version it judged and when it came) and
``record_versions`` (when each version of a record was accepted). Only what the centre had
received before the end of the period's last day (China Standard Time) counts, so a past
quarter's figures stay as they were when later reviews and corrections come in.

Two queries and a lookup: one count of the period's records per region (a pass over the
records, like the indicators'); one over the accepted reviews only, which joins their
records by primary key and sums per record, then per region (joining before summing lets
PostgreSQL scan both tables once in parallel, where a per-record subquery was built by
every worker again); and for the few records changed since their last review, their
versions by key. A record's latest review before the end still stands at the end unless
the next version of the record was accepted before the end; the latest review judged the
highest version, since a review is only accepted for the record's current version.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Connection, and_, case, func, select

from sync.central import stored as store
from sync.central.review_tables import review_ops
from sync.central.tables import record_versions, records
from sync.contract.indicators import RegionLookup, lookup_region, subtree_codes
from sync.contract.review_rates import ReviewCounts, ReviewRates
from sync.contract.rounds import in_survey_year
from sync.contract.sql_dates import unindexed
from sync.contract.timeliness import CHINA_TIME


def end_instant(end: date) -> datetime:
    """The first instant after the day ``end`` in China Standard Time, as aware UTC."""
    return datetime.combine(end + timedelta(days=1), time(), CHINA_TIME).astimezone(UTC)


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
        .where(o.status == "accepted", o.received_at < before, period)
        .group_by(unindexed(o.record_id), r.region_code, r.version)
    )
    if codes is not None:
        per_record = per_record.where(r.region_code.in_(codes))
    a = per_record.subquery()
    # A record moved past its last reviewed version comes out as a row of its own, the
    # others counted per region; for the moved ones (few) one lookup by key then says
    # whether the next version reached the centre before the end. So the wide
    # ``record_versions`` is never scanned and no per-row subquery inflates the plan.
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
    ever: dict[str, list[int]] = {}  # region -> [reviewed at least once, returned, standing]
    pending: dict[str, tuple[str, int]] = {}  # moved record -> (region, last version)
    for code, record_id, last_version, n, returned in conn.execute(reviewed):
        tally = ever.setdefault(code, [0, 0, 0])
        tally[0] += int(n)
        tally[1] += int(returned)
        if record_id is None:
            tally[2] += int(n)
        else:
            pending[record_id] = (code, int(last_version))
    for record_id in _unchanged_until(conn, pending, before):
        ever[pending[record_id][0]][2] += 1
    for code, (n, returned, standing) in ever.items():
        found[code] = ReviewCounts(found.get(code, ReviewCounts()).records, standing, n, returned)
    return found


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
