"""normalize(): what people type and files hold, to the canonical JSON form."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.contract import normalize, validate
from sync.contract.fields import RECORD_FIELDS
from sync.contract.samples import sample_records
from tests.helpers.contract_records import TODAY, valid_record

SAMPLES = sample_records(200, seed=3)
FULL_WIDTH = {chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)}


def full_width(text: str) -> str:
    return "".join(FULL_WIDTH.get(c, c) for c in text)


def test_the_canonical_form_has_every_field() -> None:
    record = normalize({"name": "张三"})
    assert list(record)[: len(RECORD_FIELDS)] == [f.name for f in RECORD_FIELDS]
    assert record["trainings"] == []
    assert record["poverty_registered"] is False
    assert record["graduate"] is False
    assert record["employment_intention"] is None


def test_a_valid_record_is_left_as_it_is() -> None:
    record = valid_record()
    assert normalize(record) == record


@pytest.mark.parametrize(
    ("field", "typed", "canonical"),
    [
        ("id_number", " 62010219980520123x ", "62010219980520123X"),
        ("id_number", "６２０１０２１９９８０５２０１２３ｘ", "62010219980520123X"),
        ("id_number", "620102 1998 0520 123X", "62010219980520123X"),
        ("disability_cert_number", "62010219980520123x42b1", "62010219980520123X42B1"),
        ("phone", "139 1234 5678", "13912345678"),
        ("phone", "０９３１－１２３４５６７", "0931-1234567"),
        ("phone", "0931—1234567", "0931-1234567"),
        ("phone", 13912345678, "13912345678"),
        ("region_code", 620102, "620102"),
        ("region_code", "620102001000", "620102001"),
        ("region_code", "620102000000", "620102"),
        ("survey_date", "2024-3-5", "2024-03-05"),
        ("survey_date", "2024/03/05", "2024-03-05"),
        ("survey_date", "2024.3.5", "2024-03-05"),
        ("survey_date", "20240305", "2024-03-05"),
        ("survey_date", "2024年3月5日", "2024-03-05"),
        ("survey_date", "２０２４年３月５日", "2024-03-05"),
        ("survey_date", "2024-03-05 00:00:00", "2024-03-05"),
        ("survey_date", date(2024, 3, 5), "2024-03-05"),
        ("survey_date", datetime(2024, 3, 5, 10, 30), "2024-03-05"),
        ("survey_date", "", None),
        ("survey_date", "2024-02-30", "2024-02-30"),  # left for validate to name
        ("disability_category", "1", 1),
        ("disability_category", "１", 1),
        ("disability_category", 1.0, 1),
        ("disability_category", "肢体", 4),
        ("employment_status", "1 已就业", 1),
        ("employment_status", "已就业", 1),
        ("employment_status", "就业了", "就业了"),  # left for validate to name
        ("graduation_year", "2021", 2021),
        ("graduation_year", "2021年", 2021),
        ("graduation_year", 2021.0, 2021),
        ("graduate", "是", True),
        ("graduate", "true", True),
        ("graduate", "1", True),
        ("graduate", 1, True),
        ("graduate", "否", False),
        ("graduate", "false", False),
        ("graduate", "0", False),
        ("graduate", "", False),
        ("graduate", None, False),
        ("employment_intention", "TRUE", True),
        ("employment_intention", None, None),
        ("training_need", "maybe", "maybe"),
        ("name", "  马  小军 ", "马小军"),
        ("name", "阿卜杜拉 艾买提", "阿卜杜拉艾买提"),
        ("name", "Mary  Smith", "Mary Smith"),
        ("address", "城关区\u3000某路  1号 ", "城关区 某路 1号"),
        ("village", "   ", None),
        (
            "record_id",
            " 0F8FAD5B-D9CB-469F-A165-70867728950E ",
            "0f8fad5b-d9cb-469f-a165-70867728950e",
        ),
    ],
)
def test_what_people_type(field: str, typed: Any, canonical: Any) -> None:
    assert normalize({field: typed})[field] == canonical


def test_trainings_are_normalised_element_by_element() -> None:
    record = normalize(
        {"trainings": [{"year": "２０２３", "type": "1", "period": "短期", "provider": " 县残联 "}]}
    )
    assert record["trainings"] == [{"year": 2023, "type": 1, "period": 3, "provider": "县残联"}]


def test_empty_training_rows_are_dropped() -> None:
    record = normalize({"trainings": [{"year": "", "type": None}, {}, {"year": 2023, "type": 1}]})
    assert record["trainings"] == [{"year": 2023, "type": 1, "period": None, "provider": None}]


def test_training_columns_of_a_file_row_become_a_training() -> None:
    row = {
        "name": "张三",
        "training_year": "2023",
        "training_type": "2",
        "training_period": "",
        "training_provider": "县残联",
    }
    record = normalize(row)
    assert record["trainings"] == [{"year": 2023, "type": 2, "period": None, "provider": "县残联"}]
    assert "training_year" not in record
    empty = normalize({"name": "张三", "training_year": "", "training_type": None})
    assert empty["trainings"] == []


def test_chinese_labels_stand_for_the_field_names() -> None:
    record = normalize(
        {
            "姓名": "张三",
            "身份证号": "62010219980520123x",
            "调查日期": "2024/3/5",
            "培训年度": "2023",
        }
    )
    assert record["name"] == "张三"
    assert record["id_number"] == "62010219980520123X"
    assert record["survey_date"] == "2024-03-05"
    assert record["trainings"] == [{"year": 2023, "type": None, "period": None, "provider": None}]


def test_unknown_keys_are_kept_for_validate_to_report() -> None:
    record = normalize({"name": "张三", "备注": "x"})
    assert record["备注"] == "x"


def test_a_normalised_typed_record_validates() -> None:
    typed = {
        **{k: v for k, v in valid_record().items() if k != "trainings"},
        "id_number": valid_record()["id_number"].lower() + " ",
        "disability_category": "４",
        "employment_date": "2022年7月1日",
        "graduate": "是",
        "graduation_year": "2021",
        "training_year": "2023",
        "training_type": "就业技能培训",
    }
    assert validate(normalize(typed), today=TODAY) == []


def as_typed_full_width(record: dict[str, Any]) -> dict[str, Any]:
    """The record as typed on a Chinese keyboard in full-width mode."""
    typed = dict(record)
    for name in (
        "id_number",
        "disability_cert_number",
        "phone",
        "region_code",
        "survey_date",
        "employment_date",
    ):
        if isinstance(typed.get(name), str):
            typed[name] = full_width(typed[name])
    for field in RECORD_FIELDS:
        if field.kind in ("code", "int") and isinstance(typed.get(field.name), int):
            typed[field.name] = full_width(str(typed[field.name]))
    return typed


@given(st.sampled_from(SAMPLES))
def test_full_width_input_equals_half_width(record: dict[str, Any]) -> None:
    assert normalize(as_typed_full_width(record)) == normalize(record) == record


scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.text(alphabet="0123456789０１２３４５６７８９xXｘ -/年月日.:T　", max_size=24)
    | st.dates().map(str)
    | st.dates()
    | st.sampled_from(["是", "否", "已就业", "1 已就业", "２０２３", " ", ""])
)
trainings = st.lists(
    st.dictionaries(
        st.sampled_from(["year", "type", "period", "provider", "x"]), scalars, max_size=4
    ),
    max_size=3,
)
messy_records = st.dictionaries(
    st.sampled_from([f.name for f in RECORD_FIELDS if f.kind != "trainings"])
    | st.sampled_from(["training_year", "training_type", "姓名", "调查日期", "备注"]),
    scalars,
    max_size=12,
).flatmap(lambda d: trainings.map(lambda t: {**d, "trainings": t}) | st.just(d))


@settings(max_examples=400, deadline=None)
@given(messy_records)
def test_normalize_is_idempotent_and_never_raises(raw: dict[str, Any]) -> None:
    once = normalize(raw)
    assert normalize(once) == once
    validate(once, today=TODAY)  # and what comes out never makes validate raise either
