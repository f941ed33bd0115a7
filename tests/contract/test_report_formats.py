"""The report's files opened back: XLSX and DOCX read with their libraries, PDF rendered."""

from __future__ import annotations

import io
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import docx
import openpyxl
import orjson
import pytest
from PIL import Image

from sync.contract.indicators import Period
from sync.contract.regions import default_tree
from sync.contract.report import FORMATS, Report, build_report, render
from sync.contract.report.as_pdf import _bar_chart, _weekly_chart
from sync.contract.report.as_text import render_text
from sync.contract.report.as_xlsx import BELOW_FILL
from sync.contract.report.service_lists_xlsx import SHEET_NAMES, export_service_lists
from tests.helpers import seed_province
from tests.helpers.indicator_data import Registry, id_number, registry
from tests.helpers.pdf_text import pdf_text

LINXIA_COUNTY = "622901"


def add_entry_times(reg: Registry) -> None:
    """Persons past working age (they change no indicator) entered late in 临夏, steadily
    in 兰州; and one poor person wanting training in 临夏, for the service lists."""
    rows = []
    for day, county in [(date(2020, 12, d), LINXIA_COUNTY) for d in (20, 22, 28)] + [
        (date(2020, 6, 1), LINXIA_COUNTY),
        *[(date(2020, m, 10), "620102") for m in range(1, 13)],
    ]:
        rows.append(
            {
                "record_id": str(uuid.uuid4()),
                "name": "测试",
                "id_number": id_number(date(1940, 1, 1), male=False),
                "region_code": county,
                "hukou_type": 2,
                "employment_status": 2,
                "survey_date": day,
                "deleted": False,
                "graduate": False,
                "poverty_registered": county == LINXIA_COUNTY,
                "training_need": True,
                "created_at": datetime(day.year, day.month, day.day, 3, tzinfo=UTC),
            }
        )
    with reg.engine.begin() as conn:
        conn.execute(reg.tables.records.insert(), rows)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Registry, Report]]:
    with registry("sqlite", tmp_path_factory.mktemp("report")) as reg:
        seed_province.build(reg)
        add_entry_times(reg)
        with reg.engine.connect() as conn:
            yield reg, build_report(conn, reg.tables, default_tree(), "620000", Period(2020))


@pytest.fixture
def report(built: tuple[Registry, Report]) -> Report:
    return built[1]


def test_json_is_only_the_contract(report: Report) -> None:
    body = orjson.loads(render(report, "json"))
    assert set(body) == {"year", "quarter", "region", "indicators", "children"}
    assert body["quarter"] is None


def test_unknown_format_is_named(report: Report) -> None:
    with pytest.raises(ValueError, match="html"):
        render(report, "html")
    assert FORMATS == ("json", "text", "docx", "xlsx", "pdf")


def test_text_flags_rushed_entry_and_counts_service_lists(report: Report) -> None:
    text = render_text(report)
    assert "二、录入时效" in text
    assert "临夏(3/4)超过半数数据集中在期末最后15天录入,存在突击录入现象" in text
    assert "兰州(" not in text.split("二、录入时效")[1].split("三、")[0]
    assert "(一)有培训需求未参加培训的建档立卡贫困残疾人(优先培训)4人。" in text


def test_xlsx_sheets_totals_and_highlights(report: Report) -> None:
    book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")))
    assert book.sheetnames == [f"附件{n}" for n in range(1, 7)]
    sheet = book["附件1"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "附件1 各市州残疾人就业状况录入率"
    assert rows[1] == ("排名", "地区", "已录入人数", "就业年龄段残疾人数", "录入率(%)")
    assert len(rows) == 2 + 14 + 1
    assert rows[-1] == ("合计", "甘肃", 750, 1013, 74.04)
    highlighted = [
        row[1].value
        for row in sheet.iter_rows(min_row=3, max_row=16)
        if row[0].fill.fgColor.rgb == BELOW_FILL.fgColor.rgb
    ]
    assert highlighted == ["嘉峪关", "庆阳", "临夏", "甘南", "天水", "平凉", "陇南"]
    jobs = list(book["附件6"].iter_rows(values_only=True))
    assert jobs[2][:2] == (1, "天水")
    assert jobs[-1][-1] == 48.01


def test_docx_has_title_sections_and_tables(report: Report) -> None:
    document = docx.Document(io.BytesIO(render(report, "docx")))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0].startswith("关于2020年度甘肃省")
    assert headings[1:4] == ["一、基本状况", "二、录入时效", "三、重点服务对象"]
    assert [h.split(" ")[0] for h in headings[4:]] == [f"附件{n}" for n in range(1, 7)]
    body = "\n".join(p.text for p in document.paragraphs)
    assert "平均录入率74.04%" in body
    assert "全省除临夏(93.26%)未完成年度任务外" in body
    assert len(document.tables) == 6
    first = document.tables[0]
    assert len(first.rows) == 1 + 14 + 1
    assert [c.text for c in first.rows[-1].cells] == ["合计", "甘肃", "750", "1013", "74.04"]
    shaded = [r.cells[1].text for r in first.rows if "FFC7CE" in r.cells[0]._tc.xml]
    assert shaded == ["嘉峪关", "庆阳", "临夏", "甘南", "天水", "平凉", "陇南"]


