"""sample_records(): valid, varied, reproducible records for tests, benches and demos."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from sync.contract import validate
from sync.contract.idcard import is_valid_id_number, is_working_age
from sync.contract.regions import default_tree
from sync.contract.samples import sample_records


def test_the_same_seed_gives_the_same_records() -> None:
    assert sample_records(50, seed=4) == sample_records(50, seed=4)
    assert sample_records(50, seed=4) != sample_records(50, seed=5)


def test_records_are_varied_and_mostly_of_working_age() -> None:
    records = sample_records(2_000, seed=9)
    assert len({r["record_id"] for r in records}) == 2_000
    assert len({r["id_number"] for r in records}) > 1_990
    assert all(is_valid_id_number(r["id_number"]) for r in records)
    statuses = Counter(r["employment_status"] for r in records)
    assert statuses[1] > 700
    assert statuses[2] > 700
    assert 100 < sum(r["graduate"] for r in records) < 400
    assert 400 < sum(bool(r["trainings"]) for r in records) < 900
    assert len({r["disability_category"] for r in records}) == 7
    assert {r["hukou_type"] for r in records} == {1, 2}
    working = sum(
        is_working_age(r["id_number"], date.fromisoformat(r["survey_date"])) for r in records
    )
    assert 0.85 * len(records) < working < 0.95 * len(records)


def test_region_codes_and_survey_year_are_honoured() -> None:
    records = sample_records(300, seed=1, region_codes=["620102", "620171101"], survey_year=2023)
    assert {r["region_code"] for r in records} == {"620102", "620171101"}
    assert {r["survey_date"][:4] for r in records} == {"2023"}
    assert all(r["id_number"][:6] == r["region_code"][:6] for r in records)
    assert all(f.severity != "error" for r in records for f in validate(r))


def test_default_regions_are_counties_and_townships_of_the_tree() -> None:
    tree = default_tree()
    records = sample_records(500, seed=2)
    levels = Counter(tree.get(r["region_code"]).level for r in records)  # type: ignore[union-attr]
    assert set(levels) <= {"county", "township"}
    assert levels["township"] > levels["county"]


def test_this_years_survey_dates_are_never_in_the_future() -> None:
    today = date.today()
    records = sample_records(500, seed=3, survey_year=today.year)
    assert max(date.fromisoformat(r["survey_date"]) for r in records) <= today


def test_a_region_that_is_not_a_county_or_township_is_refused() -> None:
    with pytest.raises(ValueError, match="620100"):
        sample_records(1, region_codes=["620100"])
