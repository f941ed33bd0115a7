"""Drop the plain index of records.id_number: the partial unique one serves every lookup.

Every id_number lookup at the centre asks for live records (``NOT deleted``), which the
one-live-record-per-person index answers; the plain index cost each pushed or imported
record a random index insert (about 3 us of a push's 70 per record on SQLite).

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


def downgrade() -> None:
    """Revert this migration."""
    op.create_index("ix_records_id_number", "records", ["id_number"], unique=False)
