"""validate(): malformed values and unknown keys become findings; it never raises."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.contract import Finding, RuleSet, default_rules, is_complete, validate
from sync.contract.fields import RECORD_FIELDS
from sync.contract.rule_kinds import KINDS
from sync.contract.samples import sample_records
from tests.helpers.contract_records import TODAY, valid_record

# A value of the wrong type for each kind of field.
WRONG: dict[str, list[Any]] = {
    "uuid": [12, "not-a-uuid", "0f8fad5b-d9cb-469f-a165-70867728950"],
    "text": [12, ["x"], True, "长" * 201],
    "code": ["4", 4.0, True],
    "int": ["2021", 2021.5, False],
    "date": ["2024-3-5", "20240305", "2024-02-30", 20240305, "2024-03-05T00:00"],
    "bool": ["true", 1, 0],
    "trainings": [{"year": 2023}, [1], [{"year": "2023"}], [{"when": 2023}], "2023"],
}


@pytest.mark.parametrize(
    ("name", "value"),
    [(f.name, v) for f in RECORD_FIELDS for v in WRONG[f.kind]],
)
def test_a_malformed_value_is_a_format_error_naming_the_field(name: str, value: Any) -> None:
    record = valid_record()
    record[name] = value
    findings = validate(record, today=TODAY)
    assert [f.rule_id for f in findings if f.rule_id.startswith("format.")] == [f"format.{name}"]
    finding = next(f for f in findings if f.rule_id == f"format.{name}")
    assert finding.fields == (name,)
    assert finding.severity == "error"
    assert not is_complete(findings)


def test_a_text_longer_than_its_column_is_refused() -> None:
    record = valid_record()
    record["village"] = "村" * 101
    (finding,) = validate(record, today=TODAY)
    assert finding.rule_id == "format.village"
    assert finding.message == "村/社区应为文字，最多100个字，请修改"


def test_unknown_keys_are_one_error_naming_them() -> None:
    record = valid_record()
    record["remark"] = "x"
    record["备注"] = "y"
    (finding,) = validate(record, today=TODAY)
    assert finding.rule_id == "format.unknown_field"
    assert finding.fields == ("remark", "备注")
    assert "remark、备注" in finding.message


def test_missing_keys_are_missing_values() -> None:
    record = valid_record()
    del record["employer"], record["trainings"], record["graduate"]
    record.update(graduation_year=None, graduate_status=None)
    assert validate(record, today=TODAY) == []
    del record["name"]
    assert [f.rule_id for f in validate(record, today=TODAY)] == ["R-REQ-NAME"]


def test_a_date_object_is_accepted_like_its_iso_form() -> None:
    record = valid_record()
    record["survey_date"] = date(2024, 3, 5)
    assert validate(record, today=TODAY) == []


def test_today_defaults_to_the_local_date() -> None:
    record = valid_record()
    record["survey_date"] = date.today().replace(year=date.today().year + 1).isoformat()
    assert "R-SURVEY-DATE-FUTURE" in {f.rule_id for f in validate(record)}


def test_finding_json_form_round_trips() -> None:
    finding = Finding("R-EMP-FORM", "error", ("employment_form",), "已就业人员请填写就业形式")
    data = finding.to_dict()
    assert data == {
        "rule_id": "R-EMP-FORM",
        "severity": "error",
        "fields": ["employment_form"],
        "message": "已就业人员请填写就业形式",
    }
    assert Finding.from_dict(data) == finding


def test_a_non_mapping_is_an_error_not_an_exception() -> None:
    (finding,) = validate(["not", "a", "record"], today=TODAY)  # type: ignore[arg-type]
    assert finding.rule_id == "format.record"


def test_ten_thousand_sample_records_are_valid() -> None:
    records = sample_records(10_000, seed=7, survey_year=2024)
    errors = [(r["record_id"], f) for r in records for f in validate(r) if f.severity == "error"]
    assert errors == []
    warnings = sum(1 for r in records if validate(r))
    assert 0 < warnings < 2_000  # about one in ten is outside working age, on purpose


junk = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=40)
    | st.sampled_from(["", " ", "2024-03-05", "2024-02-30", "X", "620102", "1", "B1"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.text(max_size=8) | st.sampled_from(["year", "type"]), children, max_size=4
        )
    ),
    max_leaves=12,
)
field_names = st.sampled_from([f.name for f in RECORD_FIELDS])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(field_names | st.text(max_size=10) | st.integers(), junk, max_size=12))
def test_validate_never_raises_on_junk(record: dict[Any, Any]) -> None:
    findings = validate(record, today=TODAY)
    assert all(isinstance(f, Finding) for f in findings)
    assert not is_complete(findings)  # junk never passes as a complete record


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(field_names, junk), min_size=1, max_size=4))
def test_validate_never_raises_on_a_good_record_with_junk_in_it(
    changes: list[tuple[str, Any]],
) -> None:
    record = valid_record()
    for name, value in changes:
        record[name] = value
    findings = validate(record, today=TODAY)
    assert all(isinstance(f, Finding) for f in findings)


@pytest.mark.allow_warning_logs
def test_a_rule_that_crashes_is_an_error_finding_and_a_log(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(ctx: object) -> bool:
        raise RuntimeError("a bug in a rule")

    # A kind whose check crashes stands in for a bug in a rule kind.
    monkeypatch.setitem(KINDS, "exploding", lambda rule, env: explode)
    data = default_rules().to_json()
    data["rules"][0]["kind"] = "exploding"
    rules = RuleSet.from_json(data)
    rule = rules.rules[0]
    with caplog.at_level("ERROR"):
        findings = validate(valid_record(), today=TODAY, rules=rules)
    assert [(f.rule_id, f.severity) for f in findings] == [(rule.id, "error")]
    assert "rule R-REQ-RECORD-ID failed" in caplog.text
    assert valid_record()["name"] not in caplog.text  # never a name in the log
