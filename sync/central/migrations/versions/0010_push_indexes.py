"""Drop two indexes that no query of the centre reads; each cost every pushed or imported
record an index insert.

- ``ix_records_region_code``: every region filter of the centre (pull, export, reports,
  spot checks, progress) is served as well by the progress index of 0008, whose first column
  is region_code. On SQLite its insert was about 4 us of a pushed record's 100-140.
- ``ix_record_versions_seq``: the history is read by record and version (its primary key)
  only; nothing asks it for a range of change numbers.

Plain ``DROP INDEX`` on both databases: no table is rebuilt, so the trigger of 0009 on
``record_versions`` stays as it is.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03 19:20:00
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.drop_index("ix_records_region_code", table_name="records")
    op.drop_index("ix_record_versions_seq", table_name="record_versions")


def downgrade() -> None:
    """Revert this migration."""
    op.create_index("ix_record_versions_seq", "record_versions", ["seq"], unique=False)
    op.create_index("ix_records_region_code", "records", ["region_code"], unique=False)
