"""Issue 13, finding 3: ID numbers in non-ASCII digits.

``\\d`` matches every script's digits, and the check-digit and birth-date rules skipped a
number that was not ASCII: ``62010219991340482２`` (month 13, day 40) was accepted, and one
person was registered twice (the last digit full-width, a zero-width space in the name).
Every digit class folds to ASCII in the normaliser, what is left non-ASCII is an error,
and the rules judge the number's shape, never skip it.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from sync.contract import RuleSet, normalize, validate
from sync.contract.certificate import parse_certificate
from sync.contract.idcard import check_digit
from sync.contract.regions import RegionTree
from sync.contract.resource_files import read_resource_text
from tests.helpers.accounts import KINDS, Accounts, running_centre
from tests.helpers.central_records import a_record, pulled, push, rule_ids
from tests.helpers.contract_records import TODAY, id_number, valid_record

MONTH_13 = "62010219991340482"  # born 1999-13-40
ASCII_DIGITS = "0123456789"


def zeros() -> list[str]:
    """The digit zero of every script Unicode has decimal digits for."""
    return [
        chr(c)
        for c in range(0x110000)
        if unicodedata.category(chr(c)) == "Nd" and unicodedata.decimal(chr(c)) == 0
    ]


def in_script(text: str, zero: str) -> str:
    """``text`` with its ASCII digits written in the script whose zero is ``zero``."""
    return text.translate({ord(d): chr(ord(zero) + int(d)) for d in ASCII_DIGITS})


def person(number: str) -> dict[str, Any]:
    """The valid record with another ID number (its certificate number left well-formed)."""
    record = valid_record()
    record["id_number"] = number
    return record


def ids(record: dict[str, Any]) -> list[str]:
    return [f.rule_id for f in validate(record, today=TODAY)]


def test_month_13_with_a_full_width_check_digit_is_refused() -> None:
    number = MONTH_13 + chr(ord(check_digit(MONTH_13)) + 0xFEE0)  # 62010219991340482２
    record = valid_record()
    record.update(id_number=number, disability_cert_number=MONTH_13 + check_digit(MONTH_13) + "42")
    assert ids(record) == ["R-ID-FORMAT"]
    # Normalised: ASCII, and its birth date does not exist.
    assert normalize(record)["id_number"] == MONTH_13 + check_digit(MONTH_13)
    assert ids(normalize(record)) == ["R-ID-BIRTH"]


@pytest.mark.parametrize("zero", ["０", "٠", "۰", "०", "০", "၀", "᠐", "𝟎", "𝟘"])
def test_a_number_in_any_digits_is_a_format_error_as_sent(zero: str) -> None:
    number = id_number(date(1998, 5, 20))
    foreign = in_script(number[:-1], zero) + number[-1]
    assert ids(person(foreign)) == ["R-ID-FORMAT"]


def test_every_unicode_digit_class_folds_to_ascii() -> None:
    number = id_number(date(1998, 5, 20))
    scripts = zeros()
    assert len(scripts) > 50
    for zero in scripts:
        typed = in_script(number, zero)
        record = normalize({"id_number": typed, "disability_cert_number": typed + "42"})
        assert record["id_number"] == number, hex(ord(zero))
        assert record["disability_cert_number"] == number + "42", hex(ord(zero))
        assert record["id_number"].isascii()


def test_what_is_left_non_ascii_after_normalising_is_an_error() -> None:
    number = id_number(date(1998, 5, 20))
    for odd in ("〇", "一", "\u202e", "\u3164", "a"):
        record = normalize(person(number[:-1] + odd))
        assert ids(record) == ["R-ID-FORMAT"], odd
    for longer in ("½", "Ⅻ"):  # NFKC: 1⁄2, XII
        record = normalize(person(number[:-1] + longer))
        assert ids(record) == ["format.id_number"], longer


def shipped_without(*rule_ids_: str) -> RuleSet:
    data = json.loads(read_resource_text("rules/rules.json"))
    data["rules"] = [r for r in data["rules"] if r["id"] not in rule_ids_]
    return RuleSet.from_json(data)


def test_check_digit_and_birth_date_rules_refuse_a_malformed_number_rather_than_skip() -> None:
    # Rules served by another centre may lack R-ID-FORMAT: the other ID rules still refuse.
    number = MONTH_13 + "２"
    record = person(number)
    without_format = shipped_without("R-ID-FORMAT")
    assert [f.rule_id for f in validate(record, today=TODAY, rules=without_format)] == [
        "R-ID-CHECK"
    ]
    only_birth = shipped_without("R-ID-FORMAT", "R-ID-CHECK")
    assert [f.rule_id for f in validate(record, today=TODAY, rules=only_birth)] == ["R-ID-BIRTH"]


def test_a_rules_file_pattern_written_with_backslash_d_still_means_ascii_digits() -> None:
    data = json.loads(read_resource_text("rules/rules.json"))
    rule = next(r for r in data["rules"] if r["id"] == "R-ID-FORMAT")
    rule["regex"] = "\\d{17}[\\dX]"  # as rules 2024.1 wrote it
    rules = RuleSet.from_json(data)
    number = id_number(date(1998, 5, 20))
    foreign = in_script(number, "٠")
    assert [f.rule_id for f in validate(person(foreign), today=TODAY, rules=rules)] == [
        "R-ID-FORMAT"
    ]


def test_certificate_and_phone_in_other_digits_are_refused_as_sent() -> None:
    record = valid_record()
    record["disability_cert_number"] = record["id_number"] + "４２"
    assert ids(record) == ["R-CERT-FORMAT"]
    assert parse_certificate(record["disability_cert_number"]) is None
    assert ids(normalize(record)) == []
    record = valid_record()
    record["phone"] = in_script("13912345678", "٠")
    assert ids(record) == ["R-PHONE"]
    assert normalize(record)["phone"] == "13912345678"


def test_region_codes_and_dates_in_other_digits_fold_to_ascii() -> None:
    record = normalize(
        {"region_code": in_script("620102001000", "٠"), "survey_date": in_script("2024-03-05", "०")}
    )
    assert (record["region_code"], record["survey_date"]) == ("620102001", "2024-03-05")
    typed = valid_record()
    typed["survey_date"] = in_script("2024-03-05", "٠")
    assert ids(typed) == ["format.survey_date"]


def test_a_region_list_refuses_codes_in_other_digits() -> None:
    with pytest.raises(ValueError, match="is not a county code"):
        RegionTree.from_csv_text(
            "code,name,short_name,parent_code,level\n"
            f"620000,甘肃省,甘肃,,province\n{in_script('620102', '٠')},城关区,,620000,county\n"
        )


# End to end: the real centre.


@pytest.fixture(scope="module", params=KINDS)
def centre(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Accounts]:
    yield from running_centre(request.param, tmp_path_factory)


def test_centre_refuses_a_person_registered_twice_with_a_full_width_digit(
    centre: Accounts,
) -> None:
    first = a_record(seed=301)
    [accepted] = push(centre, first)
    assert accepted["status"] == "accepted"
    number = first["id_number"]
    twin = {
        **first,
        "record_id": a_record(seed=302)["record_id"],
        "name": first["name"][0] + "\u200b" + first["name"][1:],
        "id_number": number[:-1] + chr(ord(number[-1]) + 0xFEE0),
    }
    # The certificate number repeats the ID number, as typed.
    twin["disability_cert_number"] = twin["id_number"] + first["disability_cert_number"][18:]
    [result] = push(centre, twin)
    assert (result["status"], rule_ids(result)) == ("conflict", ["central.duplicate_person"])
    assert result["server_record"]["record_id"] == first["record_id"]


def test_centre_refuses_month_13_and_stores_numbers_in_ascii(centre: Accounts) -> None:
    record = a_record(seed=303)
    typed_number = MONTH_13 + chr(ord(check_digit(MONTH_13)) + 0xFEE0)
    record.update(
        id_number=typed_number,
        disability_cert_number=typed_number + record["disability_cert_number"][18:20],
    )
    [result] = push(centre, record)
    assert (result["status"], rule_ids(result)) == ("rejected", ["R-ID-BIRTH"])
    good = a_record(seed=304)
    typed = {
        **good,
        "id_number": in_script(good["id_number"], "０"),
        "disability_cert_number": in_script(good["disability_cert_number"], "０"),
    }
    [accepted] = push(centre, typed)
    assert accepted["status"] == "accepted"
    assert pulled(centre, good["record_id"])["id_number"] == good["id_number"]
