"""Issue 13, findings 10 and 4 (names): invisible characters, and names that are formulas.

``张\\u200b秀兰``, a trailing space, ``\\u202e`` and a name of only ``\\u200b`` were stored
as sent and escaped duplicate detection; ``=HYPERLINK("http://…","点我")`` passed as a
name. Names are normalised (NFKC, no format or invisible characters, no stray spaces, one
middle dot), bidirectional controls are refused, a name holds only letters (Chinese
characters included) and the middle dot, and duplicates compare normalised names. Other
free text loses invisible characters and refuses bidirectional controls the same way.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.contract import default_rules, normalize, validate
from sync.contract.duplicates import find_duplicates
from sync.contract.hidden_chars import BIDI_CONTROLS, clean_text, is_hidden, is_plain
from sync.contract.idcard import check_digit
from sync.contract.person_names import clean_name, is_person_name
from tests.helpers.accounts import Accounts, running_centre
from tests.helpers.central_records import a_record, pulled, push, rule_ids
from tests.helpers.contract_records import TODAY, valid_record
from tests.helpers.indicator_data import Registry, registry
from tests.helpers.indicator_data import id_number as make_id

FORMULA = '=HYPERLINK("http://x.cn","点我")'  # 30 characters: the longest name


def ids(record: dict[str, Any]) -> list[str]:
    return [f.rule_id for f in validate(record, today=TODAY)]


def named(name: Any, **more: Any) -> dict[str, Any]:
    record = valid_record()
    record.update(name=name, **more)
    return record


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("张\u200b秀兰", "张秀兰"),
        ("张秀兰 ", "张秀兰"),
        ("\u3000张秀兰\u00a0", "张秀兰"),
        ("张\u200c\u200d\u2060\ufeff\u00ad秀兰", "张秀兰"),
        ("张\u3164秀兰", "张秀兰"),  # a Hangul filler: a "letter" nobody sees
        ("张秀\ufe00兰", "张秀兰"),  # a variation selector
        ("张\x00秀\x1b兰", "张秀兰"),
        ("张 秀 兰", "张秀兰"),
        ("ＭＡＲＹ", "MARY"),
        ("Mary \u200b Smith", "Mary Smith"),
        ("阿不都•热合曼", "阿不都·热合曼"),
        ("阿不都・热合曼", "阿不都·热合曼"),
        ("阿不都‧热合曼", "阿不都·热合曼"),
        ("阿不都 · 热合曼", "阿不都·热合曼"),
        ("阿不都··热合曼", "阿不都·热合曼"),
        ("\uf900", "豈"),  # a compatibility ideograph is its unified one
        ("\u200b", None),
        ("\u200b \u3000", None),
    ],
)
def test_names_are_normalised(typed: str, canonical: str | None) -> None:
    assert normalize({"name": typed})["name"] == canonical


@pytest.mark.parametrize(
    "name",
    [
        "张\u200b秀兰",
        "张秀兰 ",
        " 张秀兰",
        "张 秀兰",
        "张三\t",
        "张\u3164秀兰",
        "阿不都•热合曼",
        "ＭＡＲＹ",
        "\uf900",
        "Jose\u0301",
    ],
)
def test_a_name_not_in_its_normal_form_is_refused_as_sent(name: str) -> None:
    # The centre judges a record as sent first: what passes is stored as it is.
    assert ids(named(name)) == ["R-NAME-FORMAT"]
    assert ids(normalize(named(name))) == []


@pytest.mark.parametrize("control", sorted(BIDI_CONTROLS))
def test_bidirectional_controls_in_a_name_are_refused_even_normalised(control: str) -> None:
    record = normalize(named(f"张{control}秀兰"))
    findings = validate(record, today=TODAY)
    assert [(f.rule_id, f.fields) for f in findings] == [("R-NAME-FORMAT", ("name",))]


def test_a_name_of_only_invisible_characters_is_no_name() -> None:
    assert ids(normalize(named("\u200b"))) == ["R-REQ-NAME"]
    assert ids(named("\u200b")) == ["R-NAME-FORMAT"]


@pytest.mark.parametrize(
    "name",
    [
        FORMULA,
        "=1+2",
        "+张三",
        "-张三",
        "@SUM(A1)",
        "张三<script>",
        "张三!",
        "张_三",
        "·张三",
        "张三·",
        "张三²",
        "马小军2",
    ],
)
def test_names_accept_only_letters_and_the_middle_dot(name: str) -> None:
    assert ids(normalize(named(name))) == ["R-NAME-FORMAT"]


@pytest.mark.parametrize(
    "name",
    [
        "马小军",
        "阿不都·热合曼",
        "买买提·吐尔逊·阿不都拉",
        "Mary Smith",
        "José",
        "Nguyễn",
        "王〇",  # 〇 is written in some names
        "𠀋𪚥",  # extension B ideographs
        "Ахмет",
        "ᠪᠠᠲᠤ",  # Mongolian
        "བཀྲ་ཤིས",  # Tibetan, with its syllable mark
        "ئەخمەت",  # Uyghur
        "张" * 30,
    ],
)
def test_names_people_have_pass(name: str) -> None:
    assert ids(named(name)) == []
    assert normalize(named(name))["name"] == name


def test_the_name_message_is_the_field_workers() -> None:
    rule = default_rules().by_id["R-NAME-FORMAT"]
    assert rule.fields == ("name",)
    assert "1到30个字" in rule.message
    assert "数字" in rule.message
    assert "·" in rule.message


@pytest.mark.parametrize(
    ("field", "rule_id"),
    [
        ("village", "R-TEXT-VILLAGE"),
        ("address", "R-TEXT-ADDRESS"),
        ("employer", "R-TEXT-EMPLOYER"),
        ("graduate_school", "R-TEXT-SCHOOL"),
        ("graduate_major", "R-TEXT-MAJOR"),
        ("surveyor", "R-TEXT-SURVEYOR"),
    ],
)
def test_other_free_text_loses_invisible_characters_and_refuses_bidi_controls(
    field: str, rule_id: str
) -> None:
    record = valid_record()
    clean = record[field]
    record[field] = clean[0] + "\u200b\u3164" + clean[1:] + " "
    assert ids(record) == [rule_id]
    assert normalize(record)[field] == clean
    assert ids(normalize(record)) == []
    record[field] = clean + "\u202e"
    findings = validate(normalize(record), today=TODAY)
    assert [(f.rule_id, f.fields) for f in findings] == [(rule_id, (field,))]


def test_training_providers_are_free_text_too() -> None:
    record = valid_record()
    record["trainings"][0]["provider"] = "县\u200b残联"
    assert ids(record) == ["R-TRAIN-PROVIDER-TEXT"]
    assert normalize(record)["trainings"][0]["provider"] == "县残联"
    record["trainings"][0]["provider"] = "县残联\u2066"
    findings = validate(normalize(record), today=TODAY)
    assert [f.message[-7:] for f in findings] == ["（第1条培训）"]


def test_every_format_character_is_hidden_or_a_bidi_control() -> None:
    for code in range(0x110000):
        char = chr(code)
        if unicodedata.category(char) == "Cf":
            assert is_hidden(char) or char in BIDI_CONTROLS, hex(code)
    assert not any(is_hidden(c) for c in BIDI_CONTROLS)
    assert not is_hidden(" ")
    assert not is_hidden("张")


# Duplicate detection compares normalised names.


@pytest.fixture
def reg(database_kind: str, tmp_path: Path) -> Iterator[Registry]:
    with registry(database_kind, tmp_path) as r:
        yield r


def test_duplicates_compare_normalised_names(reg: Registry) -> None:
    born = date(1975, 6, 30)
    # Stored before names were normalised: the same person, twice.
    a = reg.add("620102", name="张秀兰", id_number=make_id(born, male=False))
    b = reg.add("620102001", name="张\u200b秀兰 ", id_number=make_id(born, male=False))
    c = reg.add("620102002", name="张秀兰\u3164", id_number=make_id(born, male=False))
    reg.add("620102", name="张秀芝", id_number=make_id(born, male=False))  # another name
    reg.add("620102", name="\u200b", id_number=make_id(born, male=False))  # no name
    reg.add("620102", name=" ", id_number=make_id(born, male=False))
    with reg.engine.connect() as conn:
        groups = find_duplicates(conn, reg.tables.records, kinds=["name_birth"])
    assert [(g.kind, set(g.record_ids)) for g in groups] == [("name_birth", {a, b, c})]


# End to end: the real centre.


@pytest.fixture(scope="module")
def centre(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Accounts]:
    yield from running_centre("sqlite", tmp_path_factory)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (FORMULA, ["R-NAME-FORMAT"]),
        ("张\u202e秀兰", ["R-NAME-FORMAT"]),
        ("\u200b", ["R-REQ-NAME"]),
    ],
)
def test_centre_refuses_formula_bidi_and_invisible_names(
    centre: Accounts, name: str, expected: list[str]
) -> None:
    record = {**a_record(seed=401), "record_id": str(uuid.uuid4()), "name": name}
    [result] = push(centre, record)
    assert (result["status"], rule_ids(result)) == ("rejected", expected)


def same_birth(record: dict[str, Any]) -> dict[str, Any]:
    """Another record of the person in ``record`` under a mistyped ID number."""
    number = record["id_number"]
    body = number[:14] + f"{(int(number[14:17]) + 2) % 1000:03d}"
    other = body + check_digit(body)
    cert = other + record["disability_cert_number"][18:20]
    return {
        **record,
        "record_id": str(uuid.uuid4()),
        "id_number": other,
        "disability_cert_number": cert,
    }


def test_centre_stores_normalised_names_and_finds_the_duplicate(centre: Accounts) -> None:
    first = {**a_record(seed=402), "name": "张秀兰"}
    second = {**same_birth(first), "name": "张\u200b秀兰 "}
    results = push(centre, first, second)
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    assert pulled(centre, second["record_id"])["name"] == "张秀兰"
    with centre.server.client(centre.county) as client:
        response = client.get("/spot-checks/duplicates")
    assert response.status_code == 200, response.text
    groups = [
        {r["record_id"] for r in g["records"]}
        for g in response.json()["groups"]
        if g["kind"] == "name_birth"
    ]
    assert {first["record_id"], second["record_id"]} in groups


def test_nfkc_makes_no_hidden_character_or_bidi_control() -> None:
    # What sync.contract.hidden_chars.visible_nfkc relies on to remove them before NFKC.
    for code in range(0x110000):
        char = chr(code)
        if is_hidden(char) or char in BIDI_CONTROLS:
            continue
        folded = unicodedata.normalize("NFKC", char)
        if folded != char:
            assert not any(is_hidden(c) or c in BIDI_CONTROLS for c in folded), hex(code)


_TEXT = st.text(
    alphabet=st.characters(codec="utf-8")
    | st.sampled_from([*BIDI_CONTROLS, "\u200b", "\u3164", "·", "•", " ", "\u3000", "\u0301"]),
    max_size=30,
)


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_cleaning_is_idempotent_and_a_valid_name_is_its_own_stored_form(text: str) -> None:
    name = clean_name(text)
    assert clean_name(name) == name
    assert clean_text(clean_text(text)) == clean_text(text)
    assert is_plain(clean_text(text)) or any(c in BIDI_CONTROLS for c in text)
    if is_person_name(text):
        assert clean_name(text) == text
        assert is_plain(text)
