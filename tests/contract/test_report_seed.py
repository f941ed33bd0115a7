"""The seed report's figures follow from a province data set, and the text says them so."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from sync.contract.indicators import Period
from sync.contract.regions import default_tree
from sync.contract.report import Report, build_report, render
from sync.contract.report.as_text import render_text
from tests.helpers import seed_province
from tests.helpers.indicator_data import registry


@pytest.fixture
def seed_report(database_kind: str, tmp_path: Path) -> Iterator[Report]:
    with registry(database_kind, tmp_path) as reg:
        seed_province.build(reg)
        with reg.engine.connect() as conn:
            yield build_report(
                conn, reg.tables, default_tree(), "620000", Period(seed_province.YEAR)
            )


def test_provincial_rates_are_the_seeds(seed_report: Report) -> None:
    body = orjson.loads(render(seed_report, "json"))
    assert body["region"] == {"code": "620000", "name": "甘肃省", "short_name": "甘肃"}
    assert len(body["children"]) == 14
    rates = {name: value["rate"] for name, value in body["indicators"].items()}
    assert rates == {name: float(rate) for name, rate in seed_province.TOTALS.items()}


def test_text_reads_like_the_seed(seed_report: Report) -> None:
    text = render_text(seed_report)
    expected = [
        "平均录入率74.04%。全省7个市州总体录入率不足80%,具体是嘉峪关(77.63%)、庆阳(76.26%)、"
        "临夏(73.92%)、甘南(66.94%)、天水(62.95%)、平凉(60.47%)、陇南(57.33%)(详见附件1)。",
        "省级年度完成率116.38%。全省除临夏(93.26%)未完成年度任务外,"
        "其它各市州均完成或超额完成年度任务(详见附件2)。",
        "省级年度完成率138.89%。全省除临夏(80%)未完成年度任务外,"
        "其它各市州均完成或超额完成年度任务(详见附件3)。",
        "省级年度完成率133.03%。全省除庆阳(99.6%)、临夏(34.12%)未完成年度任务外,"
        "其它各市州均完成或超额完成年度任务(详见附件4)。",
        "省级年度已调查录入率95.53%。全省除天水(95.58%)、甘南(83.33%)、临夏(61.43%)"
        "未完成年度录入任务外",
        "全省2020年度应就业高校残疾人毕业生人数",
        "省级年度平均就业率48.01%。全省只有天水(78.26%)、陇南(70.91%)、庆阳(61.36%)"
        "等3市高校残疾人毕业生就业率达到60%以上。嘉峪关和临夏年度任务完成率0%(详见附件6)。",
    ]
    for sentence in expected:
        assert sentence in text
    headings = [
        "(一)总体录入状况",
        "(二)城镇新增就业状况",
        "(三)农村新增就业状况",
        "(四)城乡新增培训状况",
        "(五)高校残疾人毕业生调查率",
        "(六)高校残疾人毕业生就业率",
    ]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "关于2020年度甘肃省残疾人就业和职业培训实名制统计管理工作情况的通报" in text


def test_text_attachments_rank_descending(seed_report: Report) -> None:
    text = render_text(seed_report)
    attachment = text[text.index("附件1 ") :].split("\n\n")[0].splitlines()
    assert attachment[1].split("\t") == ["排名", "地区", "已录入人数", "就业年龄段残疾人数",
                                         "录入率(%)"]  # fmt: skip
    rows = [line.split("\t") for line in attachment[2:-1]]
    rates = [float(r[4]) for r in rows]
    assert rates == sorted(rates, reverse=True)
    # Seven prefectures at 100% share rank 1; the next is 8th (competition ranking).
    assert [r[0] for r in rows] == ["1"] * 7 + [str(n) for n in range(8, 15)]
    assert rows[7][1] == "嘉峪关"
    assert rows[-1][1] == "陇南"
    assert rows[-1][-1] == "未达标"
    assert attachment[-1].split("\t")[0] == "合计"
    assert attachment[-1].split("\t")[-1] == "74.04"
