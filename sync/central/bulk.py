"""Bulk inserts on the fast path, below SQLAlchemy's per-row parameter processing.

SQLite gets the driver's ``executemany`` with tuples in the storage formats SQLAlchemy
itself uses (so Core reads them back unchanged); PostgreSQL gets ``COPY ... FROM STDIN``
in the binary format through psycopg, inside the same transaction: each value goes as the
column's own type, which the server takes without parsing text (a push's write costs about
a sixth less CPU than with the text format, both sides counted). Other drivers use Core's
insert.

The hottest writers (push, import) skip dicts altogether: :func:`insert_tuples` takes rows
in column order that are already in a form every supported driver stores as SQLAlchemy
would: dates as ISO strings (the record's canonical form), booleans as bool, and
timestamps passed through :func:`stamper`, which formats them once for SQLite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Boolean, Connection, Date, DateTime, Dialect, Table, insert
from sqlalchemy.exc import IntegrityError

Converter = Callable[[Any], Any]

# sqlite3 binds a bool as the integer it is, but only after looking for an adapter the slow
# way (two failed attribute lookups, each building an error message; docs/architecture.md
# has the figures). Registered, the lookup is one dict hit; what is stored is the same 0 or
# 1, in every connection of the process.
sqlite3.register_adapter(bool, int)


def _datetime(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            if value.tzinfo is not UTC:
                value = value.astimezone(UTC)
            value = value.replace(tzinfo=None)
        # SQLAlchemy's SQLite format (year %04d); isoformat is faster than strftime.
        return value.isoformat(" ", "microseconds")
    return value


def _date(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return value


def _boolean(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    return value


def _converters(table: Table) -> list[tuple[str, Converter | None]]:
    out: list[tuple[str, Converter | None]] = []
    for column in table.columns:
        kind = column.type
        converter: Converter | None = None
        if isinstance(kind, DateTime):
            converter = _datetime
        elif isinstance(kind, Date):
            converter = _date
        elif isinstance(kind, Boolean):
            converter = _boolean
        out.append((column.name, converter))
    return out


_PLANS: dict[str, tuple[str, list[tuple[str, Converter | None]]]] = {}
_COPIES: dict[str, tuple[str, list[str], list[int]]] = {}


def stamper(conn: Connection) -> Converter:
    """How this connection's :func:`insert_tuples` wants a timestamp (aware or naive UTC).

    For SQLite, a formatter that remembers its answers: most timestamps of a batch are the
    same "now" (received_at, saved_at), and a new record's created_at and updated_at are
    one time. Make one per batch: it keeps every distinct time it has formatted.
    """
    if conn.dialect.name != "sqlite":
        return _same
    formatted: dict[Any, Any] = {}

    def stamp(value: Any) -> Any:
        if value is None:
            return None
        text = formatted.get(value)
        if text is None:
            text = formatted[value] = _datetime(value)
        return text

    return stamp


def _same(value: Any) -> Any:
    return value


def insert_tuples(conn: Connection, table: Table, rows: Sequence[tuple[Any, ...]]) -> None:
    """Insert ``rows``: tuples holding every column of ``table`` in order (see module doc)."""
    if not rows:
        return
    dialect = conn.dialect.name
    if dialect == "sqlite":
        conn.exec_driver_sql(_plan(table)[0], list(rows))
        return
    if dialect == "postgresql" and conn.dialect.driver == "psycopg":
        _copy_tuples(conn, table, rows)
        return
    names = [column.name for column in table.columns]
    # Another driver: back to Core's typed insert (dates parsed back from ISO strings).
    dates = {c.name for c in table.columns if isinstance(c.type, Date)}
    conn.execute(
        insert(table),
        [
            {
                name: (
                    date.fromisoformat(value) if name in dates and isinstance(value, str) else value
                )
                for name, value in zip(names, row, strict=True)
            }
            for row in rows
        ],
    )


def _plan(table: Table) -> tuple[str, list[tuple[str, Converter | None]]]:
    plan = _PLANS.get(table.name)
    if plan is None:
        converters = _converters(table)
        names = ", ".join(f'"{name}"' for name, _ in converters)
        marks = ", ".join("?" for _ in converters)
        plan = (f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})', converters)
        _PLANS[table.name] = plan
    return plan


def _copy_plan(table: Table, dialect: Dialect) -> tuple[str, list[str], list[int]]:
    """The COPY statement, the PostgreSQL type of each column, and where the dates are."""
    plan = _COPIES.get(table.name)
    if plan is None:
        columns = ", ".join(f'"{column.name}"' for column in table.columns)
        # "VARCHAR(36)" -> "varchar": psycopg knows the types by name, without modifiers.
        types = [
            column.type.compile(dialect=dialect).split("(")[0].lower() for column in table.columns
        ]
        dates = [i for i, column in enumerate(table.columns) if isinstance(column.type, Date)]
        plan = (f'COPY "{table.name}" ({columns}) FROM STDIN (FORMAT BINARY)', types, dates)
        _COPIES[table.name] = plan
    return plan


def _copy_tuples(conn: Connection, table: Table, rows: Sequence[tuple[Any, ...]]) -> None:
    sql, types, dates = _copy_plan(table, conn.dialect)
    driver: Any = conn.connection.driver_connection  # a psycopg.Connection
    try:
        with driver.cursor() as cursor, cursor.copy(sql) as copy:
            copy.set_types(types)
            write = copy.write_row
            if not dates:
                for row in rows:
                    write(row)
                return
            for row in rows:
                values = list(row)
                for i in dates:  # the binary date wants a date, not its ISO text
                    if isinstance(value := values[i], str):
                        values[i] = date.fromisoformat(value)
                write(values)
    except driver.IntegrityError as error:
        # Below SQLAlchemy, so unwrapped: the callers (a push that lost the race for a
        # person's year, say) retry on SQLAlchemy's IntegrityError, as on any other insert.
        raise IntegrityError(sql, None, error) from error
