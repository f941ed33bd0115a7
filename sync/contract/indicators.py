"""The six indicators of docs/indicators.md, computed the same way at both ends.

Queries are SQLAlchemy Core over the shared table shape (:mod:`sync.contract.tables`), so the
centre (SQLite or PostgreSQL) and the laptop (SQLCipher) compute the same numbers.

Definitions, for a region R (its whole subtree) and a period of year Y: the whole year, or
quarter Q cumulated from 1 January to the quarter's last day. Only business dates count,
never the time a record reached the centre; voided (``deleted``) records never count. Only
the records of survey year Y count (:mod:`sync.contract.rounds`): a person's record of a
later year is another record, and year Y's report never changes when it is made.

- ``entry_rate``: records with survey_date in the period whose person is of working age on
  the survey date (male 16-59, female 16-54, from the ID number) / base population.
- ``urban_new_employment`` / ``rural_new_employment``: hukou 1 / 2, employment_status 1,
  employment_date in the period / annual target.
- ``new_training``: records with a training of year Y, counted once per person. A training
  only has a year, so the record's survey_date decides when it became known: it counts in
  a period when the survey_date lies in the period. The year report therefore equals the
  fourth quarter's, and a quarter never counts a training the field did not yet report.
- ``graduate_survey``: graduates with graduation_year Y and survey_date in the period /
  annual target.
- ``graduate_employment``: of those graduates, status 1 / status 1 or 2 (应就业).

Base population and targets are annual; a region's value is its own reference row where
there is one, else the sum of its children's values, recursively. Rates are percentages as
:class:`~decimal.Decimal` rounded half-up to two places, ``None`` when the denominator is 0.
In the JSON form rates are numbers (``74.04``), not strings.

Records may sit on a county or a township. A child row counts the records in that child's
subtree; records kept on R itself (a county record in a county report) count in R's total
only, so the children need not add up to the total.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Index, MetaData, Table, and_, case, func, select
from sqlalchemy.sql import ColumnElement

from sync.contract.indicator_values import (
    INDICATORS,
    LABELS,
    TARGET_INDICATORS,
    IndicatorReport,
    IndicatorValue,
    Period,
    RegionIndicators,
    RegionLike,
    RegionLookup,
    rate,
    short_name_of,
)
from sync.contract.rounds import in_survey_year
from sync.contract.sql_dates import unindexed, working_age_on
from sync.contract.tables import (
    base_population_table,
    records_table,
    targets_table,
    trainings_table,
)

# Re-exported: the report's values are part of this module's public face.
__all__ = [
    "INDICATORS",
    "LABELS",
    "TARGET_INDICATORS",
    "IndicatorReport",
    "IndicatorValue",
    "Period",
    "RegionIndicators",
    "RegionLike",
    "RegionLookup",
    "RegistryTables",
    "compute_indicators",
    "lookup_region",
    "rate",
    "short_name_of",
    "subtree_codes",
]


@dataclass(frozen=True, slots=True)
class RegistryTables:
    """The four tables of the shared shape that the indicators read."""

    records: Table
    trainings: Table
    base_population: Table
    targets: Table

    @classmethod
    def define(cls, metadata: MetaData) -> RegistryTables:
        """Fresh tables of the shared shape in ``metadata`` (tests, benchmarks, tools), the
        records indexed by region as both ends index them (the centre by its progress
        index, led by region_code; the laptop by ix_records_region_code)."""
        records = records_table(metadata)
        Index("ix_records_region_code", records.c.region_code)
        return cls(
            records,
            trainings_table(metadata),
            base_population_table(metadata),
            targets_table(metadata),
        )


# Counters per record region, in this order; ``surveyed`` (every age) is the review rate's
# count of records (:mod:`sync.contract.review_rates`), counted here to save another pass.
_COUNTERS = (
    "entered",
    "urban",
    "rural",
    "graduates",
    "graduates_employed",
    "graduates_due",
    "surveyed",
)
_SURVEYED = _COUNTERS.index("surveyed")


def _in_period(column: ColumnElement[Any], period: Period) -> ColumnElement[bool]:
    return and_(column >= period.start, column <= period.end)


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _record_counts(
    conn: Connection, t: RegistryTables, period: Period, codes: Sequence[str] | None
) -> dict[str, list[int]]:
    r = t.records.c
    surveyed = _in_period(r.survey_date, period)
    employed = and_(r.employment_status == 1, _in_period(r.employment_date, period))
    graduate = and_(r.graduate.is_(True), r.graduation_year == period.year, surveyed)
    columns = [
        _count_if(and_(surveyed, working_age_on(r.id_number, r.survey_date))),
        _count_if(and_(employed, r.hukou_type == 1)),
        _count_if(and_(employed, r.hukou_type == 2)),
        _count_if(graduate),
        _count_if(and_(graduate, r.graduate_status == 1)),
        _count_if(and_(graduate, r.graduate_status.in_((1, 2)))),
        _count_if(surveyed),
    ]
    query = (
        select(r.region_code, *columns)
        .where(r.deleted.is_(False), in_survey_year(r.survey_date, period.year))
        .group_by(unindexed(r.region_code))
    )
    if codes is not None:
        query = query.where(r.region_code.in_(codes))
    counts = {row[0]: [int(v) for v in row[1:]] for row in conn.execute(query)}
    trained = (
        select(r.region_code, func.count())
        .where(
            r.deleted.is_(False),
            _in_period(r.survey_date, period),
            # A non-correlated IN: a correlated EXISTS lets SQLite pick the year index and
            # scan every training of the year once per record (quadratic).
            r.record_id.in_(
                select(t.trainings.c.record_id).where(t.trainings.c.year == period.year)
            ),
        )
        .group_by(unindexed(r.region_code))
    )
    if codes is not None:
        trained = trained.where(r.region_code.in_(codes))
    for code, n in conn.execute(trained):
        counts.setdefault(code, [0] * len(_COUNTERS)).append(int(n))
    for values in counts.values():
        if len(values) == len(_COUNTERS):
            values.append(0)
    return counts


def subtree_codes(tree: RegionLookup, code: str) -> set[str]:
    """The code and every code below it."""
    return {code} | {d.code for d in tree.descendants(code)}


class _ReferenceValues:
    """Base population or a target: a region's own row, else the sum of its children."""

    def __init__(self, tree: RegionLookup, own: Mapping[str, int]) -> None:
        self._tree = tree
        self._own = own
        self._memo: dict[str, int] = {}

    def of(self, code: str) -> int:
        if code in self._own:
            return self._own[code]
        if code not in self._memo:
            self._memo[code] = sum(self.of(c.code) for c in self._tree.children(code))
        return self._memo[code]


