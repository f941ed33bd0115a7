"""The six indicators on small hand-computed data sets (docs/indicators.md)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.contract.indicators import (
    INDICATORS,
    IndicatorReport,
    Period,
    compute_indicators,
    rate,
)
from tests.helpers.indicator_data import SMALL_TREE, Registry, id_number, registry

Y = 2024


@pytest.fixture
def reg(database_kind: str, tmp_path: Path) -> Iterator[Registry]:
    with registry(database_kind, tmp_path) as r:
        yield r


def report(reg: Registry, code: str = "620000", quarter: int | None = None) -> IndicatorReport:
    with reg.engine.connect() as conn:
        return compute_indicators(conn, reg.tables, SMALL_TREE, code, Period(Y, quarter))


def numerators(rep: IndicatorReport) -> dict[str, int]:
    return {name: rep.total.indicators[name].numerator for name in INDICATORS}


@pytest.mark.parametrize(
    ("numerator", "denominator", "expected"),
    [
        (334101, 451257, "74.04"),
        (1513, 1300, "116.38"),
        (5000, 3600, "138.89"),
        (7982, 6000, "133.03"),
        (898, 940, "95.53"),
        (349, 727, "48.01"),
        (1, 8, "12.50"),
        (1, 32, "3.13"),  # exactly 3.125: half-up, not half-even
        (0, 5, "0.00"),
    ],
)
def test_rate_rounds_half_up_to_two_places(numerator: int, denominator: int, expected: str) -> None:
    assert rate(numerator, denominator) == Decimal(expected)
    assert str(rate(numerator, denominator)) == expected


def test_rate_is_none_without_denominator() -> None:
    assert rate(0, 0) is None
    assert rate(7, 0) is None


@given(st.integers(0, 10**7), st.integers(1, 10**7))
def test_rate_matches_exact_fraction_rounding(numerator: int, denominator: int) -> None:
    exact = Fraction(numerator * 100, denominator) * 100
    expected = Fraction(int(exact + Fraction(1, 2)), 100)  # half-up for non-negative values
    value = rate(numerator, denominator)
    assert value is not None
    assert Fraction(value) == expected


@pytest.mark.parametrize(
    ("quarter", "end"),
    [
        (1, date(Y, 3, 31)),
        (2, date(Y, 6, 30)),
        (3, date(Y, 9, 30)),
        (4, date(Y, 12, 31)),
        (None, date(Y, 12, 31)),
    ],
)
def test_quarters_cumulate_from_january(quarter: int | None, end: date) -> None:
    period = Period(Y, quarter)
    assert period.start == date(Y, 1, 1)
    assert period.end == end


def test_period_refuses_bad_quarter() -> None:
    with pytest.raises(ValueError, match="quarter"):
        Period(Y, 5)


@pytest.mark.parametrize(
    ("birth", "male", "survey", "counts"),
    [
        (date(2008, 3, 1), True, date(2024, 2, 29), False),  # 15 the day before
        (date(2008, 3, 1), True, date(2024, 3, 1), True),  # 16 on the birthday
        (date(1964, 6, 1), True, date(2024, 5, 31), True),  # 59 the day before turning 60
        (date(1964, 6, 1), True, date(2024, 6, 1), False),  # 60 on the birthday
        (date(1969, 6, 1), False, date(2024, 5, 31), True),  # woman 54
        (date(1969, 6, 1), False, date(2024, 6, 1), False),  # woman 55
        (date(1969, 6, 1), True, date(2024, 6, 1), True),  # a man of 55 still counts
        (date(2008, 2, 29), True, date(2024, 2, 28), False),  # leap-day birth: 15
        (date(2008, 2, 29), True, date(2024, 2, 29), True),
        (date(1964, 2, 29), True, date(2023, 2, 28), True),  # 58 until 1 March in common years
    ],
)
def test_entry_counts_working_age_on_the_survey_date(
    reg: Registry, birth: date, male: bool, survey: date, counts: bool
) -> None:
    reg.add(id_number=id_number(birth, male=male), survey_date=survey)
    reg.base("620000", Y, 10)
    period_year = survey.year
    with reg.engine.connect() as conn:
        rep = compute_indicators(conn, reg.tables, SMALL_TREE, "620000", Period(period_year))
    assert rep.total.indicators["entry_rate"].numerator == int(counts)


def test_sql_working_age_agrees_with_idcard(reg: Registry) -> None:
    from sqlalchemy import select

    from sync.contract.idcard import is_working_age
    from sync.contract.sql_dates import working_age_on

    cases = []
    for year in (1963, 1964, 1968, 1969, 1970, 2007, 2008):
        for month, day in ((1, 1), (2, 28), (2, 29), (3, 1), (6, 15), (12, 31)):
            if month == 2 and day == 29 and year % 4:
                continue
            for male in (True, False):
                cases.append(id_number(date(year, month, day), male=male))
    surveys = [date(2023, 2, 28), date(2023, 3, 1), date(2024, 2, 29), date(2024, 6, 15)]
    rows = [
        {"record_id": f"r{i}", "id_number": number, "survey_date": survey, "deleted": False}
        for i, (number, survey) in enumerate((n, s) for n in cases for s in surveys)
    ]
    with reg.engine.begin() as conn:
        conn.execute(reg.tables.records.insert(), rows)
    r = reg.tables.records.c
    with reg.engine.connect() as conn:
        rows = conn.execute(
            select(r.id_number, r.survey_date, working_age_on(r.id_number, r.survey_date))
        ).all()
    assert len(rows) == len(cases) * len(surveys)
    for number, survey, sql_says in rows:
        assert bool(sql_says) == is_working_age(number, survey), (number, survey)


def test_business_dates_count_not_arrival(reg: Registry) -> None:
    reg.add(
        survey_date=date(Y - 1, 12, 30),
        created_at=datetime(Y, 1, 5, tzinfo=UTC),
        received_at=datetime(Y, 1, 6, tzinfo=UTC),
    )
    reg.add(survey_date=date(Y, 12, 30), received_at=datetime(Y + 1, 1, 20, tzinfo=UTC))
    reg.add(
        hukou_type=1,
        employment_status=1,
        employment_date=date(Y - 1, 11, 1),
        survey_date=date(Y, 2, 1),
    )
    rep = report(reg)
    assert rep.total.indicators["entry_rate"].numerator == 2  # the 2024 surveys
    assert rep.total.indicators["urban_new_employment"].numerator == 0  # began in 2023


def test_only_the_records_of_the_survey_year_count(reg: Registry) -> None:
    """The same person surveyed in Y and again in Y+1 (a record per year): Y's report reads
    the Y record alone, whatever the Y+1 record says of Y's employment and trainings."""
    person = id_number(date(1985, 5, 5), male=True)
    facts = {"hukou_type": 1, "employment_status": 1, "employment_date": date(Y, 3, 1)}
    reg.add(id_number=person, survey_date=date(Y, 4, 1), trainings=(Y,), **facts)
    before = numerators(report(reg))
    assert (before["entry_rate"], before["urban_new_employment"], before["new_training"]) == (
        1,
        1,
        1,
    )
    reg.add(id_number=person, survey_date=date(Y + 1, 2, 1), trainings=(Y, Y + 1), **facts)
    assert numerators(report(reg)) == before
    assert numerators(report(reg, quarter=4)) == before
    with reg.engine.connect() as conn:
        later = compute_indicators(conn, reg.tables, SMALL_TREE, "620000", Period(Y + 1))
    assert numerators(later)["entry_rate"] == 1
    assert numerators(later)["urban_new_employment"] == 0  # began in Y
    assert numerators(later)["new_training"] == 1  # its training of Y+1


