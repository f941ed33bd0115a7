"""Data quality per region and quarter: spot-check errors, completeness, duplicates.

- Spot-check error rate: of the fields an inspector checked on the quarter's drawn records,
  the share found wrong (corrected), per field and over all; and the share of checked records
  with at least one wrong field.
- Completeness: of the records surveyed in the quarter (that quarter only: it measures the
  entry work of those three months), the share with each optional field filled. A field that
  only applies to some persons is measured over those: ``employer`` over the employed,
  ``employment_intention`` over the unemployed.
- Duplicates: the groups of :mod:`sync.contract.duplicates` among the live records surveyed up
  to the quarter's end that touch the region (a duplicate is a state of the data, so it is
  counted until it is resolved, not only in the quarter it arose).
- Review and return rates (:mod:`sync.contract.review_rates`): the centre's, as of the
  quarter's end, handed in like the spot-check verdicts; a laptop has none.

Rates are percentages rounded half-up to two places, ``None`` without a denominator, as in
the indicators. Voided records never count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Table, and_, case, func, select, true
from sqlalchemy.sql import ColumnElement

from sync.contract.duplicates import KINDS, DuplicateGroup, find_duplicates
from sync.contract.fields import FIELDS_BY_NAME
from sync.contract.indicators import RegionLookup, lookup_region, rate, subtree_codes
from sync.contract.review_rates import ReviewCounts, ReviewRates
from sync.contract.spotcheck import quarter_span

OPTIONAL_FIELDS: tuple[str, ...] = (
    "village",
    "address",
    "phone",
    "education",
    "employer",
    "employment_intention",
    "training_need",
    "surveyor",
)


@dataclass(frozen=True, slots=True)
class FieldCheck:
    """An inspector's verdict on one field of one drawn record."""

    record_id: str
    region_code: str
    field: str
    matched: bool


@dataclass(slots=True)
class Share:
    """``numerator`` of ``denominator``, with the rate in percent."""

    numerator: int = 0
    denominator: int = 0

    @property
    def rate(self) -> Decimal | None:
        """Percent, half-up to two places; None when nothing was counted."""
        return rate(self.numerator, self.denominator)

    def to_dict(self) -> dict[str, Any]:
        """``{numerator, denominator, rate}`` with the rate as a number."""
        value = self.rate
        return {
            "numerator": self.numerator,
            "denominator": self.denominator,
            "rate": None if value is None else float(value),
        }


@dataclass(slots=True)
class SpotCheckErrors:
    """Errors found by the inspectors: per field (wrong / checked) and per record."""

    by_field: dict[str, Share] = field(default_factory=dict)
    fields: Share = field(default_factory=Share)
    records: Share = field(default_factory=Share)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: ``{fields, records, by_field:{FIELD: share}}``."""
        return {
            "fields": self.fields.to_dict(),
            "records": self.records.to_dict(),
            "by_field": {name: s.to_dict() for name, s in sorted(self.by_field.items())},
        }


def spot_check_errors(checks: Iterable[FieldCheck], codes: set[str] | None) -> SpotCheckErrors:
    """The error rates of the ``checks`` whose record lies in ``codes`` (all when None)."""
    errors = SpotCheckErrors()
    wrong_records: dict[str, bool] = {}
    for check in checks:
        if codes is not None and check.region_code not in codes:
            continue
        share = errors.by_field.setdefault(check.field, Share())
        share.denominator += 1
        errors.fields.denominator += 1
        if not check.matched:
            share.numerator += 1
            errors.fields.numerator += 1
        wrong_records[check.record_id] = wrong_records.get(check.record_id, False) or (
            not check.matched
        )
    errors.records = Share(sum(wrong_records.values()), len(wrong_records))
    return errors


def _applies(records: Table, name: str) -> ColumnElement[bool]:
    r = records.c
    if name == "employer":
        return r.employment_status == 1
    if name == "employment_intention":
        return r.employment_status == 2
    return true()


def _filled(records: Table, name: str) -> ColumnElement[bool]:
    column = records.c[name]
    if FIELDS_BY_NAME[name].kind == "text":
        return and_(column.is_not(None), func.trim(column) != "")
    return column.is_not(None)


def _completeness_by_region(
    conn: Connection, records: Table, year: int, quarter: int, codes: set[str] | None
) -> dict[str, list[int]]:
    """Per record region: [surveyed, applies_1, filled_1, applies_2, filled_2, ...]."""
    start, end = quarter_span(year, quarter)
    r = records.c
    columns: list[ColumnElement[Any]] = [func.count()]
    for name in OPTIONAL_FIELDS:
        applies = _applies(records, name)
        columns.append(func.coalesce(func.sum(case((applies, 1), else_=0)), 0))
        filled = and_(applies, _filled(records, name))
        columns.append(func.coalesce(func.sum(case((filled, 1), else_=0)), 0))
    query = (
        select(r.region_code, *columns)
        .where(r.deleted.is_(False), r.survey_date >= start, r.survey_date <= end)
        .group_by(r.region_code)
    )
    if codes is not None:
        query = query.where(r.region_code.in_(sorted(codes)))
    return {row[0]: [int(v) for v in row[1:]] for row in conn.execute(query)}


@dataclass(slots=True)
class RegionQuality:
    """The quality measures of one region (its subtree) in one quarter."""

    code: str
    name: str
    surveyed: int
    completeness: dict[str, Share]
    spot_checks: SpotCheckErrors
    duplicates: dict[str, int]
    reviews: ReviewCounts | None = None  # the centre's; None on a laptop

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of one region's measures (``reviews`` only where known)."""
        data = {
            "region": {"code": self.code, "name": self.name},
            "surveyed": self.surveyed,
            "completeness": {n: s.to_dict() for n, s in self.completeness.items()},
            "spot_checks": self.spot_checks.to_dict(),
            "duplicates": dict(self.duplicates),
        }
        if self.reviews is not None:
            data["reviews"] = self.reviews.as_json()
        return data


