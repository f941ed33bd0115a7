"""import-records and export-records through the real command line."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from sync.central.tabular import write_table
from sync.contract.fields import RECORD_FIELDS, TRAINING_COLUMNS, TRAINING_FIELDS
from tests.helpers.central import CentralProcess
from tests.helpers.central_records import csv_rows, records_in, table_counts

_LABELS = {f.name: f.label for f in RECORD_FIELDS}
_LABELS.update(
    {
        col: next(f.label for f in TRAINING_FIELDS if f.name == key)
        for col, key in TRAINING_COLUMNS.items()
    }
)


@pytest.fixture
def cli(tmp_path: Path, central_db_url: str) -> CentralProcess:
    """The command line against a fresh database (no server running)."""
    data = tmp_path / "cli"
    data.mkdir()
    return CentralProcess(central_db_url, data)


@pytest.fixture
def cli_sqlite(tmp_path: Path) -> CentralProcess:
    """The command line against a fresh SQLite file, for checks that never reach a database."""
    data = tmp_path / "cli"
    data.mkdir()
    return CentralProcess(f"sqlite:///{data / 'c.sqlite3'}", data)


def _summary(result: Any) -> dict[str, Any]:
    lines = result.stdout.strip().splitlines()
    assert lines, result.stderr
    summary: dict[str, Any] = json.loads(lines[-1])
    return summary


def test_import_is_idempotent_and_export_round_trips(cli: CentralProcess, tmp_path: Path) -> None:
    records = records_in(["620102001", "620201001", "620302001"], 60, seed=60)
    header, rows = csv_rows(records)
    source = tmp_path / "in.csv"
    write_table(source, header, rows)  # UTF-8 with BOM
    first = cli.command("import-records", str(source))
    assert first.returncode == 0, first.stderr
    assert _summary(first)["accepted"] == len(rows)
    assert _summary(first)["created"] == 60
    counts = table_counts(cli.db_url)
    again = cli.command("import-records", str(source))
    assert again.returncode == 0
    assert _summary(again)["unchanged"] == len(rows)
    assert table_counts(cli.db_url) == counts
    out = tmp_path / "out.xlsx"
    exported = cli.command("export-records", str(out), "--region", "620100")
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["records"] == sum(
        r["region_code"].startswith("6201") for r in records
    )
    back = cli.command("import-records", str(out))
    exported_rows = sum(
        max(1, len(r.get("trainings") or []))
        for r in records
        if r["region_code"].startswith("6201")
    )
    assert _summary(back)["unchanged"] == _summary(back)["rows"] == exported_rows
    assert table_counts(cli.db_url) == counts


def test_chinese_headers_without_bom_and_training_rows_merge(
    cli: CentralProcess, tmp_path: Path
) -> None:
    [record] = records_in(["620102001"], 1, seed=61)
    header, rows = csv_rows([{**record, "trainings": []}])
    labels = [_LABELS[h] for h in header]
    base = rows[0][: len(header) - 4]
    trainings = [[2023, 1, 3, "县残联"], [2024, 2, 2, "技校"], [2023, 1, 1, "改了期限"]]
    path = tmp_path / "zh.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(labels)
        for training in trainings[:2]:
            writer.writerow(base + training)
    assert cli.command("import-records", str(path)).returncode == 0
    update = tmp_path / "update.csv"
    with update.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(labels)
        writer.writerow(base + trainings[2])
    result = cli.command("import-records", str(update))
    assert _summary(result)["updated"] == 1
    export = tmp_path / "out.csv"
    cli.command("export-records", str(export))
    with export.open(encoding="utf-8-sig") as handle:
        exported = list(csv.DictReader(handle))
    got = sorted(
        (r["training_year"], r["training_type"], r["training_period"], r["training_provider"])
        for r in exported
    )
    assert got == [("2023", "1", "1", "改了期限"), ("2024", "2", "2", "技校")]


def test_rejected_rows_are_reported_with_row_field_and_rule(
    cli: CentralProcess, tmp_path: Path
) -> None:
    records = records_in(["620102001"], 3, seed=62)
    header, rows = csv_rows(records)
    rows[1][header.index("id_number")] = "12345"
    rows[2][header.index("survey_date")] = "2999-01-01"
    xlsx = tmp_path / "in.xlsx"
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(xlsx)
    report = tmp_path / "report.csv"
    dry = cli.command("import-records", str(xlsx), "--dry-run", "--report", str(report))
    assert dry.returncode == 1, dry.stderr
    assert _summary(dry)["rejected"] == 2
    assert _summary(dry)["dry_run"] is True
    assert table_counts(cli.db_url)["records"] == 0
    with report.open(encoding="utf-8-sig") as handle:
        found = list(csv.DictReader(handle))
    assert {(r["row"], r["field"]) for r in found} >= {("3", "id_number"), ("4", "survey_date")}
    assert all(r["rule_id"] and r["message"] for r in found)
    real = cli.command("import-records", str(xlsx), "--report", str(tmp_path / "r.json"))
    assert real.returncode == 1
    assert _summary(real)["accepted"] == 1
    assert table_counts(cli.db_url)["records"] == 1
    rows_json = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert {r["row"] for r in rows_json} == {3, 4}


@pytest.mark.parametrize(
    ("content", "name", "mentions"),
    [
        (b"", "empty.csv", "empty"),
        (b"\xff\xfe\xfa not utf-8", "bad.csv", "UTF-8"),
        (b"name,id_number,favourite_colour\n", "extra.csv", "favourite_colour"),
        (b"name,address\n", "noid.csv", "id_number"),
        (b"not a zip", "broken.xlsx", "XLSX"),
        (b"a,b", "notes.txt", ".csv"),
    ],
)
def test_unusable_files_exit_2_with_a_message(
    cli_sqlite: CentralProcess, tmp_path: Path, content: bytes, name: str, mentions: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = cli_sqlite.command("import-records", str(path))
    assert result.returncode == 2
    assert mentions in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_cli_input_is_a_message_not_a_traceback(
    cli_sqlite: CentralProcess, tmp_path: Path
) -> None:
    cli = cli_sqlite
    bad_region = cli.create_user_command("u1", "worker", "999999", "long-enough-pw")
    assert bad_region.returncode == 2
    assert "region" in bad_region.stderr
    ok = cli.create_user_command("u1", "worker", "620102", "long-enough-pw")
    assert ok.returncode == 0, ok.stderr
    twice = cli.create_user_command("u1", "worker", "620102", "long-enough-pw")
    assert twice.returncode == 2
    assert "已存在" in twice.stderr
    export = cli.command("export-records", str(tmp_path / "x.csv"), "--region", "12")
    assert export.returncode == 2
    assert "--region" in export.stderr
    no_db = CentralProcess("sqlite:////nonexistent/dir/x.sqlite3", tmp_path).command("init-db")
    assert no_db.returncode == 2
    assert "Traceback" not in no_db.stderr
    for result in (bad_region, twice, export, no_db):
        assert "Traceback" not in result.stderr


def test_commands_print_migration_lines_only_when_asked(cli_sqlite: CentralProcess) -> None:
    quiet = cli_sqlite.command("init-db")
    assert quiet.returncode == 0, quiet.stderr
    assert "alembic" not in quiet.stderr
    again = cli_sqlite.command("-v", "init-db")
    assert again.returncode == 0, again.stderr
    assert "INFO alembic.runtime.migration" in again.stderr
