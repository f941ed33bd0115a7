"""The 双随机 spot-check draw (docs/protocol.md, ``spot-check draw``).

Random records, random inspectors: per county a share of the quarter's records is drawn, and
each drawn record goes to an inspector from elsewhere (回避). The draw is a pure function of
its inputs, so anyone holding the same records, inspectors, rate, minimum and seed can repeat
it and check that nobody chose whom to inspect.

The algorithm, step by step (Python 3.11's :class:`random.Random`):

1. Each record's county is the county-level region at or above its ``region_code`` in the
   region tree. Records are grouped by county; the counties are taken in ascending code
   order and each county's record ids in ascending order. Inspectors are sorted by username.
   Input order therefore never matters.
2. One generator ``rng = random.Random(seed)`` serves the whole draw (``seed`` an integer).
3. For each county with ``n`` records: ``k = min(n, max(minimum, ceil(rate x n)))`` with the
   product computed exactly in decimal (``ceil(0.1 x 30)`` is 3, not 4);
   ``sample = sorted(rng.sample(ids, k))``; then for each sampled record in that order the
   inspector is ``rng.choice(eligible)``, ``eligible`` being the sorted inspectors whose
   region and the record's county do not lie on one line of the tree: neither contains the
   other. That rules out the county's own staff, its townships' staff, and anyone whose
   region is an ancestor of the record (the prefecture, the province).
4. A county with drawn records but no eligible inspector is an error that names it; every
   such county is named at once.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from typing import Any

from sync.contract.regions import RegionTree


class SpotCheckError(ValueError):
    """The draw cannot be made as asked (bad rate, unknown region, no eligible inspector)."""


@dataclass(frozen=True, slots=True)
class Inspector:
    """An account that may inspect records outside its own region."""

    username: str
    region_code: str


@dataclass(frozen=True, slots=True)
class Assignment:
    """One drawn record and the inspector who checks it."""

    record_id: str
    region_code: str
    inspector: str
    inspector_region: str

    def to_dict(self) -> dict[str, str]:
        """The JSON form written by ``spot-check draw``."""
        return {
            "record_id": self.record_id,
            "region_code": self.region_code,
            "inspector": self.inspector,
            "inspector_region": self.inspector_region,
        }


@dataclass(frozen=True, slots=True)
class Draw:
    """The outcome of one draw, with what is needed to repeat it."""

    seed: int
    year: int
    quarter: int
    rate: float
    minimum: int
    assignments: tuple[Assignment, ...]

    def to_dict(self) -> dict[str, Any]:
        """``{seed, year, quarter, rate, min, assignments:[...]}`` (docs/protocol.md)."""
        return {
            "seed": self.seed,
            "year": self.year,
            "quarter": self.quarter,
            "rate": self.rate,
            "min": self.minimum,
            "assignments": [a.to_dict() for a in self.assignments],
        }


def quarter_span(year: int, quarter: int) -> tuple[date, date]:
    """The first and last day of quarter ``quarter`` of ``year`` (this quarter only)."""
    if quarter not in (1, 2, 3, 4):
        raise SpotCheckError(f"quarter must be 1-4, not {quarter}")
    if not 1900 <= year <= 9998:
        raise SpotCheckError(f"year out of range: {year}")
    first = date(year, 3 * quarter - 2, 1)
    following = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, following - timedelta(days=1)


def sample_size(count: int, rate: float, minimum: int) -> int:
    """How many of a county's ``count`` records are drawn: ceil(rate x count), at least
    ``minimum``, never more than there are."""
    exact = (Decimal(str(rate)) * count).to_integral_value(ROUND_CEILING)
    return min(count, max(minimum, int(exact)))


def county_of(tree: RegionTree, region_code: str) -> str:
    """The county-level region at or above ``region_code``; SpotCheckError when there is none."""
    region = tree.get(region_code)
    if region is None:
        raise SpotCheckError(f"region {region_code} is not in the region tree")
    if region.level == "county":
        return region.code
    for above in tree.ancestors(region_code):
        if above.level == "county":
            return above.code
    raise SpotCheckError(f"region {region_code} lies above county level")


def is_eligible(tree: RegionTree, inspector_region: str, record_county: str) -> bool:
    """回避: an inspector may check a county's records only from outside its line of the tree."""
    return not (
        tree.contains(inspector_region, record_county)
        or tree.contains(record_county, inspector_region)
    )


def _check_arguments(rate: float, minimum: int) -> None:
    if not 0 < rate <= 1:
        raise SpotCheckError(f"rate must be above 0 and at most 1, not {rate}")
    if minimum < 0:
        raise SpotCheckError(f"min must not be negative, not {minimum}")


def _regions_by_record(records: Iterable[tuple[str, str]]) -> dict[str, str]:
    regions: dict[str, str] = {}
    for record_id, region_code in records:
        if regions.setdefault(record_id, region_code) != region_code:
            raise SpotCheckError(f"record {record_id} is given with two regions")
    return regions


def _by_county(tree: RegionTree, regions: dict[str, str]) -> dict[str, list[str]]:
    counties: dict[str, list[str]] = {}
    for record_id, region_code in regions.items():
        counties.setdefault(county_of(tree, region_code), []).append(record_id)
    return {county: sorted(ids) for county, ids in sorted(counties.items())}


def _sorted_inspectors(tree: RegionTree, inspectors: Iterable[tuple[str, str]]) -> list[Inspector]:
    found: dict[str, Inspector] = {}
    for username, region_code in inspectors:
        if region_code not in tree:
            raise SpotCheckError(f"inspector {username}: region {region_code} is not in the tree")
        if username in found and found[username].region_code != region_code:
            raise SpotCheckError(f"inspector {username} is given with two regions")
        found[username] = Inspector(username, region_code)
    return [found[name] for name in sorted(found)]


def draw(
    records: Iterable[tuple[str, str]],
    inspectors: Iterable[tuple[str, str]],
    *,
    year: int,
    quarter: int,
    rate: float,
    minimum: int,
    seed: int,
    tree: RegionTree,
) -> Draw:
    """Draw the quarter's spot checks (the algorithm is in the module docstring).

    ``records`` are ``(record_id, region_code)`` of the records surveyed in the quarter and
    ``inspectors`` are ``(username, region_code)`` of the candidate inspectors.
    """
    quarter_span(year, quarter)
    _check_arguments(rate, minimum)
    regions = _regions_by_record(records)
    counties = _by_county(tree, regions)
    candidates = _sorted_inspectors(tree, inspectors)
    rng = random.Random(seed)
    assignments: list[Assignment] = []
    stranded: list[str] = []
    for county, ids in counties.items():
        sample = sorted(rng.sample(ids, sample_size(len(ids), rate, minimum)))
        if not sample:
            continue
        eligible = [i for i in candidates if is_eligible(tree, i.region_code, county)]
        if not eligible:
            stranded.append(county)
            continue
        for record_id in sample:
            chosen = rng.choice(eligible)
            assignments.append(
                Assignment(record_id, regions[record_id], chosen.username, chosen.region_code)
            )
    if stranded:
        named = ", ".join(_county_label(tree, c) for c in stranded)
        raise SpotCheckError(f"no eligible inspector for county {named}")
    return Draw(seed, year, quarter, rate, minimum, tuple(assignments))


def _county_label(tree: RegionTree, code: str) -> str:
    region = tree.get(code)
    return f"{code} {region.name}" if region is not None else code
