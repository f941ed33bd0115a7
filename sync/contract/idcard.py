"""Resident identity card numbers (GB 11643-1999): check digit, birth date, gender, age.

An 18-character number is a 6-digit area code, an 8-digit birth date ``YYYYMMDD``, a
3-digit sequence (odd for men, even for women) and a check character computed by ISO 7064
MOD 11-2, where 10 is written ``X``.
"""

from __future__ import annotations

from datetime import date
from operator import mul
from typing import Literal, TypeGuard

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_ASCII_OFFSET = 48 * sum(_WEIGHTS)
_DIGITS = frozenset("0123456789")

# Working age on the survey date (docs/protocol.md): men 16-59, women 16-54.
WORKING_AGE: dict[str, tuple[int, int]] = {"M": (16, 59), "F": (16, 54)}


def check_digit(body17: str) -> str:
    """The check character (``0``-``9`` or ``X``) for the first 17 digits of a number."""
    if len(body17) != 17 or not (body17.isascii() and body17.isdigit()):
        raise ValueError("an ID number body is 17 digits")
    # Byte values are digit + 48: one subtraction instead of an int() per character.
    total = sum(map(mul, body17.encode("ascii"), _WEIGHTS)) - _ASCII_OFFSET
    return _CHECK_CHARS[total % 11]


def has_valid_shape(s: object) -> TypeGuard[str]:
    """True for 17 digits followed by a digit or ``X`` (nothing about the check digit)."""
    return (
        isinstance(s, str)
        and len(s) == 18
        and s.isascii()
        and s[:17].isdigit()
        and (s[17] in _DIGITS or s[17] == "X")
    )


def is_valid_id_number(s: object) -> bool:
    """True when ``s`` is an 18-character ID number with the right check digit and a real
    birth date. Never raises, whatever ``s`` is."""
    if not has_valid_shape(s):
        return False
    if check_digit(s[:17]) != s[17]:
        return False
    return _birth_or_none(s) is not None


def _birth_or_none(id_number: str) -> date | None:
    try:
        return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None


def birth_date(id_number: str) -> date:
    """The birth date written in an ID number; ValueError when it is not a real date."""
    if not has_valid_shape(id_number):
        raise ValueError("not an 18-character ID number")
    born = _birth_or_none(id_number)
    if born is None:
        raise ValueError("the ID number holds no real birth date")
    return born


def gender(id_number: str) -> Literal["M", "F"]:
    """``M`` when the 17th digit is odd, ``F`` when it is even."""
    if not has_valid_shape(id_number):
        raise ValueError("not an 18-character ID number")
    return "M" if int(id_number[16]) % 2 else "F"


def age_in_years(born: date, on: date) -> int:
    """Completed years from ``born`` to ``on`` (one born on 29 February ages on 1 March)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_on(id_number: str, on: date) -> int:
    """The age in completed years on the date ``on``."""
    return age_in_years(birth_date(id_number), on)


def is_working_age_for(born: date, sex: str, on: date) -> bool:
    """Working age from a birth date and gender (``M``/``F``) on the date ``on``."""
    low, high = WORKING_AGE[sex]
    return low <= age_in_years(born, on) <= high


def is_working_age(id_number: str, on: date) -> bool:
    """Men 16-59 and women 16-54 on the date ``on`` (docs/protocol.md)."""
    return is_working_age_for(birth_date(id_number), gender(id_number), on)


def anniversary(born: date, years: int) -> date:
    """The day someone born on ``born`` turns ``years`` (29 February -> 1 March)."""
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)
