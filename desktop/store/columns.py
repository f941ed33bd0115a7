"""A record's business columns, best effort: what no column type accepts becomes NULL.

The record itself lives in ``records.doc``; the columns serve lists, search and the
indicator queries, which only ever count complete (valid) records.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sync.contract.fields import RECORD_FIELDS, TRAINING_FIELDS, Field

_ROW_FIELDS = tuple(f for f in RECORD_FIELDS if f.kind != "trainings")


def _value(field: Field, value: Any) -> Any:
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


def record_columns(record: Mapping[str, Any]) -> dict[str, Any]:
    """The ``records`` business columns of ``record`` (canonical JSON form, maybe a draft)."""
    return {f.name: _value(f, record.get(f.name)) for f in _ROW_FIELDS}


def training_columns(record_id: str, record: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The ``record_trainings`` rows of ``record``; non-mapping entries are skipped."""
    trainings = record.get("trainings")
    if not isinstance(trainings, list):
        return []
    rows = []
    for position, training in enumerate(trainings):
        if not isinstance(training, Mapping):
            continue
        row = {f.name: _value(f, training.get(f.name)) for f in TRAINING_FIELDS}
        row["record_id"] = record_id
        row["position"] = position
        rows.append(row)
    return rows
