"""Quality measures per region and quarter, on hand-computed data (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from sync.contract.quality import FieldCheck, quality_report, spot_check_errors
from tests.helpers.indicator_data import SMALL_TREE, Registry, id_number, registry


@pytest.fixture
def reg(database_kind: str, tmp_path: Path) -> Iterator[Registry]:
    with registry(database_kind, tmp_path) as r:
        yield r


def test_spot_check_error_rates_by_field_and_record() -> None:
    checks = [
        FieldCheck("a", "620102", "phone", matched=False),
        FieldCheck("a", "620102", "address", matched=True),
        FieldCheck("b", "620102001", "phone", matched=True),
        FieldCheck("b", "620102001", "address", matched=True),
        FieldCheck("c", "620103", "phone", matched=True),
        FieldCheck("d", "620201", "phone", matched=False),
        FieldCheck("d", "620201", "address", matched=False),
    ]
    everything = spot_check_errors(checks, None)
    assert everything.by_field["phone"].to_dict() == {
        "numerator": 2,
        "denominator": 4,
        "rate": 50.0,
    }
    assert (
        everything.by_field["address"].numerator,
        everything.by_field["address"].denominator,
    ) == (
        1,
        3,
    )
    assert everything.by_field["address"].rate == Decimal("33.33")
    assert (everything.fields.numerator, everything.fields.denominator) == (3, 7)
    assert (everything.records.numerator, everything.records.denominator) == (2, 4)
    chengguan = spot_check_errors(checks, {"620102", "620102001", "620102002"})
    assert (chengguan.records.numerator, chengguan.records.denominator) == (1, 2)
    assert spot_check_errors([], None).fields.rate is None


def test_quality_report_per_region(reg: Registry) -> None:
    # Distinct names: the registry's default person would make every pair a duplicate.
    q1: dict[str, Any] = {"survey_date": date(2024, 2, 1)}
    full: dict[str, Any] = {
        "village": "五里铺",
        "address": "某路1号",
        "phone": "13912345678",
        "education": 3,
        "training_need": True,
        "surveyor": "李四",
    }
    reg.add("620102", name="甲", employment_status=1, employer="某厂", **full, **q1)
    reg.add("620102001", name="乙", employment_status=1, employer=" ", village="", **q1)
    reg.add("620103", name="丙", employment_status=2, employment_intention=False, **full, **q1)
    reg.add("620201", name="戊", employment_status=2, **q1)
    reg.add("620201", name="己", survey_date=date(2024, 4, 2), **full)  # second quarter
    reg.add("620201", name="庚", deleted=True, **full, **q1)  # voided
    # A duplicate pair (same name and birth) in 622901 from the year before: that year's
    # (a year's measures read the records of that survey year alone).
    born = date(1970, 3, 3)
    for _ in range(2):
        reg.add(
            "622901",
            name="丁",
            id_number=id_number(born, male=True),
            survey_date=date(2023, 11, 1),
        )
    checks = [
        FieldCheck("x", "620102", "phone", matched=False),
        FieldCheck("y", "620201", "phone", matched=True),
    ]
    with reg.engine.connect() as conn:
        report = quality_report(conn, reg.tables.records, SMALL_TREE, "620000", 2024, 1, checks)
        lanzhou = quality_report(conn, reg.tables.records, SMALL_TREE, "620100", 2024, 1)
        last_year = quality_report(conn, reg.tables.records, SMALL_TREE, "620000", 2023, 4)
    assert last_year.total.duplicates == {"certificate": 0, "name_birth": 1}
    assert last_year.total.surveyed == 2
    data = report.to_dict()
    assert data["region"] == {"code": "620000", "name": "甘肃省"}
    assert data["surveyed"] == 4
    completeness = data["completeness"]
    assert completeness["village"] == {"numerator": 2, "denominator": 4, "rate": 50.0}
    assert completeness["phone"]["numerator"] == 2
    # employer over the two employed, intention over the two unemployed.
    assert completeness["employer"] == {"numerator": 1, "denominator": 2, "rate": 50.0}
    assert completeness["employment_intention"] == {
        "numerator": 1,
        "denominator": 2,
        "rate": 50.0,
    }
    assert data["spot_checks"]["by_field"]["phone"]["rate"] == 50.0
    assert data["duplicates"] == {"certificate": 0, "name_birth": 0}
    children = {c["region"]["code"]: c for c in data["children"]}
    assert set(children) == {"620100", "620200", "622900"}
    assert children["620100"]["surveyed"] == 3
    assert children["620100"]["spot_checks"]["records"] == {
        "numerator": 1,
        "denominator": 1,
        "rate": 100.0,
    }
    assert children["620200"]["surveyed"] == 1
    assert children["620200"]["completeness"]["phone"]["rate"] == 0.0
    assert children["622900"]["duplicates"]["name_birth"] == 0
    assert children["622900"]["completeness"]["phone"]["rate"] is None
    assert lanzhou.total.surveyed == 3
    assert [c.code for c in lanzhou.children] == ["620102", "620103"]
    assert lanzhou.children[0].surveyed == 2
    assert lanzhou.total.duplicates == {"certificate": 0, "name_birth": 0}
