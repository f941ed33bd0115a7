"""Drop two indexes of records that no query of the centre needs; each cost every pushed or
imported record an index insert.

- ``ix_records_id_number``: every id_number lookup at the centre asks for live records
  (``NOT deleted``), which the one-live-record-per-person index answers.
- ``ix_records_survey_date``: the centre's survey-date ranges (a quarter, a year) read too
  much of the table for an index to pay; no report or draw query used it.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 22:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.drop_index("ix_records_id_number", table_name="records")
    op.drop_index("ix_records_survey_date", table_name="records")


def downgrade() -> None:
    """Revert this migration."""
    op.create_index("ix_records_survey_date", "records", ["survey_date"], unique=False)
    op.create_index("ix_records_id_number", "records", ["id_number"], unique=False)
