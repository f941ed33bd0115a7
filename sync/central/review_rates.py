"""The review and return rates of a region as of a period's end, from the review audit.

The definitions are docs/indicators.md's (:mod:`sync.contract.review_rates`). ``reviews``
holds only each record's latest review, so the figures come from the audit instead:
``review_ops`` (every accepted review, with the version it judged and when it came) and
``record_versions`` (when each version of a record was accepted). Only what the centre had
received before the end of the period's last day (China Standard Time) counts, so a past
quarter's figures stay as they were when later reviews and corrections come in.

How it stays cheap: the report's indicators count the records per region in their own
pass (:func:`review_rates` takes them; without them the records are counted apart). Most
reviewed records are *settled*: their latest review came before the end and is still
current (``reviews.is_current``, which the database clears when a new version of the record
comes), so it stood at the end, and ``reviews`` holds their region, survey date and when
they were first returned; they are counted from one index of ``reviews`` alone
(migration 0009), with no join. Only the others (changed since their last review, voided,
or reviewed after the end) are read from the audit, by key, in one more query: their
reviews before the end joined to their records, then the next version of those changed
since.

A record's latest review before the end still stands at the end unless the next version of
the record was accepted before the end; the latest review judged the
highest version, since a review is only accepted for the record's current version.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Connection, and_, case, func, or_, select
from sqlalchemy.sql import ColumnElement, Select

from sync.central.review_tables import review_ops, reviews
from sync.central.tables import record_versions, records
from sync.contract.indicators import IndicatorReport, RegionLookup, lookup_region, subtree_codes
from sync.contract.review_rates import ReviewCounts, ReviewRates
from sync.contract.rounds import in_survey_year
from sync.contract.sql_dates import unindexed
from sync.contract.timeliness import CHINA_TIME


def end_instant(end: date) -> datetime:
    """The first instant after the day ``end`` in China Standard Time, as aware UTC."""
    return datetime.combine(end + timedelta(days=1), time(), CHINA_TIME).astimezone(UTC)


Tally = list[int]  # [reviewed at least once, returned at least once, standing at the end]


def _per_record_region(
    conn: Connection, year: int, end: date, codes: list[str] | None, *, count: bool
) -> dict[str, ReviewCounts]:
    """The figures per record region; the records counted only when ``count``."""
    r = records.c
    period = and_(r.deleted.is_(False), in_survey_year(r.survey_date, year), r.survey_date <= end)
    found: dict[str, ReviewCounts] = {}
    if count:
        counted = select(r.region_code, func.count()).where(period)
        if codes is not None:
            counted = counted.where(r.region_code.in_(codes))
        for code, n in conn.execute(counted.group_by(unindexed(r.region_code))):
            found[code] = ReviewCounts(records=int(n))
    before = end_instant(end)
    tallies: dict[str, Tally] = {}
    _add_settled(conn, year, end, before, codes, tallies)
    _add_from_audit(conn, period, before, codes, tallies)
    for code, (n, returned, standing) in tallies.items():
        found[code] = ReviewCounts(found.get(code, ReviewCounts()).records, standing, n, returned)
    return found


def _add_settled(
    conn: Connection,
    year: int,
    end: date,
    before: datetime,
    codes: list[str] | None,
    tallies: dict[str, Tally],
) -> None:
    """The settled records (most of them): their latest review came before the end and is
    still current, so it stood at the end, and ``reviews`` holds their region, survey date
    and when they were first returned; counted from the index of the current reviews alone."""
    rv = reviews.c
    where = and_(
        rv.is_current.is_(True),
        rv.reviewed_at < before,
        in_survey_year(rv.survey_date, year),
        rv.survey_date <= end,
    )
    if codes is not None:
        where = and_(where, rv.region_code.in_(codes))
    returned = func.coalesce(func.sum(case((rv.returned_at < before, 1))), 0)
    query = select(rv.region_code, func.count(), returned).where(where).group_by(rv.region_code)
    for code, n, returned_n in conn.execute(query):
        tally = tallies.setdefault(code, [0, 0, 0])
        tally[0] += int(n)
        tally[1] += int(returned_n)
        tally[2] += int(n)


def _unsettled(before: datetime) -> Select[tuple[str]]:
    """The reviewed records that are not settled: changed since their last review, voided,
    or reviewed after the end."""
    rv = reviews.c
    return select(rv.record_id).where(or_(rv.is_current.is_(False), rv.reviewed_at >= before))


def _add_from_audit(
    conn: Connection,
    period: ColumnElement[bool],
    before: datetime,
    codes: list[str] | None,
    tallies: dict[str, Tally],
) -> None:
    """The reviewed records that are not settled, from the audit: their reviews before the
    end joined to the records, then the next version of those changed since, in one query."""
    r = records.c
    o = review_ops.c
    # Per reviewed record of the period: its region, the last version reviewed before the
    # end and whether any review returned it.
    per_record = (
        select(
            r.region_code.label("region_code"),
            o.record_id.label("record_id"),
            func.max(o.version).label("last_version"),
            func.max(case((o.decision == "return", 1), else_=0)).label("returned"),
        )
        .select_from(review_ops.join(records, r.record_id == o.record_id))
        .where(
            o.record_id.in_(_unsettled(before)),
            o.status == "accepted",
            o.received_at < before,
            period,
        )
        .group_by(o.record_id, r.region_code)
    )
    if codes is not None:
        per_record = per_record.where(r.region_code.in_(codes))
    a = per_record.subquery()
    # The last reviewed version still stood at the end unless the next version of the
    # record reached the centre before the end (none does when it is the current one).
    v = record_versions.c
    query = (
        select(
            a.c.region_code,
            func.count(),
            func.coalesce(func.sum(a.c.returned), 0),
            func.coalesce(func.sum(case((v.record_id.is_(None), 1), else_=0)), 0),
        )
        .select_from(
            a.outerjoin(
                record_versions,
                and_(
                    v.record_id == a.c.record_id,
                    v.version == a.c.last_version + 1,
                    v.saved_at < before,
                ),
            )
        )
        .group_by(a.c.region_code)
    )
    for code, n, returned, standing in conn.execute(query):
        tally = tallies.setdefault(code, [0, 0, 0])
        tally[0] += int(n)
        tally[1] += int(returned)
        tally[2] += int(standing)


def review_rates(
    conn: Connection,
    tree: RegionLookup,
    region_code: str,
    year: int,
    end: date,
    indicators: IndicatorReport | None = None,
) -> ReviewRates:
    """The figures of ``region_code`` and its children for the records of survey year
    ``year`` surveyed up to ``end``, as the centre knew them at the end of that day.

    ``indicators`` (the same region's of the period ending at ``end``) have the records
    counted already: their counts are taken instead of another pass over the records.
    """
    region = lookup_region(tree, region_code)
    codes = None if region.level == "province" else sorted(subtree_codes(tree, region_code))
    found = _per_record_region(conn, year, end, codes, count=indicators is None)
    inside = subtree_codes(tree, region_code) if codes is None else set(codes)

    def summed(code: str) -> ReviewCounts:
        total = ReviewCounts()
        for member in subtree_codes(tree, code) & inside:
            total = total + found.get(member, ReviewCounts())
        return total

    children = {child.code: summed(child.code) for child in tree.children(region_code)}
    if indicators is None:
        return ReviewRates(end, summed(region_code), children)
    for child in indicators.children:
        children[child.region.code] = replace(children[child.region.code], records=child.records)
    return ReviewRates(
        end, replace(summed(region_code), records=indicators.total.records), children
    )
