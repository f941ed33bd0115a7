"""Voiding a record (county staff and above): a tombstone with a reason, never a delete."""

from __future__ import annotations

from typing import Any

import orjson
from sqlalchemy import Engine, insert, update

from sync.central import stored as store
from sync.central.accounts import User
from sync.central.clock import utc_now
from sync.central.db import write_transaction
from sync.central.problems import Conflict, Forbidden, NotFound
from sync.central.scope import in_scope
from sync.central.sequence import lock_counter, store_counter
from sync.central.tables import record_versions, records
from sync.contract.roles import STAFF_ROLES


def void_record(engine: Engine, user: User, record_id: str, reason: str) -> dict[str, Any]:
    """Void ``record_id``; its next pull change is a tombstone. Returns version and seq."""
    if user.role not in STAFF_ROLES:
        raise Forbidden("only county, city or province staff may void records")
    with write_transaction(engine) as conn:
        last_seq = lock_counter(conn)
        query = store.select_records().where(records.c.record_id == record_id)
        rows = list(conn.execute(query))
        if not rows or not in_scope(user, rows[0].region_code):
            raise NotFound(f"record {record_id}: no such record in your region")
        items = store.to_stored(rows, store.trainings_of(conn, [record_id]))
        if not items:
            raise Conflict(
                f"record {record_id}: its stored data cannot be read; an administrator"
                " must repair it first"
            )
        item = items[0]
        if item.deleted:
            raise Conflict(f"record {record_id}: already voided")
        seq, version, now = last_seq + 1, item.version + 1, utc_now()
        conn.execute(
            update(records)
            .where(records.c.record_id == record_id)
            .values(
                deleted=True,
                void_reason=reason,
                version=version,
                seq=seq,
                saved_by=user.username,
                device_id=user.device_id,
            )
        )
        conn.execute(
            insert(record_versions).values(
                record_id=record_id,
                version=version,
                seq=seq,
                action="void",
                op_id=None,
                saved_by=user.username,
                device_id=user.device_id,
                saved_at=now,
                rules_version=None,
                before=orjson.dumps(item.record).decode(),
                after=None,
            )
        )
        store_counter(conn, seq)
    return {"record_id": record_id, "version": version, "seq": seq, "deleted": True}
