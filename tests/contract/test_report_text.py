"""The draft's wording beyond the seed: rates, rankings, other levels, quarters, empty data."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from sync.contract.indicators import Period
from sync.contract.report import build_report
from sync.contract.report.as_text import render_text
from sync.contract.report.wording import join_names, ranking, rate_text, scope_word
from tests.helpers.indicator_data import SMALL_TREE, Registry, registry

Y = 2024


@pytest.fixture
def reg(tmp_path: Path) -> Iterator[Registry]:
    with registry("sqlite", tmp_path) as r:
        yield r


def text_of(reg: Registry, code: str, quarter: int | None = None) -> str:
    with reg.engine.connect() as conn:
        report = build_report(conn, reg.tables, SMALL_TREE, code, Period(Y, quarter))
    return render_text(report)


@pytest.mark.parametrize(
    ("value", "shown"),
    [("74.04", "74.04%"), ("99.60", "99.6%"), ("80.00", "80%"), ("0.00", "0%"), (None, "—")],
)
def test_rates_drop_trailing_zeros(value: str | None, shown: str) -> None:
    assert rate_text(None if value is None else Decimal(value)) == shown


def test_scope_words_and_joins() -> None:
    regions = [SMALL_TREE.get(c) for c in ("620000", "620100", "622900", "620102")]
    assert [scope_word(r) for r in regions if r is not None] == ["全省", "全市", "全州", "全区"]
    assert join_names(["嘉峪关", "临夏"]) == "嘉峪关和临夏"
    assert join_names(["甲", "乙", "丙"]) == "甲、乙和丙"


def test_all_regions_on_target_are_said_so(reg: Registry) -> None:
    for code in ("620102", "620201", "622901"):
        reg.add(code, hukou_type=1, employment_status=1, employment_date=date(Y, 2, 1))
    for code in ("620100", "620200", "622900"):
        reg.target(code, Y, "urban_new_employment", 1)
        reg.base(code, Y, 1)
    text = text_of(reg, "620000")
    assert "省级年度完成率100%。全省各市州均完成或超额完成年度任务(详见附件2)。" in text
    assert "全省各市州总体录入率均达到80%以上(详见附件1)。" in text


def test_prefecture_report_speaks_of_counties(reg: Registry) -> None:
    reg.add("620102001")
    reg.base("620102", Y, 2)
    reg.base("620103", Y, 1)
    text = text_of(reg, "620100", quarter=2)
    assert text.startswith("关于2024年第二季度兰州市")
    assert "统计期间:2024年1月1日至2024年6月30日" in text
    assert "全市共有就业年龄段残疾人3人" in text
    assert "全市2个县区总体录入率不足80%,具体是城关区(50%)、七里河区(0%)(详见附件1)。" in text
    assert "市级年度完成率" in text


def test_township_report_has_no_region_sentences(reg: Registry) -> None:
    reg.add("620102001")
    text = text_of(reg, "620102001")
    assert "平均录入率—。" in text
    assert "未完成年度任务外" not in text


def test_null_rates_rank_last_and_ties_share_a_rank(reg: Registry) -> None:
    reg.add("620102")
    reg.add("620201")
    reg.base("620100", Y, 1)
    reg.base("620200", Y, 1)
    with reg.engine.connect() as conn:
        report = build_report(conn, reg.tables, SMALL_TREE, "620000", Period(Y))
    ranked = ranking(report.indicators.children, "entry_rate")
    assert [(r.item.region.code, r.rank) for r in ranked] == [
        ("620100", 1),
        ("620200", 1),
        ("622900", None),
    ]
