"""The push side of the queue: take a batch, mark its ops sending, apply the centre's answers.

A batch's ops are marked ``sending`` in the outbox, in their own commit, before it is sent;
if the program dies before the answer is applied, the next sync clears the mark and sends the
same op_ids, which the centre answers without writing twice. The records themselves stay
``pending`` until the answer: only the narrow queue rows are written as a batch leaves. An
op whose record was edited while it was in flight has a new op_id (and no mark) in the
outbox by then: its answer only moves the base version on, and the new content stays pending.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, Engine, func, select, update

from desktop.store.database import relaxed_transaction
from desktop.store.model import State
from desktop.store.reviews import drop_replaced
from desktop.store.schema import outbox, record_docs, records
from desktop.store.writes import (
    conflicts_json,
    dequeue,
    dumps,
    enqueue,
    findings_json,
    reset_in_flight,
    set_state,
    write_record,
)
from sync.client import OutgoingOp
from sync.contract.findings import Finding
from sync.contract.merge import merge3
from sync.contract.protocol import PushResult

# SQLite's strftime reads the stored time (and any offset it carries, to UTC).
_WIRE_TIME = "%Y-%m-%dT%H:%M:%SZ"

__all__ = ["PushTally", "apply_results", "queue_totals", "release", "reset_in_flight", "take_batch"]


@dataclass(slots=True)
class PushTally:
    """What the centre said about the ops of one or more batches."""

    accepted: int = 0
    rejected: int = 0
    conflicts: int = 0
    superseded: int = 0

    def add(self, other: PushTally) -> None:
        """Add ``other``'s counts to these."""
        self.accepted += other.accepted
        self.rejected += other.rejected
        self.conflicts += other.conflicts
        self.superseded += other.superseded


def queue_totals(engine: Engine) -> tuple[int, int]:
    """How many records this push will send, and their bytes (for progress).

    Those pending, marked sending or not: a push starts by clearing the marks a dead one
    left. Every queued op is one of those, or of a record the worker must correct first
    (rejected, conflict): the few of the latter, by the state index, are taken from the
    sums over the narrow outbox.
    """
    waiting = select(records.c.record_id).where(records.c.state.in_(("rejected", "conflict")))
    query = select(func.count(), func.coalesce(func.sum(outbox.c.size), 0)).where(
        outbox.c.record_id.not_in(waiting)
    )
    with engine.connect() as conn:
        count, size = conn.execute(query).one()
    return int(count), int(size)


# The push path runs per batch of up to a thousand records, so it speaks SQL to the driver
# directly: SQLAlchemy's per-row result processing costs more than the centre's insert.
# CROSS JOIN fixes the join order (SQLite's documented way): walk the outbox in queue order
# and look each record up by key. Left to itself the planner scans every pending record by
# the state index and sorts them all, once per batch: quadratic in the queue's length.
# The record's JSON comes as bytes (CAST AS BLOB), as it is sent: no decoding a thousand
# texts per batch only to encode them again. The save times (naive UTC, SQLAlchemy's
# ``YYYY-MM-DD HH:MM:SS.ffffff``) come as RFC 3339 to the second, written by SQLite: the
# centre keeps these laptop-clock times for the record's history and needs no finer (six
# digits of fraction are 8 bytes a record on a village's link).
_TAKE = (
    "SELECT o.op_id, o.record_id, o.base_version, CAST(d.doc AS BLOB), "
    f"strftime('{_WIRE_TIME}', r.created_at), strftime('{_WIRE_TIME}', r.updated_at) "
    "FROM outbox o CROSS JOIN records r ON r.record_id = o.record_id "
    "CROSS JOIN record_docs d ON d.record_id = o.record_id "
    "WHERE NOT o.sending AND +r.state = 'pending' ORDER BY o.queued_seq LIMIT ?"
)


def take_batch(
    engine: Engine, max_ops: int, max_bytes: int, *, exclude: Set[str] = frozenset()
) -> list[OutgoingOp]:
    """The oldest pending ops not yet sending, at most ``max_ops`` and about ``max_bytes``;
    marked sending.

    Records in ``exclude`` (a batch still in flight, edited meanwhile) wait for its answer.
    """
    batch: list[OutgoingOp] = []
    size = 0
    with relaxed_transaction(engine) as conn:
        # Row by row, not fetchall(): SQLite reads (and decrypts) a row's JSON only when it
        # is asked for one, and the bound is the worst case, not what a batch usually needs.
        rows = conn.exec_driver_sql(_TAKE, (max_ops + len(exclude),))
        for row in rows:
            if row[1] in exclude:
                continue
            if len(batch) >= max_ops or (batch and size + len(row[3]) > max_bytes):
                break
            size += len(row[3])
            batch.append(OutgoingOp(*row))
        rows.close()
        if batch:
            _mark(conn, batch, sending=True)
    return batch


def _mark(conn: Connection, ops: Sequence[OutgoingOp], *, sending: bool) -> None:
    if not ops:
        return
    # By record (the outbox's key): an op's record has no other op while this one is
    # marked, and a newer op of an edit made in flight is unmarked either way.
    conn.exec_driver_sql(_MARK, (sending, _json_array([op.record_id for op in ops])))


