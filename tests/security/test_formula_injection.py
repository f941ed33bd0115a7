"""Issue 13, finding 4: text the staff typed never becomes a live formula in a file we write.

A name or address such as ``=HYPERLINK("http://…","点我")`` was written to XLSX exports and
service lists as a formula (openpyxl read its type as ``f``) and to CSV unescaped. Every
XLSX text cell must be a text cell (type ``s``); numbers the program made stay numbers; a CSV
cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a ``'``
before it; and reading the program's own file back gives the original text exactly.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from desktop.store.import_report import write_import_report
from desktop.store.importing import ImportReport, PersonOutcome
from sync.central.import_chunk import ImportSummary, Rejection
from sync.central.import_report import write_row_report
from sync.central.tabular import write_table
from sync.contract.normalization import normalize
from sync.contract.records_io import EXPORT_COLUMNS, read_records, write_records
from sync.contract.regions import default_tree
from sync.contract.report.service_lists_xlsx import write_service_lists_xlsx
from sync.contract.samples import sample_records
from tests.helpers.central import CentralProcess
from tests.helpers.central_records import csv_rows

LINK = '=HYPERLINK("http://evil.example/x","点我")'
# Free-text fields a field worker fills, each starting with a character a spreadsheet runs.
HOSTILE = {
    "address": LINK,
    "village": "+1+cmd|' /C calc'!A0",
    "employer": "@SUM(1+1)*cmd|' /C calc'!A0",
    "graduate_school": "-2+3+cmd|' /C calc'!A0",
    "graduate_major": "\t=1+1",
    "surveyor": "'=already quoted",  # a leading quote of its own survives the round trip
}
RUNS = ("=", "+", "-", "@", "\t", "\r")
# In XLSX a text of its own quote before a formula character gets one more (see safe_cells).
IN_XLSX = {**HOSTILE, "surveyor": "''=already quoted"}


def hostile_record(seed: int = 41) -> dict[str, Any]:
    [record] = sample_records(1, seed=seed, region_codes=["620102001"])
    record.update(HOSTILE)
    record["trainings"] = [{"year": 2024, "type": 1, "period": 2, "provider": "=1+2"}]
    return record


def xlsx_cells(path: Path) -> list[Any]:
    """Every non-empty cell of every sheet, read as a spreadsheet program would (not
    read-only: that mode does not report formulas as such)."""
    book = load_workbook(path)
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    return [c for c in cells if c.value is not None]


def assert_text_cells_only(path: Path, texts: set[str]) -> None:
    cells = xlsx_cells(path)
    formulas = [(c.coordinate, c.value) for c in cells if c.data_type == "f"]
    assert formulas == []
    found = {c.value for c in cells if c.data_type == "s"}
    assert texts <= found


def test_record_export_xlsx_holds_text_and_the_numbers_stay_numbers(tmp_path: Path) -> None:
    record = hostile_record()
    path = tmp_path / "out.xlsx"
    assert write_records(path, [record]) == 1
    assert_text_cells_only(path, {*IN_XLSX.values(), "=1+2"})
    row = {c.column: c for c in xlsx_cells(path) if c.row == 2}
    category = row[EXPORT_COLUMNS.index("disability_category") + 1]
    assert (category.data_type, category.value) == ("n", record["disability_category"])
    [back] = read_records(path)
    assert back.record == normalize(record)  # the import strips the tab, as for any text


def test_record_export_csv_escapes_and_reads_back_the_same_text(tmp_path: Path) -> None:
    record = hostile_record()
    path = tmp_path / "out.csv"
    write_records(path, [record])
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header, row = list(csv.reader(handle))
    cells = dict(zip(header, row, strict=True))
    for name, value in HOSTILE.items():
        assert cells[name] == "'" + value, name
    assert cells["training_provider"] == "'=1+2"
    assert cells["disability_category"] == str(record["disability_category"])
    assert [v for v in row if v.startswith(RUNS)] == []
    [back] = read_records(path)
    assert back.record == normalize(record)  # the import strips the tab, as for any text


def test_a_quote_before_a_formula_in_a_list_from_elsewhere_is_a_text_marker(
    tmp_path: Path,
) -> None:
    # Spreadsheet programs take a leading ' as "text" and never keep it: so does the reader.
    [record] = sample_records(1, seed=42, region_codes=["620102001"])
    path = tmp_path / "list.csv"
    path.write_text(
        f"姓名,身份证号,住址,就业单位\n{record['name']},{record['id_number']},'=1+1,'plain\n",
        encoding="utf-8",
    )
    [person] = read_records(path)
    assert person.record["address"] == "=1+1"
    assert person.record["employer"] == "'plain"


def test_service_lists_write_text_cells(tmp_path: Path) -> None:
    row = {
        "record_id": "018cc251-f400-7367-a87a-1613e443df78",
        "name": LINK,
        "id_number": "620102199001011234",
        "region_code": "620102",
        "village": "@SUM(1+1)",
        "phone": "-",
        "disability_category": 4,
        "disability_level": 2,
        "education": 3,
        "survey_date": None,
        "graduation_year": 2020,
        "graduate_school": "+cmd",
        "graduate_major": "=1+1",
    }
    path = tmp_path / "lists.xlsx"
    write_service_lists_xlsx(path, {"priority_training": [row]}, default_tree())
    assert_text_cells_only(path, {LINK, "@SUM(1+1)", "-", "+cmd", "=1+1"})
    numbers = {c.value for c in xlsx_cells(path) if c.data_type == "n"}
    assert numbers == {4, 2, 3, 2020}


def test_central_tables_and_reports_escape(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    write_table(table, ["a", "b", "c"], [["=1+1", 7, "-"]])
    assert table.read_text(encoding="utf-8-sig").splitlines()[1] == "'=1+1,7,'-"
    xlsx = tmp_path / "t.xlsx"
    write_table(xlsx, ["a", "b"], [["=1+1", 7]])
    assert_text_cells_only(xlsx, {"=1+1"})
    assert [c.data_type for c in xlsx_cells(xlsx) if c.value == 7] == ["n"]

    summary = ImportSummary(rows=1, rejected=1, outcomes=[(2, "rejected", None)])
    summary.rejections.append(Rejection(2, "=field", "=rule", LINK))
    report = tmp_path / "report.xlsx"
    write_row_report(report, summary, dry_run=True)
    assert_text_cells_only(report, {LINK, "=field", "=rule"})
    assert [c.data_type for c in xlsx_cells(report) if c.value == 2] == ["n"]  # the row


def test_laptop_import_report_writes_text_cells(tmp_path: Path) -> None:
    error = {"fields": ["address"], "rule_id": "=R", "message": LINK}
    report = ImportReport(dry_run=True)
    report.outcomes.append(PersonOutcome((2,), "rejected", None, (error,)))
    path = tmp_path / "report.xlsx"
    assert write_import_report(path, report) == 1
    assert_text_cells_only(path, {LINK, "=R"})


def test_centre_export_records_writes_no_formula_and_reimports_unchanged(
    tmp_path: Path,
) -> None:
    data = tmp_path / "centre"
    data.mkdir()
    cli = CentralProcess(f"sqlite:///{data / 'c.sqlite3'}", data)
    record = hostile_record()
    header, rows = csv_rows([record])
    source = tmp_path / "in.csv"
    write_table(source, header, rows)
    imported = cli.command("import-records", str(source))
    assert imported.returncode == 0, imported.stdout + imported.stderr
    for suffix in ("xlsx", "csv"):
        out = tmp_path / f"out.{suffix}"
        exported = cli.command("export-records", str(out))
        assert exported.returncode == 0, exported.stderr
        if suffix == "xlsx":
            stored = {**IN_XLSX, "graduate_major": "=1+1"}  # the import stripped the tab
            assert_text_cells_only(out, {*stored.values(), "=1+2"})
        else:
            text = out.read_text(encoding="utf-8-sig")
            assert [v for r in csv.reader(text.splitlines()) for v in r if v.startswith(RUNS)] == []
        again = cli.command("import-records", str(out))
        assert again.returncode == 0, again.stderr
        summary = json.loads(again.stdout.strip().splitlines()[-1])
        assert (summary["unchanged"], summary["created"], summary["updated"]) == (1, 0, 0)


def test_a_control_character_never_stops_an_xlsx_export(tmp_path: Path) -> None:
    # XML cannot hold it: openpyxl refused the whole export for one stored address.
    record = {**hostile_record(), "address": "兰州\x01路\x021号"}
    path = tmp_path / "out.xlsx"
    assert write_records(path, [record]) == 1
    [back] = read_records(path)
    assert back.record["address"] == "兰州\ufffd路\ufffd1号"
    csv_path = tmp_path / "out.csv"
    write_records(csv_path, [record])
    [same] = read_records(csv_path)
    # CSV holds it as it is; reading a file normalises it away (a hidden character).
    assert "\x01" in csv_path.read_text("utf-8-sig")
    assert same.record["address"] == "兰州路1号"
