"""The save rule, written once: validate, then draft or pending, then queue or unqueue.

A save from the entry form, a save of many records (an import) and a resolved conflict all
check their records with :func:`check` and write them with :func:`save_checked`, so a
record is queued exactly when it is complete and breaks no rule, whichever way it came.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, insert, select

from desktop.store.model import SaveResult, State
from desktop.store.schema import record_docs, record_trainings, records
from desktop.store.writes import dequeue, dumps, enqueue_many, findings_json, write_record
from sync.contract import RuleSet, normalize, validate
from sync.contract.findings import Finding
from sync.contract.ids import new_id
from sync.contract.rows import record_to_row, record_training_rows

_CHUNK = 500  # ids per IN (...): far below SQLite's limit of bound parameters


@dataclass(frozen=True, slots=True)
class Checked:
    """A record ready to save: what the rules said and the state that gives it."""

    doc: dict[str, Any]
    findings: tuple[Finding, ...]
    state: State  # "pending" (to be queued) or "draft"

    @property
    def record_id(self) -> str:
        """The record's id."""
        return str(self.doc["record_id"])

    def result(self) -> SaveResult:
        """What the save of this record did."""
        return SaveResult(self.record_id, self.state, self.findings)


class Held(NamedTuple):
    """What this laptop holds of a record about to be saved."""

    state: State
    version: int | None  # the centre's version; None until the centre has it


def prepared(record: Mapping[str, Any]) -> dict[str, Any]:
    """The record in canonical form, with a new id when it has none yet."""
    doc = normalize(record)
    if not doc.get("record_id"):
        doc["record_id"] = new_id()
    return doc


def check(
    doc: dict[str, Any], rules: RuleSet, *, complete: bool = True, today: date | None = None
) -> Checked:
    """Validate ``doc``: pending when ``complete`` and no rule error, else a draft.

    Nothing typed is ever dropped: a record with errors is kept as a draft and the
    findings say what to correct.
    """
    findings = tuple(validate(doc, today=today, rules=rules))
    queue = complete and not any(f.severity == "error" for f in findings)
    return Checked(doc, findings, "pending" if queue else "draft")


def current_rows(conn: Connection, record_ids: Iterable[str]) -> dict[str, Held]:
    """The state and version of each of these records this laptop already holds."""
    ids = list(record_ids)
    known: dict[str, Held] = {}
    for start in range(0, len(ids), _CHUNK):
        query = select(records.c.record_id, records.c.state, records.c.version).where(
            records.c.record_id.in_(ids[start : start + _CHUNK])
        )
        for row in conn.execute(query):
            known[row.record_id] = Held(row.state, row.version)
    return known


def save_checked(
    conn: Connection,
    items: Sequence[Checked],
    current: Mapping[str, Held],
    *,
    saved_by: str,
    now: datetime,
    **bookkeeping: Any,
) -> None:
    """Write ``items`` in ``conn``'s transaction and queue the pending ones, unqueue drafts.

    ``current`` holds the rows of those already on this laptop (:func:`current_rows`);
    the others are inserted in bulk. ``bookkeeping`` sets further columns of every record.
    """
    fresh: list[dict[str, Any]] = []
    fresh_docs: list[dict[str, Any]] = []
    fresh_trainings: list[dict[str, Any]] = []
    queued: list[tuple[str, int | None]] = []
    for item in items:
        record_id = item.record_id
        extra = {"saved_by": saved_by, "findings_doc": findings_json(item.findings)}
        extra.update(bookkeeping)
        known = current.get(record_id)
        if known is None:
            values = record_to_row(item.doc, lenient=True)
            values.update(state=item.state, created_at=now, updated_at=now, **extra)
            fresh.append(values)
            fresh_docs.append({"record_id": record_id, "doc": dumps(item.doc)})
            fresh_trainings.extend(record_training_rows(item.doc, lenient=True))
        else:
            write_record(conn, item.doc, item.state, exists=True, now=now, **extra)
        if item.state == "pending":
            queued.append((record_id, known.version if known is not None else None))
        else:
            dequeue(conn, record_id)
    if fresh:
        conn.execute(insert(records), fresh)
        conn.execute(insert(record_docs), fresh_docs)
    if fresh_trainings:
        conn.execute(insert(record_trainings), fresh_trainings)
    enqueue_many(conn, queued)
