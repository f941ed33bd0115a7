"""Reading records for lists: filters, orders, and rows turned into typed values.

Filters are written so SQLite can use an index: a prefix LIKE on the NOCASE name index,
a range on the plain ID number and region indexes, which keeps a prefix search over 500,000
records in milliseconds. Every order has an index of schema v4 that yields its rows in that
order, in both directions, so a page of the list is read without sorting the rest.

The review (审核) is joined only where it is asked for, by the primary key of
``record_reviews``: a filter by it (on the id alone, so the order's covering index is
walked and each record's review probed), one page's rows and one record (on the id and
version, desktop/store/reviews.py). A list without that filter never touches the reviews.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, Literal

import orjson
from sqlalchemy import (
    ColumnElement,
    FromClause,
    Select,
    and_,
    collate,
    func,
    or_,
    select,
    true,
)

from desktop.store.model import LocalRecord, RecordFilter
from desktop.store.reviews import REVIEW_COLUMNS, review_applies, review_by_key, review_from
from desktop.store.schema import record_docs, record_reviews, records
from sync.contract.findings import Finding
from sync.contract.merge import FieldConflict
from sync.contract.rounds import in_survey_year

Order = Literal["updated_desc", "name", "survey_date_desc"]


def with_doc() -> Select[Any]:
    """SELECT of whole records with their JSON and review (for local_record)."""
    return (
        select(records, record_docs.c.doc, *REVIEW_COLUMNS)
        .join(record_docs, record_docs.c.record_id == records.c.record_id)
        .outerjoin(record_reviews, review_applies())
    )


def listed(filters: RecordFilter | None) -> FromClause:
    """What a list with ``filters`` reads: the records, with their reviews when it asks."""
    if filters is not None and filters.review:
        return records.outerjoin(record_reviews, review_by_key())
    return records


def local_record(m: Any) -> LocalRecord:
    """A ``records`` row as the LocalRecord the UI gets."""
    conflicts: dict[str, FieldConflict] = {}
    if m["conflict_doc"]:
        for name, pair in orjson.loads(m["conflict_doc"]).items():
            conflicts[name] = FieldConflict(pair["local"], pair["remote"])
    updated = m["updated_at"]
    if isinstance(updated, datetime) and updated.tzinfo is None:
        updated = updated.replace(tzinfo=UTC)
    return LocalRecord(
        record=orjson.loads(m["doc"]),
        state=m["state"],
        version=m["version"],
        findings=findings_of(m["findings_doc"]),
        conflicts=conflicts,
        needs_correction=bool(m["needs_correction"]),
        deleted=bool(m["deleted"]),
        updated_at=updated,
        review=review_from(m),
    )


def findings_of(text: str | None) -> tuple[Finding, ...]:
    """The findings kept as JSON in ``findings_doc``."""
    return tuple(Finding.from_dict(d) for d in orjson.loads(text)) if text else ()


def prefix_like(column: Any, prefix: str) -> ColumnElement[bool]:
    # LIKE with a NOCASE index is what SQLite can use for a prefix; escape the wildcards.
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.like(f"{escaped}%", escape="\\")  # type: ignore[no-any-return]


def starts_with(column: Any, prefix: str) -> ColumnElement[bool]:
    """``column`` begins with ``prefix`` (case-sensitive), as a range a plain index serves.

    For the ID number (stored and searched upper-case) and the region code (digits): a
    case-insensitive LIKE could use only a NOCASE index, which these columns do not have.
    """
    last = ord(prefix[-1])
    if last >= 0x10FFFF:  # no next character: the LIKE still answers, without the index
        return prefix_like(column, prefix)
    following = prefix[:-1] + chr(last + 1)
    return and_(column >= prefix, column < following)


def where(f: RecordFilter | None) -> ColumnElement[bool]:
    """The SQL condition of a list filter (no filter: every live record)."""
    if f is None:
        return records.c.deleted.is_(False)
    parts: list[ColumnElement[bool]] = []
    if not f.include_deleted:
        parts.append(records.c.deleted.is_(False))
    if f.states:
        parts.append(records.c.state.in_(f.states))
    if f.region_prefix:
        parts.append(starts_with(records.c.region_code, f.region_prefix))
    if f.name_prefix:
        parts.append(prefix_like(records.c.name, f.name_prefix))
    if f.id_number_prefix:
        parts.append(starts_with(records.c.id_number, f.id_number_prefix.upper()))
    if f.needs_correction is not None:
        parts.append(records.c.needs_correction.is_(f.needs_correction))
    if f.employment_status is not None:
        parts.append(records.c.employment_status == f.employment_status)
    if f.year is not None:
        # A draft begun without a survey date is shown in every year: it is still to finish.
        parts.append(
            or_(in_survey_year(records.c.survey_date, f.year), records.c.survey_date.is_(None))
        )
    if f.surveyor is not None:
        parts.append(records.c.surveyor == f.surveyor)
    if f.review == "unreviewed":
        parts.append(record_reviews.c.record_id.is_(None))
    elif f.review == "returned":  # few: SQLite starts from the reviews
        parts.append(record_reviews.c.state == "returned")
    elif f.review == "approved":
        # Most records of a reviewed round: walk the records' covering index and probe
        # each review (the coalesce keeps the outer join, and so that order, as written).
        parts.append(func.coalesce(record_reviews.c.state, "") == "approved")
    return and_(true(), *parts)


def order_by(order: Order, *, reverse: bool = False) -> list[Any]:
    """The ORDER BY of a list order (record_id breaks ties, so pages are stable).

    Each matches an index of schema v4 column for column (the name in NOCASE, as its
    index); ``reverse`` turns every direction round, which SQLite reads from the same index
    backwards: the last pages of a long list cost what the first ones do.
    """
    if order == "name":
        # The same name: the latest edit first, as in the default order.
        keys: list[tuple[Any, bool]] = [
            (collate(records.c.name, "NOCASE"), False),
            (records.c.updated_at, True),
        ]
    elif order == "survey_date_desc":
        keys = [(records.c.survey_date, True)]
    else:
        keys = [(records.c.updated_at, True)]
    keys.append((records.c.record_id, False))
    return [c.desc() if descending != reverse else c.asc() for c, descending in keys]


def count_query(filters: RecordFilter | None) -> Select[Any]:
    """SELECT count(*) of the records a list filter matches.

    A year's is counted in its two ranges of the survey-date index (the year's dates, then
    the drafts without one), added: each a range whatever the planner's statistics say,
    and that index carries what the year's lists filter by (schema v10), so counting
    100,000 records of a year among 500,000 reads no table page.
    """
    if filters is None or filters.year is None:
        return select(func.count()).select_from(listed(filters)).where(where(filters))
    rest = where(replace(filters, year=None))
    dated = in_survey_year(records.c.survey_date, filters.year)
    undated = records.c.survey_date.is_(None)
    counts = [
        select(func.count()).select_from(listed(filters)).where(rest, part).scalar_subquery()
        for part in (dated, undated)
    ]
    return select(counts[0] + counts[1])


def ids_query(
    filters: RecordFilter | None,
    order: Order,
    *,
    limit: int | None = None,
    offset: int = 0,
    reverse: bool = False,
) -> Select[Any]:
    """SELECT of the matching ids in ``order`` (``reverse``: backwards), one page of them."""
    return (
        select(records.c.record_id)
        .select_from(listed(filters))
        .where(where(filters))
        .order_by(*order_by(order, reverse=reverse))
        .limit(limit)
        .offset(offset or None)
    )


def page_query(ids: Sequence[str]) -> Select[Any]:
    """SELECT of the list's columns for ``ids``: each record and its review by primary key."""
    return (
        select(
            records.c.record_id,
            records.c.name,
            records.c.id_number,
            records.c.region_code,
            records.c.survey_date,
            records.c.state,
            records.c.needs_correction,
            records.c.surveyor,
            record_reviews.c.state.label("review_state"),
        )
        .select_from(records.outerjoin(record_reviews, review_applies()))
        .where(records.c.record_id.in_(list(ids)))
    )