def _reference(conn: Connection, t: RegistryTables, year: int) -> dict[str, dict[str, int]]:
    own: dict[str, dict[str, int]] = {name: {} for name in ("base", *TARGET_INDICATORS)}
    bp = t.base_population.c
    for code, value in conn.execute(
        select(bp.region_code, bp.working_age_disabled).where(bp.year == year)
    ):
        own["base"][code] = int(value)
    tg = t.targets.c
    for code, indicator, value in conn.execute(
        select(tg.region_code, tg.indicator, tg.target).where(tg.year == year)
    ):
        if indicator in own:
            own[indicator][code] = int(value)
    return own


def compute_indicators(
    conn: Connection,
    tables: RegistryTables,
    tree: RegionLookup,
    region_code: str,
    period: Period,
) -> IndicatorReport:
    """The indicators of ``region_code`` and its children for ``period``.

    Raises ``KeyError`` naming the code when the region is not in the tree.
    """
    region = lookup_region(tree, region_code)
    children = list(tree.children(region_code))
    # The province is the root: no filter, records outside the tree are dropped below.
    subtree = None if region.level == "province" else sorted(subtree_codes(tree, region_code))
    counts = _record_counts(conn, tables, period, subtree)
    owner: dict[str, str] = {}
    for child in children:
        for code in subtree_codes(tree, child.code):
            owner[code] = child.code
    inside = set(subtree) if subtree is not None else subtree_codes(tree, region_code)
    width = len(_COUNTERS) + 1  # and the trained
    totals: dict[str, list[int]] = {child.code: [0] * width for child in children}
    total = [0] * width
    for code, values in counts.items():
        if code not in inside:
            continue
        total = [a + b for a, b in zip(total, values, strict=True)]
        if code in owner:
            child_values = totals[owner[code]]
            totals[owner[code]] = [a + b for a, b in zip(child_values, values, strict=True)]
    own = _reference(conn, tables, period.year)
    references = {name: _ReferenceValues(tree, values) for name, values in own.items()}

    def indicators_of(code: str, values: list[int]) -> dict[str, IndicatorValue]:
        entered, urban, rural, graduates, employed, due, _surveyed, trained = values
        return {
            "entry_rate": IndicatorValue(entered, references["base"].of(code)),
            "urban_new_employment": IndicatorValue(
                urban, references["urban_new_employment"].of(code)
            ),
            "rural_new_employment": IndicatorValue(
                rural, references["rural_new_employment"].of(code)
            ),
            "new_training": IndicatorValue(trained, references["new_training"].of(code)),
            "graduate_survey": IndicatorValue(graduates, references["graduate_survey"].of(code)),
            "graduate_employment": IndicatorValue(employed, due),
        }

    return IndicatorReport(
        year=period.year,
        quarter=period.quarter,
        total=RegionIndicators(region, indicators_of(region_code, total), total[_SURVEYED]),
        children=[
            RegionIndicators(
                child, indicators_of(child.code, totals[child.code]), totals[child.code][_SURVEYED]
            )
            for child in children
        ],
    )


def lookup_region(tree: RegionLookup, code: str) -> RegionLike:
    """The region of ``code``; ``KeyError`` naming the code when the tree has none."""
    try:
        region = tree.get(code)
    except KeyError:
        region = None
    if region is None:
        raise KeyError(f"unknown region code: {code}")
    return region
