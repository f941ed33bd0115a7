"""From what people type, and what files hold, to the record's canonical JSON form.

The canonical form (see :mod:`sync.contract.rows`): every field of the record present,
codes and years as int, dates as ISO ``YYYY-MM-DD``, booleans as bool, empty text as None,
``trainings`` as a list of ``{year, type, period, provider}``. Normalising never raises:
a value that cannot be coerced stays as it was, for :func:`validate` to name.

Digits of every script (full-width, Arabic-Indic, Devanagari...) fold to ASCII wherever a
number is read: ID and certificate numbers, phones, region codes, codes, years and dates.
Text loses its hidden characters (:mod:`sync.contract.hidden_chars`); names take their
stored form (:mod:`sync.contract.person_names`). Blank text is no value (None), in a date
field too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any

from sync.contract.codes import code_lists
from sync.contract.fields import (
    BOOLEAN_DEFAULT_FALSE,
    RECORD_FIELDS,
    TRAINING_COLUMNS,
    TRAINING_FIELDS,
    Field,
)
from sync.contract.hidden_chars import clean_text, visible_nfkc
from sync.contract.person_names import clean_name

# The patterns reading digits read ASCII digits only (re.ASCII): other digits fold first.
_SPACES = re.compile(r"\s+")
_DASHES = str.maketrans({"—": "-", "–": "-", "‐": "-", "‑": "-", "−": "-", "―": "-"})
_DATE_PARTS = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", re.ASCII)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
_DATE_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)
_TIME_OF_DAY = re.compile(r"(?<=\d)[\sT]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", re.ASCII)
_CODE_AND_LABEL = re.compile(r"(\d+)\s*[\s.、:：\-]\s*(\S.*)$", re.ASCII)
_TRUE = frozenset({"true", "1", "是", "yes", "y", "t", "√", "有"})
_FALSE = frozenset({"false", "0", "否", "no", "n", "f", "×", "无", ""})
_BOOLEAN_WORDS = {**dict.fromkeys(_TRUE, True), **dict.fromkeys(_FALSE, False)}
_LABEL_TO_NAME: dict[str, str] = {f.label: f.name for f in RECORD_FIELDS}
_LABEL_TO_NAME.update({"培训年度": "training_year", "培训类型": "training_type"})
_LABEL_TO_NAME.update({"培训期限": "training_period", "培训主体": "training_provider"})
# Fields whose every character is an ASCII code in the end: full-width forms fold away.
_COMPACT_TEXT = frozenset({"id_number", "disability_cert_number", "region_code", "phone"})


def _fold(value: str) -> str:
    """NFKC (full-width -> half-width), ASCII digits, no hidden character and no whitespace
    at all."""
    if value.isascii():  # most values: NFKC leaves ASCII alone
        return "".join(value.split())
    folded = _ascii_digits(_SPACES.sub("", visible_nfkc(value).translate(_DASHES)))
    # Dropping a space may bring a base letter and a combining mark together.
    return unicodedata.normalize("NFKC", folded)


def _ascii_digits(value: str) -> str:
    """``value`` with the decimal digits of every script (Unicode Nd) written in ASCII."""
    if value.isascii():
        return value
    return "".join(
        chr(48 + digit) if (digit := unicodedata.decimal(char, -1)) >= 0 else char for char in value
    )


def _text(name: str) -> Callable[[Any], Any]:
    compact = name in _COMPACT_TEXT
    upper = name in ("id_number", "disability_cert_number")
    clean = clean_name if name == "name" else clean_text

    def convert(value: Any) -> Any:
        if type(value) is not str:
            if compact and isinstance(value, int) and not isinstance(value, bool):
                return convert(str(value))  # spreadsheets turn 620102 into a number
            return value
        if compact:
            value = _fold(value)
            if upper and value.isascii():
                value = value.upper()
            elif name == "region_code":
                value = _region_code(value)
        else:
            value = clean(value)
        return value or None

    return convert


def _region_code(code: str) -> str:
    # The 12-digit statistical codes pad counties and townships with zeros.
    if len(code) == 12 and code.isascii() and code.isdigit():
        if code.endswith("000000"):
            return code[:6]
        if code.endswith("000"):
            return code[:9]
    return code


def _integer(value: Any) -> Any:
    kind = type(value)
    if kind is int:
        return value
    if kind is str and value.isdigit() and value.isascii():
        return int(value)
    if isinstance(value, int):  # bool, IntEnum: left to validate
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)  # spreadsheets hold 2020 as 2020.0
    if isinstance(value, str):
        folded = _fold(value).removesuffix("年")
        if folded == "":
            return None
        if folded.isdigit() and folded.isascii():
            return int(folded)
        if folded.endswith(".0") and folded[:-2].isdigit() and folded.isascii():
            return int(folded[:-2])
    return value


def _code(list_name: str) -> Callable[[Any], Any]:
    by_label = {text: code for code, text in code_lists().get(list_name, {}).items()}

    def convert(value: Any) -> Any:
        result = _integer(value)
        if isinstance(result, str):
            stripped = result.strip()
            if stripped in by_label:  # a code list's own label (已就业) stands for its code
                return by_label[stripped]
            head = _CODE_AND_LABEL.match(_fold_keep_spaces(stripped))
            if head and by_label.get(head.group(2)) == int(head.group(1)):
                return int(head.group(1))  # "1 已就业" / "1-已就业"
        return result

    return convert


def _fold_keep_spaces(value: str) -> str:
    return _ascii_digits(visible_nfkc(value).translate(_DASHES))


def _date(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return value
    if len(value) == 10 and _ISO_DATE.fullmatch(value):
        try:
            date.fromisoformat(value)
        except ValueError:
            return value
        return value
    # "2024-03-05 00:00:00" comes from a spreadsheet cell written as text.
    folded = _fold(_TIME_OF_DAY.sub("", _ascii_digits(visible_nfkc(value)).strip()))
    if folded == "":
        return None
    match = _DATE_PARTS.fullmatch(folded) or _DATE_COMPACT.fullmatch(folded)
    if match is None:
        return value
    year, month, day = (int(part) for part in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return value


def _boolean(value: Any) -> Any:
    if value is True or value is False:
        return value
    if type(value) is str and value in _BOOLEAN_WORDS:
        return _BOOLEAN_WORDS[value]
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        folded = _fold(value).lower()
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
    return value


def _converter(field: Field) -> Callable[[Any], Any]:
    if field.kind == "text":
        return _text(field.name)
    if field.kind == "code":
        return _code(field.code_list or "")
    if field.kind == "int":
        return _integer
    if field.kind == "date":
        return _date
    if field.kind == "bool":
        return _boolean
    if field.kind == "uuid":
        return _uuid
    return lambda value: value


def _uuid(value: Any) -> Any:
    if isinstance(value, str):
        folded = _fold(value)
        return (folded.lower() if folded.isascii() else folded) or None
    return value


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    f.name: _converter(f) for f in RECORD_FIELDS if f.kind != "trainings"
}
_TRAINING_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    f.name: (_text("provider") if f.kind == "text" else _converter(f)) for f in TRAINING_FIELDS
}


def _training(value: Any) -> Any:
    if not isinstance(value, Mapping):
        return value
    result: dict[str, Any] = {key: None for key in _TRAINING_CONVERTERS}
    for key, item in value.items():
        convert = _TRAINING_CONVERTERS.get(key) if isinstance(key, str) else None
        result[key] = convert(item) if convert is not None else item
    return result


def _trainings(value: Any) -> Any:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        # A row left empty on the form or in a file is no training.
        return [t for t in map(_training, value) if not _is_empty_training(t)]
    return value


def _is_empty_training(training: Any) -> bool:
    return isinstance(training, dict) and all(v is None for v in training.values())


# Column names and labels seen so far -> field names: a file repeats the same few keys.
_NAMES: dict[str, str] = {}


def _name_of(key: object) -> object:
    if not isinstance(key, str):
        return key
    name = _LABEL_TO_NAME.get(key.strip(), key.strip())
    if len(_NAMES) < 1000:  # junk keys must not grow it without bound
        _NAMES[key] = name
    return name


def _kept(field: Field) -> frozenset[type]:
    """The types of value that the field's converter returns as they are (no call needed)."""
    if field.kind == "trainings":
        return frozenset()  # None becomes []
    if field.kind in ("code", "int"):
        return frozenset({type(None), int})
    if field.kind == "bool":
        return frozenset({type(None), bool})
    return frozenset({type(None)})


