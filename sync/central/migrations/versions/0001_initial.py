"""The initial schema of the central database.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-25 19:57:40.762430
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Apply this migration."""
    op.create_table(
        "base_population",
        sa.Column("region_code", sa.String(length=9), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("working_age_disabled", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("region_code", "year", name=op.f("pk_base_population")),
    )
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=120), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    with op.batch_alter_table("login_failures", schema=None) as batch_op:
        batch_op.create_index("ix_login_failures_key_failed_at", ["key", "failed_at"], unique=False)

    op.create_table(
        "ops",
        sa.Column("op_id", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("result", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("op_id", name=op.f("pk_ops")),
    )
    op.create_table(
        "record_versions",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("action", sa.String(length=10), nullable=False),
        sa.Column("op_id", sa.String(length=64), nullable=True),
        sa.Column("saved_by", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=True),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rules_version", sa.String(length=64), nullable=True),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("record_id", "version", name=op.f("pk_record_versions")),
    )
    with op.batch_alter_table("record_versions", schema=None) as batch_op:
        batch_op.create_index("ix_record_versions_seq", ["seq"], unique=False)

    op.create_table(
        "records",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=30), nullable=True),
        sa.Column("id_number", sa.String(length=18), nullable=True),
        sa.Column("disability_cert_number", sa.String(length=22), nullable=True),
        sa.Column("disability_category", sa.SmallInteger(), nullable=True),
        sa.Column("disability_level", sa.SmallInteger(), nullable=True),
        sa.Column("hukou_type", sa.SmallInteger(), nullable=True),
        sa.Column("region_code", sa.String(length=9), nullable=True),
        sa.Column("village", sa.String(length=100), nullable=True),
        sa.Column("address", sa.String(length=200), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("education", sa.SmallInteger(), nullable=True),
        sa.Column("poverty_registered", sa.Boolean(), nullable=True),
        sa.Column("employment_status", sa.SmallInteger(), nullable=True),
        sa.Column("employment_form", sa.SmallInteger(), nullable=True),
        sa.Column("employment_date", sa.Date(), nullable=True),
        sa.Column("employer", sa.String(length=100), nullable=True),
        sa.Column("unemployment_reason", sa.SmallInteger(), nullable=True),
        sa.Column("employment_intention", sa.Boolean(), nullable=True),
        sa.Column("training_need", sa.Boolean(), nullable=True),
        sa.Column("graduate", sa.Boolean(), nullable=True),
        sa.Column("graduation_year", sa.Integer(), nullable=True),
        sa.Column("graduate_school", sa.String(length=100), nullable=True),
        sa.Column("graduate_major", sa.String(length=100), nullable=True),
        sa.Column("graduate_degree", sa.SmallInteger(), nullable=True),
        sa.Column("graduate_status", sa.SmallInteger(), nullable=True),
        sa.Column("survey_date", sa.Date(), nullable=True),
        sa.Column("surveyor", sa.String(length=30), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=True),
        sa.Column("saved_by", sa.String(length=64), nullable=True),
        sa.Column("device_id", sa.String(length=64), nullable=True),
        sa.Column("void_reason", sa.String(length=200), nullable=True),
        sa.Column("rules_version", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("record_id", name=op.f("pk_records")),
    )
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.create_index("ix_records_id_number", ["id_number"], unique=False)
        batch_op.create_index("ix_records_region_code", ["region_code"], unique=False)
        batch_op.create_index("ix_records_seq", ["seq"], unique=False)
        batch_op.create_index("ix_records_survey_date", ["survey_date"], unique=False)
        batch_op.create_index(
            "uq_records_live_id_number",
            ["id_number"],
            unique=True,
            sqlite_where=sa.text("NOT deleted"),
            postgresql_where=sa.text("NOT deleted"),
        )

    op.create_table(
        "seq_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seq_counter")),
    )
    # The one row of the change counter (see sync.central.sequence).
    op.execute(sa.text("INSERT INTO seq_counter (id, value) VALUES (1, 0)"))
    op.create_table(
        "targets",
        sa.Column("region_code", sa.String(length=9), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("indicator", sa.String(length=32), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("region_code", "year", "indicator", name=op.f("pk_targets")),
    )
    op.create_table(
        "tokens",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("device_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_tokens")),
    )
    with op.batch_alter_table("tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tokens_username"), ["username"], unique=False)

    op.create_table(
        "users",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=300), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("region_code", sa.String(length=9), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("disabled", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint("username", name=op.f("pk_users")),
    )
    op.create_table(
        "record_trainings",
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.SmallInteger(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("type", sa.SmallInteger(), nullable=True),
        sa.Column("period", sa.SmallInteger(), nullable=True),
        sa.Column("provider", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["records.record_id"],
            name=op.f("fk_record_trainings_record_id_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("record_id", "position", name=op.f("pk_record_trainings")),
    )
    with op.batch_alter_table("record_trainings", schema=None) as batch_op:
        batch_op.create_index("ix_record_trainings_year", ["year"], unique=False)


def downgrade() -> None:
    """Revert this migration."""
    with op.batch_alter_table("record_trainings", schema=None) as batch_op:
        batch_op.drop_index("ix_record_trainings_year")

    op.drop_table("record_trainings")
    op.drop_table("users")
    with op.batch_alter_table("tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tokens_username"))

    op.drop_table("tokens")
    op.drop_table("targets")
    op.drop_table("seq_counter")
    with op.batch_alter_table("records", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_records_live_id_number",
            sqlite_where=sa.text("NOT deleted"),
            postgresql_where=sa.text("NOT deleted"),
        )
        batch_op.drop_index("ix_records_survey_date")
        batch_op.drop_index("ix_records_seq")
        batch_op.drop_index("ix_records_region_code")
        batch_op.drop_index("ix_records_id_number")

    op.drop_table("records")
    with op.batch_alter_table("record_versions", schema=None) as batch_op:
        batch_op.drop_index("ix_record_versions_seq")

    op.drop_table("record_versions")
    op.drop_table("ops")
    with op.batch_alter_table("login_failures", schema=None) as batch_op:
        batch_op.drop_index("ix_login_failures_key_failed_at")

    op.drop_table("login_failures")
    op.drop_table("base_population")
