"""What the review rates need of ``reviews``, kept there so they count it alone.

``is_current``: whether the version a record's latest review judged is still the record's.
A review sets it; the database clears it when any writer (push, import, void) adds a version
of the record to ``record_versions``, by a trigger, so no writer has to know of reviews.
``returned_at``: when the record was first returned. An index over the current reviews by
region holds every column the review rates read of them; one of the review times finds
the reviews made after a period's end. An upgrade fills both columns from what the
database holds: current where the record's seq is still the review's (the rule of
:mod:`sync.central.reviews`), first returned at the earliest accepted return of the audit.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 16:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_TRIGGER = "tr_record_versions_review_superseded"
_FUNCTION = "review_superseded"

_SQLITE_TRIGGER = f"""
CREATE TRIGGER {_TRIGGER} AFTER INSERT ON record_versions FOR EACH ROW
BEGIN
    UPDATE reviews SET is_current = 0 WHERE record_id = NEW.record_id AND is_current;
END
"""

_POSTGRES_FUNCTION = f"""
CREATE FUNCTION {_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE reviews SET is_current = false WHERE record_id = NEW.record_id AND is_current;
    RETURN NULL;
END
$$
"""

_POSTGRES_TRIGGER = f"""
CREATE TRIGGER {_TRIGGER} AFTER INSERT ON record_versions
FOR EACH ROW EXECUTE FUNCTION {_FUNCTION}()
"""

_FILL_CURRENT = """
UPDATE reviews SET is_current = EXISTS (
    SELECT 1 FROM records
    WHERE records.record_id = reviews.record_id AND records.seq = reviews.seq
)
"""

_FILL_RETURNED = """
UPDATE reviews SET returned_at = (
    SELECT min(review_ops.received_at) FROM review_ops
    WHERE review_ops.record_id = reviews.record_id
      AND review_ops.decision = 'return' AND review_ops.status = 'accepted'
)
"""


def upgrade() -> None:
    """Apply this migration."""
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_current", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("returned_at", sa.DateTime(timezone=True), nullable=True))
    op.execute(_FILL_CURRENT)
    op.execute(_FILL_RETURNED)
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.alter_column("is_current", existing_type=sa.Boolean(), server_default=None)
        batch_op.create_index(
            "ix_reviews_is_current_region_code",
            ["is_current", "region_code", "survey_date", "reviewed_at", "returned_at"],
            unique=False,
        )
        batch_op.create_index("ix_reviews_reviewed_at", ["reviewed_at"], unique=False)
    # After the batches: SQLite's batch mode copies ``reviews`` to a new table.
    if _postgres():
        op.execute(_POSTGRES_FUNCTION)
        op.execute(_POSTGRES_TRIGGER)
    else:
        op.execute(_SQLITE_TRIGGER)


def downgrade() -> None:
    """Revert this migration."""
    op.execute(f"DROP TRIGGER {_TRIGGER}" + (" ON record_versions" if _postgres() else ""))
    if _postgres():
        op.execute(f"DROP FUNCTION {_FUNCTION}()")
    with op.batch_alter_table("reviews", schema=None) as batch_op:
        batch_op.drop_index("ix_reviews_reviewed_at")
        batch_op.drop_index("ix_reviews_is_current_region_code")
        batch_op.drop_column("returned_at")
        batch_op.drop_column("is_current")


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"
