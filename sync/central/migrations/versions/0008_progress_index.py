"""An index of records by region, account, survey date and deletion, for progress.

``GET /progress`` counts the year's live records per region code and account
(:mod:`sync.central.progress`); this index holds every column it reads, in its GROUP BY
order, so SQLite neither reads the table nor sorts the year's records.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 14:45:00
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

_NAME = "ix_records_region_code_saved_by_survey_date_deleted"


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.create_index(
            _NAME, ["region_code", "saved_by", "survey_date", "deleted"], unique=False
        )


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_index(_NAME)