# Each field of the record with its converter and the types it keeps, in the record's order
# (a missing field converts as None does: to None, or [] for trainings).
_FIELD_CONVERTERS: tuple[tuple[str, Callable[[Any], Any], frozenset[type]], ...] = tuple(
    (f.name, _trainings if f.kind == "trainings" else _CONVERTERS[f.name], _kept(f))
    for f in RECORD_FIELDS
)
_FIELD_NAMES = frozenset(name for name, _, _ in _FIELD_CONVERTERS)
if _FIELD_NAMES & _LABEL_TO_NAME.keys() or _FIELD_NAMES & TRAINING_COLUMNS.keys():
    raise RuntimeError("a field name is also a label or a training column: fix normalize()")


def normalize(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The canonical JSON form of a record as typed or read from a file. Never raises.

    Keys may be the field names or their Chinese labels. CSV/XLSX training columns
    (``training_year`` ...) become one more element of ``trainings`` when any is filled.
    Unknown keys are kept as they are, for :func:`validate` to report.
    """
    if type(raw) is dict and raw.keys() <= _FIELD_NAMES:
        # What clients send: field names only (no label, training column or unknown key).
        get = raw.get
        record = {
            name: value if type(value := get(name)) in kept else convert(value)
            for name, convert, kept in _FIELD_CONVERTERS
        }
        for name in BOOLEAN_DEFAULT_FALSE:
            if record[name] is None:
                record[name] = False
        return record
    return normalize_any(raw)


def normalize_fields(raw: Mapping[str, Any]) -> dict[str, Any]:
    """The canonical form of the record fields in ``raw`` alone (field names only), as
    :func:`normalize` would give them: for lists that hold a few of the record's fields,
    such as the roster (调查底册). KeyError for a key that is no field."""
    return {name: _CONVERTERS[name](value) for name, value in raw.items()}


def normalize_any(raw: Mapping[str, Any]) -> dict[str, Any]:
    """:func:`normalize` for any mapping, by the general path (labels, training columns,
    unknown keys): what the fast path for field names must equal (tests compare them)."""
    if not isinstance(raw, Mapping):
        return raw  # validate names a non-mapping record
    record: dict[str, Any] = {f.name: None for f in RECORD_FIELDS}
    record["trainings"] = []
    extra: dict[str, Any] = {}
    columns: dict[str, Any] = {}
    for key, value in raw.items():
        name: Any = _NAMES.get(key) if type(key) is str else None
        if name is None:
            name = _name_of(key)
        convert = _CONVERTERS.get(name)
        if convert is not None:
            record[name] = convert(value)
        elif name in TRAINING_COLUMNS:
            columns[TRAINING_COLUMNS[name]] = value
        elif name == "trainings":
            record["trainings"] = _trainings(value)
        else:
            extra[key] = value
    training = _training(columns) if columns else None
    filled = isinstance(training, dict) and any(v is not None for v in training.values())
    if filled and isinstance(record["trainings"], list):
        record["trainings"] = [*record["trainings"], training]
    for name in BOOLEAN_DEFAULT_FALSE:
        if record[name] is None:
            record[name] = False
    record.update(extra)
    return record
