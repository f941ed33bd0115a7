"""Annual rounds: one live record per person and survey year, and the year's roster.

A record is one person's survey in one year (the year of ``survey_date``). The unique index
of live id_numbers becomes one of live (id_number, survey year) pairs: every existing
record keeps its row, its id and its version, and since the old index allowed one live
record per person, every existing database satisfies the new one. No data moves.

``roster`` holds the roster (调查底册) of each year; its changes are numbered by a second
row of ``seq_counter`` (ROSTER_COUNTER), so that loading a province's roster never holds
the lock that numbers pushed records.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 10:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_LIVE = "NOT deleted"


def _year_of_survey() -> sa.TextClause:
    """sync.contract.sql_dates.year_of(survey_date), as each database words it."""
    if op.get_bind().dialect.name == "sqlite":
        return sa.text("CAST(substr(survey_date, 1, 4) AS INTEGER)")
    return sa.text("CAST(EXTRACT(YEAR FROM survey_date) AS INTEGER)")


def upgrade() -> None:
    """Apply this migration."""
    op.drop_index(
        "uq_records_live_id_number",
        table_name="records",
        sqlite_where=sa.text(_LIVE),
        postgresql_where=sa.text(_LIVE),
    )
    op.create_index(
        "uq_records_live_person_year",
        "records",
        [sa.column("id_number"), _year_of_survey()],
        unique=True,
        sqlite_where=sa.text(_LIVE),
        postgresql_where=sa.text(_LIVE),
    )
    op.create_table(
        "roster",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("id_number", sa.String(length=18), nullable=False),
        sa.Column("name", sa.String(length=30), nullable=True),
        sa.Column("disability_cert_number", sa.String(length=22), nullable=True),
        sa.Column("disability_category", sa.SmallInteger(), nullable=True),
        sa.Column("disability_level", sa.SmallInteger(), nullable=True),
        sa.Column("hukou_type", sa.SmallInteger(), nullable=True),
        sa.Column("region_code", sa.String(length=9), nullable=True),
        sa.Column("village", sa.String(length=100), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("left_region_code", sa.String(length=9), nullable=True),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("year", "id_number", name=op.f("pk_roster")),
    )
    op.create_index("ix_roster_year_seq", "roster", ["year", "seq"], unique=False)
    # The roster's counter (see sync.central.sequence).
    op.execute(sa.text("INSERT INTO seq_counter (id, value) VALUES (2, 0)"))


def downgrade() -> None:
    """Revert this migration (fails, as it must, when a person has live records of two
    years: the old index allows one)."""
    op.execute(sa.text("DELETE FROM seq_counter WHERE id = 2"))
    op.drop_index("ix_roster_year_seq", table_name="roster")
    op.drop_table("roster")
    op.drop_index(
        "uq_records_live_person_year",
        table_name="records",
        sqlite_where=sa.text(_LIVE),
        postgresql_where=sa.text(_LIVE),
    )
    op.create_index(
        "uq_records_live_id_number",
        "records",
        ["id_number"],
        unique=True,
        sqlite_where=sa.text(_LIVE),
        postgresql_where=sa.text(_LIVE),
    )
