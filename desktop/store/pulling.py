"""The pull side: apply the centre's changes, never overwriting unsynced local work.

A synced record takes the centre's copy. A record with local changes (draft, pending,
rejected, conflict) is merged field by field against the version both started from;
fields both sides changed keep both values, and the record waits for the worker's choice.
The cursor is saved in the same transaction as the changes it covers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, bindparam, delete, insert, select, update

from desktop.store.database import relaxed_transaction
from desktop.store.model import State
from desktop.store.reviews import store_reviews
from desktop.store.schema import outbox, record_docs, record_trainings, records
from desktop.store.settings import set_in
from desktop.store.writes import conflicts_json, dumps, enqueue, write_record
from sync.contract.merge import merge3
from sync.contract.protocol import Change
from sync.contract.rows import record_to_row, record_training_rows

CURSOR_KEY = "pull_cursor"


@dataclass(slots=True)
class PullTally:
    """What a pull did."""

    received: int = 0
    applied: int = 0
    merged: int = 0
    conflicts: int = 0
    pages: int = 0  # the pages the centre answered

    def add(self, other: PullTally) -> None:
        """Add ``other``'s counts to these."""
        self.pages += other.pages
        self.received += other.received
        self.applied += other.applied
        self.merged += other.merged
        self.conflicts += other.conflicts


def apply_changes(engine: Engine, changes: Sequence[Change], cursor: str) -> PullTally:
    """Apply one page of changes and move the cursor, in one transaction."""
    tally = PullTally(received=len(changes), pages=1)
    with relaxed_transaction(engine) as conn:
        ids = [c.record_id for c in changes]
        local = {
            r.record_id: r
            for r in conn.execute(
                select(
                    records.c.record_id,
                    records.c.state,
                    records.c.version,
                    record_docs.c.doc,
                    record_docs.c.base_doc,
                )
                .join(record_docs, record_docs.c.record_id == records.c.record_id)
                .where(records.c.record_id.in_(ids))
            )
        }
        fresh: list[tuple[dict[str, Any], dict[str, Any]]] = []
        replace: list[tuple[dict[str, Any], dict[str, Any]]] = []
        latest: dict[str, Change] = {}
        for change in changes:
            latest[change.record_id] = change  # a page may hold two versions of one record
        # Before the skips below: a review comes with a version the laptop already has.
        store_reviews(conn, latest.values())
        for change in latest.values():
            row = local.get(change.record_id)
            if row is not None and row.version is not None and change.version <= row.version:
                continue  # already have it (our own push, echoed back)
            if row is None and (change.deleted or change.record is None):
                continue
            tally.applied += 1
            if row is None:
                fresh.append(_values(change))
            elif row.state == "synced":
                replace.append(_values(change))
            else:
                tally.merged += 1
                tally.conflicts += _merge(conn, row, change)
        if fresh:
            conn.execute(insert(records), [v for v, _ in fresh])
            conn.execute(insert(record_docs), [d for _, d in fresh])
        if replace:
            _replace(conn, replace)
        trainings = [
            t
            for v, d in (*fresh, *replace)
            if not v["deleted"]
            for t in record_training_rows(orjson.loads(d["doc"]), lenient=True)
        ]
        if trainings:
            conn.execute(insert(record_trainings), trainings)
        set_in(conn, CURSOR_KEY, cursor)
    return tally


def _values(change: Change) -> tuple[dict[str, Any], dict[str, Any]]:
    """The ``records`` and ``record_docs`` values of a change taken as it is."""
    record = dict(change.record or {"record_id": change.record_id})
    record["record_id"] = change.record_id
    text = dumps(record)
    values = record_to_row(record, lenient=True)
    values.update(
        state="synced",
        version=change.version,
        deleted=bool(change.deleted),
        conflict_doc=None,
        findings_doc=None,
        needs_correction=False,
    )
    if "saved_by" in change.model_fields_set:  # a centre from before it: left as it was
        values["saved_by"] = change.saved_by
    return values, {"record_id": change.record_id, "doc": text, "base_doc": None}


def _replace(conn: Connection, pairs: list[tuple[dict[str, Any], dict[str, Any]]]) -> None:
    rows = [v for v, _ in pairs]
    ids = [r["record_id"] for r in rows]
    conn.execute(delete(record_trainings).where(record_trainings.c.record_id.in_(ids)))
    names = [k for k in rows[0] if k != "record_id"]
    stmt = (
        update(records)
        .where(records.c.record_id == bindparam("rid"))
        .values({k: bindparam(f"v_{k}") for k in names})
    )
    conn.execute(stmt, [{"rid": r["record_id"], **{f"v_{k}": r[k] for k in names}} for r in rows])
    conn.exec_driver_sql(
        "UPDATE record_docs SET doc = ?, base_doc = NULL WHERE record_id = ?",
        [(d["doc"], d["record_id"]) for _, d in pairs],
    )


def _merge(conn: Connection, row: Any, change: Change) -> int:
    """Merge the centre's change into a record with local changes; 1 if it is now a conflict."""
    if change.deleted or change.record is None:
        # Voided at the centre while edited here: keep the local work; its push will be
        # answered with the reason, and nothing local is deleted before that.
        return 0
    remote = dict(change.record)
    remote["record_id"] = change.record_id
    local = orjson.loads(row.doc)
    base = orjson.loads(row.base_doc) if row.base_doc else None
    merged = merge3(base, local, remote)
    state: State = row.state if merged.clean else "conflict"
    write_record(
        conn,
        merged.record,
        state,
        exists=True,
        version=change.version,
        base_doc=dumps(remote),
        conflict_doc=conflicts_json(merged.conflicts),
    )
    queued = conn.execute(
        select(outbox.c.record_id).where(outbox.c.record_id == change.record_id)
    ).first()
    if queued is not None or state == "pending":
        enqueue(conn, change.record_id, change.version)
    return 0 if merged.clean else 1
