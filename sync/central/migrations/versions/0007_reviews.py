"""Reviews of records (审核/退回) and what each device's last sync said of itself.

``reviews`` (each record's latest review), ``review_ops`` (every review sent, by op_id: the
audit trail and the replay memory) and ``device_syncs`` (per account and device: the last
sync's time, program version and queue length, from the X-App-Version and X-Queue-Length
headers); an index of the roster by year and region, for progress.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 10:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "reviews",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("field_comments", sa.Text(), nullable=True),
        sa.Column("reviewed_by", sa.String(length=64), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("region_code", sa.String(length=9), nullable=True),
        sa.Column("survey_date", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_reviews")),
    )
    op.create_table(
        "review_ops",
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=10), nullable=False),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("field_comments", sa.Text(), nullable=True),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=True),
        sa.Column("result", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("op_id", name=op.f("pk_review_ops")),
    )
    with op.batch_alter_table("review_ops", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_review_ops_record_id"), ["record_id"], unique=False)
    op.create_table(
        "device_syncs",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("last_sync_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("app_version", sa.String(length=40), nullable=True),
        sa.Column("queue_length", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("username", "device_id", name=op.f("pk_device_syncs")),
    )
    with op.batch_alter_table("roster", schema=None) as batch_op:
        batch_op.create_index(
            "ix_roster_year_region_code_deleted", ["year", "region_code", "deleted"], unique=False
        )


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("roster", schema=None) as batch_op:
        batch_op.drop_index("ix_roster_year_region_code_deleted")
    op.drop_table("device_syncs")
    with op.batch_alter_table("review_ops", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_review_ops_record_id"))
    op.drop_table("review_ops")
    op.drop_table("reviews")
