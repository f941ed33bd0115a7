"""Writing one record and its outbox op inside a caller's transaction.

Every path that changes a record (a save, a pull, a push result, a resolved conflict) goes
through here, so the record row, its trainings and its place in the queue never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import (
    BindParameter,
    Connection,
    Engine,
    LargeBinary,
    ScalarSelect,
    bindparam,
    cast,
    delete,
    func,
    insert,
    literal_column,
    select,
    update,
)

from desktop.store.database import relaxed_transaction
from desktop.store.model import State
from desktop.store.schema import outbox, record_docs, record_trainings, records
from sync.contract.findings import Finding
from sync.contract.ids import new_id
from sync.contract.merge import FieldConflict
from sync.contract.rows import record_to_row, record_training_rows


def utc_now() -> datetime:
    """The laptop's clock, in UTC."""
    return datetime.now(UTC)


def dumps(value: Any) -> str:
    """Canonical JSON text (sorted keys, so equal records give equal text)."""
    return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode("utf-8")


def findings_json(findings: Iterable[Finding]) -> str | None:
    """The JSON kept in ``findings_doc``; None for no findings."""
    items = [f.to_dict() for f in findings]
    return dumps(items) if items else None


def conflicts_json(conflicts: Mapping[str, FieldConflict]) -> str | None:
    """The JSON kept in ``conflict_doc``; None for no conflicts."""
    return dumps({k: c.to_dict() for k, c in conflicts.items()}) if conflicts else None


def write_record(
    conn: Connection,
    record: Mapping[str, Any],
    state: State,
    *,
    exists: bool,
    now: datetime | None = None,
    **bookkeeping: Any,
) -> None:
    """Insert or replace ``record`` (with ``record_id``) and its trainings, in ``conn``'s txn.

    ``bookkeeping`` sets further columns (version, base_doc, conflict_doc, findings_doc,
    needs_correction, deleted, saved_by, received_at) where given.
    """
    record_id = str(record["record_id"])
    docs: dict[str, Any] = {"doc": dumps(record)}
    if "base_doc" in bookkeeping:
        docs["base_doc"] = bookkeeping.pop("base_doc")
    values: dict[str, Any] = record_to_row(record, lenient=True)
    values.update(state=state, **bookkeeping)
    if now is not None:
        values["updated_at"] = now
    if exists:
        if state != "synced" and "base_doc" not in docs:
            # A synced record's base is itself; its first local edit keeps that version as
            # the base of any later merge.
            synced = select(records.c.record_id).where(
                records.c.record_id == record_id, records.c.state == "synced"
            )
            conn.execute(
                update(record_docs)
                .where(record_docs.c.record_id.in_(synced))
                .values(base_doc=record_docs.c.doc)
            )
        conn.execute(update(records).where(records.c.record_id == record_id).values(values))
        conn.execute(delete(record_trainings).where(record_trainings.c.record_id == record_id))
    else:
        if now is not None:
            values["created_at"] = now
        conn.execute(insert(records).values(values))
    if exists:
        conn.execute(update(record_docs).where(record_docs.c.record_id == record_id).values(docs))
    else:
        conn.execute(insert(record_docs).values(record_id=record_id, **docs))
    rows = record_training_rows(record, lenient=True)
    if rows:
        conn.execute(insert(record_trainings), rows)


def set_state(conn: Connection, record_id: str, state: State, **bookkeeping: Any) -> None:
    """Change only the state (and the given bookkeeping columns) of one record."""
    # Naming id_number (unchanged) runs the roster's trigger, which an update naming only
    # ``state`` does not (schema v12): this one may make a draft of the record or end one.
    values = {"state": state, "id_number": records.c.id_number, **bookkeeping}
    conn.execute(update(records).where(records.c.record_id == record_id).values(values))


def _size_of(record_id: str | BindParameter[str]) -> ScalarSelect[int]:
    """The bytes of the record's JSON as stored (what a push sends), as a subquery."""
    return (
        select(func.length(cast(record_docs.c.doc, LargeBinary)))
        .where(record_docs.c.record_id == record_id)
        .scalar_subquery()
    )


def enqueue(conn: Connection, record_id: str, base_version: int | None) -> str:
    """Queue the record's current content as a new op (replacing any older op); its op_id."""
    op_id = new_id()
    position = select(func.coalesce(func.max(outbox.c.queued_seq), 0) + 1).scalar_subquery()
    dequeue(conn, record_id)
    conn.execute(
        insert(outbox).values(
            record_id=record_id,
            op_id=op_id,
            base_version=base_version,
            queued_seq=position,
            size=_size_of(record_id),
        )
    )
    return op_id


def enqueue_many(conn: Connection, items: Sequence[tuple[str, int | None]]) -> None:
    """Queue many records (record_id, base_version) at once, in the order given."""
    if not items:
        return
    ids = [record_id for record_id, _ in items]
    for start in range(0, len(ids), 500):
        conn.execute(delete(outbox).where(outbox.c.record_id.in_(ids[start : start + 500])))
    first = int(conn.execute(select(func.coalesce(func.max(outbox.c.queued_seq), 0))).scalar_one())
    rows = [
        {"rid": rid, "op_id": new_id(), "base_version": base, "queued_seq": first + 1 + i}
        for i, (rid, base) in enumerate(items)
    ]
    record_id: BindParameter[str] = bindparam("rid")
    conn.execute(insert(outbox).values(record_id=record_id, size=_size_of(record_id)), rows)


def dequeue(conn: Connection, record_id: str) -> None:
    """Take the record out of the queue (the centre has it, or it became a draft)."""
    conn.execute(delete(outbox).where(outbox.c.record_id == record_id))


def reset_in_flight(engine: Engine) -> int:
    """Clear the ``sending`` mark a dead sync left on ops; how many.

    Called as a push starts and as an account opens: no request of this laptop holds
    them then, and the mark says that one does.
    """
    with relaxed_transaction(engine) as conn:
        # The literal 1 is what lets SQLite read the partial index of marked ops.
        marked = outbox.c.sending == literal_column("1")
        result = conn.execute(update(outbox).where(marked).values(sending=False))
    return int(result.rowcount)
