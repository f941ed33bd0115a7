"""Conversion between the record's JSON form (the wire, files) and table rows.

The JSON form is canonical: codes and years as int, dates as ISO ``YYYY-MM-DD`` strings,
booleans as bool, ``trainings`` as a list of ``{year, type, period, provider}``. Rows hold
``datetime.date`` values and keep trainings in their own table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sync.contract.fields import RECORD_FIELDS, TRAINING_FIELDS

_DATE_FIELDS = tuple(f.name for f in RECORD_FIELDS if f.kind == "date")
_ROW_FIELDS = tuple(f.name for f in RECORD_FIELDS if f.kind != "trainings")
_TRAINING_KEYS = tuple(f.name for f in TRAINING_FIELDS)


def _as_date(value: object) -> date | None:
    if value is None or (isinstance(value, str) and (not value or value.isspace())):
        return None  # blank text is no date (validate refuses it; a DATE column cannot hold it)
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def record_to_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """The ``records`` row of a valid record (business columns only)."""
    row = {name: record.get(name) for name in _ROW_FIELDS}
    for name in _DATE_FIELDS:
        row[name] = _as_date(row[name])
    return row


def record_training_rows(record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The ``record_trainings`` rows of a record, numbered by position."""
    rows = []
    for position, training in enumerate(record.get("trainings") or ()):
        row = {key: training.get(key) for key in _TRAINING_KEYS}
        row["record_id"] = record["record_id"]
        row["position"] = position
        rows.append(row)
    return rows


def row_to_record(
    row: Mapping[Any, Any], trainings: Iterable[Mapping[str, Any]] = ()
) -> dict[str, Any]:
    """The JSON form of a ``records`` row and its ``record_trainings`` rows."""
    record: dict[str, Any] = {name: row.get(name) for name in _ROW_FIELDS}
    for name in _DATE_FIELDS:
        value = record[name]
        if isinstance(value, date):
            record[name] = value.isoformat()
    ordered = sorted(trainings, key=lambda t: t.get("position") or 0)
    record["trainings"] = [{key: t.get(key) for key in _TRAINING_KEYS} for t in ordered]
    return record
