"""ID numbers (GB 11643): the check digit, birth date, gender and working age."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.contract.idcard import (
    age_on,
    anniversary,
    birth_date,
    check_digit,
    gender,
    is_valid_id_number,
    is_working_age,
)

CHECK_CHARS = "0123456789X"
bodies = st.text(alphabet="0123456789", min_size=17, max_size=17)


def make_id(area: str, born: date, sequence: int) -> str:
    body = f"{area}{born:%Y%m%d}{sequence:03d}"
    return body + check_digit(body)


def test_check_digit_of_the_standard_example() -> None:
    # The worked example of GB 11643-1999 appendix: 11010519491231002X.
    assert check_digit("11010519491231002") == "X"
    assert is_valid_id_number("11010519491231002X")
    assert not is_valid_id_number("11010519491231002x")  # normalize upper-cases it first


@given(bodies)
def test_every_body_has_exactly_one_valid_last_character(body: str) -> None:
    # Only the shape and check digit matter here, so use a body with a real birth date.
    body = body[:6] + "19800101" + body[14:]
    valid = [c for c in CHECK_CHARS if is_valid_id_number(body + c)]
    assert valid == [check_digit(body)]


@given(bodies, st.integers(min_value=0, max_value=17), st.sampled_from(CHECK_CHARS))
def test_any_single_character_change_is_caught(body: str, position: int, new: str) -> None:
    number = body + check_digit(body)
    if number[position] == new or (position < 17 and new == "X"):
        return  # not a change, or not a digit where digits belong (caught by shape)
    changed = number[:position] + new + number[position + 1 :]
    assert check_digit(changed[:17]) != changed[17]


@pytest.mark.parametrize("bad", ["", "123", "1101051949123100", "11010519491231002XX", None, 5])
def test_wrong_shapes_are_not_valid_and_never_raise(bad: object) -> None:
    assert not is_valid_id_number(bad)


def test_an_impossible_birth_date_is_not_valid() -> None:
    number = make_id("620102", date(1990, 1, 1), 123).replace("19900101", "19900230")
    number = number[:17] + check_digit(number[:17])
    assert not is_valid_id_number(number)
    with pytest.raises(ValueError, match="birth date"):
        birth_date(number)


def test_birth_date_gender_and_age() -> None:
    man = make_id("620102", date(1980, 6, 15), 123)
    woman = make_id("620102", date(1980, 6, 15), 124)
    assert birth_date(man) == date(1980, 6, 15)
    assert gender(man) == "M"
    assert gender(woman) == "F"
    assert age_on(man, date(2024, 6, 14)) == 43
    assert age_on(man, date(2024, 6, 15)) == 44


@pytest.mark.parametrize(
    ("sequence", "born", "on", "expected"),
    [
        (123, date(2008, 3, 5), date(2024, 3, 4), False),  # 15 the day before
        (123, date(2008, 3, 5), date(2024, 3, 5), True),  # 16 on the birthday
        (123, date(1964, 3, 5), date(2024, 3, 4), True),  # a man of 59
        (123, date(1964, 3, 5), date(2024, 3, 5), False),  # a man of 60
        (124, date(1969, 3, 5), date(2024, 3, 4), True),  # a woman of 54
        (124, date(1969, 3, 5), date(2024, 3, 5), False),  # a woman of 55
    ],
)
def test_working_age_bounds(sequence: int, born: date, on: date, expected: bool) -> None:
    assert is_working_age(make_id("620102", born, sequence), on) is expected


def test_leap_day_birthdays_turn_a_year_older_on_the_first_of_march() -> None:
    number = make_id("620102", date(2008, 2, 29), 123)
    assert age_on(number, date(2024, 2, 28)) == 15
    assert age_on(number, date(2024, 2, 29)) == 16
    assert age_on(number, date(2025, 2, 28)) == 16
    assert anniversary(date(2008, 2, 29), 17) == date(2025, 3, 1)


def test_check_digit_refuses_a_wrong_body() -> None:
    with pytest.raises(ValueError, match="17 digits"):
        check_digit("1234")
