"""Duplicate persons beyond the ID number, on hand-made data, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sync.contract.duplicates import find_duplicates
from tests.helpers.indicator_data import Registry, id_number, registry


@pytest.fixture
def reg(database_kind: str, tmp_path: Path) -> Iterator[Registry]:
    with registry(database_kind, tmp_path) as r:
        yield r


def person(born: date, *, male: bool = True) -> dict[str, Any]:
    number = id_number(born, male=male)
    return {"id_number": number, "disability_cert_number": number + "41"}


def test_same_certificate_on_different_records(reg: Registry) -> None:
    one = person(date(1980, 1, 2))
    a = reg.add("620102", name="王一", **one)
    # Another ID number was typed, but the certificate is the same person's (reissued: B1).
    b = reg.add(
        "620103",
        name="王一",
        id_number=id_number(date(1980, 1, 3), male=True),
        disability_cert_number=one["disability_cert_number"] + "B1",
    )
    reg.add("620102", name="李二", **person(date(1981, 1, 2)))  # unrelated
    voided = reg.add("620201", name="王一", deleted=True, **one)
    with reg.engine.connect() as conn:
        groups = find_duplicates(conn, reg.tables.records, kinds=["certificate"])
    assert [g.kind for g in groups] == ["certificate"]
    assert set(groups[0].record_ids) == {a, b}
    assert voided not in groups[0].record_ids
    assert dict(groups[0].members) == {a: "620102", b: "620103"}


def test_same_name_and_birth_in_one_county(reg: Registry) -> None:
    born = date(1975, 6, 30)
    # Township and county records of one county, with two different (mistyped) ID numbers.
    a = reg.add("620102", name="马丽", **person(born, male=False))
    b = reg.add("620102001", name="马丽", **person(born, male=False))
    c = reg.add("620102002", name="马丽", **person(born, male=False))
    reg.add("620103", name="马丽", **person(born, male=False))  # another county
    reg.add("620102", name="马莉", **person(born, male=False))  # another name
    reg.add("620102", name="马丽", **person(date(1975, 6, 29), male=False))  # another birth
    reg.add("620102", name="马丽", deleted=True, **person(born, male=False))  # voided
    reg.add("620102", name="", **person(born, male=False))  # no name
    with reg.engine.connect() as conn:
        groups = find_duplicates(conn, reg.tables.records)
    assert [(g.kind, set(g.record_ids)) for g in groups] == [("name_birth", {a, b, c})]
    assert groups[0].to_dict()["reason"] == "同一县内姓名和出生日期相同"


def test_both_kinds_sorted_and_scoped(reg: Registry) -> None:
    one = person(date(1990, 2, 2))
    cert_a = reg.add("620201", name="甲", **one)
    cert_b = reg.add(
        "620102",
        name="乙",
        id_number=id_number(date(1991, 2, 2), male=True),
        disability_cert_number=one["disability_cert_number"],
    )
    name_a = reg.add("620201", name="丙", **person(date(1970, 1, 1)))
    name_b = reg.add("620201", name="丙", survey_date=date(2024, 9, 1), **person(date(1970, 1, 1)))
    with reg.engine.connect() as conn:
        everything = find_duplicates(conn, reg.tables.records)
        jiayuguan = find_duplicates(conn, reg.tables.records, region_codes={"620201"})
        early = find_duplicates(conn, reg.tables.records, surveyed_until=date(2024, 6, 30))
    assert [(g.kind, set(g.record_ids)) for g in everything] == [
        ("certificate", {cert_a, cert_b}),
        ("name_birth", {name_a, name_b}),
    ]
    # Only one of the certificate pair lies in 620201: no group there.
    assert [(g.kind, set(g.record_ids)) for g in jiayuguan] == [("name_birth", {name_a, name_b})]
    # name_b was surveyed after the end of June.
    assert [(g.kind, set(g.record_ids)) for g in early] == [("certificate", {cert_a, cert_b})]


def test_no_duplicates_in_a_clean_registry(reg: Registry) -> None:
    for year in range(1970, 1975):
        reg.add("620102", name="赵", **person(date(year, 1, 1)))
    with reg.engine.connect() as conn:
        assert find_duplicates(conn, reg.tables.records) == []


def test_a_persons_records_of_other_years_are_no_duplicates(reg: Registry) -> None:
    """A record is one person's survey in one year: last year's record of a person shares
    the certificate, name and birth date with this year's, and is no duplicate of it."""
    one = person(date(1970, 2, 2))
    twin = {**one, "id_number": id_number(date(1970, 2, 2), male=True)}  # another serial
    last_year = reg.add("620102", name="赵五", survey_date=date(2023, 6, 1), **one)
    this_year = reg.add("620102", name="赵五", survey_date=date(2024, 6, 1), **one)
    mistyped = reg.add("620102001", name="赵五", survey_date=date(2024, 7, 1), **twin)
    with reg.engine.connect() as conn:
        groups = find_duplicates(conn, reg.tables.records)
        of_2023 = find_duplicates(conn, reg.tables.records, year=2023)
        of_2024 = find_duplicates(conn, reg.tables.records, year=2024)
    expected = [("certificate", {this_year, mistyped}), ("name_birth", {this_year, mistyped})]
    assert [(g.kind, set(g.record_ids)) for g in groups] == expected
    assert [(g.kind, set(g.record_ids)) for g in of_2024] == expected
    assert of_2023 == []
    assert last_year not in {r for g in groups for r in g.record_ids}
