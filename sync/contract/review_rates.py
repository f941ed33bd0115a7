"""The review rate (审核率) and the return rate (退回率) of a region, as of a period's end.

docs/indicators.md defines them; the centre computes them from its review audit
(:mod:`sync.central.review_rates`), and the report (通报) and the quality measures show them:

- ``records``: the live records of the survey year surveyed up to the period's end;
- ``reviewed``: of those, the records whose version current at the period's end carried a
  review decision (approved or returned) made by then;
- ``ever_reviewed``: of those records, the ones reviewed at least once by the period's end;
- ``returned``: of those, the ones returned at least once by the period's end.

The review rate is ``reviewed / records``; the return rate ``returned / ever_reviewed``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sync.contract.indicator_values import IndicatorValue


@dataclass(frozen=True, slots=True)
class ReviewCounts:
    """The review figures of one region (its subtree)."""

    records: int = 0
    reviewed: int = 0
    ever_reviewed: int = 0
    returned: int = 0

    def __add__(self, other: ReviewCounts) -> ReviewCounts:
        return ReviewCounts(
            self.records + other.records,
            self.reviewed + other.reviewed,
            self.ever_reviewed + other.ever_reviewed,
            self.returned + other.returned,
        )

    @property
    def review_rate(self) -> IndicatorValue:
        """审核率: records with a standing decision at the end / records."""
        return IndicatorValue(self.reviewed, self.records)

    @property
    def return_rate(self) -> IndicatorValue:
        """退回率: records returned at least once / records reviewed at least once."""
        return IndicatorValue(self.returned, self.ever_reviewed)

    def as_json(self) -> dict[str, Any]:
        """``{review_rate, return_rate}``, each ``{numerator, denominator, rate}``."""
        return {
            "review_rate": self.review_rate.as_json(),
            "return_rate": self.return_rate.as_json(),
        }

    @classmethod
    def from_json(cls, data: Any) -> ReviewCounts:
        """The figures :meth:`as_json` wrote (the report JSON's ``reviews``, as a laptop
        reads it from the centre); ValueError naming what is wrong."""
        try:
            review, back = data["review_rate"], data["return_rate"]
            counts = (
                review["denominator"],
                review["numerator"],
                back["denominator"],
                back["numerator"],
            )
        except (KeyError, TypeError):
            raise ValueError("reviews: expected {review_rate, return_rate}") from None
        if not all(type(n) is int and n >= 0 for n in counts):
            raise ValueError("reviews: numerators and denominators are counts")
        return cls(*counts)


@dataclass(frozen=True, slots=True)
class ReviewRates:
    """The figures of a region and of each region one level down, as of ``end``."""

    end: date
    total: ReviewCounts
    children: Mapping[str, ReviewCounts] = field(default_factory=dict)

    def of(self, code: str) -> ReviewCounts:
        """The figures of a child region (all zero when it has no record)."""
        return self.children.get(code, ReviewCounts())
