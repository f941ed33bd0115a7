"""统计 and 设置: indicators by child region with drill-down; settings, backup, about."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCharts import QBarCategoryAxis, QHorizontalBarSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from pytestqt.qtbot import QtBot

from desktop.store import Account
from desktop.ui.main_window import MainWindow
from desktop.ui.preferences import Preferences
from desktop.ui.spotcheck_view import SpotCheckView
from desktop.ui.statistics_view import StatisticsView
from sync.contract.idcard import is_working_age
from sync.contract.samples import sample_records
from tests.helpers.pdf_text import pdf_text
from tests.helpers.ui import settle


def _entered(records: list[dict[str, Any]], region: str) -> int:
    """Persons of ``region`` surveyed in 2024 at working age: ``entry_rate``'s numerator."""
    return sum(
        1
        for r in records
        if r["survey_date"].startswith("2024")
        and r["region_code"].startswith(region)
        and is_working_age(r["id_number"], date.fromisoformat(r["survey_date"]))
    )


def test_statistics_and_spot_checks_are_built_when_first_shown(
    qtbot: QtBot, window: MainWindow
) -> None:
    # Not built by the start (issue 19): both read only when shown.
    assert window.findChildren(StatisticsView) == []
    assert window.findChildren(SpotCheckView) == []
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    window.tabs.setCurrentIndex(titles.index(window.tr("Statistics")))
    settle(qtbot, window.ops)
    [view] = window.findChildren(StatisticsView)
    assert window.tabs.currentWidget() is view
    assert window.statistics is view
    assert view.report is not None  # read when first shown
    assert window.findChildren(SpotCheckView) == []


def test_indicators_by_township_with_drill_down(
    qtbot: QtBot, account: Account, window: MainWindow
) -> None:
    records = sample_records(40, seed=8, region_codes=["620102001", "620102002"])
    for record in records:
        account.registry.save_record(record)
    view = window.statistics
    view.year.setValue(2024)
    window.tabs.setCurrentWidget(view)
    settle(qtbot, window.ops)
    report = view.report
    assert report is not None
    assert report.total.region.code == "620102"
    children = {c.region.code: c for c in report.children}
    assert children["620102001"].indicators["entry_rate"].numerator == _entered(
        records, "620102001"
    )
    assert children["620102002"].indicators["entry_rate"].numerator == _entered(
        records, "620102002"
    )
    assert view.table.rowCount() == 1 + len(report.children)
    series = view.chart.series()
    assert len(series) == 1
    assert isinstance(series[0], QHorizontalBarSeries)
    # Only townships with records (no base or targets here) are charted.
    charted = {report.children[i].region.code for i in view.charted()}
    assert charted == {"620102001", "620102002"}
    assert series[0].barSets()[0].count() == 2

    index = [c.region.code for c in report.children].index("620102001")
    view.drill(index)
    settle(qtbot, window.ops)
    assert view.report is not None
    assert view.report.total.region.code == "620102001"
    assert view.up.isEnabled()
    view.go_up()
    settle(qtbot, window.ops)
    assert view.report is not None
    assert view.report.total.region.code == "620102"


def test_every_township_of_a_county_is_named_beside_its_bar(
    qtbot: QtBot, account: Account, window: MainWindow
) -> None:
    # 城关区 has 25 townships; three records each puts every one of them on the chart.
    townships = [f"620102{n:03d}" for n in range(1, 26)]
    for code in townships:
        for record in sample_records(3, seed=int(code[-2:]), region_codes=[code]):
            account.registry.save_record(record)
    view = window.statistics
    view.year.setValue(2024)
    window.resize(1180, 800)
    window.show()
    window.tabs.setCurrentWidget(view)
    settle(qtbot, window.ops)
    assert view.report is not None
    assert {view.report.children[i].region.code for i in view.charted()} == set(townships)
    [names] = view.chart.axes(Qt.Orientation.Vertical)
    assert isinstance(names, QBarCategoryAxis)
    assert names.count() == len(townships)
    # Qt hides a category label that would overlap its neighbour: each bar's band must be
    # at least one line of the labels' font high, or every other township goes unnamed.
    line = QFontMetrics(names.labelsFont()).height()
    qtbot.waitUntil(lambda: view.chart.plotArea().height() / len(townships) >= line)


