"""The per-row work of an import, done in worker processes: cells -> canonical -> findings.

Each row is normalised and validated as if it were a new person on its own; the importer
uses that verdict as is for a new person's first row (most rows), and validates again only
where a row merges into a record that exists.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sync.contract import Finding, normalize, validate
from sync.contract.fields import RECORD_FIELDS, TRAINING_COLUMNS

_PERSON_IDS = uuid.UUID("6d1f0a52-3c39-4c8e-9a57-2b1a5e0b7c11")
ALL_FIELDS = tuple(f.name for f in RECORD_FIELDS)


def person_id(id_number: str) -> str:
    """The record id a new person imported without one gets: the same on every import."""
    return str(uuid.uuid5(_PERSON_IDS, id_number))


@dataclass(slots=True)
class PreparedRow:
    """One data row, read and judged on its own."""

    number: int
    values: dict[str, Any]  # canonical values of the file's record columns
    training: dict[str, Any] | None  # this row's training, when any of its columns is filled
    alone: dict[str, Any]  # the whole record this row makes for a new person
    errors: list[Finding]  # the error findings of ``alone``


def prepare_rows(names: list[str], rows: list[tuple[int, list[Any]]]) -> list[PreparedRow]:
    """Normalise and validate rows (``(row number, cells)``) of a file with these columns."""
    record_columns = [n for n in names if n not in TRAINING_COLUMNS]
    width = len(names)
    out = []
    for number, cells in rows:
        if len(cells) < width:
            cells = [*cells, *([""] * (width - len(cells)))]
        normal = normalize(dict(zip(names, cells, strict=False)))
        trainings = normal.get("trainings") or []
        values = {n: normal.get(n) for n in record_columns}
        alone = {n: normal.get(n) for n in ALL_FIELDS}
        id_number = alone.get("id_number")
        if not alone.get("record_id") and isinstance(id_number, str):
            alone["record_id"] = person_id(id_number)
        errors = [f for f in validate(alone) if f.severity == "error"]
        training = trainings[-1] if trainings and isinstance(trainings[-1], dict) else None
        out.append(PreparedRow(number, values, training, alone, errors))
    return out
