"""Service lists: the persons the seed report asks the prefectures to serve first.

- ``priority_training``: 建档立卡 persons with a training need and no training in the year;
- ``priority_employment``: 建档立卡 persons unemployed (status 2) who want work;
- ``graduate_follow_up``: graduates of the year due to be employed but not employed
  (graduate_status 2), for one-to-one follow-up.

Only the records of the survey year count (:mod:`sync.contract.rounds`); voided records
never appear. The report shows the counts; the full lists (with names, ID
numbers and phones, for the staff who serve these persons) are written only to the XLSX
export of :mod:`sync.contract.report.service_lists_xlsx`, never to logs.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Select, and_, func, not_, select
from sqlalchemy.sql import ColumnElement

from sync.contract.indicators import RegionLookup, RegistryTables, lookup_region, subtree_codes
from sync.contract.rounds import in_survey_year

SERVICE_LISTS: dict[str, str] = {
    "priority_training": "有培训需求未参加培训的建档立卡贫困残疾人(优先培训)",
    "priority_employment": "有就业意愿未就业的建档立卡贫困残疾人(优先就业服务)",
    "graduate_follow_up": "当年未就业的高校残疾人毕业生(一对一帮扶)",
}
LIST_COLUMNS: tuple[str, ...] = (
    "record_id",
    "name",
    "id_number",
    "region_code",
    "village",
    "phone",
    "disability_category",
    "disability_level",
    "education",
    "survey_date",
    "graduation_year",
    "graduate_school",
    "graduate_major",
)


def _condition(tables: RegistryTables, kind: str, year: int) -> ColumnElement[bool]:
    r = tables.records.c
    if kind == "priority_training":
        t = tables.trainings.c
        # Non-correlated (see sync.contract.indicators); record_id is never NULL there.
        trained = r.record_id.in_(select(t.record_id).where(t.year == year))
        return and_(r.poverty_registered.is_(True), r.training_need.is_(True), not_(trained))
    if kind == "priority_employment":
        return and_(
            r.poverty_registered.is_(True),
            r.employment_status == 2,
            r.employment_intention.is_(True),
        )
    if kind == "graduate_follow_up":
        return and_(r.graduate.is_(True), r.graduation_year == year, r.graduate_status == 2)
    raise ValueError(f"unknown service list {kind!r}; one of {', '.join(SERVICE_LISTS)}")


def _scoped(
    query: Select[Any], tables: RegistryTables, tree: RegionLookup, region_code: str, year: int
) -> Select[Any]:
    r = tables.records.c
    query = query.where(r.deleted.is_(False), in_survey_year(r.survey_date, year))
    if lookup_region(tree, region_code).level == "province":
        return query
    return query.where(r.region_code.in_(sorted(subtree_codes(tree, region_code))))


def service_list_counts(
    conn: Connection, tables: RegistryTables, tree: RegionLookup, region_code: str, year: int
) -> dict[str, int]:
    """How many persons each service list of ``region_code``'s subtree holds in ``year``."""
    counts = {}
    for kind in SERVICE_LISTS:
        query = select(func.count()).select_from(tables.records)
        query = _scoped(
            query.where(_condition(tables, kind, year)), tables, tree, region_code, year
        )
        counts[kind] = int(conn.execute(query).scalar_one())
    return counts


def service_list(
    conn: Connection,
    tables: RegistryTables,
    tree: RegionLookup,
    region_code: str,
    year: int,
    kind: str,
) -> list[dict[str, Any]]:
    """The persons of one service list, ordered by region and ID number."""
    r = tables.records.c
    query = select(*(r[name] for name in LIST_COLUMNS)).where(_condition(tables, kind, year))
    query = _scoped(query, tables, tree, region_code, year).order_by(r.region_code, r.id_number)
    return [dict(row._mapping) for row in conn.execute(query)]
