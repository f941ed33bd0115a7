"""Conversion between the record's JSON form (the wire, files) and table rows, at both ends.

The JSON form is canonical: codes and years as int, dates as ISO ``YYYY-MM-DD`` strings,
booleans as bool, ``trainings`` as a list of ``{year, type, period, provider}``. Rows hold
``datetime.date`` values and keep trainings in their own table, one row per training.

The business columns are the same at both ends (:mod:`sync.contract.tables`); what differs
is what a record may hold. The centre stores valid records only, so its conversion is
strict: a date that is no date is an error. A laptop keeps drafts, which may hold anything
typed, so it converts ``lenient``-ly: a value no column of the field's kind accepts becomes
NULL (the record itself is kept whole in its JSON document). The centre's bulk insert takes
plain tuples (:func:`record_values`, :func:`training_values`) rather than dicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from operator import itemgetter
from typing import Any

from sync.contract.fields import RECORD_FIELDS, TRAINING_FIELDS, Field

_FIELDS = tuple(f for f in RECORD_FIELDS if f.kind != "trainings")
ROW_COLUMNS = tuple(f.name for f in _FIELDS)
"""The business columns of ``records``, in table order."""
TRAINING_COLUMNS = ("record_id", "position", *(f.name for f in TRAINING_FIELDS))
"""The columns of ``record_trainings``, in table order."""

_DATE_FIELDS = tuple(f.name for f in _FIELDS if f.kind == "date")
_DATE_INDEXES = tuple(i for i, f in enumerate(_FIELDS) if f.kind == "date")
_TRAINING_KEYS = tuple(f.name for f in TRAINING_FIELDS)
_row_values = itemgetter(*ROW_COLUMNS)


def _as_date(value: object) -> date | None:
    if value is None or (isinstance(value, str) and (not value or value.isspace())):
        return None  # blank text is no date (validate refuses it; a DATE column cannot hold it)
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _fitting(field: Field, value: Any) -> Any:
    """``value`` when a column of ``field``'s kind holds it, else None (lenient rows)."""
    if value is None:
        return None
    kind = field.kind
    if kind in ("text", "uuid"):
        return value if isinstance(value, str) else None
    if kind in ("code", "int"):
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    if kind == "bool":
        return value if isinstance(value, bool) else None
    if kind == "date":
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return None
        return None
    return None


def record_to_row(record: Mapping[str, Any], *, lenient: bool = False) -> dict[str, Any]:
    """The ``records`` business columns of a record.

    Strict (the centre's valid records): ValueError for a date that is no date. ``lenient``
    (a laptop's drafts): what the field's column cannot hold becomes None.
    """
    if lenient:
        return {f.name: _fitting(f, record.get(f.name)) for f in _FIELDS}
    row = {name: record.get(name) for name in ROW_COLUMNS}
    for name in _DATE_FIELDS:
        row[name] = _as_date(row[name])
    return row


def record_training_rows(
    record: Mapping[str, Any], *, lenient: bool = False
) -> list[dict[str, Any]]:
    """The ``record_trainings`` rows of a record, numbered by position.

    ``lenient``: a ``trainings`` that is no list gives no rows, an entry that is no mapping
    is skipped, and a value its column cannot hold becomes None (see :func:`record_to_row`).
    """
    record_id = record["record_id"]
    trainings = record.get("trainings")
    if lenient and not isinstance(trainings, list):
        return []
    rows = []
    for position, training in enumerate(trainings or ()):
        if lenient:
            if not isinstance(training, Mapping):
                continue
            row = {f.name: _fitting(f, training.get(f.name)) for f in TRAINING_FIELDS}
        else:
            row = {key: training.get(key) for key in _TRAINING_KEYS}
        row["record_id"] = record_id
        row["position"] = position
        rows.append(row)
    return rows


def record_values(record: Mapping[str, Any]) -> tuple[Any, ...]:
    """The business columns of a valid record in :data:`ROW_COLUMNS` order, dates as ISO
    text: the centre's bulk insert of plain tuples (no per-row dict, no date objects)."""
    try:
        values: tuple[Any, ...] = _row_values(record)  # every field there: one C call
    except KeyError:
        values = tuple(record.get(name) for name in ROW_COLUMNS)
    for i in _DATE_INDEXES:
        if isinstance(values[i], date):
            return tuple(v.isoformat() if isinstance(v, date) else v for v in values)
    return values


def training_values(records: Iterable[Mapping[str, Any]]) -> list[tuple[Any, ...]]:
    """The ``record_trainings`` rows of valid records as tuples in :data:`TRAINING_COLUMNS`
    order (see :func:`record_values`); one list for all, as one bulk insert takes them."""
    return [
        (record["record_id"], position, *map(training.get, _TRAINING_KEYS))
        for record in records
        for position, training in enumerate(record.get("trainings") or ())
    ]


def row_to_record(
    row: Mapping[Any, Any], trainings: Iterable[Mapping[str, Any]] = ()
) -> dict[str, Any]:
    """The JSON form of a ``records`` row and its ``record_trainings`` rows."""
    record: dict[str, Any] = {name: row.get(name) for name in ROW_COLUMNS}
    for name in _DATE_FIELDS:
        value = record[name]
        if isinstance(value, date):
            record[name] = value.isoformat()
    ordered = sorted(trainings, key=lambda t: t.get("position") or 0)
    record["trainings"] = [{key: t.get(key) for key in _TRAINING_KEYS} for t in ordered]
    return record