# The push's writes of a whole batch go as one statement over a JSON array of its values
# (json_each), not as a statement per op (executemany): SQLite walks the array in C, where
# binding a thousand parameter tuples from Python cost about a microsecond an op.
_MARK = "UPDATE outbox SET sending = ? WHERE record_id IN (SELECT value FROM json_each(?))"
_ACCEPT = (
    "UPDATE records SET state = 'synced', version = j.value ->> 0, findings_doc = NULL, "
    "needs_correction = 0 FROM json_each(?) AS j WHERE records.record_id = j.value ->> 1"
)
_DEQUEUE = "DELETE FROM outbox WHERE record_id IN (SELECT value FROM json_each(?))"


def _json_array(items: Sequence[Any]) -> str:
    return orjson.dumps(items).decode()


def release(engine: Engine, batch: Sequence[OutgoingOp]) -> None:
    """Put an unanswered batch back (the same op_ids go next time)."""
    with relaxed_transaction(engine) as conn:
        _mark(conn, batch, sending=False)


def apply_results(
    engine: Engine, batch: Sequence[OutgoingOp], results: Sequence[PushResult]
) -> PushTally:
    """Apply the centre's answer to ``batch`` in one transaction."""
    tally = PushTally()
    sent = {op.op_id: op for op in batch}
    with relaxed_transaction(engine) as conn:
        current = _queued_ops(conn, [op.record_id for op in batch])
        done: list[tuple[int | None, str]] = []
        for result in results:
            op = sent.get(result.op_id)
            if op is None:
                continue  # not ours: the centre answers by op_id, nothing to apply
            if current.get(op.record_id) != op.op_id:
                _superseded(conn, op, result)
                tally.superseded += 1
            elif result.status == "accepted":
                done.append((result.version, op.record_id))
                tally.accepted += 1
            elif result.status == "conflict" and _same_record(result, op):
                _conflict(conn, op, result, tally)
            else:
                # rejected, forbidden, or a conflict with another person's record or a
                # voided one: the worker must correct it; it waits in the queue.
                errors = [Finding.from_dict(e.model_dump()) for e in result.errors]
                set_state(conn, op.record_id, "rejected", findings_doc=findings_json(errors))
                _mark(conn, [op], sending=False)
                tally.rejected += 1
        if done:
            conn.exec_driver_sql(_ACCEPT, (_json_array(done),))
            conn.exec_driver_sql(_DEQUEUE, (_json_array([rid for _, rid in done]),))
            drop_replaced(conn, done)
    return tally


def _queued_ops(conn: Connection, record_ids: Sequence[str]) -> dict[str, str]:
    """The op_id each of these records has in the outbox now (raw SQL: see _TAKE).

    The ids go as one JSON array, so the statement is the same text for every batch and
    SQLite plans it once (an ``IN`` of a batch's thousand ids is planned anew each time).
    """
    rows = conn.exec_driver_sql(_QUEUED, (_json_array(record_ids),))
    return dict(rows.fetchall())


_QUEUED = (
    "SELECT o.record_id, o.op_id FROM json_each(?) AS j "
    "CROSS JOIN outbox o ON o.record_id = j.value"
)


def _same_record(result: PushResult, op: OutgoingOp) -> bool:
    server = result.server_record
    return server is not None and server.get("record_id") == op.record_id


def _superseded(conn: Connection, op: OutgoingOp, result: PushResult) -> None:
    # Edited while in flight: keep the new content pending, on top of what the centre took.
    if result.status == "accepted":
        conn.execute(
            update(records)
            .where(records.c.record_id == op.record_id)
            .values(version=result.version)
        )
        conn.execute(
            update(record_docs)
            .where(record_docs.c.record_id == op.record_id)
            .values(base_doc=op.record_json.decode("utf-8"))
        )
        conn.execute(
            update(outbox)
            .where(outbox.c.record_id == op.record_id)
            .values(base_version=result.version)
        )
        drop_replaced(conn, [(result.version, op.record_id)])


def _conflict(conn: Connection, op: OutgoingOp, result: PushResult, tally: PushTally) -> None:
    server = result.server_record or {}
    row = conn.execute(
        select(record_docs.c.doc, record_docs.c.base_doc).where(
            record_docs.c.record_id == op.record_id
        )
    ).one()
    local = orjson.loads(row.doc)
    base = orjson.loads(row.base_doc) if row.base_doc else None
    merged = merge3(base, local, server)
    bookkeeping: dict[str, Any] = {"version": result.version, "base_doc": dumps(server)}
    if dumps(merged.record) == dumps(server):
        # The centre already holds exactly this (e.g. our own earlier op): nothing to send.
        bookkeeping["base_doc"] = None  # synced: the base is the record itself
        write_record(
            conn,
            merged.record,
            "synced",
            exists=True,
            **bookkeeping,
            conflict_doc=None,
            findings_doc=None,
        )
        dequeue(conn, op.record_id)
        tally.accepted += 1
        return
    state: State = "pending" if merged.clean else "conflict"
    write_record(
        conn,
        merged.record,
        state,
        exists=True,
        **bookkeeping,
        conflict_doc=conflicts_json(merged.conflicts),
    )
    enqueue(conn, op.record_id, result.version)
    tally.conflicts += 0 if merged.clean else 1
