"""The data-quality section of the quarterly draft (数据质量)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from sync.contract.indicators import Period
from sync.contract.quality import FieldCheck
from sync.contract.report import build_report, render
from tests.helpers.indicator_data import SMALL_TREE, Registry, id_number, registry


@pytest.fixture
def reg(tmp_path: Path) -> Iterator[Registry]:
    with registry("sqlite", tmp_path) as r:
        yield r


def test_a_quarter_report_has_a_quality_section(reg: Registry) -> None:
    q1 = date(2024, 2, 1)
    reg.add("620102", name="甲", phone="13912345678", address="某路", survey_date=q1)
    reg.add("620103", name="乙", survey_date=q1)
    born = date(1970, 3, 3)
    for _ in range(2):  # one possible duplicate in 临夏市
        reg.add("622901", name="丁", id_number=id_number(born, male=True), survey_date=q1)
    checks = [
        FieldCheck("a", "620102", "phone", matched=False),
        FieldCheck("a", "620102", "name", matched=True),
        FieldCheck("b", "620103", "phone", matched=True),
        FieldCheck("b", "620103", "address", matched=False),
        FieldCheck("c", "620103", "phone", matched=False),
    ]
    with reg.engine.connect() as conn:
        quarter = build_report(
            conn, reg.tables, SMALL_TREE, "620000", Period(2024, 1), checks=checks
        )
        year = build_report(conn, reg.tables, SMALL_TREE, "620000", Period(2024))
    text = render(quarter, "text").decode("utf-8")
    assert "、数据质量" in text
    assert "(一)本季度全省调查录入4人,选填项填写率:" in text
    assert "住址25%、联系电话25%" in text
    assert "双随机抽查核对3人5项,3人存在差错,人员差错率100%(项目差错率60%)" in text
    assert "差错较多的项目:联系电话(66.67%)、住址(100%)" in text
    assert "发现疑似重复登记1组(残疾人证号相同0组,同一县内姓名和出生日期相同1组)" in text
    assert quarter.quality is not None
    assert year.quality is None
    assert "数据质量" not in render(year, "text").decode("utf-8")
    # The JSON of docs/indicators.md stays as it is.
    assert b"quality" not in render(quarter, "json")


def test_without_results_the_section_says_so(reg: Registry) -> None:
    with reg.engine.connect() as conn:
        report = build_report(conn, reg.tables, SMALL_TREE, "620100", Period(2024, 2))
    text = render(report, "text").decode("utf-8")
    assert "(一)本季度全市无调查录入记录。" in text
    assert "(二)本季度尚无双随机抽查核对结果。" in text
    assert "(三)未发现疑似重复登记。" in text
