"""The visit list (待访): this year's roster persons still to be visited, the round's progress
per village, the persons surveyed off the roster, and where a visit starts.

A roster person counts as surveyed in year Y when this laptop holds a live record of the
person surveyed in Y that is no longer a draft (a draft is a visit begun: the person stays
on the list, and opening them opens the draft). The triggers of schema v7 keep that mark
(``roster.surveyed``) and the counts per village (``roster_progress``) at every write, so
the progress of a county of 60,000 persons is a read of its few hundred villages and the
persons to visit are read a page at a time along ``ix_roster_to_visit``: probing the records
once per roster person costs half a second there (bench/bench_visit_list.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, not_, select, true

from desktop.store.listing import prefix_like, starts_with
from desktop.store.model import LocalRecord
from desktop.store.schema import records, roster, roster_progress
from desktop.store.survey_years import first_visit, next_visit
from sync.contract.rounds import in_survey_year

if TYPE_CHECKING:
    from desktop.store.registry import Registry


@dataclass(frozen=True, slots=True)
class VillageProgress:
    """One village (or one township's persons without a village) of the roster."""

    region_code: str
    village: str  # "" when the roster names none
    on_roster: int
    surveyed: int


@dataclass(frozen=True, slots=True)
class VisitPerson:
    """A roster person still to be visited this year (one line of the list)."""

    id_number: str
    name: str | None
    region_code: str | None
    village: str | None
    address: str | None


@dataclass(frozen=True, slots=True)
class OffRoster:
    """A person surveyed this year who is not on this year's roster (for the county)."""

    record_id: str
    name: str | None
    id_number: str | None
    region_code: str | None
    survey_date: str | None


@dataclass(frozen=True, slots=True)
class VisitFilter:
    """Which persons to visit the list shows: the year, a place, a search text."""

    year: int
    region_prefix: str | None = None  # the account's region, or a township chosen
    village: str | None = None  # None: every village; "": persons without one
    search: str = ""  # a name prefix, or (digits) an ID number prefix


@dataclass(frozen=True, slots=True)
class VisitStart:
    """Where a visit begins: the person's record of the year to open, else a new record."""

    local: LocalRecord | None
    doc: dict[str, Any] | None


def _to_visit_where(f: VisitFilter) -> ColumnElement[bool]:
    parts: list[ColumnElement[bool]] = [roster.c.year == f.year]
    if f.region_prefix:
        parts.append(starts_with(roster.c.region_code, f.region_prefix))
    if f.village is not None:
        parts.append(func.coalesce(roster.c.village, "") == f.village)
    parts.append(roster.c.surveyed.is_(False))
    text = f.search.strip()
    if text and text[0].isdigit():
        parts.append(starts_with(roster.c.id_number, text[:18].upper()))
    elif text:
        parts.append(prefix_like(roster.c.name, text))
    return and_(true(), *parts)


def _progress_where(year: int, region_prefix: str | None) -> ColumnElement[bool]:
    where = and_(roster_progress.c.year == year, roster_progress.c.on_roster > 0)
    if region_prefix:
        where = and_(where, starts_with(roster_progress.c.region_code, region_prefix))
    return where


def progress(registry: Registry, year: int, region_prefix: str | None) -> list[VillageProgress]:
    """Per township and village: persons on the roster and how many are surveyed."""
    p = roster_progress.c
    query = (
        select(p.region_code, p.village, p.on_roster, p.surveyed)
        .where(_progress_where(year, region_prefix))
        .order_by(p.region_code, p.village)
    )
    with registry.engine.connect() as conn:
        return [VillageProgress(*row) for row in conn.execute(query)]


def _to_visit(f: VisitFilter) -> Select[Any]:
    return (
        select(
            roster.c.id_number,
            roster.c.name,
            roster.c.region_code,
            roster.c.village,
            roster.c.address,
        )
        .where(_to_visit_where(f))
        .order_by(roster.c.region_code, roster.c.village, roster.c.name, roster.c.id_number)
    )


def count_to_visit(registry: Registry, f: VisitFilter) -> int:
    """How many persons of ``f`` are still to be visited (from the village counts, unless a
    search narrows them)."""
    if f.search.strip():
        query = select(func.count()).select_from(_to_visit(f).order_by(None).subquery())
    else:
        p = roster_progress.c
        query = select(func.coalesce(func.sum(p.on_roster - p.surveyed), 0)).where(
            _progress_where(f.year, f.region_prefix)
        )
        if f.village is not None:
            query = query.where(p.village == f.village)
    with registry.engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def to_visit(
    registry: Registry, f: VisitFilter, *, limit: int, offset: int = 0
) -> list[VisitPerson]:
    """One page of the persons still to be visited, by township, village and name."""
    query = _to_visit(f).limit(limit).offset(offset or None)
    with registry.engine.connect() as conn:
        return [VisitPerson(*row) for row in conn.execute(query)]


def off_roster(registry: Registry, year: int, region_prefix: str | None) -> list[OffRoster]:
    """Records of ``year`` (not drafts) whose person is not on that year's roster."""
    on_roster = exists(
        select(roster.c.id_number).where(
            roster.c.year == year, roster.c.id_number == records.c.id_number
        )
    )
    query = (
        select(
            records.c.record_id,
            records.c.name,
            records.c.id_number,
            records.c.region_code,
            records.c.survey_date,
        )
        .where(
            in_survey_year(records.c.survey_date, year),
            records.c.deleted.is_(False),
            records.c.state != "draft",
            not_(on_roster),
        )
        .order_by(records.c.region_code, records.c.name, records.c.record_id)
    )
    if region_prefix:
        query = query.where(starts_with(records.c.region_code, region_prefix))
    with registry.engine.connect() as conn:
        return [
            OffRoster(
                r.record_id,
                r.name,
                r.id_number,
                r.region_code,
                r.survey_date.isoformat() if isinstance(r.survey_date, date) else None,
            )
            for r in conn.execute(query)
        ]


def visit_start(
    registry: Registry, id_number: str, *, today: date, surveyor: str | None
) -> VisitStart:
    """Where a visit of the person on ``today`` begins: their record of this year if there
    is one (a draft begun, or a correction), else a new record prefilled from their latest
    record, else from this year's roster."""
    number = id_number.strip().upper()
    this_year = registry.find_by_id_number(number, today.year)
    if this_year is not None:
        return VisitStart(this_year, None)
    latest = registry.find_by_id_number(number)
    if latest is not None:
        return VisitStart(None, next_visit(latest.record, today=today, surveyor=surveyor))
    query = select(roster).where(roster.c.year == today.year, roster.c.id_number == number)
    with registry.engine.connect() as conn:
        entry = conn.execute(query).first()
    if entry is None:
        return VisitStart(None, first_visit({"id_number": number}, today=today, surveyor=surveyor))
    return VisitStart(None, first_visit(dict(entry._mapping), today=today, surveyor=surveyor))
