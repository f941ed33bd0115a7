"""Reading and writing records in the centre's tables, in bulk (Core executemany).

Reading tolerates a row it cannot turn into a record (a date column holding text that is no
date, written before the centre stored only normalised records): :func:`to_stored` reports
it in the log by its record id alone and leaves it out, so one bad row never fails a pull,
a push or a void for everyone whose scope holds it. Queries of whole rows take their
columns from :func:`select_records`, which reads the date columns without the driver's date
parsing (the part that would fail) for :func:`to_stored` to judge.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Row,
    Select,
    String,
    Table,
    TextClause,
    any_,
    bindparam,
    delete,
    select,
    text,
    type_coerce,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY

from sync.central.bulk import Converter, insert_tuples, stamper
from sync.central.clock import as_utc
from sync.central.tables import record_trainings, records
from sync.contract.rounds import survey_year
from sync.contract.rows import (
    ROW_COLUMNS,
    TRAINING_COLUMNS,
    record_to_row,
    record_values,
    row_to_record,
    training_values,
)

log = logging.getLogger(__name__)

_CHUNK = 900  # stay far below every database's limit of bound parameters
_WRITE_COLUMNS = [c.name for c in records.columns]
_DATE_NAMES = tuple(c.name for c in records.columns if isinstance(c.type, Date))
# The bookkeeping columns after the business ones, in the order record_tuples writes them.
_TAIL = (
    "created_at",
    "updated_at",
    "received_at",
    "version",
    "deleted",
    "seq",
    "saved_by",
    "device_id",
    "void_reason",
    "rules_version",
)
if [*ROW_COLUMNS, *_TAIL] != _WRITE_COLUMNS or [c.name for c in record_trainings.columns] != list(
    TRAINING_COLUMNS
):
    raise RuntimeError("the tables changed: update the tuples that sync.central.stored writes")


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


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def among(
    conn: Connection, column: ColumnElement[Any], values: Sequence[str]
) -> Iterable[ColumnElement[bool]]:
    """Conditions ``column IN values``, one per statement to run.

    On PostgreSQL one ``= ANY(array)`` with a single parameter: an ``IN`` of 500 parameters
    costs more to render and convert in SQLAlchemy and psycopg than the database needs to
    answer it.
    """
    if conn.dialect.name == "postgresql":
        if values:
            yield column == any_(bindparam(None, list(values), type_=ARRAY(String)))
        return
    for chunk in _chunks(values):
        yield column.in_(chunk)


def find(
    conn: Connection,
    table: Table,
    names: Sequence[str],
    key: str,
    values: Sequence[str],
    also: str | None = None,
) -> Iterator[Sequence[Any]]:
    """The ``names`` columns of the rows of ``table`` whose ``key`` is one of ``values``
    and which meet the SQL condition ``also`` when given.

    Through the driver (the columns read here are text, which every driver returns alike):
    rendering an ``IN`` of 500 parameters costs Core more than the database needs to answer
    it. On PostgreSQL the values go as one array in the binary format: psycopg writes a text
    array element by element with a pattern search for quoting, about 1.5 us each.
    """
    if not values:
        return
    columns = ", ".join(f'"{name}"' for name in names)
    sql = f'SELECT {columns} FROM "{table.name}" WHERE "{key}"'
    more = f" AND {also}" if also else ""
    dialect = conn.dialect.name
    if dialect == "postgresql" and conn.dialect.driver == "psycopg":
        yield from conn.exec_driver_sql(f"{sql} = ANY(%b){more}", (list(values),))
        return
    if dialect == "sqlite":
        for chunk in _chunks(values):
            marks = ", ".join("?" * len(chunk))
            yield from conn.exec_driver_sql(f"{sql} IN ({marks}){more}", tuple(chunk))
        return
    for condition in among(conn, table.c[key], values):
        query = select(*(table.c[name] for name in names)).where(condition)
        yield from conn.execute(query.where(text(also)) if also else query)


def trainings_of(conn: Connection, record_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """The training rows of each record id."""
    found: dict[str, list[dict[str, Any]]] = {}
    for condition in among(conn, record_trainings.c.record_id, record_ids):
        rows = conn.execute(select(record_trainings).where(condition)).mappings()
        for row in rows:
            found.setdefault(row["record_id"], []).append(dict(row))
    return found


def select_records() -> Select[Any]:
    """``SELECT`` of every ``records`` column, the dates as the database holds them (a
    ``date`` from PostgreSQL, the text from SQLite) for :func:`to_stored` to read."""
    return select(
        *(
            type_coerce(column, String).label(column.name)
            if isinstance(column.type, Date)
            else column
            for column in records.columns
        )
    )


def _date_text(value: object) -> object:
    """A stored date in the record's form (ISO text); ValueError when it is not one."""
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and len(value) == 10:
        date.fromisoformat(value)  # ValueError when it is no date
        return value
    raise ValueError("not a date")


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A stored row :func:`to_stored` left out: what a push still needs to know of it."""

    region_code: str | None
    live_id_number: str | None  # the id_number it holds while not voided
    survey_year: int | None  # ... in this survey year (None: its survey date is unreadable)

    @property
    def person_year(self) -> tuple[str, int] | None:
        """The (id_number, survey year) it holds while not voided, when both are known."""
        if self.live_id_number is None or self.survey_year is None:
            return None
        return self.live_id_number, self.survey_year


def to_stored(
    rows: Sequence[Row[Any]],
    trainings: dict[str, list[dict[str, Any]]],
    unreadable: dict[str, Unreadable] | None = None,
) -> list[Stored]:
    """Stored records from ``records`` rows and their trainings; a row that cannot be read
    is logged, left out and, when ``unreadable`` is given, put there by its record id."""
    out = []
    for row in rows:
        mapping = cast(Mapping[str, Any], row._mapping)
        try:
            dates = {name: _date_text(mapping[name]) for name in _DATE_NAMES}
            record = row_to_record(mapping, trainings.get(mapping["record_id"], ()))
            record.update(dates)
            item = Stored(
                record=record,
                version=int(mapping["version"] or 0),
                seq=int(mapping["seq"] or 0),
                deleted=bool(mapping["deleted"]),
                created_at=as_utc(mapping["created_at"]),
                updated_at=as_utc(mapping["updated_at"]),
                received_at=as_utc(mapping["received_at"]),
            )
        except (ValueError, TypeError, OverflowError) as exc:
            record_id = mapping["record_id"]
            log.warning("record %s: its stored row cannot be read (%s); left out", record_id, exc)
            if unreadable is not None:
                number = None if mapping["deleted"] else mapping["id_number"]
                year = survey_year(mapping)
                unreadable[record_id] = Unreadable(mapping["region_code"], number, year)
            continue
        out.append(item)
    return out


def live() -> TextClause:
    """Records not voided, worded as the partial index of live id_numbers is (``NOT
    deleted``): the planners match an index's condition by its form, and ``deleted = 0``
    (how SQLAlchemy words ``not_(deleted)`` for SQLite) leaves the lookup without it."""
    return text("NOT records.deleted")


def load(
    conn: Connection,
    record_ids: Sequence[str],
    id_numbers: Sequence[str],
    unreadable: dict[str, Unreadable] | None = None,
) -> list[Stored]:
    """The records with these ids, and the live records holding these id_numbers (those
    that cannot be read go to ``unreadable``: see :func:`to_stored`)."""
    rows: dict[str, Row[Any]] = {}
    # Most pushed records are new: ask the indexes which ids are there at all (no row
    # processing) and read full rows, through Core, for those alone.
    ids = _present(conn, "record_id", record_ids, live_only=False)
    numbers = _present(conn, "id_number", id_numbers, live_only=True)
    for condition in among(conn, records.c.record_id, ids):
        for row in conn.execute(select_records().where(condition)):
            rows[row.record_id] = row
    for condition in among(conn, records.c.id_number, numbers):
        query = select_records().where(condition, live())
        for row in conn.execute(query):
            rows[row.record_id] = row
    found = list(rows.values())
    return to_stored(found, trainings_of(conn, [r.record_id for r in found]), unreadable)


def _present(conn: Connection, column: str, values: Sequence[str], *, live_only: bool) -> list[str]:
    """Those of ``values`` found in ``records.<column>`` (of live records: ``live_only``,
    worded as the partial index of live id_numbers is: see :func:`live`)."""
    also = "NOT deleted" if live_only else None
    return sorted({v for (v,) in find(conn, records, (column,), column, sorted(set(values)), also)})


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


def record_tuples(
    items: Sequence[Stored], extra: Mapping[str, Any], stamp: Converter
) -> list[tuple[Any, ...]]:
    """The ``records`` rows of new records in column order, for :func:`insert_tuples`."""
    tail = (None, extra.get("rules_version"))
    by = (extra.get("saved_by"), extra.get("device_id"))
    return [
        (
            *record_values(item.record),
            stamp(item.created_at),
            stamp(item.updated_at),
            stamp(item.received_at),
            item.version,
            item.deleted,
            item.seq,
            *by,
            *tail,
        )
        for item in items
    ]


def write(
    conn: Connection,
    new: Sequence[Stored],
    changed: Sequence[Stored],
    extra: Mapping[str, Any],
) -> None:
    """Insert the ``new`` records, update the ``changed`` ones, and replace the trainings of
    all of them; ``extra`` holds saved_by, device_id and rules_version."""
    stamp = stamper(conn)
    insert_tuples(conn, records, record_tuples(new, extra, stamp))
    if changed:
        statement = (
            update(records)
            .where(records.c.record_id == bindparam("b_record_id"))
            .values({name: bindparam(name) for name in _WRITE_COLUMNS if name != "record_id"})
        )
        rows = [row_for(item, dict(extra)) for item in changed]
        conn.execute(statement, [{**row, "b_record_id": row["record_id"]} for row in rows])
        changed_ids = [item.record_id for item in changed]
        for condition in among(conn, record_trainings.c.record_id, changed_ids):
            conn.execute(delete(record_trainings).where(condition))
    trainings = training_values(item.record for items in (new, changed) for item in items)
    insert_tuples(conn, record_trainings, trainings)
