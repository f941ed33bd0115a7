"""``realname-desktop import``: a CSV/XLSX list into the local registry, idempotently.

A person already on this laptop (same record_id, else same ID number) takes the file's
filled cells (blank cells erase nothing) and the row's training, added or replacing the
one of the same year and type. A person whose record ends up exactly as it was is left
alone, so re-importing a file changes nothing and queues nothing. A new person without a
record_id gets a fresh random id (UUIDv7), never one derived from the ID number (ids go to
the centre, into reports and spot-check draws; a derived id would give the number away). A
dry run names no id for such a person: the id is made when the person is saved.

A department's list comes with its own headers: a saved :class:`ColumnMapping` renames
them first, and then (as at the centre) a new employment status on a registered person ends
the details of the other status the list does not give (``column_mapping.list_update``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from desktop.store.errors import RecordNotFoundError
from desktop.store.registry import Registry
from desktop.store.writes import dumps
from sync.contract import normalize, validate
from sync.contract.column_mapping import ColumnMapping, list_update
from sync.contract.ids import new_id
from sync.contract.records_io import (
    FileRecord,
    fold_training,
    read_records,
)

Outcome = Literal["created", "updated", "unchanged", "rejected"]


@dataclass(frozen=True, slots=True)
class PersonOutcome:
    """What became (or would become) of one person of the file, and the rows they fill."""

    rows: tuple[int, ...]
    outcome: Outcome
    record_id: str | None
    errors: tuple[dict[str, Any], ...] = ()
    # The person's name as the file gives it: for the screen only, never printed or logged.
    name: str | None = field(default=None, repr=False)


@dataclass(slots=True)
class ImportReport:
    """What an import did (or would do, in a dry run)."""

    accepted: int = 0
    rejected: int = 0
    unchanged: int = 0
    dry_run: bool = False
    problems: list[dict[str, Any]] = field(default_factory=list)
    # ``accepted`` split into new persons and persons already on this laptop.
    created: int = 0
    updated: int = 0
    outcomes: list[PersonOutcome] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The report's JSON form (the first line the command prints)."""
        return {
            "accepted": self.accepted,
            "rejected": self.rejected,
            "unchanged": self.unchanged,
            "dry_run": self.dry_run,
            "problems": self.problems,
        }


def _name(record: dict[str, Any]) -> str | None:
    name = record.get("name")
    return name if isinstance(name, str) else None


def import_file(
    registry: Registry,
    path: Path,
    *,
    dry_run: bool = False,
    mapping: ColumnMapping | None = None,
) -> ImportReport:
    """Import ``path`` (its headers renamed by ``mapping``); UnusableFileError when the file
    itself cannot be read."""
    report = ImportReport(dry_run=dry_run)
    ready: list[tuple[FileRecord, dict[str, Any], bool]] = []
    made: set[str] = set()  # the ids made here for new persons
    people = read_records(path, mapping)
    for person in people:
        record, existed, unchanged = _onto_existing(
            registry, person.record, person.columns, mapping is not None
        )
        if not existed and not record.get("record_id"):
            record = {**record, "record_id": new_id()}
            made.add(record["record_id"])
        findings = validate(record, rules=registry.rules)
        errors = [f.to_dict() for f in findings if f.severity == "error"]
        rows = tuple(person.rows)
        if errors:
            report.rejected += 1
            report.problems.append({"rows": person.rows, "errors": errors})
            shown = None if record.get("record_id") in made else record.get("record_id")
            report.outcomes.append(
                PersonOutcome(rows, "rejected", shown, tuple(errors), _name(record))
            )
            continue
        if unchanged:
            report.unchanged += 1
            report.outcomes.append(PersonOutcome(rows, "unchanged", record.get("record_id")))
            continue
        ready.append((person, record, existed))
    refused: set[str] = set()
    if not dry_run and ready:
        for result in registry.save_many([record for _, record, _ in ready]):
            if result.state == "conflict":
                refused.add(result.record_id)
    for person, record, existed in ready:
        rows, record_id = tuple(person.rows), str(record.get("record_id"))
        if record_id in refused:
            conflict: dict[str, Any] = {"message": "记录处于冲突状态"}
            report.rejected += 1
            report.problems.append({"record_id": record_id, "errors": [conflict]})
            report.outcomes.append(
                PersonOutcome(rows, "rejected", record_id, (conflict,), _name(record))
            )
            continue
        report.accepted += 1
        if existed:
            report.updated += 1
        else:
            report.created += 1
        shown = None if dry_run and record_id in made else record_id
        report.outcomes.append(PersonOutcome(rows, "updated" if existed else "created", shown))
    report.outcomes.sort(key=lambda o: o.rows)
    return report


def _onto_existing(
    registry: Registry, incoming: dict[str, Any], columns: frozenset[str], listed: bool
) -> tuple[dict[str, Any], bool, bool]:
    """The record to save for a person of the file, whether the person is already here, and
    whether the record equals what is here. ``listed``: a department's list."""
    existing = None
    record_id = incoming.get("record_id")
    if isinstance(incoming.get("id_number"), str):
        existing = registry.find_by_id_number(incoming["id_number"])
    if existing is None and isinstance(record_id, str):
        try:
            existing = registry.get(record_id)
        except RecordNotFoundError:
            existing = None
    if existing is None:
        return incoming, False, False
    merged = dict(existing.record)
    given = {n: v for n, v in incoming.items() if n != "trainings" and n in columns}
    merged.update(
        list_update(given) if listed else {n: v for n, v in given.items() if v is not None}
    )
    for training in incoming.get("trainings") or []:
        merged["trainings"] = fold_training(merged.get("trainings") or [], training)
    merged["record_id"] = existing.record_id
    merged = normalize(merged)
    unchanged = dumps(merged) == dumps(existing.record) and existing.state != "draft"
    return merged, True, unchanged
