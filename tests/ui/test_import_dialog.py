"""导入名单: a department's list with its own headers, checked first (nothing changes),
then imported with exactly the expected counts, and a second import changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.store import Account
from desktop.store.importing import ImportReport
from desktop.ui.import_dialog import ImportDialog, unusable_file_text
from desktop.ui.main_window import MainWindow
from sync.contract.records_io import write_records
from tests.helpers.client import unique_samples
from tests.helpers.ui import settle

NEW_PHONE = "13800001111"


def department_list(tmp_path: Path, rows: list[dict[str, Any]]) -> tuple[Path, Path]:
    """The rows as a department writes them (its own headers) and its saved mapping."""
    path = tmp_path / "人社名单.csv"
    write_records(path, rows)
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    header = lines[0].split(",")
    header = ["序号" if h == "record_id" else "公民身份号码" if h == "id_number" else h
              for h in header]  # fmt: skip
    path.write_text("\n".join([",".join(header), *lines[1:]]) + "\n", encoding="utf-8-sig")
    mapping = tmp_path / "人社.json"
    mapping.write_text(json.dumps({"公民身份号码": "id_number", "序号": None}), encoding="utf-8")
    return path, mapping


def run(qtbot: QtBot, dialog: ImportDialog, *, dry: bool) -> ImportReport:
    button = dialog.check_button if dry else dialog.import_button
    assert button.isEnabled()
    with qtbot.waitSignal(dialog.checked if dry else dialog.imported) as done:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    report: ImportReport = done.args[0]
    return report


def counts(report: ImportReport) -> tuple[int, int, int, int]:
    return report.created, report.updated, report.unchanged, report.rejected


def test_check_then_import_a_mixed_list(
    qtbot: QtBot, window: MainWindow, account: Account, tmp_path: Path
) -> None:
    a, b, c, d, e, f = unique_samples(6, seed=11)
    registry = account.registry
    registry.save_many([a, b, c])
    before = registry.status_counts()
    changed_b = {**b, "phone": NEW_PHONE}
    invalid_f = {**f, "phone": "12345"}  # refused: the dry run names the row and the person
    # e appears twice (a duplicate row): one person.
    path, mapping = department_list(tmp_path, [a, changed_b, d, e, e, invalid_f])

    window.tabs.setCurrentWidget(window.records)
    qtbot.mouseClick(window.records.import_button, Qt.MouseButton.LeftButton)
    dialog = window.findChild(ImportDialog)
    assert dialog is not None
    assert dialog.isVisible()
    assert not dialog.import_button.isEnabled()  # not before a check
    dialog.file.setText(str(path))
    dialog.mapping.setText(str(mapping))

    dry = run(qtbot, dialog, dry=True)
    assert counts(dry) == (2, 1, 1, 1)
    assert registry.status_counts() == before
    assert registry.get(b["record_id"]).record["phone"] == b["phone"]
    assert dialog.problems.rowCount() == 1  # the one rejected row
    rejected = [o for o in dry.outcomes if o.outcome == "rejected"]
    assert dialog.problems.item(0, 0).text() == dialog.tr("Row {0}").format(
        "、".join(str(r) for r in rejected[0].rows)
    )
    assert dialog.problems.item(0, 1).text() == f["name"]
    assert dialog.problems.item(0, 2).text() == "联系电话"  # the Chinese label, not "phone"
    assert dialog.summary.text() == dialog.tr(
        "Would create {0}, update {1}; {2} unchanged, {3} refused."
    ).format(2, 1, 1, 1)

    done = run(qtbot, dialog, dry=False)
    assert counts(done) == (2, 1, 1, 1)
    settle(qtbot, window.ops)
    assert sum(registry.status_counts().values()) == sum(before.values()) + 2
    assert registry.get(b["record_id"]).record["phone"] == NEW_PHONE
    assert not dialog.import_button.isEnabled()  # another import needs another check

    report_path = tmp_path / "报告.xlsx"
    dialog.save_report(report_path)
    settle(qtbot, window.ops)
    book = load_workbook(report_path, read_only=True)
    lines = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()  # a read-only workbook holds its file open until closed
    assert lines[0][:2] == ("行号", "结果")
    assert sorted(line[1] for line in lines[1:]) == sorted(
        ["新建", "新建", "更新", "无变化", "拒绝"]
    )

    # The same list again: nothing to create or update, nothing queued.
    queued = registry.status_counts()
    assert counts(run(qtbot, dialog, dry=True)) == (0, 0, 4, 1)
    assert counts(run(qtbot, dialog, dry=False)) == (0, 0, 4, 1)
    assert registry.status_counts() == queued
    dialog.close()


def test_an_unusable_mapping_is_a_message(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path, mapping = department_list(tmp_path, unique_samples(1, seed=2))
    mapping.write_text('{"公民身份号码": "no_such_field"}', encoding="utf-8")
    dialog = window.import_list()
    dialog.file.setText(str(path))
    dialog.mapping.setText(str(mapping))
    with qtbot.waitSignal(dialog.refused) as refused:
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert "no_such_field" in refused.args[0]
    assert dialog.summary.text() == refused.args[0]
    assert not dialog.import_button.isEnabled()


def test_an_unreadable_list_is_told_in_the_workers_words(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "名单.csv"
    path.write_bytes(b"\xff\xfe\x00broken")
    dialog = window.import_list()
    dialog.file.setText(str(path))
    with qtbot.waitSignal(dialog.refused) as refused:
        qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert refused.args[0] == unusable_file_text().format("名单.csv")
    assert "UTF-8 text" not in refused.args[0]  # the contract's English detail is logged
    dialog.close()
