"""The values of the indicator report: periods, rates, and the report's JSON form.

See :mod:`sync.contract.indicators` for the definitions and the queries that fill them.
Rates are percentages as :class:`~decimal.Decimal` rounded half-up to two places, ``None``
when the denominator is 0; in the JSON form a rate is a number (``74.04``), not a string.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

INDICATORS: tuple[str, ...] = (
    "entry_rate",
    "urban_new_employment",
    "rural_new_employment",
    "new_training",
    "graduate_survey",
    "graduate_employment",
)
TARGET_INDICATORS: tuple[str, ...] = INDICATORS[1:5]
LABELS: dict[str, str] = {
    "entry_rate": "录入率",
    "urban_new_employment": "城镇新增就业",
    "rural_new_employment": "农村新增就业",
    "new_training": "城乡新增培训",
    "graduate_survey": "高校毕业生调查率",
    "graduate_employment": "高校毕业生就业率",
}
_CENT = Decimal("0.01")


class RegionLike(Protocol):
    """What the indicators need of a region (:class:`sync.contract.regions.Region`)."""

    @property
    def code(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def short_name(self) -> str: ...
    @property
    def level(self) -> str: ...


class RegionLookup(Protocol):
    """What the indicators need of the region tree (:class:`sync.contract.regions.RegionTree`)."""

    def get(self, code: str) -> RegionLike | None: ...
    def children(self, code: str) -> Iterable[RegionLike]: ...
    def descendants(self, code: str) -> Iterable[RegionLike]: ...


def short_name_of(region: RegionLike) -> str:
    """The short name used in reports (嘉峪关, 临夏); counties without one use their name."""
    return region.short_name or region.name


def rate(numerator: int, denominator: int) -> Decimal | None:
    """``numerator / denominator`` in percent, half-up to two places; None when denominator is 0."""
    if denominator == 0:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(_CENT, ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Period:
    """A year, or quarter ``quarter`` of it cumulated from 1 January to the quarter's end."""

    year: int
    quarter: int | None = None

    def __post_init__(self) -> None:
        if self.quarter is not None and self.quarter not in (1, 2, 3, 4):
            raise ValueError(f"quarter must be 1-4, not {self.quarter}")
        if not 1900 <= self.year <= 9998:
            raise ValueError(f"year out of range: {self.year}")

    @property
    def start(self) -> date:
        """1 January of the year (quarters cumulate)."""
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        """The last day counted: the quarter's last day, or 31 December."""
        month = 3 * (self.quarter or 4)
        if month == 12:
            return date(self.year, 12, 31)
        return date(self.year, month + 1, 1) - timedelta(days=1)

    @property
    def quarter_start(self) -> date:
        """The first day of the quarter alone (the whole year when there is no quarter)."""
        return date(self.year, 3 * (self.quarter or 1) - 2, 1)


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """One indicator of one region: numerator, denominator and their rate."""

    numerator: int
    denominator: int

    @property
    def rate(self) -> Decimal | None:
        """The rate in percent (see :func:`rate`)."""
        return rate(self.numerator, self.denominator)

    def as_json(self) -> dict[str, Any]:
        """``{numerator, denominator, rate}`` with the rate as a JSON number or null."""
        value = self.rate
        return {
            "numerator": self.numerator,
            "denominator": self.denominator,
            "rate": None if value is None else float(value),
        }


@dataclass(frozen=True, slots=True)
class RegionIndicators:
    """The six indicators of one region, and its live records surveyed in the period (every
    age: the count of records of the review rate, :mod:`sync.contract.review_rates`)."""

    region: RegionLike
    indicators: Mapping[str, IndicatorValue]
    records: int = 0

    def region_json(self) -> dict[str, str]:
        """``{code, name, short_name}``; short_name falls back to the name."""
        r = self.region
        return {"code": r.code, "name": r.name, "short_name": short_name_of(r)}


@dataclass(frozen=True, slots=True)
class IndicatorReport:
    """The indicators of a region and of each region one level down (docs/indicators.md)."""

    year: int
    quarter: int | None
    total: RegionIndicators
    children: Sequence[RegionIndicators]

    def as_json(self) -> dict[str, Any]:
        """The report JSON of docs/indicators.md."""

        def indicators(item: RegionIndicators) -> dict[str, Any]:
            return {name: item.indicators[name].as_json() for name in INDICATORS}

        return {
            "year": self.year,
            "quarter": self.quarter,
            "region": self.total.region_json(),
            "indicators": indicators(self.total),
            "children": [
                {"region": c.region_json(), "indicators": indicators(c)} for c in self.children
            ],
        }
