"""Duplicate persons the ID number alone does not catch, for staff to review.

A record is one person's survey in one year (:mod:`sync.contract.rounds`), and the centre
already refuses a second record with the same ID number in one survey year. A person can
still be entered twice in a year under a mistyped ID number, so two more signs are looked
for among the records of one survey year (a person's records of other years are no
duplicates):

- ``certificate``: the same disability certificate number on different records. The first 20
  characters are compared: a reissued certificate adds a suffix (B1-B9) but keeps the person's
  number.
- ``name_birth``: the same name and birth date (ID number characters 7-14) in one county
  (``region_code[:6]``); a twin has another name, so this is rare for two real people.
  Names are compared in their stored form (:func:`sync.contract.person_names.clean_name`),
  so that a name stored before names were normalised, with a zero-width space or a
  trailing space in it, still meets its twin: the database groups by county and birth
  date, and the names of those groups are compared here.

Voided records never count. Queries are SQLAlchemy Core over the shared records table shape
and run unchanged on SQLite and PostgreSQL. The groups hold record ids and regions only; the
caller shows the records themselves to the staff who may see them (never to logs).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from sqlalchemy import Connection, Select, Table, and_, func, select
from sqlalchemy.sql import ColumnElement

from sync.contract.person_names import clean_name
from sync.contract.rounds import in_survey_year
from sync.contract.sql_dates import year_of

DuplicateKind = Literal["certificate", "name_birth"]
KINDS: dict[DuplicateKind, str] = {
    "certificate": "残疾人证号相同",
    "name_birth": "同一县内姓名和出生日期相同",
}


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    """Records that may be one person: ``members`` are ``(record_id, region_code)``, sorted."""

    kind: DuplicateKind
    members: tuple[tuple[str, str], ...]

    @property
    def record_ids(self) -> tuple[str, ...]:
        """The ids of the records in the group."""
        return tuple(record_id for record_id, _ in self.members)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``{kind, reason, records:[{record_id, region_code}]}``."""
        return {
            "kind": self.kind,
            "reason": KINDS[self.kind],
            "records": [{"record_id": r, "region_code": c} for r, c in self.members],
        }


def _keys(records: Table) -> dict[DuplicateKind, tuple[ColumnElement[Any], ...]]:
    """What the database groups by (name_birth: the name is compared after, normalised)."""
    r = records.c
    year = year_of(r.survey_date)
    return {
        "certificate": (year, func.substr(r.disability_cert_number, 1, 20)),
        "name_birth": (year, func.substr(r.region_code, 1, 6), func.substr(r.id_number, 7, 8)),
    }


def _present(records: Table, kind: DuplicateKind) -> ColumnElement[bool]:
    r = records.c
    if kind == "certificate":
        return and_(r.disability_cert_number.is_not(None), r.disability_cert_number != "")
    return and_(r.name.is_not(None), r.name != "", r.id_number.is_not(None), r.id_number != "")


def _scope(
    query: Select[Any],
    records: Table,
    region_codes: Collection[str] | None,
    surveyed_until: date | None,
    year: int | None,
) -> Select[Any]:
    r = records.c
    query = query.where(r.deleted.is_(False))
    if year is not None:
        query = query.where(in_survey_year(r.survey_date, year))
    if region_codes is not None:
        query = query.where(r.region_code.in_(sorted(region_codes)))
    if surveyed_until is not None:
        query = query.where(r.survey_date <= surveyed_until)
    return query


def find_duplicates(
    conn: Connection,
    records: Table,
    *,
    region_codes: Collection[str] | None = None,
    surveyed_until: date | None = None,
    year: int | None = None,
    kinds: Collection[DuplicateKind] = ("certificate", "name_birth"),
) -> list[DuplicateGroup]:
    """Groups of two or more live records of one survey year that share a certificate, or a
    name and birth date in one county; within ``region_codes`` (all regions when None) and,
    when given, among records surveyed on or before ``surveyed_until`` and in survey year
    ``year``. Sorted by kind, then first record id.
    """
    groups: list[DuplicateGroup] = []
    for kind in kinds:
        keys = _keys(records)[kind]
        labelled = [k.label(f"k{i}") for i, k in enumerate(keys)]
        repeated = _scope(
            select(*labelled).where(_present(records, kind)),
            records,
            region_codes,
            surveyed_until,
            year,
        )
        repeated_keys = (
            repeated.group_by(*keys).having(func.count() > 1).subquery(f"repeated_{kind}")
        )
        joined = and_(*(k == repeated_keys.c[f"k{i}"] for i, k in enumerate(keys)))
        members = _scope(
            select(*labelled, records.c.record_id, records.c.region_code, records.c.name)
            .select_from(records.join(repeated_keys, joined))
            .where(_present(records, kind)),
            records,
            region_codes,
            surveyed_until,
            year,
        )
        found: dict[tuple[Any, ...], list[tuple[str, str]]] = {}
        for row in conn.execute(members):
            key = tuple(row[: len(keys)])
            if kind == "name_birth":
                name = clean_name(row.name)
                if not name:
                    continue  # only invisible characters: no name to compare
                key = (*key, name)
            found.setdefault(key, []).append((row.record_id, row.region_code))
        groups.extend(DuplicateGroup(kind, tuple(sorted(m))) for m in found.values() if len(m) > 1)
    groups.sort(key=lambda g: (g.kind, g.members))
    return groups