@dataclass(slots=True)
class QualityReport:
    """A region's quality measures for a quarter, and those of the regions one level down."""

    year: int
    quarter: int
    total: RegionQuality
    children: list[RegionQuality]

    def to_dict(self) -> dict[str, Any]:
        """``{year, quarter, region, surveyed, completeness, spot_checks, duplicates,
        children:[...]}``."""
        return {
            "year": self.year,
            "quarter": self.quarter,
            **self.total.to_dict(),
            "children": [c.to_dict() for c in self.children],
        }


def _region_quality(
    tree: RegionLookup,
    code: str,
    counts: Mapping[str, list[int]],
    checks: list[FieldCheck],
    groups: list[DuplicateGroup],
    reviews: ReviewCounts | None,
) -> RegionQuality:
    codes = subtree_codes(tree, code)
    sums = [0] * (1 + 2 * len(OPTIONAL_FIELDS))
    for region_code, row in counts.items():
        if region_code in codes:
            sums = [a + b for a, b in zip(sums, row, strict=True)]
    completeness = {
        name: Share(sums[2 + 2 * i], sums[1 + 2 * i]) for i, name in enumerate(OPTIONAL_FIELDS)
    }
    duplicates: dict[str, int] = dict.fromkeys(KINDS, 0)
    for group in groups:
        if any(region in codes for _, region in group.members):
            duplicates[group.kind] += 1
    return RegionQuality(
        code=code,
        name=lookup_region(tree, code).name,
        surveyed=sums[0],
        completeness=completeness,
        spot_checks=spot_check_errors(checks, codes),
        duplicates=duplicates,
        reviews=reviews,
    )


def quality_report(
    conn: Connection,
    records: Table,
    tree: RegionLookup,
    region_code: str,
    year: int,
    quarter: int,
    checks: Iterable[FieldCheck] = (),
    reviews: ReviewRates | None = None,
) -> QualityReport:
    """The quality measures of ``region_code`` and its children for quarter ``quarter`` of
    ``year``; ``checks`` are the inspectors' verdicts on that quarter's drawn records and
    ``reviews`` the review and return rates as of the quarter's end (the centre's)."""
    region = lookup_region(tree, region_code)
    codes = None if region.level == "province" else subtree_codes(tree, region_code)
    counts = _completeness_by_region(conn, records, year, quarter, codes)
    _, end = quarter_span(year, quarter)
    groups = find_duplicates(conn, records, region_codes=codes, surveyed_until=end, year=year)
    check_list = list(checks)
    total = _region_quality(
        tree, region_code, counts, check_list, groups, None if reviews is None else reviews.total
    )
    children = [
        _region_quality(
            tree,
            child.code,
            counts,
            check_list,
            groups,
            None if reviews is None else reviews.of(child.code),
        )
        for child in tree.children(region_code)
    ]
    return QualityReport(year, quarter, total, children)
