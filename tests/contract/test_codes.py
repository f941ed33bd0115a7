"""Code lists and certificate numbers."""

from __future__ import annotations

from sync.contract.certificate import Certificate, certificate_number, parse_certificate
from sync.contract.codes import code_lists, codes_of, label
from sync.contract.fields import RECORD_FIELDS, TRAINING_FIELDS


def test_every_code_field_has_its_list() -> None:
    lists = code_lists()
    for field in (*RECORD_FIELDS, *TRAINING_FIELDS):
        if field.kind == "code":
            assert field.code_list in lists, field.name
    assert lists["employment_form"][7] == "灵活就业"
    assert codes_of("disability_level") == frozenset({1, 2, 3, 4})
    assert codes_of("nothing") == frozenset()


def test_code_lists_are_a_copy() -> None:
    code_lists()["hukou_type"][9] = "x"
    assert 9 not in code_lists()["hukou_type"]


def test_labels() -> None:
    assert label("disability_category", 4) == "肢体"
    assert label("disability_category", 9) is None
    assert label("disability_category", True) is None
    assert label("no such list", 1) is None


def test_certificate_numbers() -> None:
    number = certificate_number("11010519491231002X", 4, 2)
    assert number == "11010519491231002X42"
    assert parse_certificate(number) == Certificate("11010519491231002X", 4, 2, None)
    assert parse_certificate(number + "B3") == Certificate("11010519491231002X", 4, 2, "B3")
    for bad in (None, 42, "", number[:-1], number + "B0", number + "C1", "11010519491231002X82"):
        assert parse_certificate(bad) is None
