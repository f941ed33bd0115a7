"""The 双随机 spot-check draw: repeatable, proportionate, and never inspecting one's own."""

from __future__ import annotations

import random
import uuid
from collections import Counter
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.contract.regions import default_tree
from sync.contract.spotcheck import (
    SpotCheckError,
    county_of,
    draw,
    is_eligible,
    quarter_span,
    sample_size,
)

TREE = default_tree()
# Two counties of Lanzhou with a township each, Jiayuguan, and Linxia city.
PLACES = ["620102", "620102001", "620103", "620103001", "620201", "620201100", "622901"]
INSPECTOR_PLACES = [*PLACES, "620100", "620200", "622900", "620000", "620104"]


def records(counts: dict[str, int]) -> list[tuple[str, str]]:
    """``counts[region]`` records in each region, with reproducible ids."""
    rng = random.Random(7)
    return [
        (str(uuid.UUID(int=rng.getrandbits(128))), region)
        for region, n in counts.items()
        for _ in range(n)
    ]


INSPECTORS = [("gs_ins", "620000"), ("lz_a", "620102"), ("lz_b", "620103"), ("jyg", "620201")]


def run(
    recs: list[tuple[str, str]],
    seed: int = 1,
    *,
    rate: float = 0.1,
    minimum: int = 2,
    inspectors: list[tuple[str, str]] = INSPECTORS,
) -> dict[str, Any]:
    result = draw(
        recs, inspectors, year=2024, quarter=1, rate=rate, minimum=minimum, seed=seed, tree=TREE
    )
    return result.to_dict()


def test_same_seed_and_data_give_the_same_draw_in_any_order() -> None:
    recs = records({"620102": 40, "620102001": 15, "620103": 30, "620201100": 9})
    first = run(recs, seed=2024)
    shuffled = list(recs)
    random.Random(3).shuffle(shuffled)
    assert run(shuffled, seed=2024) == first
    assert run(recs, seed=2025) != first
    assert first["seed"] == 2024
    assert (first["year"], first["quarter"], first["rate"]) == (2024, 1, 0.1)


def test_rate_and_minimum_per_county() -> None:
    # 620102 has 55 records over the county and a township: ceil(5.5) = 6; 620103 has 30:
    # exactly 3 (decimal arithmetic, not 3.0000000000000004 -> 4); 620201 has 9: min 5;
    # 622901 has 2: fewer than the minimum, so both.
    recs = records({"620102": 40, "620102001": 15, "620103": 30, "620201100": 9, "622901": 2})
    result = run(recs, minimum=5)
    assignments = result["assignments"]
    per_county = Counter(county_of(TREE, a["region_code"]) for a in assignments)
    assert per_county == {"620102": 6, "620103": 5, "620201": 5, "622901": 2}
    assert len({a["record_id"] for a in assignments}) == len(assignments)
    regions = dict(recs)
    for a in assignments:
        assert regions[a["record_id"]] == a["region_code"]


@pytest.mark.parametrize(
    ("count", "rate", "minimum", "expected"),
    [(30, 0.1, 0, 3), (31, 0.1, 0, 4), (100, 0.05, 10, 10), (3, 0.5, 10, 3), (0, 0.5, 3, 0)],
)
def test_sample_size(count: int, rate: float, minimum: int, expected: int) -> None:
    assert sample_size(count, rate, minimum) == expected


def test_no_inspector_from_the_record_s_own_line_of_the_tree() -> None:
    # A township's staff and the prefecture are on the county's line; another county is not.
    assert not is_eligible(TREE, "620102", "620102")
    assert not is_eligible(TREE, "620102001", "620102")
    assert not is_eligible(TREE, "620100", "620102")
    assert not is_eligible(TREE, "620000", "620102")
    assert is_eligible(TREE, "620103", "620102")
    assert is_eligible(TREE, "620200", "620102")


