"""统计 and 设置: indicators by child region with drill-down; settings, backup, about."""

from __future__ import annotations

import zipfile
from pathlib import Path

from PySide6.QtCharts import QHorizontalBarSeries
from pytestqt.qtbot import QtBot

from desktop.store import Account
from desktop.ui.main_window import MainWindow
from desktop.ui.preferences import Preferences
from sync.contract.samples import sample_records
from tests.helpers.ui import settle


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
    working_age = sum(
        1
        for r in records
        if r["survey_date"].startswith("2024") and r["region_code"] == "620102001"
    )
    assert 0 < children["620102001"].indicators["entry_rate"].numerator <= working_age
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
    entered = view.report.total.indicators["entry_rate"].numerator

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
    assert len(book.sheetnames) >= 6
    assert entered in cells, "the entry-rate sheet holds the laptop's count of entered persons"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert pdf.stat().st_size > 5_000