def test_employment_counts_by_hukou_and_status(reg: Registry) -> None:
    reg.add(hukou_type=1, employment_status=1, employment_date=date(Y, 4, 1))
    reg.add(hukou_type=2, employment_status=1, employment_date=date(Y, 1, 1))
    reg.add(hukou_type=2, employment_status=1, employment_date=date(Y, 12, 31))
    reg.add(hukou_type=2, employment_status=2)
    reg.target("620000", Y, "urban_new_employment", 4)
    reg.target("620000", Y, "rural_new_employment", 2)
    rep = report(reg)
    assert rep.total.indicators["urban_new_employment"].numerator == 1
    assert rep.total.indicators["urban_new_employment"].rate == Decimal("25.00")
    assert rep.total.indicators["rural_new_employment"].numerator == 2
    assert rep.total.indicators["rural_new_employment"].rate == Decimal("100.00")


def test_targets_and_base_come_from_children_when_missing(reg: Registry) -> None:
    reg.target("620102", Y, "new_training", 3)
    reg.target("620103", Y, "new_training", 5)
    reg.target("620200", Y, "new_training", 2)  # own row wins over its county's
    reg.target("620201", Y, "new_training", 100)
    reg.base("620102001", Y, 10)
    reg.base("620102002", Y, 30)
    reg.base("620102", Y - 1, 999)  # another year never counts
    rep = report(reg)
    assert rep.total.indicators["new_training"].denominator == 3 + 5 + 2
    assert rep.total.indicators["entry_rate"].denominator == 40
    by_code = {c.region.code: c for c in rep.children}
    assert by_code["620100"].indicators["new_training"].denominator == 8
    assert by_code["620200"].indicators["new_training"].denominator == 2
    assert by_code["622900"].indicators["new_training"].denominator == 0


