"""Saved column mappings for departmental lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sync.contract.column_mapping import ColumnMapping, list_update, pick

HR = {
    "公民身份号码": "id_number",
    "姓名": "name",
    "就业单位名称": "就业单位",  # a Chinese label works as a target too
    "培训年份": "training_year",
    "序号": None,
}


def test_headers_are_renamed_and_left_out_columns_dropped() -> None:
    mapping = ColumnMapping.from_json(HR)
    header = ["序号", "姓名", "公民身份号码", "就业单位名称", "employment_status", "培训年份"]
    names, kept = mapping.apply(header)
    assert names == ["name", "id_number", "employer", "employment_status", "training_year"]
    assert kept == [1, 2, 3, 4, 5]
    assert mapping.left_out(header) == ["序号"]
    rows = [["1", "张三", "X", "某厂", "1", "2024"], ["2", "李四"]]
    assert list(pick(rows, kept)) == [
        ["张三", "X", "某厂", "1", "2024"],
        ["李四", "", "", "", ""],
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "JSON object"),
        ({}, "JSON object"),
        ({"身份证": "idnumber"}, "'身份证' -> 'idnumber' is no field"),
        ({"身份证": 3}, "no field"),
        ({"a": "name", "b": "姓名"}, "'a' and 'b' both map to name"),
        ({"a": "trainings"}, "no field"),
    ],
)
def test_bad_mappings_are_named(data: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ColumnMapping.from_json(data)


def test_load_from_file(tmp_path: Path) -> None:
    good = tmp_path / "hr.json"
    good.write_text(json.dumps(HR, ensure_ascii=False), encoding="utf-8")
    assert ColumnMapping.load(good).targets["就业单位名称"] == "employer"
    bad = tmp_path / "bad.json"
    bad.write_text("{\n  'x': 1\n}", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad.json is not JSON \(line 2"):
        ColumnMapping.load(bad)
    with pytest.raises(ValueError, match="does not exist"):
        ColumnMapping.load(tmp_path / "missing.json")
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"é": null}'.encode("latin-1"))
    with pytest.raises(ValueError, match="not UTF-8"):
        ColumnMapping.load(latin)


def test_a_list_update_keeps_blanks_and_ends_the_other_status() -> None:
    employed = list_update({"employment_status": 1, "employer": None, "employment_form": 3})
    assert employed == {"employment_status": 1, "employment_form": 3, "unemployment_reason": None}
    unemployed = list_update({"employment_status": 2, "unemployment_reason": 4, "employer": "x"})
    assert unemployed == {
        "employment_status": 2,
        "unemployment_reason": 4,
        "employer": "x",  # what the list says stands; the rules judge it
        "employment_form": None,
        "employment_date": None,
    }
    assert list_update({"phone": None, "address": "新址"}) == {"address": "新址"}
