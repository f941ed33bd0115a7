"""The records table shape that both ends share (SQLAlchemy Core).

The centre and the desktop each build their own ``records`` and ``record_trainings``
tables from these columns and add their own bookkeeping columns, so that the indicator
queries in :mod:`sync.contract.indicators` run unchanged on either database. The roster
(调查底册, :func:`roster_table`) is shared the same way.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
)

from sync.contract.fields import FIELDS_BY_NAME, RECORD_FIELDS, Field

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_metadata() -> MetaData:
    """A MetaData with named constraints, so that Alembic's SQLite batch mode works."""
    return MetaData(naming_convention=NAMING_CONVENTION)


def _column_for(field: Field) -> Column[object] | None:
    if field.kind == "trainings":
        return None  # one row per training in record_trainings
    if field.name == "record_id":
        return Column("record_id", String(36), primary_key=True)
    if field.kind == "text":
        length = field.max_length or 100
        return Column(field.name, String(length), nullable=True)
    if field.kind == "code":
        return Column(field.name, SmallInteger, nullable=True)
    if field.kind == "int":
        return Column(field.name, Integer, nullable=True)
    if field.kind == "date":
        return Column(field.name, Date, nullable=True)
    if field.kind == "bool":
        return Column(field.name, Boolean, nullable=True)
    raise ValueError(f"no column kind for {field.kind}")


def record_columns() -> list[Column[object]]:
    """Fresh Column objects for every business field of the record (not trainings)."""
    return [c for c in (_column_for(f) for f in RECORD_FIELDS) if c is not None]


def bookkeeping_columns() -> list[Column[object]]:
    """Columns kept with every record at both ends, never typed in (docs/protocol.md).

    ``created_at``/``updated_at``: the laptop's clock (UTC) at first and last local save;
    ``received_at``: the centre's clock when the record first arrived (NULL on a laptop until
    the centre has it); ``version``: the centre's version (NULL until accepted); ``deleted``:
    voided by county staff (a tombstone: nothing is hard-deleted).
    """
    return [
        Column("created_at", DateTime(timezone=True), nullable=True),
        Column("updated_at", DateTime(timezone=True), nullable=True),
        Column("received_at", DateTime(timezone=True), nullable=True),
        Column("version", Integer, nullable=True),
        Column("deleted", Boolean, nullable=False, default=False, server_default="0"),
    ]


def records_table(metadata: MetaData, *extra: Column[object]) -> Table:
    """The ``records`` table: business and bookkeeping columns plus the end's own ``extra``."""
    return Table("records", metadata, *record_columns(), *bookkeeping_columns(), *extra)


def trainings_table(metadata: MetaData) -> Table:
    """One row per training of a record (docs/protocol.md, ``trainings``)."""
    table = Table(
        "record_trainings",
        metadata,
        Column(
            "record_id",
            String(36),
            ForeignKey("records.record_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("position", SmallInteger, primary_key=True),
        Column("year", Integer, nullable=True),
        Column("type", SmallInteger, nullable=True),
        Column("period", SmallInteger, nullable=True),
        Column("provider", String(100), nullable=True),
    )
    Index("ix_record_trainings_year", table.c.year)
    return table


def base_population_table(metadata: MetaData) -> Table:
    """Working-age disabled persons per region and year (reference data, docs/protocol.md)."""
    return Table(
        "base_population",
        metadata,
        Column("region_code", String(9), primary_key=True),
        Column("year", Integer, primary_key=True),
        Column("working_age_disabled", Integer, nullable=False),
    )


def targets_table(metadata: MetaData) -> Table:
    """Annual targets per region, year and indicator (reference data, docs/protocol.md)."""
    return Table(
        "targets",
        metadata,
        Column("region_code", String(9), primary_key=True),
        Column("year", Integer, primary_key=True),
        Column("indicator", String(32), primary_key=True),
        Column("target", Integer, nullable=False),
    )


# The roster's columns after ``year`` (docs/protocol.md, GET /sync/roster): the record's
# fields of the same names, as the disability certificate database knows them.
ROSTER_FIELDS = (
    "id_number",
    "name",
    "disability_cert_number",
    "disability_category",
    "disability_level",
    "hukou_type",
    "region_code",
    "village",
    "address",
    "phone",
)


def roster_table(metadata: MetaData, *extra: Column[object]) -> Table:
    """The ``roster`` table (调查底册): one row per person and year, ``deleted`` once the
    person is taken off that year's roster; plus the end's own ``extra`` columns."""
    columns: list[Column[object]] = [
        Column("year", Integer, primary_key=True),
        Column("id_number", String(FIELDS_BY_NAME["id_number"].max_length), primary_key=True),
    ]
    for name in ROSTER_FIELDS[1:]:
        column = _column_for(FIELDS_BY_NAME[name])
        assert column is not None
        columns.append(column)
    columns.append(Column("deleted", Boolean, nullable=False, default=False, server_default="0"))
    return Table("roster", metadata, *columns, *extra)
