"""``realname-desktop import``: a CSV/XLSX list into the local registry, idempotently.

A person already on this laptop (same record_id, else same ID number) takes the file's
filled cells (blank cells erase nothing) and the row's training, added or replacing the
one of the same year and type. A person whose record ends up exactly as it was is left
alone, so re-importing a file changes nothing and queues nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.store.errors import RecordNotFoundError
from desktop.store.registry import Registry
from desktop.store.writes import dumps
from sync.contract import normalize, validate
from sync.contract.records_io import fold_training, read_records


@dataclass(slots=True)
class ImportReport:
    """What an import did (or would do, in a dry run)."""

    accepted: int = 0
    rejected: int = 0
    unchanged: int = 0
    dry_run: bool = False
    problems: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The report's JSON form (the first line the command prints)."""
        return {
            "accepted": self.accepted,
            "rejected": self.rejected,
            "unchanged": self.unchanged,
            "dry_run": self.dry_run,
            "problems": self.problems,
        }


def import_file(registry: Registry, path: Path, *, dry_run: bool = False) -> ImportReport:
    """Import ``path``; UnusableFileError when the file itself cannot be read."""
    report = ImportReport(dry_run=dry_run)
    ready: list[dict[str, Any]] = []
    for person in read_records(path):
        record, unchanged = _onto_existing(registry, person.record, person.columns)
        findings = validate(record, rules=registry.rules)
        errors = [f for f in findings if f.severity == "error"]
        if errors:
            report.rejected += 1
            report.problems.append({"rows": person.rows, "errors": [f.to_dict() for f in errors]})
            continue
        if unchanged:
            report.unchanged += 1
            continue
        ready.append(record)
    if not dry_run and ready:
        for result in registry.save_many(ready):
            if result.state == "conflict":
                report.rejected += 1
                report.problems.append(
                    {"record_id": result.record_id, "errors": [{"message": "记录处于冲突状态"}]}
                )
            else:
                report.accepted += 1
    else:
        report.accepted += len(ready)
    return report


def _onto_existing(
    registry: Registry, incoming: dict[str, Any], columns: frozenset[str]
) -> tuple[dict[str, Any], bool]:
    """The record to save for a person of the file, and whether it equals what is here."""
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
        return incoming, False
    merged = dict(existing.record)
    for name, value in incoming.items():
        if name == "trainings" or name not in columns or value is None:
            continue
        merged[name] = value
    for training in incoming.get("trainings") or []:
        merged["trainings"] = fold_training(merged.get("trainings") or [], training)
    merged["record_id"] = existing.record_id
    merged = normalize(merged)
    unchanged = dumps(merged) == dumps(existing.record) and existing.state != "draft"
    return merged, unchanged
