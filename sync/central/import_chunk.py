"""One chunk of an import, applied in one transaction that holds the change counter.

A row names its record by ``record_id`` or, where that is empty, by ``id_number`` and the
year of its ``survey_date``: the person's live record of that survey year is the row's
record (one per person and year, :mod:`sync.contract.rounds`); where there is none, the row
makes that year's record, with the random id the worker gave it. A row without a survey
date goes to the person's latest record. Rows of persons new to the centre come judged
from the workers (:mod:`sync.central.import_rows`); a row that merges into a stored record
is merged and validated here. Every change gets a seq, a version and a history row.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import Connection

from sync.central import stored as store
from sync.central.bulk import insert_tuples, stamper
from sync.central.checks import rules_version
from sync.central.clock import utc_now
from sync.central.import_rows import PreparedRow, merge_row
from sync.central.sequence import lock_counter, store_counter
from sync.central.tables import record_versions
from sync.contract import validate
from sync.contract.column_mapping import list_update
from sync.contract.rounds import person_year, survey_year


@dataclass(frozen=True, slots=True)
class Rejection:
    """One reason a row was refused."""

    row: int
    field: str
    rule_id: str
    message: str


@dataclass(slots=True)
class ImportSummary:
    """What an import did (or, in a dry run, would do)."""

    rows: int = 0
    accepted: int = 0
    rejected: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    # (row, created|updated|unchanged|rejected, record_id) per row, when a row report is asked.
    outcomes: list[tuple[int, str, str | None]] | None = None

    def note(self, row: int, status: str, record_id: str | None) -> None:
        """Keep one row's outcome for the per-row report (when one is asked for)."""
        if self.outcomes is not None:
            self.outcomes.append((row, status, record_id))

    def to_dict(self, dry_run: bool) -> dict[str, Any]:
        """The one JSON line the command prints."""
        return {
            "accepted": self.accepted,
            "rejected": self.rejected,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "dry_run": dry_run,
        }


def apply_chunk(
    conn: Connection,
    chunk: list[PreparedRow],
    summary: ImportSummary,
    source: str,
    claimed: dict[str, set[int]],
    blank_keeps: bool = False,
) -> None:
    """Apply one chunk; ``blank_keeps`` for a department's list (see ``list_update``)."""
    last_seq = lock_counter(conn)
    given = [r for row in chunk if isinstance(r := row.values.get("record_id"), str)]
    numbers = [n for row in chunk if isinstance(n := row.values.get("id_number"), str)]
    unreadable: dict[str, store.Unreadable] = {}
    known = {item.record_id: item for item in store.load(conn, given, numbers, unreadable)}
    holder = _Holders()
    for item in known.values():
        if not item.deleted:
            holder.add(person_year(item.record), item.record_id)
    for record_id, spoilt in unreadable.items():
        holder.add(spoilt.person_year, record_id)
    existing = set(known)
    state = _ChunkState(known, holder, last_seq, claimed, blank_keeps, frozenset(unreadable))
    for row in chunk:
        state.apply(row, summary)
    now = utc_now()
    extra = {
        "saved_by": f"import:{source}"[:64],
        "device_id": None,
        "rules_version": rules_version(),
    }
    touched = [state.records[rid] for rid in state.touched]
    for item in touched:
        item.received_at = item.received_at or now
        item.created_at = item.created_at or now
        item.updated_at = now
    new = [t for t in touched if t.record_id not in existing]
    changed = [t for t in touched if t.record_id in existing]
    store.write(conn, new, changed, extra)
    saved_at = stamper(conn)(now)
    insert_tuples(
        conn,
        record_versions,
        [
            (
                record_id,
                version,
                seq,
                "import",
                None,
                extra["saved_by"],
                None,
                saved_at,
                extra["rules_version"],
                before,
                after,
            )
            for record_id, version, seq, before, after in state.versions
        ],
    )
    if state.seq != last_seq:
        store_counter(conn, state.seq)


class _Holders:
    """The live record of each person and survey year: id_number -> {year: record_id}."""

    def __init__(self) -> None:
        self.years: dict[str, dict[int, str]] = {}

    def add(self, key: tuple[str, int] | None, record_id: str) -> None:
        if key is not None:
            self.years.setdefault(key[0], {})[key[1]] = record_id

    def drop(self, key: tuple[str, int] | None, record_id: str) -> None:
        if key is not None and self.get(*key) == record_id:
            del self.years[key[0]][key[1]]

    def get(self, number: str, year: int) -> str | None:
        return self.years.get(number, {}).get(year)

    def of_row(self, number: object, year: int | None) -> str | None:
        """The record a row of this id_number and survey year goes to (no year: the
        person's latest record)."""
        if not isinstance(number, str):
            return None
        if year is not None:
            return self.get(number, year)
        years = self.years.get(number)
        return years[max(years)] if years else None