def test_a_county_without_eligible_inspector_is_named() -> None:
    recs = records({"620102": 5, "620201": 5, "620103": 5})
    # Lanzhou's prefecture and the province may inspect Jiayuguan but no county of Lanzhou.
    inspectors = [("lz", "620100"), ("gs", "620000")]
    with pytest.raises(SpotCheckError, match=r"620103 七里河区") as caught:
        run(recs, inspectors=inspectors)
    assert "620102 城关区" in str(caught.value)
    assert "620201" not in str(caught.value)


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"rate": 0}, "rate"),
        ({"rate": 1.5}, "rate"),
        ({"minimum": -1}, "min"),
        ({"inspectors": [("x", "999999")]}, "inspector x"),
    ],
)
def test_bad_arguments_are_named(kw: dict[str, Any], message: str) -> None:
    with pytest.raises(SpotCheckError, match=message):
        run(records({"620102": 3}), **kw)


def test_unknown_region_and_contradictions_are_named() -> None:
    with pytest.raises(SpotCheckError, match="region 629999"):
        run([("a", "629999")])
    with pytest.raises(SpotCheckError, match="record a"):
        run([("a", "620102"), ("a", "620103")])
    with pytest.raises(SpotCheckError, match="quarter"):
        draw([], [], year=2024, quarter=5, rate=0.1, minimum=1, seed=1, tree=TREE)


def test_quarter_span() -> None:
    assert quarter_span(2024, 1) == (date(2024, 1, 1), date(2024, 3, 31))
    assert quarter_span(2024, 2) == (date(2024, 4, 1), date(2024, 6, 30))
    assert quarter_span(2024, 4) == (date(2024, 10, 1), date(2024, 12, 31))


@st.composite
def data_sets(draw_: st.DrawFn) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    regions = draw_(st.lists(st.sampled_from(PLACES), max_size=60))
    recs = [(f"r{i:03d}", region) for i, region in enumerate(regions)]
    places = draw_(st.lists(st.sampled_from(INSPECTOR_PLACES), min_size=1, max_size=8))
    inspectors = [(f"u{i}", place) for i, place in enumerate(places)]
    return recs, inspectors


@settings(max_examples=150, deadline=None)
@given(
    data_sets(),
    st.integers(0, 2**32),
    st.sampled_from([0.05, 0.1, 0.3, 1.0]),
    st.integers(0, 4),
    st.randoms(use_true_random=False),
)
def test_draw_properties_on_random_data(
    data: tuple[list[tuple[str, str]], list[tuple[str, str]]],
    seed: int,
    rate: float,
    minimum: int,
    shuffler: random.Random,
) -> None:
    recs, inspectors = data
    kwargs: dict[str, Any] = {
        "year": 2024,
        "quarter": 2,
        "rate": rate,
        "minimum": minimum,
        "tree": TREE,
    }
    counties = Counter(county_of(TREE, region) for _, region in recs)
    # An error exactly when some county with records has no inspector from outside its line.
    stranded = any(
        not any(is_eligible(TREE, place, county) for _, place in inspectors) for county in counties
    )
    if stranded:
        with pytest.raises(SpotCheckError, match="no eligible inspector"):
            draw(recs, inspectors, seed=seed, **kwargs)
        return
    result = draw(recs, inspectors, seed=seed, **kwargs)
    regions_of = dict(inspectors)
    drawn = Counter(county_of(TREE, a.region_code) for a in result.assignments)
    for county, n in counties.items():
        assert drawn[county] == sample_size(n, rate, minimum)
    for a in result.assignments:
        assert regions_of[a.inspector] == a.inspector_region
        assert not TREE.contains(a.inspector_region, a.region_code)
        inspector = TREE.get(a.inspector_region)
        assert inspector is not None
        if inspector.level in ("county", "township"):
            assert county_of(TREE, a.inspector_region) != county_of(TREE, a.region_code)
        assert is_eligible(TREE, a.inspector_region, county_of(TREE, a.region_code))
    shuffled_recs, shuffled_inspectors = list(recs), list(inspectors)
    shuffler.shuffle(shuffled_recs)
    shuffler.shuffle(shuffled_inspectors)
    again = draw(shuffled_recs, shuffled_inspectors, seed=seed, **kwargs)
    assert again == result
