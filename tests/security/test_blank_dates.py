"""Issue 13, finding 2 (the contract's part): blank text in a date field.

``employment_date: " "`` passed validation as "no value" and was stored as ``' '`` in a
DATE column; every pull that held it answered 500. Blank text in a date field (or in a
training's year) normalises to None; as sent, it is a format error, so a centre that
judges a record as sent never takes the blank for a value; and the row of a record never
carries it into a DATE column.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from sync.contract import normalize, validate
from sync.contract.fields import RECORD_FIELDS
from sync.contract.rows import record_to_row
from tests.helpers.accounts import KINDS, Accounts, running_centre
from tests.helpers.central_records import a_record, pulled, push, rule_ids
from tests.helpers.contract_records import TODAY, valid_record

DATE_FIELDS = [f.name for f in RECORD_FIELDS if f.kind == "date"]
BLANKS = [" ", "  ", "\u3000", "\t", "\n", "\u00a0", "\u200b", " \u200b\u3000 ", "\ufeff"]


def unemployed() -> dict[str, Any]:
    record = valid_record()
    record.update(employment_status=2, employment_form=None, employment_date=None)
    record.update(unemployment_reason=4, employer=None)
    return record


def test_the_date_fields_are_known() -> None:
    assert DATE_FIELDS == ["employment_date", "survey_date"]


@pytest.mark.parametrize("field", DATE_FIELDS)
@pytest.mark.parametrize("blank", BLANKS)
def test_blank_dates_normalise_to_no_value(field: str, blank: str) -> None:
    assert normalize({field: blank})[field] is None


@pytest.mark.parametrize("blank", BLANKS)
def test_a_blank_training_year_normalises_to_no_value(blank: str) -> None:
    record = normalize({"trainings": [{"year": blank, "type": 1}]})
    assert record["trainings"] == [{"year": None, "type": 1, "period": None, "provider": None}]
    record = normalize({"training_year": blank, "training_type": blank})
    assert record["trainings"] == []


@pytest.mark.parametrize("blank", BLANKS)
def test_a_blank_date_as_sent_is_a_format_error(blank: str) -> None:
    record = unemployed()
    record["employment_date"] = blank
    assert [f.rule_id for f in validate(record, today=TODAY)] == ["format.employment_date"]
    assert validate(normalize(record), today=TODAY) == []
    record = valid_record()
    record["survey_date"] = blank
    assert [f.rule_id for f in validate(record, today=TODAY)] == ["format.survey_date"]
    assert [f.rule_id for f in validate(normalize(record), today=TODAY)] == ["R-REQ-SURVEY-DATE"]


def test_an_empty_string_stays_no_value_as_sent() -> None:
    record = unemployed()
    record["employment_date"] = ""
    assert validate(record, today=TODAY) == []


def test_a_blank_training_year_as_sent_is_a_format_error() -> None:
    record = valid_record()
    record["trainings"][0]["year"] = " "
    assert [f.rule_id for f in validate(record, today=TODAY)] == ["format.trainings"]


@pytest.mark.parametrize("blank", ["", " ", "\u3000", "\t"])
def test_a_row_never_carries_blank_text_into_a_date_column(blank: str) -> None:
    record = unemployed()
    record["employment_date"] = blank
    assert record_to_row(record)["employment_date"] is None


# End to end: the real centre, on SQLite and PostgreSQL.


@pytest.fixture(scope="module", params=KINDS)
def centre(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Accounts]:
    yield from running_centre(request.param, tmp_path_factory)


def test_centre_takes_a_blank_date_as_no_value_and_pulls_still_answer(centre: Accounts) -> None:
    record = a_record(seed=601)
    record.update(employment_status=2, employment_form=None, employment_date=" ")
    record.update(unemployment_reason=4, employer=None)
    [result] = push(centre, record)
    assert result["status"] == "accepted", result
    assert pulled(centre, record["record_id"])["employment_date"] is None
    blank_survey = {**a_record(seed=602), "record_id": str(uuid.uuid4()), "survey_date": "\u3000"}
    [refused] = push(centre, blank_survey)
    assert (refused["status"], rule_ids(refused)) == ("rejected", ["R-REQ-SURVEY-DATE"])