def test_zero_denominators_give_null_rates(reg: Registry) -> None:
    reg.add(graduate=True, graduation_year=Y, graduate_status=3)
    rep = report(reg)
    body = rep.as_json()
    for name in INDICATORS:
        assert body["indicators"][name]["rate"] is None, name
    assert body["indicators"]["entry_rate"]["numerator"] == 1
    assert body["indicators"]["graduate_survey"]["numerator"] == 1
    assert body["indicators"]["graduate_employment"] == {
        "numerator": 0,
        "denominator": 0,
        "rate": None,
    }


def test_quarters_cumulate(reg: Registry) -> None:
    reg.add(survey_date=date(Y, 3, 31), trainings=(Y,))
    reg.add(survey_date=date(Y, 4, 1), trainings=(Y, Y))  # two trainings: one person
    reg.add(survey_date=date(Y, 8, 1), trainings=(Y - 1,))  # last year's training
    reg.add(hukou_type=1, employment_status=1, employment_date=date(Y, 9, 30))
    reg.add(survey_date=date(Y, 10, 1), graduate=True, graduation_year=Y, graduate_status=1)
    seen = {q: numerators(report(reg, quarter=q)) for q in (1, 2, 3, 4)}
    assert [seen[q]["entry_rate"] for q in (1, 2, 3, 4)] == [2, 3, 4, 5]
    assert [seen[q]["new_training"] for q in (1, 2, 3, 4)] == [1, 2, 2, 2]
    assert [seen[q]["urban_new_employment"] for q in (1, 2, 3, 4)] == [0, 0, 1, 1]
    assert [seen[q]["graduate_survey"] for q in (1, 2, 3, 4)] == [0, 0, 0, 1]
    assert numerators(report(reg)) == seen[4]


def test_voided_records_never_count(reg: Registry) -> None:
    fields = {
        "hukou_type": 1,
        "employment_status": 1,
        "employment_date": date(Y, 2, 1),
        "graduate": True,
        "graduation_year": Y,
        "graduate_status": 1,
    }
    reg.add(trainings=(Y,), **fields)
    reg.add(trainings=(Y,), deleted=True, **fields)
    assert numerators(report(reg)) == {
        "entry_rate": 1,
        "urban_new_employment": 1,
        "rural_new_employment": 0,
        "new_training": 1,
        "graduate_survey": 1,
        "graduate_employment": 1,
    }


def test_graduate_employment_counts_status_one_of_one_or_two(reg: Registry) -> None:
    for status in (1, 1, 2, 3, 4):
        reg.add(graduate=True, graduation_year=Y, graduate_status=status)
    reg.add(graduate=True, graduation_year=Y - 1, graduate_status=1)
    value = report(reg).total.indicators["graduate_employment"]
    assert (value.numerator, value.denominator, value.rate) == (2, 3, Decimal("66.67"))
    assert report(reg).total.indicators["graduate_survey"].numerator == 5


def test_children_and_subtree_scoping(reg: Registry) -> None:
    reg.add("620102001")
    reg.add("620102002")
    reg.add("620102")  # kept on the county itself
    reg.add("620103")
    reg.add("620201")
    reg.add("999999")  # outside the tree: never counted
    province = report(reg)
    assert province.total.indicators["entry_rate"].numerator == 5
    assert [c.region.code for c in province.children] == ["620100", "620200", "622900"]
    assert [c.indicators["entry_rate"].numerator for c in province.children] == [4, 1, 0]
    county = report(reg, "620102")
    assert county.total.indicators["entry_rate"].numerator == 3
    assert [c.indicators["entry_rate"].numerator for c in county.children] == [1, 1]
    township = report(reg, "620102001")
    assert township.total.indicators["entry_rate"].numerator == 1
    assert township.children == []


def test_json_shape_is_the_contract(reg: Registry) -> None:
    reg.add()
    reg.base("620000", Y, 3)
    body = report(reg, quarter=2).as_json()
    assert set(body) == {"year", "quarter", "region", "indicators", "children"}
    assert (body["year"], body["quarter"]) == (Y, 2)
    assert body["region"] == {"code": "620000", "name": "甘肃省", "short_name": "甘肃"}
    assert body["indicators"]["entry_rate"] == {"numerator": 1, "denominator": 3, "rate": 33.33}
    child = body["children"][0]
    assert set(child) == {"region", "indicators"}
    assert set(child["indicators"]) == set(INDICATORS)
    assert body["children"][0]["region"]["short_name"] == "兰州"


def test_unknown_region_is_a_clear_error(reg: Registry) -> None:
    with pytest.raises(KeyError, match="123456"):
        report(reg, "123456")
