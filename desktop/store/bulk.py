"""Saving many records in one transaction: bulk inserts for new ones, one op each queued.

The import and the tests save thousands of records at once; one row at a time with a
durable commit each would take minutes, one transaction takes a second.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import insert, select

from desktop.store.database import write_transaction
from desktop.store.model import SaveResult, State
from desktop.store.schema import record_docs, record_trainings, records
from desktop.store.writes import (
    dequeue,
    dumps,
    enqueue_many,
    findings_json,
    utc_now,
    write_record,
)
from sync.contract import normalize, validate
from sync.contract.ids import new_id
from sync.contract.rows import record_to_row, record_training_rows

if TYPE_CHECKING:
    from desktop.store.registry import Registry


def save_many(
    registry: Registry, many: Iterable[Mapping[str, Any]], *, today: date | None = None
) -> list[SaveResult]:
    """Save many complete records in one transaction (import, tests): as save_record each.

    A record in conflict is left alone and reported with state ``conflict``.
    """
    by_id: dict[str, dict[str, Any]] = {}
    for record in many:
        doc = normalize(record)
        if not doc.get("record_id"):
            doc["record_id"] = new_id()
        by_id[str(doc["record_id"])] = doc  # the same record twice: the last one wins
    docs = list(by_id.values())
    rules = registry.rules
    now = utc_now()
    results: list[SaveResult] = []
    with write_transaction(registry.engine) as conn:
        known: dict[str, Any] = {}
        ids = [str(d["record_id"]) for d in docs]
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            for row in conn.execute(
                select(records.c.record_id, records.c.state, records.c.version).where(
                    records.c.record_id.in_(chunk)
                )
            ):
                known[row.record_id] = row
        fresh: list[dict[str, Any]] = []
        fresh_docs: list[dict[str, Any]] = []
        fresh_trainings: list[dict[str, Any]] = []
        queued: list[tuple[str, int | None]] = []
        for doc in docs:
            record_id = str(doc["record_id"])
            findings = tuple(validate(doc, today=today, rules=rules))
            current = known.get(record_id)
            if current is not None and current.state == "conflict":
                results.append(SaveResult(record_id, "conflict", findings))
                continue
            state: State = "draft" if any(f.severity == "error" for f in findings) else "pending"
            extra = {
                "saved_by": registry.username,
                "findings_doc": findings_json(findings),
                "needs_correction": False,
            }
            if current is None:
                values = record_to_row(doc, lenient=True)
                values.update(state=state, created_at=now, updated_at=now, **extra)
                fresh.append(values)
                fresh_docs.append({"record_id": record_id, "doc": dumps(doc)})
                fresh_trainings.extend(record_training_rows(doc, lenient=True))
            else:
                write_record(conn, doc, state, exists=True, now=now, **extra)
            if state == "pending":
                queued.append((record_id, current.version if current is not None else None))
            else:
                dequeue(conn, record_id)
            results.append(SaveResult(record_id, state, findings))
        if fresh:
            conn.execute(insert(records), fresh)
            conn.execute(insert(record_docs), fresh_docs)
        if fresh_trainings:
            conn.execute(insert(record_trainings), fresh_trainings)
        enqueue_many(conn, queued)
    return results