class _ChunkState:
    def __init__(
        self,
        known: dict[str, store.Stored],
        holder: _Holders,
        seq: int,
        claimed: dict[str, set[int]],
        blank_keeps: bool = False,
        unreadable: frozenset[str] = frozenset(),
    ) -> None:
        self.blank_keeps = blank_keeps
        self.unreadable = unreadable  # stored rows the centre cannot read: never overwritten
        self.claimed = claimed
        self.known = frozenset(known)  # the records that existed before this chunk
        self.last_row: dict[str, int] = {}  # the last row this chunk accepted, per record
        self.records = known
        self.holder = holder
        self.seq = seq
        self.touched: dict[str, None] = {}
        # (record_id, version, seq, before, after) of each change
        self.versions: list[tuple[str, int, int, str | None, str]] = []

    def _reject(
        self,
        row: PreparedRow,
        summary: ImportSummary,
        found: list[Rejection],
        record_id: str | None = None,
    ) -> None:
        summary.note(row.number, "rejected", record_id)
        summary.rejected += 1
        summary.rejections.extend(found)

    def apply(self, row: PreparedRow, summary: ImportSummary) -> None:
        number = row.values.get("id_number")
        record_id = row.values.get("record_id") or None
        if record_id is None and isinstance(number, str):
            # The person's live record of the row's survey year, else the fresh id the worker
            # gave the person's record of that year.
            year = survey_year(row.values)
            record_id = self.holder.of_row(number, year) or row.alone.get("record_id")
        if not isinstance(record_id, str):
            record_id = str(uuid.uuid4())  # no id_number either: validation refuses the row
        if record_id in self.unreadable:
            rejection = Rejection(
                row.number,
                "record_id",
                "central.unreadable",
                "该记录在中心的数据无法读取，请联系管理员",
            )
            self._reject(row, summary, [rejection])
            return
        current = self.records.get(record_id)
        if current is not None and current.deleted:
            self._reject(
                row,
                summary,
                [Rejection(row.number, "record_id", "central.record_voided", "该记录已被注销")],
            )
            return
        if (
            record_id not in self.known
            and record_id == row.alone.get("record_id")
            and row.base_row == self.last_row.get(record_id)
        ):
            # New to the centre, and the worker saw the same earlier rows: its verdict holds.
            if row.unchanged:
                summary.accepted += 1
                summary.unchanged += 1
                summary.note(row.number, "unchanged", record_id)
                return
            merged, errors = row.alone, row.errors
            if not errors:
                self.claimed[record_id] = set(row.claimed)
        else:
            base = current.record if current is not None else None
            claimed = self.claimed.setdefault(record_id, set())
            values = row.values
            if self.blank_keeps and current is not None:
                values = list_update(values)
            merged = merge_row(base, values, row.training, record_id, claimed)
            if current is not None and current.record == merged:
                summary.accepted += 1
                summary.unchanged += 1
                summary.note(row.number, "unchanged", record_id)
                return
            errors = [f for f in validate(merged) if f.severity == "error"]
        key = person_year(merged)
        holder = None if key is None else self.holder.get(*key)
        if key is not None and holder is not None and holder != record_id:
            words = f"该身份证号 {key[1]} 年已有另一条调查记录"
            rejection = Rejection(row.number, "id_number", "central.duplicate_person", words)
            self._reject(row, summary, [rejection])
            return
        if errors:
            found = [
                Rejection(row.number, ",".join(f.fields) or "record", f.rule_id, f.message)
                for f in errors
            ]
            self._reject(row, summary, found, record_id if current else None)
            return
        summary.accepted += 1
        summary.note(row.number, "updated" if current else "created", record_id)
        self.last_row[record_id] = row.number
        self._store(record_id, merged, current, summary)

    def _store(
        self,
        record_id: str,
        merged: dict[str, Any],
        current: store.Stored | None,
        summary: ImportSummary,
    ) -> None:
        self.seq += 1
        version = (current.version if current else 0) + 1
        if current is not None:
            self.holder.drop(person_year(current.record), record_id)
            summary.updated += 1
        else:
            summary.created += 1
        self.holder.add(person_year(merged), record_id)
        self.records[record_id] = store.Stored(
            record=merged,
            version=version,
            seq=self.seq,
            deleted=False,
            created_at=current.created_at if current else None,
            updated_at=None,
            received_at=current.received_at if current else None,
        )
        self.touched[record_id] = None
        self.versions.append(
            (
                record_id,
                version,
                self.seq,
                orjson.dumps(current.record).decode() if current else None,
                orjson.dumps(merged).decode(),
            )
        )
