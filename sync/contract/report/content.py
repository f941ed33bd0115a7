"""What a quarterly report holds: the indicators, entry timeliness, service-list counts,
the review and return rates (the centre's) and, for a quarter, the data-quality measures."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection

from sync.contract.indicators import (
    IndicatorReport,
    Period,
    RegionLookup,
    RegistryTables,
    compute_indicators,
)
from sync.contract.quality import FieldCheck, QualityReport, quality_report
from sync.contract.review_rates import ReviewRates
from sync.contract.service_lists import service_list_counts
from sync.contract.timeliness import RegionTimeliness, entry_timeliness


@dataclass(frozen=True, slots=True)
class Report:
    """One report of a region and period, ready for any renderer.

    ``timeliness`` and ``services`` are empty when the report was built for JSON only.
    """

    indicators: IndicatorReport
    timeliness: Sequence[RegionTimeliness] = ()
    services: Mapping[str, int] = field(default_factory=dict)
    quality: QualityReport | None = None  # quarter reports with details only
    reviews: ReviewRates | None = None  # the centre's review and return rates

    @property
    def period(self) -> Period:
        """The year or quarter reported."""
        return Period(self.indicators.year, self.indicators.quarter)


def build_report(
    conn: Connection,
    tables: RegistryTables,
    tree: RegionLookup,
    region_code: str,
    period: Period,
    *,
    details: bool = True,
    checks: Iterable[FieldCheck] = (),
    reviews: ReviewRates | None = None,
    indicators: IndicatorReport | None = None,
) -> Report:
    """The report of ``region_code`` for ``period``; ``details=False`` for the JSON alone.

    ``checks`` are the spot-check verdicts of the quarter and ``reviews`` the review and
    return rates as of the period's end (the centre has them; a laptop reports completeness
    and duplicates without). ``indicators``: those of the region and period when computed
    already (the centre counts the review rates' records with them).
    """
    if indicators is None:
        indicators = compute_indicators(conn, tables, tree, region_code, period)
    if not details:
        return Report(indicators, reviews=reviews)
    quality = None
    if period.quarter is not None:
        quality = quality_report(
            conn, tables.records, tree, region_code, period.year, period.quarter, checks, reviews
        )
    return Report(
        indicators,
        entry_timeliness(conn, tables, tree, region_code, period),
        service_list_counts(conn, tables, tree, region_code, period.year),
        quality,
        reviews,
    )
