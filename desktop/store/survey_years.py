"""A record is one person's survey in one year (docs/record-life.md): the year's bounds, the
person's records by year, and a new year's visit prefilled from the latest record.

The survey year of a record is the year of its ``survey_date``. One live record per
(id_number, survey year): the save checks it (:func:`holder_of_year`), the centre enforces
it with a unique index and answers a second record of the person-year with ``conflict``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import Connection, select

from desktop.store.errors import StoreError
from desktop.store.schema import records
from sync.contract.fields import RECORD_FIELDS
from sync.contract.rounds import in_survey_year
from sync.contract.tables import ROSTER_FIELDS

# What a new year's visit does not take from the person's latest record: its identity as a
# record, the trainings of earlier years, and the visit itself.
NOT_CARRIED = frozenset({"record_id", "trainings", "survey_date", "surveyor"})
CARRIED: tuple[str, ...] = tuple(f.name for f in RECORD_FIELDS if f.name not in NOT_CARRIED)


def round_year(today: date | None = None) -> int:
    """The survey year of the round under way: the current calendar year (the year whose
    roster the laptop keeps and whose visits the visit list follows)."""
    return (today or date.today()).year


class PersonYearTakenError(StoreError):
    """Another live record on this laptop already holds this person's survey of the year."""

    user_message = (
        "此人该年度已有调查记录，请打开该记录修改，不要重复录入。"
        "(This person already has a record of that year: open it instead.)"
    )

    def __init__(self, record_id: str, year: int) -> None:
        super().__init__(f"{year}: {record_id}")
        self.record_id = record_id
        self.year = year


def holder_of_year(
    conn: Connection, id_number: str, year: int, *, other_than: str | None = None
) -> str | None:
    """The record_id of the person's live record of ``year`` (besides ``other_than``).

    Drafts count: a visit the worker began is that year's record, and is opened rather
    than begun twice; a record past its draft comes first where a stray draft sits beside it.
    """
    query = select(records.c.record_id).where(
        records.c.id_number == id_number,
        in_survey_year(records.c.survey_date, year),
        records.c.deleted.is_(False),
    )
    if other_than is not None:
        query = query.where(records.c.record_id != other_than)
    query = query.order_by((records.c.state == "draft").asc(), records.c.updated_at.desc())
    return conn.execute(query.limit(1)).scalar()


def latest_of(conn: Connection, id_number: str) -> str | None:
    """The record_id of the person's live record with the latest survey date, if any."""
    query = (
        select(records.c.record_id)
        .where(records.c.id_number == id_number, records.c.deleted.is_(False))
        .order_by(records.c.survey_date.desc(), records.c.updated_at.desc())
        .limit(1)
    )
    return conn.execute(query).scalar()


def next_visit(latest: Mapping[str, Any], *, today: date, surveyor: str | None) -> dict[str, Any]:
    """A new record of ``today``'s year prefilled from the person's ``latest`` record:
    every carried field, no trainings, today's survey date, the account as surveyor."""
    doc: dict[str, Any] = {name: latest.get(name) for name in CARRIED}
    doc.update(trainings=[], survey_date=today.isoformat(), surveyor=surveyor)
    return doc


def first_visit(entry: Mapping[str, Any], *, today: date, surveyor: str | None) -> dict[str, Any]:
    """A new record of a roster person never surveyed: the roster's fields, today's visit."""
    doc: dict[str, Any] = {name: entry.get(name) for name in ROSTER_FIELDS}
    doc.update(survey_date=today.isoformat(), surveyor=surveyor)
    return doc


def earlier_than(conn: Connection, id_number: str, year: int) -> str | None:
    """The record_id of the person's latest live record surveyed before ``year``, if any
    (what the 审核 screen compares this year's record with)."""
    query = (
        select(records.c.record_id)
        .where(
            records.c.id_number == id_number,
            records.c.deleted.is_(False),
            records.c.survey_date < date(year, 1, 1),
        )
        .order_by(records.c.survey_date.desc(), records.c.updated_at.desc())
        .limit(1)
    )
    found = conn.execute(query).scalar()
    return None if found is None else str(found)
