"""Reading and writing record files: headers in either language, trainings folded per person."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.contract.records_io import (
    EXPORT_COLUMNS,
    UnusableFileError,
    fold_training,
    read_records,
    write_records,
)
from sync.contract.samples import sample_records


def test_export_then_read_gives_the_same_records(tmp_path: Path) -> None:
    records = sample_records(20, seed=3)
    records[0]["trainings"] = [
        {"year": 2023, "type": 1, "period": 3, "provider": "甲"},
        {"year": 2024, "type": 2, "period": 2, "provider": "乙"},
    ]
    for suffix in ("csv", "xlsx"):
        path = tmp_path / f"out.{suffix}"
        rows = write_records(path, records)
        assert rows == sum(max(1, len(r["trainings"])) for r in records)
        back = {p.record["record_id"]: p for p in read_records(path)}
        expected = {r["record_id"]: r for r in records}
        assert {rid: p.record for rid, p in back.items()} == expected
        assert back[records[0]["record_id"]].rows == [2, 3]


def test_chinese_headers_bom_and_training_rows_of_one_person(tmp_path: Path) -> None:
    record = sample_records(1, seed=5)[0]
    header = "姓名,身份证号,残疾人证号,培训年度,培训类型,培训期限,培训主体"
    line = f"{record['name']},{record['id_number'].lower()},{record['disability_cert_number']}"
    path = tmp_path / "list.csv"
    path.write_text(
        "\ufeff"
        + header
        + "\n"
        + line
        + ",2024,1,3,甲\n"
        + line
        + ",2024,1,2,乙\n"
        + line
        + ",2023,4,3,丙\n\n",
        encoding="utf-8",
    )
    [person] = read_records(path)
    assert person.record["id_number"] == record["id_number"]  # x folded to X
    assert person.record["record_id"] is None  # the importer finds or makes the id
    assert person.record["trainings"] == [
        {"year": 2024, "type": 1, "period": 2, "provider": "乙"},  # same year and type: replaced
        {"year": 2023, "type": 4, "period": 3, "provider": "丙"},
    ]
    assert person.rows == [2, 3, 4]
    assert "name" in person.columns
    assert "survey_date" not in person.columns


def test_fold_training_adds_or_replaces() -> None:
    one = {"year": 2024, "type": 1, "period": 3, "provider": "a"}
    assert fold_training([one], {**one, "provider": "b"}) == [{**one, "provider": "b"}]
    assert len(fold_training([one], {**one, "type": 2})) == 2


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.txt", b"x", "only .csv and .xlsx"),
        ("b.csv", b"\xff\xfe\x00bad", "not UTF-8"),
        ("c.csv", b"", "empty"),
        ("d.xlsx", b"not a zip", "not a readable XLSX"),
    ],
)
def test_unusable_files_are_named(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(UnusableFileError, match=message):
        read_records(path)


def test_missing_file_and_export_columns() -> None:
    with pytest.raises(UnusableFileError, match="no such file"):
        read_records(Path("/nonexistent/file.csv"))
    assert EXPORT_COLUMNS[-4:] == (
        "training_year",
        "training_type",
        "training_period",
        "training_provider",
    )
