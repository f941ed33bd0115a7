"""Reading and writing records in the centre's tables, in bulk (Core executemany)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Connection, Row, bindparam, delete, false, select, update

from sync.central.bulk import insert_many
from sync.central.clock import as_utc
from sync.central.tables import record_trainings, records
from sync.contract.rows import record_to_row, record_training_rows, row_to_record

_CHUNK = 900  # stay far below every database's limit of bound parameters
_WRITE_COLUMNS = [c.name for c in records.columns]


@dataclass(slots=True)
class Stored:
    """A record as the centre holds it: the canonical JSON form and its bookkeeping."""

    record: dict[str, Any]
    version: int
    seq: int
    deleted: bool
    created_at: datetime | None
    updated_at: datetime | None
    received_at: datetime | None

    @property
    def record_id(self) -> str:
        """The record's id."""
        return str(self.record["record_id"])

    def meta(self) -> dict[str, Any]:
        """The read-only keys sent beside the record."""
        return {
            "version": self.version,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "received_at": self.received_at,
        }


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def trainings_of(conn: Connection, record_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """The training rows of each record id."""
    found: dict[str, list[dict[str, Any]]] = {}
    for chunk in _chunks(record_ids):
        rows = conn.execute(
            select(record_trainings).where(record_trainings.c.record_id.in_(chunk))
        ).mappings()
        for row in rows:
            found.setdefault(row["record_id"], []).append(dict(row))
    return found


def to_stored(rows: Sequence[Row[Any]], trainings: dict[str, list[dict[str, Any]]]) -> list[Stored]:
    """Stored records from ``records`` rows and their trainings."""
    out = []
    for row in rows:
        mapping = row._mapping
        out.append(
            Stored(
                record=row_to_record(
                    cast(Mapping[str, Any], mapping), trainings.get(mapping["record_id"], ())
                ),
                version=int(mapping["version"] or 0),
                seq=int(mapping["seq"] or 0),
                deleted=bool(mapping["deleted"]),
                created_at=as_utc(mapping["created_at"]),
                updated_at=as_utc(mapping["updated_at"]),
                received_at=as_utc(mapping["received_at"]),
            )
        )
    return out


def load(conn: Connection, record_ids: Sequence[str], id_numbers: Sequence[str]) -> list[Stored]:
    """The records with these ids, and the live records holding these id_numbers."""
    rows: dict[str, Row[Any]] = {}
    ids = sorted(set(record_ids))
    numbers = sorted(set(id_numbers))
    for chunk in _chunks(ids):
        for row in conn.execute(select(records).where(records.c.record_id.in_(chunk))):
            rows[row.record_id] = row
    for chunk in _chunks(numbers):
        query = select(records).where(records.c.id_number.in_(chunk), records.c.deleted == false())
        for row in conn.execute(query):
            rows[row.record_id] = row
    found = list(rows.values())
    return to_stored(found, trainings_of(conn, [r.record_id for r in found]))


def row_for(stored: Stored, extra: dict[str, Any]) -> dict[str, Any]:
    """The full ``records`` row of a stored record plus the bookkeeping in ``extra``."""
    row = record_to_row(stored.record)
    row.update(
        version=stored.version,
        seq=stored.seq,
        deleted=stored.deleted,
        created_at=stored.created_at,
        updated_at=stored.updated_at,
        received_at=stored.received_at,
    )
    row.update(extra)
    return {name: row.get(name) for name in _WRITE_COLUMNS}


def write(
    conn: Connection,
    inserts: list[dict[str, Any]],
    updates: list[dict[str, Any]],
    records_for_trainings: list[dict[str, Any]],
) -> None:
    """Insert new rows, update existing ones, and replace the trainings of all of them."""
    insert_many(conn, records, inserts)
    if updates:
        statement = (
            update(records)
            .where(records.c.record_id == bindparam("b_record_id"))
            .values({name: bindparam(name) for name in _WRITE_COLUMNS if name != "record_id"})
        )
        conn.execute(statement, [{**row, "b_record_id": row["record_id"]} for row in updates])
        for chunk in _chunks([row["record_id"] for row in updates]):
            conn.execute(delete(record_trainings).where(record_trainings.c.record_id.in_(chunk)))
    training_rows = [t for rec in records_for_trainings for t in record_training_rows(rec)]
    insert_many(conn, record_trainings, training_rows)
