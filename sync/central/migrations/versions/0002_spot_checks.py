"""Spot checks: draws, assignments to inspectors, and per-field results.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 20:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "spot_check_draws",
        sa.Column("draw_id", sa.String(length=36), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.Column("region_code", sa.String(length=9), nullable=False),
        sa.Column("rate", sa.Float(), nullable=False),
        sa.Column("minimum", sa.Integer(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("inspectors", sa.Text(), nullable=True),
        sa.Column("drawn_by", sa.String(length=64), nullable=False),
        sa.Column("drawn_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("draw_id", name=op.f("pk_spot_check_draws")),
    )
    op.create_table(
        "spot_check_assignments",
        sa.Column("assignment_id", sa.String(length=36), nullable=False),
        sa.Column("draw_id", sa.String(length=36), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("region_code", sa.String(length=9), nullable=False),
        sa.Column("inspector", sa.String(length=64), nullable=False),
        sa.Column("inspector_region", sa.String(length=9), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("quarter", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("assignment_id", name=op.f("pk_spot_check_assignments")),
    )
    with op.batch_alter_table("spot_check_assignments", schema=None) as batch_op:
        batch_op.create_index("ix_spot_check_assignments_inspector", ["inspector"], unique=False)
        batch_op.create_index(
            "ix_spot_check_assignments_year_quarter", ["year", "quarter"], unique=False
        )
    op.create_table(
        "spot_check_results",
        sa.Column("assignment_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("matched", sa.Boolean(), nullable=False),
        sa.Column("corrected", sa.Text(), nullable=True),
        sa.Column("checked_by", sa.String(length=64), nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("assignment_id", "field", name=op.f("pk_spot_check_results")),
    )


def downgrade() -> None:
    """Revert this migration."""
    op.drop_table("spot_check_results")
    with op.batch_alter_table("spot_check_assignments", schema=None) as batch_op:
        batch_op.drop_index("ix_spot_check_assignments_year_quarter")
        batch_op.drop_index("ix_spot_check_assignments_inspector")
    op.drop_table("spot_check_assignments")
    op.drop_table("spot_check_draws")