def test_connection_settings_language_and_an_encrypted_backup(
    qtbot: QtBot, account: Account, window: MainWindow, preferences: Preferences, tmp_path: Path
) -> None:
    account.registry.save_record(sample_records(1, seed=2, region_codes=["620102"])[0])
    view = window.settings
    view.server.setText("https://centre.example.invalid")
    view.proxy.setText("http://127.0.0.1:3128")
    view.save_connection()
    settle(qtbot, window.ops)
    saved = account.data_dir.require_profile(account.username)
    assert saved.server == "https://centre.example.invalid"
    assert saved.proxy == "http://127.0.0.1:3128"
    assert account.profile.server == "https://centre.example.invalid"

    view.language.setCurrentIndex(view.language.findData("en"))
    assert Preferences(preferences.path).language == "en"

    view.backup(tmp_path / "backup.zip")
    settle(qtbot, window.ops)
    with zipfile.ZipFile(tmp_path / "backup.zip") as archive:
        assert sorted(archive.namelist()) == ["account.json", "registry.db"]

    window.tabs.setCurrentWidget(view)
    settle(qtbot, window.ops)
    assert "SQLCipher" in view.about.text()
    assert account.registry.rules.version in view.about.text()


def test_the_report_exports_as_xlsx_and_pdf(
    qtbot: QtBot, account: Account, window: MainWindow, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    records = sample_records(30, seed=9, region_codes=["620102001", "620102002"])
    for record in records:
        account.registry.save_record(record)
    view = window.statistics
    view.year.setValue(2024)
    window.tabs.setCurrentWidget(view)
    settle(qtbot, window.ops)
    assert view.report is not None
    entered = _entered(records, "620102")
    assert view.report.total.indicators["entry_rate"].numerator == entered

    xlsx, pdf = tmp_path / "report.xlsx", tmp_path / "report.pdf"
    with qtbot.waitSignal(view.notice, timeout=20_000) as written:
        view.export(xlsx, "xlsx")
    assert str(xlsx) in str(written.args[0])
    with qtbot.waitSignal(view.notice, timeout=20_000):
        view.export(pdf, "pdf")

    book = load_workbook(xlsx, read_only=True)
    first = book.worksheets[0]
    cells = [c for row in first.iter_rows(values_only=True) for c in row if c is not None]
    book.close()
    assert book.sheetnames == [f"附件{n}" for n in range(1, 7)]
    assert entered in cells, "the entry-rate sheet holds the laptop's count of entered persons"
    text = pdf_text(pdf)
    lines = {" ".join(line.split()) for line in text.splitlines()}
    flat = "".join(text.split())
    assert "关于2024年度城关区残疾人就业和职业培训实名制统计管理工作情况的通报" in flat
    assert f"系统已录入{entered}名残疾人就业状况" in flat
    assert {
        "附件1 各乡镇残疾人就业状况录入率",
        "附件2 各乡镇城镇残疾人新增就业完成情况",
        "附件3 各乡镇农村残疾人新增就业完成情况",
        "附件4 各乡镇城乡残疾人新增培训完成情况",
        "附件5 各乡镇高校残疾人毕业生调查录入情况",
        "附件6 各乡镇高校残疾人毕业生就业率",
    } <= lines
    # Annex 1's rows: no base population on the laptop, so no rank and no rate.
    assert {
        f"— 酒泉路街道 {_entered(records, '620102001')} 0 —",
        f"— 张掖路街道 {_entered(records, '620102002')} 0 —",
        f"合计 城关区 {entered} 0 —",
    } <= lines
