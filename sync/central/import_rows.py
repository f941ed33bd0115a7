"""The per-row work of an import, done in worker processes: cells -> canonical -> findings.

Each row is normalised and validated as if it were a new person on its own; the importer
uses that verdict as is for a new person's first row (most rows), and validates again only
where a row merges into a record that exists.

A row without a record_id gets a fresh random id (UUIDv7) here, one per ID number, survey
year and batch; the importer keeps it only where the centre holds no live record of that
person in that year (an id derived from the ID number could be turned back into it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sync.contract import Finding, normalize, validate
from sync.contract.fields import BOOLEAN_DEFAULT_FALSE, RECORD_FIELDS, TRAINING_COLUMNS
from sync.contract.ids import new_id
from sync.contract.rounds import survey_year

ALL_FIELDS = tuple(f.name for f in RECORD_FIELDS)


def merge_training(
    trainings: list[dict[str, Any]], new: dict[str, Any], claimed: set[int]
) -> list[dict[str, Any]]:
    """Replace the training of the same year and type, else add ``new``.

    A training this import already wrote (its position is in ``claimed``) is never
    replaced by a later row: two rows of one year and type both stay, and the file
    imports again unchanged.
    """
    merged = list(trainings)
    for i, old in enumerate(merged):
        same = old.get("year") == new.get("year") and old.get("type") == new.get("type")
        if same and i not in claimed:
            merged[i] = new
            claimed.add(i)
            return merged
    claimed.add(len(merged))
    return [*merged, new]


def merge_row(
    base: dict[str, Any] | None,
    values: dict[str, Any],
    training: dict[str, Any] | None,
    record_id: str,
    claimed: set[int],
) -> dict[str, Any]:
    """The record after a row: the file's columns over ``base`` (None: a new person)."""
    start = base if base is not None else dict.fromkeys(ALL_FIELDS)
    merged = {**start, **{k: v for k, v in values.items() if k != "record_id"}}
    merged["record_id"] = record_id
    trainings = list(start.get("trainings") or [])
    if training is not None:
        trainings = merge_training(trainings, training, claimed)
    merged["trainings"] = trainings
    for name in BOOLEAN_DEFAULT_FALSE:
        if merged.get(name) is None:
            merged[name] = False
    return merged


@dataclass(slots=True)
class PreparedRow:
    """One data row, read and judged in a worker as if its person were new to the centre.

    ``alone`` is the person's record after this row, built from this batch's earlier
    accepted rows of the same person (``base_row`` names the last of them, None for the
    first); ``claimed`` the training positions those rows wrote. The importer uses this
    verdict only where its own state agrees, and merges and validates itself otherwise.
    """

    number: int
    values: dict[str, Any]  # canonical values of the file's record columns
    training: dict[str, Any] | None  # this row's training, when any of its columns is filled
    alone: dict[str, Any]
    errors: list[Finding]  # the error findings of ``alone``
    base_row: int | None
    claimed: frozenset[int]
    unchanged: bool = False  # the row repeats what the earlier rows made

    def __reduce__(self) -> tuple[Any, ...]:
        # Workers send rows back pickled: as the class and a plain tuple, both ways cost
        # about two thirds of a slots dataclass's default state dict.
        return (
            PreparedRow,
            (
                self.number,
                self.values,
                self.training,
                self.alone,
                self.errors,
                self.base_row,
                self.claimed,
                self.unchanged,
            ),
        )


def prepare_rows(names: list[str], rows: list[tuple[int, list[Any]]]) -> list[PreparedRow]:
    """Normalise and validate rows (``(row number, cells)``) of a file with these columns."""
    record_columns = [n for n in names if n not in TRAINING_COLUMNS]
    width = len(names)
    people: dict[str, tuple[dict[str, Any], int, set[int]]] = {}
    # (ID number, survey year) -> the id this batch gives the person's record of that year
    new_ids: dict[tuple[str, int | None], str] = {}
    out = []
    for number, cells in rows:
        if len(cells) < width:
            cells = [*cells, *([""] * (width - len(cells)))]
        normal = normalize(dict(zip(names, cells, strict=False)))
        trainings = normal.get("trainings") or []
        values = {n: normal.get(n) for n in record_columns}
        training = trainings[-1] if trainings and isinstance(trainings[-1], dict) else None
        record_id = values.get("record_id") or None
        id_number = values.get("id_number")
        if record_id is None and isinstance(id_number, str):
            record_id = new_ids.setdefault((id_number, survey_year(values)), new_id())
        if not isinstance(record_id, str):
            # Neither id: judged as it stands (validation names the missing fields).
            alone = {n: normal.get(n) for n in ALL_FIELDS}
            errors = [f for f in validate(alone) if f.severity == "error"]
            out.append(PreparedRow(number, values, training, alone, errors, None, frozenset()))
            continue
        before = people.get(record_id)
        claimed = set(before[2]) if before else set()
        alone = merge_row(before[0] if before else None, values, training, record_id, claimed)
        base_row = before[1] if before else None
        if before is not None and alone == before[0]:
            # Repeats what this person's earlier rows made: nothing to judge or write.
            out.append(
                PreparedRow(
                    number,
                    values,
                    training,
                    alone,
                    [],
                    base_row,
                    frozenset(claimed),
                    unchanged=True,
                )
            )
            continue
        errors = [f for f in validate(alone) if f.severity == "error"]
        if not errors:
            people[record_id] = (alone, number, claimed)
        out.append(
            PreparedRow(number, values, training, alone, errors, base_row, frozenset(claimed))
        )
    return out
