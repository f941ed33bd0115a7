"""Every rule of the shipped rules file: one record that breaks it, and the valid one that
does not. A rule added to rules.json without a case here fails test_every_rule_has_a_case."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from sync.contract import default_rules, is_complete, validate
from tests.helpers.contract_records import TODAY, id_number, valid_record

Mutation = Callable[[dict[str, Any]], None]


def put(**changes: Any) -> Mutation:
    def mutate(record: dict[str, Any]) -> None:
        record.update(changes)

    return mutate


def put_training(**changes: Any) -> Mutation:
    def mutate(record: dict[str, Any]) -> None:
        record["trainings"] = [
            record["trainings"][0],
            {**record["trainings"][0], **changes},
        ]

    return mutate


def person(born: date, sequence: int = 123) -> Mutation:
    """Another person: ID and certificate numbers consistent with each other."""
    number = id_number(born, sequence)
    return put(id_number=number, disability_cert_number=number + "42")


def minor(record: dict[str, Any]) -> None:
    """A 15-year-old at school: not yet of working age."""
    person(date(2008, 3, 6))(record)
    unemployed(record)
    record.update(unemployment_reason=1, graduate=False, graduation_year=None, graduate_status=None)
    record["trainings"] = []


def unemployed(record: dict[str, Any]) -> None:
    record.update(employment_status=2, employment_form=None, employment_date=None)


def impossible_birth_date(record: dict[str, Any]) -> None:
    body = "62010219990230123"  # 30 February
    number = body + __import__("sync.contract.idcard").contract.idcard.check_digit(body)
    record.update(id_number=number, disability_cert_number=number + "42")


def wrong_check_digit(record: dict[str, Any]) -> None:
    number = record["id_number"]
    last = "0" if number[17] != "0" else "1"
    record.update(id_number=number[:17] + last, disability_cert_number=number[:17] + last + "42")


# rule id -> the ways of breaking it (each must produce that rule, and no other error).
CASES: dict[str, list[Mutation]] = {
    "R-REQ-RECORD-ID": [put(record_id=None), put(record_id="")],
    "R-REQ-NAME": [put(name=None), put(name="   ")],
    "R-REQ-ID": [put(id_number=None)],
    "R-REQ-CERT": [put(disability_cert_number=None)],
    "R-REQ-CATEGORY": [put(disability_category=None)],
    "R-REQ-LEVEL": [put(disability_level=None)],
    "R-REQ-HUKOU": [put(hukou_type=None)],
    "R-REQ-REGION": [put(region_code=None)],
    "R-REQ-EMP-STATUS": [put(employment_status=None)],
    "R-REQ-SURVEY-DATE": [put(survey_date=None), put(survey_date="")],
    "R-NAME-FORMAT": [
        put(name="马小军2"),
        put(name="马小军２"),
        put(name='=HYPERLINK("http://x.cn","点我")'),
        put(name="马\u200b小军"),
        put(name="马小军\u202e"),
        put(name="马小军 "),
    ],
    "R-ID-FORMAT": [
        put(id_number="62010219980520123Y"),
        put(id_number="6201021998052012"),
        put(id_number="62010219980520123x"),
        lambda r: r.update(id_number=r["id_number"][:-1] + chr(ord(r["id_number"][-1]) + 0xFEE0)),
        lambda r: r.update(id_number="٦" + r["id_number"][1:]),
    ],
    "R-ID-CHECK": [wrong_check_digit],
    "R-ID-BIRTH": [impossible_birth_date, person(date(2024, 3, 6))],
    "R-CERT-FORMAT": [
        lambda r: r.update(disability_cert_number=r["id_number"] + "82"),
        lambda r: r.update(disability_cert_number=r["id_number"] + "42B0"),
        lambda r: r.update(disability_cert_number=r["id_number"]),
    ],
    "R-CERT-ID": [
        lambda r: r.update(disability_cert_number=id_number(date(1998, 5, 21)) + "42"),
    ],
    "R-CERT-CATEGORY": [put(disability_category=5)],
    "R-CERT-LEVEL": [put(disability_level=1)],
    "R-REGION": [put(region_code="620100"), put(region_code="620000"), put(region_code="629999")],
    "R-PHONE": [
        put(phone="12345"),
        put(phone="1391234567"),
        put(phone="23912345678"),
        put(phone="1391234567８"),
    ],
    "R-TEXT-VILLAGE": [put(village="五里铺\u200b社区")],
    "R-TEXT-ADDRESS": [put(address="城关区某路1号\u202e"), put(address="城关区\n某路1号")],
    "R-TEXT-EMPLOYER": [put(employer="个体\ufeff经营")],
    "R-TEXT-SCHOOL": [put(graduate_school="兰州\u2066大学")],
    "R-TEXT-MAJOR": [put(graduate_major="会\u00ad计")],
    "R-TEXT-SURVEYOR": [put(surveyor="李\u3164四")],
    "R-CODE-CATEGORY": [put(disability_category=8), put(disability_category=0)],
    "R-CODE-LEVEL": [put(disability_level=5)],
    "R-CODE-HUKOU": [put(hukou_type=3)],
    "R-CODE-EDUCATION": [put(education=8)],
    "R-CODE-EMP-STATUS": [put(employment_status=3)],
    "R-CODE-EMP-FORM": [put(employment_form=8)],
    "R-CODE-UNEMP-REASON": [put(unemployment_reason=8)],
    "R-CODE-GRAD-DEGREE": [put(graduate_degree=5)],
    "R-CODE-GRAD-STATUS": [put(graduate_status=5)],
    "R-TRAIN-COUNT": [lambda r: r.update(trainings=[dict(r["trainings"][0]) for _ in range(21)])],
    "R-TRAIN-TYPE-CODE": [put_training(type=5)],
    "R-TRAIN-PERIOD-CODE": [put_training(period=4)],
    "R-TRAIN-PROVIDER-TEXT": [put_training(provider="县残联\u202e")],
    "R-EMP-FORM": [put(employment_form=None)],
    "R-EMP-DATE": [put(employment_date=None)],
    "R-UNEMP-REASON": [unemployed],
    "R-GRAD-YEAR": [put(graduation_year=None)],
    "R-GRAD-STATUS": [put(graduate_status=None)],
    "R-TRAIN-YEAR": [put_training(year=None)],
    "R-TRAIN-TYPE": [put_training(type=None)],
    "R-GRAD-YEAR-RANGE": [put(graduation_year=1949), put(graduation_year=2025)],
    "R-TRAIN-YEAR-RANGE": [put_training(year=1979), put_training(year=2025)],
    "R-SURVEY-DATE-FUTURE": [put(survey_date=(TODAY + timedelta(days=2)).isoformat())],
    "R-EMP-DATE-AGE": [put(employment_date="2014-05-19")],
    "R-EMP-DATE-ORDER": [put(employment_date="2024-03-06")],
    "R-WORKING-AGE": [
        person(date(1964, 3, 5)),
        minor,
        person(date(1969, 3, 5), 124),
    ],
}

# Cases that, rightly, break a second rule too.
ALSO: dict[str, set[str]] = {}


def ids(findings: list[Any], severity: str | None = None) -> set[str]:
    return {f.rule_id for f in findings if severity is None or f.severity == severity}


def test_the_valid_record_breaks_no_rule() -> None:
    assert validate(valid_record(), today=TODAY) == []


def test_every_rule_has_a_case() -> None:
    assert {r.id for r in default_rules().rules} == set(CASES)


@pytest.mark.parametrize(
    ("rule_id", "number"),
    [(rule_id, n) for rule_id, mutations in CASES.items() for n in range(len(mutations))],
)
def test_a_broken_rule_is_reported_alone(rule_id: str, number: int) -> None:
    record = valid_record()
    CASES[rule_id][number](record)
    findings = validate(record, today=TODAY)
    rule = default_rules().by_id[rule_id]
    found = [f for f in findings if f.rule_id == rule_id]
    assert len(found) == 1, findings
    assert found[0].severity == rule.severity
    assert found[0].fields == rule.fields
    assert found[0].message.startswith(rule.message)
    assert ids(findings) - ALSO.get(rule_id, set()) == {rule_id}
    assert is_complete(findings) is (rule.severity == "warning")


def test_messages_are_chinese_sentences_for_the_worker() -> None:
    for rule in default_rules().rules:
        assert any("\u4e00" <= c <= "\u9fff" for c in rule.message), rule.id
        assert rule.id.startswith("R-")


def test_training_findings_say_which_training() -> None:
    record = valid_record()
    record["trainings"] = [{"year": 2023}, {"year": 2024, "type": 2}, {"year": 2022}]
    findings = [f for f in validate(record, today=TODAY) if f.rule_id == "R-TRAIN-TYPE"]
    assert [f.message for f in findings] == ["填写了培训年度的，请选择培训类型（第1、3条培训）"]


def test_an_invalid_value_gives_one_finding_not_a_cascade() -> None:
    record = valid_record()
    record["id_number"] = "62010219980520123Y"  # the certificate no longer matches either
    assert ids(validate(record, today=TODAY)) == {"R-ID-FORMAT"}


def test_unemployed_and_not_graduate_need_no_employment_or_graduate_fields() -> None:
    record = valid_record()
    unemployed(record)
    record.update(unemployment_reason=4, graduate=False, graduation_year=None, graduate_status=None)
    record["trainings"] = []
    assert validate(record, today=TODAY) == []


@pytest.mark.parametrize(
    "phone", ["13912345678", "0931-1234567", "09311234567", "8123456", "81234567", "0943-12345678"]
)
def test_phone_forms_people_use(phone: str) -> None:
    record = valid_record()
    record["phone"] = phone
    assert validate(record, today=TODAY) == []


def test_a_reissued_certificate_keeps_its_suffix() -> None:
    record = valid_record()
    record["disability_cert_number"] += "B2"
    assert validate(record, today=TODAY) == []


def test_survey_date_tolerates_one_day_of_clock_difference() -> None:
    record = valid_record()
    record["survey_date"] = (TODAY + timedelta(days=1)).isoformat()
    assert "R-SURVEY-DATE-FUTURE" not in ids(validate(record, today=TODAY))


def test_employment_may_begin_on_the_sixteenth_birthday() -> None:
    record = valid_record()
    record["employment_date"] = "2014-05-20"
    assert validate(record, today=TODAY) == []
