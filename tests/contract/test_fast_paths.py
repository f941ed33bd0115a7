"""The hot paths of normalize() and validate() answer exactly as the general paths do.

normalize() has a loop for records keyed by field names alone (what clients send), the text
and name cleaners return plain text untouched, and the rules program writes the commonest
rules out inline (sync.contract.rule_program). Each is compared here with the general path
it stands for, on the sample records, on hostile text (hidden characters, bidirectional
controls, odd white space, full-width and other scripts' digits, look-alike dots) and on
generated records.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sync.contract import default_rules, normalize, validate
from sync.contract.fields import RECORD_FIELDS, TRAINING_FIELDS
from sync.contract.hidden_chars import BIDI_CONTROLS, clean_text, remove_hidden, visible_nfkc
from sync.contract.normalization import normalize_any
from sync.contract.person_names import clean_name
from sync.contract.rules import RuleSet
from sync.contract.samples import sample_records

TODAY = date(2024, 12, 31)
SAMPLES = sample_records(300, seed=3)
_FIELD_NAMES = [f.name for f in RECORD_FIELDS]

HOSTILE = [
    *sorted(BIDI_CONTROLS),
    "\u200b",
    "\u3164",
    "\ufeff",
    "\u00ad",
    "\x00",
    "\x1b",
    "\x85",
    "\t",
    "\n",
    "\u2028",
    "\u3000",
    "\u00a0",
    " ",
    "·",
    "•",
    "・",
    "\u0301",
    "\uf900",
    "豈",
    "张",
    "A",
    "ｘ",
    "１",
    "٢",
    "-",
    "—",
    "=",
    "X",
    "0",
]
_TEXT = st.text(st.sampled_from(HOSTILE) | st.characters(), max_size=12)
_VALUES = (
    st.none()
    | st.booleans()
    | st.integers(-5, 10**18)
    | st.floats(allow_nan=False)
    | _TEXT
    | st.dates().map(str)
    | st.sampled_from(["是", "否", "已就业", "1 已就业", "２０２３", " ", "", "620102000000"])
)
_TRAININGS = st.lists(
    st.dictionaries(st.sampled_from([f.name for f in TRAINING_FIELDS] + ["x"]), _VALUES),
    max_size=3,
)


def _general_clean_text(text: str) -> str:
    """clean_text as it reads without its fast path."""
    return re.sub(r"\s+", " ", remove_hidden(text)).strip()


_DOTS = str.maketrans(
    dict.fromkeys("\u0387\u16eb\u2022\u2027\u2219\u22c5\u2e31\u30fb\ua78f\uff65", "·")
)
_HAN = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"


def _general_clean_name(text: str) -> str:
    """clean_name as it reads without its fast path."""
    if not (text.isascii() and text.isprintable()):
        text = visible_nfkc(text).translate(_DOTS)
    text = re.sub(r"\s+", " ", text).strip()
    if " " in text:
        text = re.sub(f" (?=[{_HAN}·])|(?<=[{_HAN}·]) ", "", text)
    if "·" in text:
        text = re.sub("·{2,}", "·", text)
    return text


_GENERAL_RULES = RuleSet.from_json(default_rules().to_json(), inline=False)


def _same_validation(record: Any) -> None:
    assert validate(record, today=TODAY) == validate(record, today=TODAY, rules=_GENERAL_RULES)


def test_field_name_records_normalise_as_by_the_general_path() -> None:
    for record in SAMPLES:
        assert normalize(record) == normalize_any(record)
        assert list(normalize(record)) == list(normalize_any(record))


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.sampled_from(_FIELD_NAMES), _VALUES | _TRAININGS),
    st.sampled_from(SAMPLES),
)
def test_generated_records_normalise_as_by_the_general_path(
    changes: dict[str, Any], sample: dict[str, Any]
) -> None:
    for record in (changes, {**sample, **changes}):
        fast, general = normalize(record), normalize_any(record)
        assert fast == general
        assert list(fast) == list(general)
        assert [type(v) for v in fast.values()] == [type(v) for v in general.values()]


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_text_and_names_clean_as_by_the_general_path(text: str) -> None:
    assert clean_text(text) == _general_clean_text(text)
    assert clean_name(text) == _general_clean_name(text)


def test_hostile_characters_clean_as_by_the_general_path() -> None:
    for char in HOSTILE:
        for text in (
            char,
            f"张{char}三",
            f"{char}张三",
            f"张三{char}",
            f"ab{char}{char}c",
            f"a {char}",
        ):
            assert clean_text(text) == _general_clean_text(text)
            assert clean_name(text) == _general_clean_name(text)
    plain = "甘肃省兰州市城关区东岗街道幸福路12号"
    assert clean_text(plain) is plain
    assert unicodedata.is_normalized("NFKC", plain)


def test_inline_rules_answer_as_their_checks_on_samples() -> None:
    for record in SAMPLES:
        _same_validation(record)
        _same_validation(normalize(record))


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(st.sampled_from([*_FIELD_NAMES, "x"]), _VALUES | _TRAININGS),
    st.sampled_from(SAMPLES),
)
def test_inline_rules_answer_as_their_checks_on_generated_records(
    changes: dict[str, Any], sample: dict[str, Any]
) -> None:
    for record in (changes, {**sample, **changes}):
        _same_validation(record)
        _same_validation(normalize(record))


def _uuid_takes(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


_UUID_CHARS = "0123456789abcdefABCDEF-{}urn:uid_ x\u0661\uff11"


@settings(max_examples=500, deadline=None)
@given(
    st.uuids().map(str),
    st.lists(st.tuples(st.integers(0, 35), st.sampled_from(_UUID_CHARS)), max_size=3),
    st.sampled_from(["", "{", "}", "urn:uuid:", "-"]),
    st.booleans(),
)
def test_record_ids_are_judged_as_uuid_judges_them(
    text: str, changes: list[tuple[int, str]], affix: str, upper: bool
) -> None:
    for at, char in changes:
        text = text[:at] + char + text[at + 1 :]
    text = (affix + text) if upper else (text + affix)
    for value in (text, text.upper(), text[:36], text[-36:]):
        ok = len(value) == 36 and _uuid_takes(value)
        findings = validate({"record_id": value}, today=TODAY)
        assert ("format.record_id" not in {f.rule_id for f in findings}) is ok, value
