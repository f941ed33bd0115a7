"""Departmental lists (人社 employment registrations) through ``import-records --mapping``:
a dry run with a per-row XLSX report, merging by ID number, and a second import that
changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import create_engine, select

from sync.central.tables import records as records_table
from sync.central.tabular import write_table
from tests.helpers.central import CentralProcess
from tests.helpers.central_records import csv_rows, records_in, table_counts

HR_MAPPING = {
    "序号": None,
    "备注": None,
    "姓名": "name",
    "公民身份号码": "id_number",
    "就业状态": "employment_status",
    "就业形式": "employment_form",
    "就业日期": "employment_date",
    "就业单位名称": "employer",
}
HR_HEADER = [
    "序号",
    "姓名",
    "公民身份号码",
    "就业状态",
    "就业形式",
    "就业日期",
    "就业单位名称",
    "备注",
]
STRANGER = "620102199001011233"  # a valid ID number nobody in the registry holds


@pytest.fixture
def cli(tmp_path: Path, central_db_url: str) -> CentralProcess:
    data = tmp_path / "cli"
    data.mkdir()
    return CentralProcess(central_db_url, data)


def stored(db_url: str) -> dict[str, dict[str, Any]]:
    engine = create_engine(db_url)
    with engine.connect() as conn:
        rows = conn.execute(select(records_table)).mappings().all()
    engine.dispose()
    return {row["id_number"]: dict(row) for row in rows}


def slashed(iso: str) -> str:
    """A date as people type it in a spreadsheet: 2024/6/1."""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{year}/{month}/{day}"


def summary_of(result: Any) -> dict[str, Any]:
    lines = result.stdout.strip().splitlines()
    assert lines, result.stderr
    found: dict[str, Any] = json.loads(lines[-1])
    return found


def test_an_employment_list_merges_into_the_registry(cli: CentralProcess, tmp_path: Path) -> None:
    base = [r for r in records_in(["620102001", "620103"], 30, seed=70) if not r["trainings"]]
    header, rows = csv_rows(base)
    registry_file = tmp_path / "registry.csv"
    write_table(registry_file, header, rows)
    assert cli.command("import-records", str(registry_file)).returncode == 0
    unemployed = [r for r in base if r["employment_status"] == 2][:2]
    employed = next(r for r in base if r["employment_status"] == 1 and r["employer"])
    other = next(r for r in base if r not in unemployed and r is not employed)

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HR_HEADER)
    sheet.append(
        [
            1,
            unemployed[0]["name"],
            unemployed[0]["id_number"],
            "已就业",
            "按比例就业",
            unemployed[0]["survey_date"],  # employed since the visit (not later: a rule)
            "人社推荐企业",
            "新登记",
        ]
    )
    sheet.append(
        [
            2,
            unemployed[1]["name"],
            unemployed[1]["id_number"],
            1,
            7,
            slashed(unemployed[1]["survey_date"]),
            None,
            None,
        ]
    )
    # A blank employer in the list never erases the one the field worker recorded.
    sheet.append(
        [
            3,
            employed["name"],
            employed["id_number"],
            1,
            employed["employment_form"],
            employed["employment_date"],
            None,
            None,
        ]
    )
    sheet.append([4, "陌生人", STRANGER, 1, 3, "2024-02-02", "某店", None])  # not registered
    sheet.append([5, other["name"], other["id_number"], 1, 3, "2024-13-45", "某厂", None])
    hr_file = tmp_path / "人社就业登记.xlsx"
    book.save(hr_file)  # fmt: skip
    mapping = tmp_path / "hr_mapping.json"
    mapping.write_text(json.dumps(HR_MAPPING, ensure_ascii=False), encoding="utf-8")

    before = table_counts(cli.db_url)
    report = tmp_path / "dry.xlsx"
    dry = cli.command(
        "import-records", str(hr_file), "--mapping", str(mapping), "--dry-run",
        "--report", str(report),
    )  # fmt: skip
    assert dry.returncode == 1, dry.stderr
    counts = summary_of(dry)
    assert (counts["updated"], counts["unchanged"], counts["rejected"]) == (2, 1, 2)
    assert counts["created"] == 0
    assert table_counts(cli.db_url) == before
    lines = list(load_workbook(report).worksheets[0].iter_rows(values_only=True))
    assert lines[0] == ("行号", "结果", "记录编号", "字段", "规则", "说明")
    by_row = {line[0]: line for line in lines[1:]}
    assert [by_row[n][1] for n in (2, 3, 4, 5, 6)] == ["更新", "更新", "无变化", "拒绝", "拒绝"]
    assert by_row[5][2] is None
    assert "disability_cert_number" in by_row[5][3]
    assert by_row[6][2] == stored(cli.db_url)[other["id_number"]]["record_id"]
    assert "employment_date" in by_row[6][3]
    assert all(by_row[6][5]), "a refused row says why"

    real = cli.command("import-records", str(hr_file), "--mapping", str(mapping))
    assert real.returncode == 1
    assert summary_of(real)["updated"] == 2
    after = stored(cli.db_url)
    assert len(after) == len(base)  # merged by ID number, nobody added twice
    first = after[unemployed[0]["id_number"]]
    assert (first["employment_status"], first["employment_form"]) == (1, 1)
    assert first["employer"] == "人社推荐企业"
    assert first["unemployment_reason"] is None  # ended with the unemployment
    assert first["version"] == 2
    assert after[employed["id_number"]]["employer"] == employed["employer"]
    assert after[employed["id_number"]]["version"] == 1

    counts_after = table_counts(cli.db_url)
    again = cli.command("import-records", str(hr_file), "--mapping", str(mapping))
    assert summary_of(again)["unchanged"] == 3
    assert table_counts(cli.db_url) == counts_after


def test_a_bad_mapping_or_unmapped_header_is_named(cli: CentralProcess, tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    write_table(source, ["姓名", "公民身份号码", "奇怪的列"], [["张三", STRANGER, "x"]])
    mapping = tmp_path / "m.json"
    mapping.write_text(json.dumps({"公民身份号码": "id_number"}), encoding="utf-8")
    done = cli.command("import-records", str(source), "--mapping", str(mapping))
    assert done.returncode == 2
    assert "'奇怪的列' is no field of the record" in done.stderr
    mapping.write_text(json.dumps({"公民身份号码": "idnum"}), encoding="utf-8")
    done = cli.command("import-records", str(source), "--mapping", str(mapping))
    assert done.returncode == 2
    assert "'公民身份号码' -> 'idnum' is no field" in done.stderr
    assert "Traceback" not in done.stderr