ANNEXES = [
    "附件1 各市州残疾人就业状况录入率",
    "附件2 各市州城镇残疾人新增就业完成情况",
    "附件3 各市州农村残疾人新增就业完成情况",
    "附件4 各市州城乡残疾人新增培训完成情况",
    "附件5 各市州高校残疾人毕业生调查录入情况",
    "附件6 各市州高校残疾人毕业生就业率",
]


def _table_lines(report: Report) -> list[str]:
    """Every annex's header and rows as the XLSX holds them, spaced as one line of text."""
    book = openpyxl.load_workbook(io.BytesIO(render(report, "xlsx")), read_only=True)
    lines = []
    for sheet in book.worksheets:
        for row in list(sheet.iter_rows(values_only=True))[1:]:
            cells = [f"{v:.2f}" if isinstance(v, float | int) and i == 4 else str(v)
                     for i, v in enumerate(row)]  # fmt: skip
            lines.append(" ".join(cells))
    book.close()
    return lines


def test_pdf_pages_render_with_content(report: Report, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render(report, "pdf"))
    text = pdf_text(pdf)
    pdftoppm = shutil.which("pdftoppm")
    assert pdftoppm is not None, "poppler-utils gives pdftotext and pdftoppm together"
    lines = {" ".join(line.split()) for line in text.splitlines()}
    flat = "".join(text.split())
    assert "关于2020年度甘肃省残疾人就业和职业培训实名制统计管理工作情况的通报" in flat
    assert {"一、基本状况", "二、录入时效", "三、重点服务对象"} <= lines
    assert "平均录入率74.04%" in flat
    assert "全省除临夏(93.26%)未完成年度任务外" in flat
    assert "临夏(3/4)超过半数数据集中在期末最后15天录入" in flat
    assert "(一)有培训需求未参加培训的建档立卡贫困残疾人(优先培训)4人。" in flat
    # Each annex: its title (the indicator), its header, a row per prefecture, the total.
    assert set(ANNEXES) <= lines
    table = _table_lines(report)
    assert len(table) == 6 * (1 + 14 + 1)
    assert "合计 甘肃 750 1013 74.04" in table
    assert "1 天水 18 23 78.26" in table
    assert [line for line in table if line not in lines] == []

    rendered = subprocess.run(
        [pdftoppm, "-r", "30", "-png", str(pdf), str(tmp_path / "page")],
        capture_output=True,
        text=True,
        check=True,
    )
    # Without poppler-data the Chinese (CID font STSong-Light) would silently not render.
    assert "Missing language pack" not in rendered.stderr, "install poppler-data"
    assert "Unknown font" not in rendered.stderr
    pages = sorted(tmp_path.glob("page*.png"))
    # Two pages of text with the weekly charts, then one page per attachment with its chart.
    assert len(pages) == 2 + 6
    for page in pages:
        histogram = Image.open(page).convert("L").histogram()
        assert sum(histogram[:200]) > 200, f"{page.name} is blank"
    # The attachment pages carry a bar chart: a filled blue area, not only text.
    pixels = Image.open(pages[-1]).convert("RGB").tobytes()
    blue = sum(1 for i in range(0, len(pixels), 3) if pixels[i + 2] > 150 and pixels[i] < 120)
    assert blue > 50
    assert "48.01" in text


def test_pdf_captions_stay_on_the_page_of_their_chart(report: Report, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render(report, "pdf"))
    pages = pdf_text(pdf).split("\f")
    # The weekly chart's caption used to end page 1 with its chart over on page 2.
    [holding] = [page for page in pages if "各周录入条数(合计)" in page]
    caption_then_chart = holding.split("各周录入条数(合计)", 1)[1]
    assert "1周" in caption_then_chart  # the first week's label (its 第 rotated apart)


@pytest.mark.parametrize("weekly", [[0, 1, 0, 0], [2, 3, 1], [0, 0, 0], [40, 120, 7]])
def test_pdf_weekly_charts_count_persons_on_whole_ticks(weekly: list[int]) -> None:
    # One person in a township's week drew ticks 0.2, 0.4 ... persons (reportlab's own step).
    [chart] = _weekly_chart(weekly).contents[:1]
    axis = chart.valueAxis
    assert axis.valueStep >= 1
    assert axis.valueStep == int(axis.valueStep)
    assert axis.valueMin == 0
    assert axis.valueMax % axis.valueStep == 0
    assert axis.valueMax >= max(weekly)
    assert axis.labelTextFormat == "%d"


def test_pdf_rate_chart_of_full_regions_ends_at_100_percent() -> None:
    # The bars carry no labels: no room above them, so the axis does not read 120 %.
    [chart] = _bar_chart(["兰州", "临夏"], [100.0, 73.9], line=80.0, line_label="80%").contents[:1]
    assert (chart.valueAxis.valueStep, chart.valueAxis.valueMax) == (20, 100)


def test_service_lists_export(built: tuple[Registry, Report], tmp_path: Path) -> None:
    reg, _ = built
    path = tmp_path / "lists.xlsx"
    with reg.engine.connect() as conn:
        counts = export_service_lists(conn, reg.tables, default_tree(), "622900", 2020, path)
    assert counts["priority_training"] == 4
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == list(SHEET_NAMES.values())
    rows = list(book["优先培训"].iter_rows(values_only=True))
    assert rows[1][:5] == ("记录编号", "姓名", "身份证号", "行政区划", "地区名称")
    assert len(rows) == 2 + 4
    assert {r[3] for r in rows[2:]} == {LINXIA_COUNTY}
    assert {r[4] for r in rows[2:]} == {"临夏市"}
