"""The review and return rates of a region as of a period's end, from the review audit.

The definitions are docs/indicators.md's (:mod:`sync.contract.review_rates`). ``reviews``
holds only each record's latest review, so the figures come from the audit instead:
``review_ops`` (every accepted review, with the version it judged and when it came) and
``record_versions`` (when each version of a record was accepted). Only what the centre had
received before the end of the period's last day (China Standard Time) counts, so a past
quarter's figures stay as they were when later reviews and corrections come in.

How it stays cheap: the report's indicators count the records per region in their own
pass (:func:`review_rates` takes them; without them the records are counted apart). Each
reviewed record falls in one of three parts, by its latest review (``reviews``):

- *settled* (most of them): that review came before the end and is still current
  (``superseded_at`` NULL), so it stood at the end; ``reviews`` holds their region, survey
  date and when they were first returned, so one index of ``reviews`` answers alone;
- *changed* since: that review came before the end and the record has a newer version
  (``superseded_at``: when it came, set by the database), so it stood at the end unless the
  newer version came before; their records are read by key for their present region and
  survey date (a correction may move either, a void takes the record out);
- *reviewed after the end* (a few, but for a past period): from the audit, by key, their
  reviews before the end joined to their records, then the next version of each.

A record's latest review before the end still stands at the end unless the next version of
the record was accepted before the end; the latest review judged the
highest version, since a review is only accepted for the record's current version.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Connection, and_, case, func, select
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
    for query in (
        _settled(year, end, before, codes),
        _changed(period, before, codes),
        _reviewed_after(period, before, codes),
    ):
        for code, n, returned, standing in conn.execute(query):
            tally = tallies.setdefault(code, [0, 0, 0])
            tally[0] += int(n)
            tally[1] += int(returned)
            tally[2] += int(standing)
    for code, (n, returned, standing) in tallies.items():
        found[code] = ReviewCounts(found.get(code, ReviewCounts()).records, standing, n, returned)
    return found


def _count(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _settled(year: int, end: date, before: datetime, codes: list[str] | None) -> Select[Any]:
    """The settled records (most of them): their latest review came before the end and is
    still current, so it stood at the end, and ``reviews`` holds their region and survey
    date (the record's); from the index of ``reviews`` alone."""
    rv = reviews.c
    where = and_(
        rv.superseded_at.is_(None),
        rv.reviewed_at < before,
        in_survey_year(rv.survey_date, year),
        rv.survey_date <= end,
    )
    if codes is not None:
        where = and_(where, rv.region_code.in_(codes))
    return (
        select(rv.region_code, func.count(), _count(rv.returned_at < before), func.count())
        .where(where)
        .group_by(rv.region_code)
    )


def _changed(period: ColumnElement[bool], before: datetime, codes: list[str] | None) -> Select[Any]:
    """The records changed (or voided) since their latest review, which came before the
    end: it stood at the end unless the next version came before the end. Their region and
    survey date are the record's own now, so the records are read, by key."""
    rv = reviews.c
    r = records.c
    query = (
        select(
            r.region_code,
            func.count(),
            _count(rv.returned_at < before),
            _count(rv.superseded_at >= before),
        )
        .select_from(reviews.join(records, r.record_id == rv.record_id))
        .where(rv.reviewed_at < before, rv.superseded_at.is_not(None), period)
        # Not by the index of the records' regions: SQLite would walk every record.
        .group_by(unindexed(r.region_code))
    )
    return query if codes is None else query.where(r.region_code.in_(codes))


def _reviewed_after(
    period: ColumnElement[bool], before: datetime, codes: list[str] | None
) -> Select[Any]:
    """The records last reviewed after the end (a few, but for a past period), from the
    audit: their reviews before the end joined to their records, then the next version."""
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
            o.record_id.in_(select(reviews.c.record_id).where(reviews.c.reviewed_at >= before)),
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
    # record reached the centre before the end.
    v = record_versions.c
    return (
        select(
            a.c.region_code,
            func.count(),
            func.coalesce(func.sum(a.c.returned), 0),
            _count(v.record_id.is_(None)),
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
