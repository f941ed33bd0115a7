"""The first pass of validation: is every value of the type its field needs?

Checks the shape the canonical JSON form promises (see :mod:`sync.contract.rows`) and turns
values into the types the rules work on (ISO date strings into dates). A field whose value
is malformed gets a ``format.<field>`` finding and is left out, so that no rule trips over
it or reports it twice.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any, Final

from sync.contract.fields import RECORD_FIELDS, TRAINING_FIELDS, Field

BAD: Final = object()  # a checker's answer for a malformed value
ABSENT: Final = object()  # a checker's answer for an empty value: the field is not filled
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A UUID as the canonical form writes it (what normalize() makes of every id sent): taken
# without asking uuid.UUID, which also takes braces, "urn:uuid:", capitals and more.
_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

Checker = Callable[[Any], Any]


def _longest(field: Field) -> int:
    """The longest text a text field takes."""
    return field.max_length or 100


# The longest text of each text field of the record (validate() checks these inline, as
# _text does).
TEXT_LIMITS: dict[str, int] = {f.name: _longest(f) for f in RECORD_FIELDS if f.kind == "text"}


def _text(max_length: int) -> Checker:
    def check(value: Any) -> Any:
        if type(value) is not str:
            return BAD
        if len(value) > max_length:
            return BAD
        return value if value and not value.isspace() else ABSENT

    return check


def _integer(value: Any) -> Any:
    return value if type(value) is int else BAD


def _boolean(value: Any) -> Any:
    return value if type(value) is bool else BAD


def _date(value: Any) -> Any:
    if type(value) is str:
        if not value:
            return ABSENT
        # Blank text is not the canonical "no value" (None): storing it as a date fails.
        if _ISO_DATE.fullmatch(value) is None:
            return BAD
        try:
            return date.fromisoformat(value)
        except ValueError:
            return BAD
    if type(value) is date:
        return value
    return BAD


def _uuid(value: Any) -> Any:
    if type(value) is not str:
        return BAD
    if not value:
        return ABSENT
    if len(value) != 36:
        return BAD
    if _CANONICAL_UUID.fullmatch(value) is not None:
        return value
    try:
        uuid.UUID(value)
    except ValueError:
        return BAD
    return value


def _checker(field: Field) -> Checker:
    if field.kind == "text":
        return _text(_longest(field))
    if field.kind in ("code", "int"):
        return _integer
    if field.kind == "bool":
        return _boolean
    if field.kind == "date":
        return _date
    if field.kind == "uuid":
        return _uuid
    raise ValueError(f"no format check for {field.kind}")


TRAINING_CHECKERS: dict[str, Checker] = {f.name: _checker(f) for f in TRAINING_FIELDS}


def _trainings(value: Any) -> Any:
    if type(value) is not list:
        return BAD
    typed = []
    for item in value:
        if type(item) is not dict:
            return BAD
        element: dict[str, Any] = {}
        for key, raw in item.items():
            check = TRAINING_CHECKERS.get(key)
            if check is None:
                return BAD
            if raw is None:
                continue
            result = check(raw)
            if result is BAD:
                return BAD
            if result is not ABSENT:
                element[key] = result
        typed.append(element)
    return typed if typed else ABSENT


CHECKERS: dict[str, Checker] = {
    f.name: (_trainings if f.kind == "trainings" else _checker(f)) for f in RECORD_FIELDS
}

# The plain kinds, for validate() to check inline: the fields whose value is an int (codes
# and numbers) or a bool, exactly as the checkers above (text: TEXT_LIMITS).
INTEGER_FIELDS: frozenset[str] = frozenset(
    f.name for f in RECORD_FIELDS if f.kind in ("code", "int")
)
BOOLEAN_FIELDS: frozenset[str] = frozenset(f.name for f in RECORD_FIELDS if f.kind == "bool")
